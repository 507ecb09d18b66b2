package org.normscope.scenario;

import org.normscope.engine.Momentum;

/**
 * The {@code layer} of a scenario, with PyTorch's defaults filled in for the fields the
 * file leaves out. {@code weight} and {@code bias} are null when the file does not set
 * them (ones and zeros then); {@code runningMean}, {@code runningVar} and
 * {@code numBatchesTracked} are null when the file does not set the layer's state before the
 * first step (zeros, ones and 0 then). {@code normalizedShape} belongs to LayerNorm,
 * {@code numGroups} and {@code numChannels} to GroupNorm; {@code numFeatures},
 * {@code momentum} and the running statistics to BatchNorm and InstanceNorm (a LayerNorm or
 * GroupNorm spec has {@code numFeatures} 0 and {@code trackRunningStats} false).
 */
public record LayerSpec(LayerKind type, int numFeatures, double eps, Momentum momentum, boolean affine,
        boolean trackRunningStats, float[] weight, float[] bias, int[] normalizedShape, int numGroups,
        int numChannels, float[] runningMean, float[] runningVar, Long numBatchesTracked) {

    /** A spec without an initial state (a new layer's running stats). */
    public LayerSpec(LayerKind type, int numFeatures, double eps, Momentum momentum, boolean affine,
            boolean trackRunningStats, float[] weight, float[] bias, int[] normalizedShape, int numGroups,
            int numChannels) {
        this(type, numFeatures, eps, momentum, affine, trackRunningStats, weight, bias, normalizedShape, numGroups,
                numChannels, null, null, null);
    }

    /** A BatchNorm layer spec with the given arguments and default parameters. */
    public static LayerSpec batchNorm(LayerKind type, int numFeatures, double eps, Momentum momentum,
            boolean affine, boolean trackRunningStats) {
        return new LayerSpec(type, numFeatures, eps, momentum, affine, trackRunningStats, null, null, null, 0, 0);
    }

    /** The same spec with initial affine parameters (null keeps ones/zeros). */
    public LayerSpec withParameters(float[] newWeight, float[] newBias) {
        return new LayerSpec(type, numFeatures, eps, momentum, affine, trackRunningStats, newWeight, newBias,
                normalizedShape, numGroups, numChannels, runningMean, runningVar, numBatchesTracked);
    }

    /**
     * The same spec with the layer's state before the first step (null keeps a new layer's
     * zeros, ones and 0): a scenario that continues a session part-way through.
     */
    public LayerSpec withState(float[] newRunningMean, float[] newRunningVar, Long newNumBatchesTracked) {
        return new LayerSpec(type, numFeatures, eps, momentum, affine, trackRunningStats, weight, bias,
                normalizedShape, numGroups, numChannels, newRunningMean, newRunningVar, newNumBatchesTracked);
    }
}
