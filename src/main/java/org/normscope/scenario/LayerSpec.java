package org.normscope.scenario;

import org.normscope.engine.Momentum;

/**
 * The {@code layer} of a scenario, with PyTorch's defaults filled in for the fields the
 * file leaves out. {@code weight} and {@code bias} are null when the file does not set
 * them (ones and zeros then). {@code normalizedShape}, {@code numGroups} and
 * {@code numChannels} belong to LayerNorm and GroupNorm, which the engine does not have yet.
 */
public record LayerSpec(LayerType type, int numFeatures, double eps, Momentum momentum, boolean affine,
        boolean trackRunningStats, float[] weight, float[] bias, int[] normalizedShape, int numGroups,
        int numChannels) {

    /** A BatchNorm layer spec with the given arguments and default parameters. */
    public static LayerSpec batchNorm(LayerType type, int numFeatures, double eps, Momentum momentum,
            boolean affine, boolean trackRunningStats) {
        return new LayerSpec(type, numFeatures, eps, momentum, affine, trackRunningStats, null, null, null, 0, 0);
    }

    /** The same spec with initial affine parameters (null keeps ones/zeros). */
    public LayerSpec withParameters(float[] newWeight, float[] newBias) {
        return new LayerSpec(type, numFeatures, eps, momentum, affine, trackRunningStats, newWeight, newBias,
                normalizedShape, numGroups, numChannels);
    }
}
