package org.normscope.session;

import java.util.Arrays;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;

/**
 * What a step ran with, besides the running stats: enough to run it again and print it as it
 * was printed. The session makes a new one only when something changed, so consecutive steps
 * share one.
 *
 * @param config the layer's arguments (eps as it applied to the step)
 * @param training train or eval mode
 * @param weight γ at the step (null without affine); a copy
 * @param bias β at the step (null without affine); a copy
 * @param batches how the step's batch was drawn
 * @param compareMomentum the comparison layer's momentum, or null without one
 */
public record StepSetup(LayerConfig config, boolean training, float[] weight, float[] bias, BatchSpec batches,
                        Momentum compareMomentum) {

    public StepSetup {
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

    /**
     * Whether a step with {@code o} ran the same layer (config, mode, weight, bias) on the same
     * batches: the comparison layer aside, which is no part of the layer's journal.
     */
    boolean sameLayerAs(StepSetup o) {
        return config.equals(o.config) && training == o.training && Arrays.equals(weight, o.weight)
                && Arrays.equals(bias, o.bias) && batches.equals(o.batches);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepSetup s && config.equals(s.config) && training == s.training
                && Arrays.equals(weight, s.weight) && Arrays.equals(bias, s.bias) && batches.equals(s.batches)
                && java.util.Objects.equals(compareMomentum, s.compareMomentum);
    }

    @Override
    public int hashCode() {
        return config.hashCode() * 31 + batches.hashCode();
    }

    @Override
    public String toString() {
        return "StepSetup[" + config + (training ? ", train" : ", eval") + ", " + batches + "]";
    }
}
