package org.normscope.engine;

/** PyTorch's {@code nn.InstanceNorm2d}: inputs of shape (N, C, H, W) or (C, H, W) unbatched. See {@link InstanceNorm}. */
public final class InstanceNorm2d extends InstanceNorm {

    /** {@code InstanceNorm2d(num_features)} with PyTorch's defaults (eps 1e-5, momentum 0.1, no affine, no tracking). */
    public InstanceNorm2d(int numFeatures) {
        this(numFeatures, BatchNorm.DEFAULT_EPS, Momentum.DEFAULT, false, false);
    }

    /** {@code InstanceNorm2d(num_features, eps, momentum, affine, track_running_stats)}. */
    public InstanceNorm2d(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    public String kind() {
        return "InstanceNorm2d";
    }

    @Override
    protected int noBatchDim() {
        return 3;
    }
}
