package org.normscope.session;

import java.util.Arrays;
import java.util.Objects;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.GroupNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.scenario.LayerKind;

/**
 * A normalization layer's constructor arguments. {@code kind}, {@code numFeatures},
 * {@code affine}, {@code trackRunningStats}, {@code numGroups} and {@code normalizedDims} are
 * fixed at construction in PyTorch: changing one builds a new layer. {@code eps} and
 * {@code momentum} are plain attributes that apply from the next forward.
 *
 * <p>Which arguments a kind has: BatchNorm and InstanceNorm {@code (num_features, eps, momentum,
 * affine, track_running_stats)}; LayerNorm {@code (normalized_shape, eps, elementwise_affine)},
 * where {@code normalized_shape} is the input's last {@code normalizedDims} sizes (counting C);
 * GroupNorm {@code (num_groups, num_channels, eps, affine)}. The others are carried along
 * unused: momentum stays what it was, tracking is always false for LayerNorm and GroupNorm.
 *
 * @param numFeatures {@code C}, from 1 to {@link #MAX_FEATURES}
 * @param eps a finite number at least 0
 * @param numGroups GroupNorm's {@code num_groups}, a divisor of C (1 for the other kinds)
 * @param normalizedDims LayerNorm's number of normalized trailing dims, from 1 to 4 (1 for the other kinds)
 */
public record LayerConfig(LayerKind kind, int numFeatures, double eps, Momentum momentum, boolean affine,
                          boolean trackRunningStats, int numGroups, int normalizedDims) {

    /** The most channels the app shows. */
    public static final int MAX_FEATURES = 64;

    public LayerConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(momentum, "momentum");
        if (numFeatures < 1 || numFeatures > MAX_FEATURES) {
            throw new IllegalArgumentException("num_features must be from 1 to " + MAX_FEATURES + ", got " + numFeatures);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number at least 0, got " + eps);
        }
        if (trackRunningStats && !kind.hasMomentum()) {
            throw new IllegalArgumentException(kind + " keeps no running stats");
        }
        if (numGroups < 1) {
            throw new IllegalArgumentException("num_groups must be at least 1, got " + numGroups);
        }
        if (kind == LayerKind.GROUP_NORM) {
            try {
                GroupNorm.checkArguments(numGroups, numFeatures);
            } catch (org.normscope.engine.TorchError e) {
                throw new IllegalArgumentException(e.getMessage()); // PyTorch's "num_channels must be divisible by num_groups"
            }
        } else if (numGroups != 1) {
            throw new IllegalArgumentException(kind + " has no num_groups");
        }
        if (normalizedDims < 1 || normalizedDims > 4 || (kind != LayerKind.LAYER_NORM && normalizedDims != 1)) {
            throw new IllegalArgumentException("normalized dims must be from 1 to 4 for LayerNorm (1 otherwise), got "
                    + normalizedDims);
        }
    }

    /** A BatchNorm or InstanceNorm layer's arguments. */
    public LayerConfig(LayerKind kind, int numFeatures, double eps, Momentum momentum, boolean affine,
                       boolean trackRunningStats) {
        this(kind, numFeatures, eps, momentum, affine, trackRunningStats, 1, 1);
    }

    /** The notebook's {@code nn.BatchNorm1d(4, eps=0, momentum=0.3)}. */
    public static LayerConfig notebook() {
        return new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 0.0, Momentum.of(0.3), true, true);
    }

    /** {@code kind}'s layer on C channels with PyTorch's defaults (GroupNorm: as many groups as fit, at most C/2 or 1). */
    public static LayerConfig defaults(LayerKind kind, int numFeatures) {
        int groups = kind == LayerKind.GROUP_NORM ? defaultGroups(numFeatures) : 1;
        return new LayerConfig(kind, numFeatures, 1e-5, Momentum.of(0.1), kind.defaultAffine(),
                kind.defaultTrackRunningStats(), groups, 1);
    }

    /** GroupNorm's groups when nothing else is asked: C/2 groups of two channels (one group for one channel). */
    public static int defaultGroups(int channels) {
        return channels % 2 == 0 ? channels / 2 : 1;
    }

    /** The divisors of C, in order: the num_groups GroupNorm can take. */
    public static int[] divisors(int channels) {
        return org.normscope.engine.GroupNorm.groupCounts(channels);
    }

    /** LayerNorm's {@code normalized_shape} for input {@code (N, C, *spatial)}: its last {@code normalizedDims} sizes. */
    public int[] normalizedShape(int[] spatial) {
        int[] afterN = new int[1 + spatial.length];
        afterN[0] = numFeatures;
        System.arraycopy(spatial, 0, afterN, 1, spatial.length);
        int k = Math.min(normalizedDims, afterN.length);
        return Arrays.copyOfRange(afterN, afterN.length - k, afterN.length);
    }

    /** Whether input {@code (N, C, *spatial)} fits this layer: the kind takes it, and LayerNorm's dims reach no further than C. */
    public boolean fits(int[] spatial) {
        return kind.accepts(spatial) && (kind != LayerKind.LAYER_NORM || normalizedDims <= 1 + spatial.length);
    }

    /**
     * Refuses batches this layer cannot take.
     *
     * @throws IllegalArgumentException if they have another number of channels than the layer, or a shape the kind refuses
     */
    void checkTakes(BatchSpec batches) {
        if (batches.channels() != numFeatures) {
            throw new IllegalArgumentException("the batches have " + batches.channels() + " channels but the layer has "
                    + numFeatures);
        }
        if (!fits(batches.spatial())) {
            throw new IllegalArgumentException(kind + " does not take input of shape " + Arrays.toString(batches.shape()));
        }
    }

    /**
     * A new layer with these arguments for input {@code (N, C, *spatial)}, in train mode, as PyTorch
     * constructs it (only LayerNorm needs the spatial sizes, for its {@code normalized_shape}).
     */
    public NormLayer build(int[] spatial) {
        return kind.create(numFeatures, eps, momentum, affine, trackRunningStats, numGroups,
                kind == LayerKind.LAYER_NORM ? normalizedShape(spatial) : null);
    }

    /** How many values weight and bias hold (with affine): LayerNorm's {@code ∏ normalized_shape}, else C. */
    public int parameterCount(int[] spatial) {
        if (kind != LayerKind.LAYER_NORM) {
            return numFeatures;
        }
        long n = 1;
        for (int d : normalizedShape(spatial)) {
            n *= d;
        }
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    /** Whether the layer keeps running statistics (only BatchNorm and InstanceNorm can). */
    public boolean hasRunningStats() {
        return trackRunningStats;
    }

    /** Whether going from this config to {@code other} needs a new layer (a constructor-only argument changed). */
    public boolean needsRebuildFor(LayerConfig other) {
        return kind != other.kind || numFeatures != other.numFeatures || affine != other.affine
                || trackRunningStats != other.trackRunningStats || numGroups != other.numGroups
                || normalizedDims != other.normalizedDims;
    }

    /**
     * Another kind, keeping eps, momentum and C; affine and tracking become the new kind's defaults
     * when the kind's family changes (InstanceNorm's are off), GroupNorm gets its default groups.
     */
    public LayerConfig withKind(LayerKind k) {
        boolean sameFamily = k.isBatchNorm() == kind.isBatchNorm() && k.isInstanceNorm() == kind.isInstanceNorm()
                && (k.hasMomentum() || k == kind);
        boolean a = sameFamily ? affine : k.defaultAffine();
        boolean t = sameFamily ? trackRunningStats : k.defaultTrackRunningStats();
        int g = k == LayerKind.GROUP_NORM ? (kind == k ? numGroups : defaultGroups(numFeatures)) : 1;
        int d = k == LayerKind.LAYER_NORM ? normalizedDims : 1;
        return new LayerConfig(k, numFeatures, eps, momentum, a, t, g, d);
    }

    /** Another C (GroupNorm keeps its groups if they still divide C, else takes the default). */
    public LayerConfig withNumFeatures(int c) {
        int g = kind == LayerKind.GROUP_NORM ? (c % numGroups == 0 && numGroups <= c ? numGroups : defaultGroups(c)) : 1;
        return new LayerConfig(kind, c, eps, momentum, affine, trackRunningStats, g, normalizedDims);
    }

    public LayerConfig withEps(double e) {
        return new LayerConfig(kind, numFeatures, e, momentum, affine, trackRunningStats, numGroups, normalizedDims);
    }

    public LayerConfig withMomentum(Momentum m) {
        return new LayerConfig(kind, numFeatures, eps, m, affine, trackRunningStats, numGroups, normalizedDims);
    }

    public LayerConfig withAffine(boolean a) {
        return new LayerConfig(kind, numFeatures, eps, momentum, a, trackRunningStats, numGroups, normalizedDims);
    }

    public LayerConfig withTrackRunningStats(boolean t) {
        return new LayerConfig(kind, numFeatures, eps, momentum, affine, t, numGroups, normalizedDims);
    }

    /** GroupNorm's num_groups. @throws IllegalArgumentException if it does not divide C */
    public LayerConfig withNumGroups(int g) {
        return new LayerConfig(kind, numFeatures, eps, momentum, affine, trackRunningStats, g, normalizedDims);
    }

    /** LayerNorm's number of normalized trailing dims. */
    public LayerConfig withNormalizedDims(int d) {
        return new LayerConfig(kind, numFeatures, eps, momentum, affine, trackRunningStats, numGroups, d);
    }
}
