package org.normscope.scenario;

import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;

/** One step of a scenario: a forward pass, {@code reset_running_stats()}, or a change of the layer ({@code set}). */
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

    /**
     * A change of the layer between forwards, as the Python assignments would make it:
     * {@code layer.eps = …}, {@code layer.momentum = …} (None for a cumulative average), and
     * {@code layer.weight.copy_(…)}, {@code layer.bias.copy_(…)} under {@code torch.no_grad()}.
     * A null field is left as it is.
     *
     * @param eps the new eps, or null
     * @param momentum the new momentum ({@link Momentum#CUMULATIVE} for None), or null
     * @param weight every channel's new weight, or null
     * @param bias every channel's new bias, or null
     */
    record Set(Double eps, Momentum momentum, float[] weight, float[] bias) implements Step {
        public Set {
            weight = weight == null ? null : weight.clone();
            bias = bias == null ? null : bias.clone();
        }

        @Override
        public float[] weight() {
            return weight == null ? null : weight.clone();
        }

        @Override
        public float[] bias() {
            return bias == null ? null : bias.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Set s && java.util.Objects.equals(eps, s.eps) && java.util.Objects.equals(momentum,
                    s.momentum) && java.util.Arrays.equals(weight, s.weight) && java.util.Arrays.equals(bias, s.bias);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(eps, momentum) * 31 + java.util.Arrays.hashCode(weight);
        }

        @Override
        public String toString() {
            return "Set[eps=" + eps + ", momentum=" + momentum + ", weight=" + java.util.Arrays.toString(weight)
                    + ", bias=" + java.util.Arrays.toString(bias) + "]";
        }
    }
}
