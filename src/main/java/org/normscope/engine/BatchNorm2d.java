package org.normscope.engine;

/** PyTorch's {@code nn.BatchNorm2d}: inputs of shape (N, C, H, W). See {@link BatchNorm}. */
public final class BatchNorm2d extends BatchNorm {

    /** {@code BatchNorm2d(num_features)} with PyTorch's defaults (eps 1e-5, momentum 0.1, affine, tracking). */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, Momentum.DEFAULT, true, true);
    }

    /** {@code BatchNorm2d(num_features, eps, momentum, affine, track_running_stats)}. */
    public BatchNorm2d(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    public String kind() {
        return "BatchNorm2d";
    }

    @Override
    protected void checkInputDim(int dim) {
        if (dim != 4) {
            throw TorchError.valueError("expected 4D input (got " + dim + "D input)");
        }
    }
}
