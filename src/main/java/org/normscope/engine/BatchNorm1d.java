package org.normscope.engine;

/** PyTorch's {@code nn.BatchNorm1d}: inputs of shape (N, C) or (N, C, L). See {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {

    /** {@code BatchNorm1d(num_features)} with PyTorch's defaults (eps 1e-5, momentum 0.1, affine, tracking). */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, Momentum.DEFAULT, true, true);
    }

    /** {@code BatchNorm1d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm1d(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    public String kind() {
        return "BatchNorm1d";
    }

    @Override
    protected void checkInputDim(int dim) {
        if (dim != 2 && dim != 3) {
            throw TorchError.valueError("expected 2D or 3D input (got " + dim + "D input)");
        }
    }
}
