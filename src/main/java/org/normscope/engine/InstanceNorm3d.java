package org.normscope.engine;

/** PyTorch's {@code nn.InstanceNorm3d}: inputs of shape (N, C, D, H, W) or (C, D, H, W) unbatched. See {@link InstanceNorm}. */
public final class InstanceNorm3d extends InstanceNorm {

    /** {@code InstanceNorm3d(num_features)} with PyTorch's defaults (eps 1e-5, momentum 0.1, no affine, no tracking). */
    public InstanceNorm3d(int numFeatures) {
        this(numFeatures, BatchNorm.DEFAULT_EPS, Momentum.DEFAULT, false, false);
    }

    /** {@code InstanceNorm3d(num_features, eps, momentum, affine, track_running_stats)}. */
    public InstanceNorm3d(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    public String kind() {
        return "InstanceNorm3d";
    }

    @Override
    protected int noBatchDim() {
        return 4;
    }
}
