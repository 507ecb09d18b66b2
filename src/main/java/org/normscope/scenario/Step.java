package org.normscope.scenario;

import org.normscope.engine.Tensor;

/** One step of a scenario: a forward pass, or {@code reset_running_stats()}. */
public sealed interface Step {

    /** The mode a forward runs in. */
    enum Mode {
        train, eval
    }

    /**
     * {@code layer.train()/eval()} then {@code layer(input)}; with a {@code gradOutput}, one
     * backward pass of it too (gradients do not accumulate across steps).
     */
    record Forward(Mode mode, Tensor input, Tensor gradOutput) implements Step {
    }

    /** {@code layer.reset_running_stats()}. */
    record ResetRunningStats() implements Step {
    }
}
