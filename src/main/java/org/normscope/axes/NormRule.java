package org.normscope.axes;

/**
 * Which values share one mean and variance: the layer type, and its one argument that changes
 * the grouping (GroupNorm's {@code num_groups}, LayerNorm's number of normalized trailing dims).
 *
 * <ul>
 *   <li>{@link Type#BATCH} (BatchNorm1d/2d/3d): one set per channel {@code c}, over every sample
 *       and position: {@code x[:, c, …]}, {@code N·∏spatial} values;
 *   <li>{@link Type#INSTANCE} (InstanceNorm1d/2d/3d): one set per sample and channel,
 *       {@code x[n, c, …]}, {@code ∏spatial} values (1 for {@code (N, C)}: refused);
 *   <li>{@link Type#LAYER} (LayerNorm over the last {@code k} dims): one set per index of the
 *       leading {@code rank − k} dims, {@code ∏(last k sizes)} values; {@code k = rank − 1}
 *       is one set per sample;
 *   <li>{@link Type#GROUP} (GroupNorm(G, C)): one set per sample and group of {@code C/G}
 *       consecutive channels, {@code x[n, g·C/G:(g+1)·C/G, …]}, {@code C/G·∏spatial} values.
 * </ul>
 *
 * @param type the layer type
 * @param groups GroupNorm's {@code G} (a divisor of C); 0 for the other types
 * @param layerDims LayerNorm's number of normalized trailing dims {@code k} (1 to rank − 1); 0 for the others
 */
public record NormRule(Type type, int groups, int layerDims) {

    /** The four layer types of the explorer. */
    public enum Type { BATCH, INSTANCE, LAYER, GROUP }

    public NormRule {
        if (type == null) {
            throw new IllegalArgumentException("no layer type");
        }
        if (type == Type.GROUP ? groups < 1 : groups != 0) {
            throw new IllegalArgumentException("groups goes with GroupNorm, at least 1: " + groups);
        }
        if (type == Type.LAYER ? layerDims < 1 : layerDims != 0) {
            throw new IllegalArgumentException("layerDims goes with LayerNorm, at least 1: " + layerDims);
        }
    }

    public static NormRule batch() {
        return new NormRule(Type.BATCH, 0, 0);
    }

    public static NormRule instance() {
        return new NormRule(Type.INSTANCE, 0, 0);
    }

    /** LayerNorm over the last {@code k} dims. */
    public static NormRule layer(int k) {
        return new NormRule(Type.LAYER, 0, k);
    }

    public static NormRule group(int g) {
        return new NormRule(Type.GROUP, g, 0);
    }

    /**
     * The rule of a PyTorch class name ({@code BatchNorm2d}, {@code InstanceNorm1d},
     * {@code LayerNorm}, {@code GroupNorm}) for an input of {@code rank} dims and {@code C}
     * channels: LayerNorm over everything but N, GroupNorm with {@link #defaultGroups(int)}.
     *
     * @throws IllegalArgumentException for another name
     */
    public static NormRule ofTorchName(String name, int rank, int channels) {
        if (name.startsWith("BatchNorm")) {
            return batch();
        }
        if (name.startsWith("InstanceNorm")) {
            return instance();
        }
        if (name.equals("LayerNorm")) {
            return layer(rank - 1);
        }
        if (name.equals("GroupNorm")) {
            return group(defaultGroups(channels));
        }
        throw new IllegalArgumentException("unknown layer \"" + name
                + "\": expected BatchNorm…, InstanceNorm…, LayerNorm or GroupNorm");
    }

    /** The groups shown first for C channels: 2 if C is even (pairs of channels stand out), else 1. */
    public static int defaultGroups(int channels) {
        return channels % 2 == 0 && channels > 2 ? 2 : 1;
    }

    /** The divisors of {@code c}, ascending: the {@code num_groups} GroupNorm takes. */
    public static int[] divisors(int c) {
        return org.normscope.engine.GroupNorm.groupCounts(c);
    }

    /**
     * Whether this rule applies to an input of {@code shape} as the explorer draws it: GroupNorm's
     * G divides C, LayerNorm's k is from 1 to rank − 1.
     */
    public boolean fits(int[] shape) {
        return switch (type) {
            case GROUP -> shape[1] % groups == 0;
            case LAYER -> layerDims <= shape.length - 1;
            default -> true;
        };
    }

    /**
     * The PyTorch module, as a caption names it: {@code BatchNorm2d}, {@code InstanceNorm1d}
     * (by the rank: 1d for {@code (N, C)} and {@code (N, C, L)}), {@code LayerNorm([3, 3])},
     * {@code GroupNorm(2, 4)}.
     */
    public String moduleName(int[] shape) {
        String d = Math.max(1, shape.length - 2) + "d";
        return switch (type) {
            case BATCH -> "BatchNorm" + d;
            case INSTANCE -> "InstanceNorm" + d;
            case LAYER -> "LayerNorm(" + java.util.Arrays.toString(
                    java.util.Arrays.copyOfRange(shape, shape.length - layerDims, shape.length)) + ")";
            case GROUP -> "GroupNorm(" + groups + ", " + shape[1] + ")";
        };
    }
}
