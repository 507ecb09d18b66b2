package org.normscope.scenario;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;
import org.normscope.engine.GroupNorm;
import org.normscope.engine.InstanceNorm1d;
import org.normscope.engine.InstanceNorm2d;
import org.normscope.engine.InstanceNorm3d;
import org.normscope.engine.LayerNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;

/**
 * The normalization layers NormScope runs (the window steps them, a scenario file names them by
 * {@link #torchName()}), and what each one's constructor and input are:
 * BatchNorm1d/2d/3d and InstanceNorm1d/2d/3d (built on PyTorch's {@code _NormBase}: a momentum
 * and, optionally, running statistics), LayerNorm and GroupNorm (no running statistics ever).
 *
 * <p>Which values share one mean and variance (a "group"), for input {@code (N, C, *spatial)}:
 * BatchNorm, one group per channel, over {@code N·∏spatial} values; InstanceNorm, one per sample
 * and channel, over {@code ∏spatial}; LayerNorm, one per sample (over the normalized trailing
 * dims; per sample and leading dims when they do not reach back to C); GroupNorm, one per sample
 * and group of {@code C/G} channels.
 */
public enum LayerKind {
    /** Input {@code (N, C)} or {@code (N, C, L)}. */
    BATCH_NORM_1D("BatchNorm1d", "L"),
    /** Input {@code (N, C, H, W)}. */
    BATCH_NORM_2D("BatchNorm2d", "H", "W"),
    /** Input {@code (N, C, D, H, W)}. */
    BATCH_NORM_3D("BatchNorm3d", "D", "H", "W"),
    /** Input {@code (N, C, L)}. */
    INSTANCE_NORM_1D("InstanceNorm1d", "L"),
    /** Input {@code (N, C, H, W)}. */
    INSTANCE_NORM_2D("InstanceNorm2d", "H", "W"),
    /** Input {@code (N, C, D, H, W)}. */
    INSTANCE_NORM_3D("InstanceNorm3d", "D", "H", "W"),
    /** Input {@code (N, C, *)} with zero to three sizes after C; normalizes each sample over its trailing dims. */
    LAYER_NORM("LayerNorm"),
    /** Input {@code (N, C, *)} with zero to three sizes after C; normalizes each sample's groups of channels. */
    GROUP_NORM("GroupNorm");

    private final String torchName;
    private final String[] spatialNames;

    LayerKind(String torchName, String... spatialNames) {
        this.torchName = torchName;
        this.spatialNames = spatialNames;
    }

    /** PyTorch's class name, {@code BatchNorm1d}. */
    public String torchName() {
        return torchName;
    }

    /**
     * The names of the sizes after {@code C}: {@code L}; {@code H, W}; {@code D, H, W}. LayerNorm and
     * GroupNorm take any of these; they name them by {@link #spatialNamesFor(int)}.
     */
    public String[] spatialNames() {
        return spatialNames.clone();
    }

    /** The names of {@code count} sizes after C, as the batch-norm kind of that rank names them. */
    public static String[] spatialNamesFor(int count) {
        return switch (count) {
            case 0 -> new String[0];
            case 1 -> BATCH_NORM_1D.spatialNames();
            case 2 -> BATCH_NORM_2D.spatialNames();
            default -> BATCH_NORM_3D.spatialNames();
        };
    }

    /** Whether this kind has PyTorch's BatchNorm arguments: {@code momentum} and {@code track_running_stats}. */
    public boolean hasMomentum() {
        return isBatchNorm() || isInstanceNorm();
    }

    /** BatchNorm1d, 2d or 3d. */
    public boolean isBatchNorm() {
        return this == BATCH_NORM_1D || this == BATCH_NORM_2D || this == BATCH_NORM_3D;
    }

    /** InstanceNorm1d, 2d or 3d. */
    public boolean isInstanceNorm() {
        return this == INSTANCE_NORM_1D || this == INSTANCE_NORM_2D || this == INSTANCE_NORM_3D;
    }

    /** PyTorch's default for {@code affine} (and {@code elementwise_affine}): false for InstanceNorm only. */
    public boolean defaultAffine() {
        return !isInstanceNorm();
    }

    /** PyTorch's default for {@code track_running_stats}: true for BatchNorm, false for the others. */
    public boolean defaultTrackRunningStats() {
        return isBatchNorm();
    }

    /**
     * Whether {@code spatial} fits this kind (BatchNorm1d also takes {@code (N, C)}, with no L;
     * LayerNorm and GroupNorm take zero to three sizes after C).
     */
    public boolean accepts(int[] spatial) {
        if (this == LAYER_NORM || this == GROUP_NORM) {
            return spatial.length <= 3;
        }
        return spatial.length == spatialNames.length || (this == BATCH_NORM_1D && spatial.length == 0);
    }

    /** The kind with this PyTorch name. */
    public static LayerKind ofTorchName(String name) {
        for (LayerKind k : values()) {
            if (k.torchName.equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown layer \"" + name + "\": expected BatchNorm1d, BatchNorm2d, "
                + "BatchNorm3d, InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, LayerNorm or GroupNorm");
    }

    /**
     * A new layer of this kind, in train mode, as PyTorch constructs it: the one factory from a
     * kind and its arguments to an engine layer.
     *
     * @param numFeatures     {@code C}: BatchNorm's and InstanceNorm's {@code num_features}, GroupNorm's
     *                        {@code num_channels} (LayerNorm takes its size from {@code normalizedShape})
     * @param momentum        BatchNorm's and InstanceNorm's (the others have none)
     * @param track           {@code track_running_stats}, BatchNorm's and InstanceNorm's
     * @param numGroups       GroupNorm's {@code num_groups}
     * @param normalizedShape LayerNorm's {@code normalized_shape}
     * @throws org.normscope.engine.TorchError for a GroupNorm whose channels do not divide into its groups
     */
    public NormLayer create(int numFeatures, double eps, Momentum momentum, boolean affine, boolean track,
            int numGroups, int[] normalizedShape) {
        return switch (this) {
            case BATCH_NORM_1D -> new BatchNorm1d(numFeatures, eps, momentum, affine, track);
            case BATCH_NORM_2D -> new BatchNorm2d(numFeatures, eps, momentum, affine, track);
            case BATCH_NORM_3D -> new BatchNorm3d(numFeatures, eps, momentum, affine, track);
            case INSTANCE_NORM_1D -> new InstanceNorm1d(numFeatures, eps, momentum, affine, track);
            case INSTANCE_NORM_2D -> new InstanceNorm2d(numFeatures, eps, momentum, affine, track);
            case INSTANCE_NORM_3D -> new InstanceNorm3d(numFeatures, eps, momentum, affine, track);
            case LAYER_NORM -> new LayerNorm(normalizedShape, eps, affine);
            case GROUP_NORM -> new GroupNorm(numGroups, numFeatures, eps, affine);
        };
    }

    /** Every kind's PyTorch name, {@code BatchNorm1d, BatchNorm2d, ...} (for a message). */
    static String allNames() {
        return Arrays.stream(values()).map(LayerKind::torchName).collect(Collectors.joining(", "));
    }

    /** The BatchNorm kinds' PyTorch names (for a message). */
    static String batchNormNames() {
        return Arrays.stream(values()).filter(LayerKind::isBatchNorm).map(LayerKind::torchName)
                .collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return torchName;
    }
}
