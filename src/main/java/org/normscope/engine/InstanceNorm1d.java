package org.normscope.engine;

/** PyTorch's {@code nn.InstanceNorm1d}: inputs of shape (N, C, L) or (C, L) unbatched. See {@link InstanceNorm}. */
public final class InstanceNorm1d extends InstanceNorm {

    /** {@code InstanceNorm1d(num_features)} with PyTorch's defaults (eps 1e-5, momentum 0.1, no affine, no tracking). */
    public InstanceNorm1d(int numFeatures) {
        this(numFeatures, BatchNorm.DEFAULT_EPS, Momentum.DEFAULT, false, false);
    }

    /** {@code InstanceNorm1d(num_features, eps, momentum, affine, track_running_stats)}. */
    public InstanceNorm1d(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    public String kind() {
        return "InstanceNorm1d";
    }

    @Override
    protected int noBatchDim() {
        return 2;
    }
}
