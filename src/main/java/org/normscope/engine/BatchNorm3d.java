package org.normscope.engine;

/** PyTorch's {@code nn.BatchNorm3d}: inputs of shape (N, C, D, H, W). See {@link BatchNorm}. */
public final class BatchNorm3d extends BatchNorm {

    /** {@code BatchNorm3d(num_features)} with PyTorch's defaults (eps 1e-5, momentum 0.1, affine, tracking). */
    public BatchNorm3d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, Momentum.DEFAULT, true, true);
    }

    /** {@code BatchNorm3d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm3d(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    public String kind() {
        return "BatchNorm3d";
    }

    @Override
    protected void checkInputDim(int dim) {
        if (dim != 5) {
            throw TorchError.valueError("expected 5D input (got " + dim + "D input)");
        }
    }
}
