package org.normscope.axes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sets of values of an input {@code (N, C, *)} that share one mean and variance under a
 * {@link NormRule}. A value is named by {@code (n, c, p)}: its sample, its channel and its
 * position {@code p} among the channel's {@code P = ∏spatial} values, flattened in PyTorch's
 * (row-major) order ({@code p = h·W + w} for {@code (N, C, H, W)}); {@code P = 1} for
 * {@code (N, C)}.
 *
 * <p>Sets are numbered in the order the engine stores their statistics:
 * <pre>
 *   BatchNorm       set = c                              size N·P
 *   InstanceNorm    set = n·C + c                        size P
 *   GroupNorm(G)    set = n·G + c / (C/G)                size (C/G)·P
 *   LayerNorm(k)    set = ((n·C + c)·P + p) / L          size L = ∏(last k sizes)
 * </pre>
 * Every set is a box of the grid the explorer draws (samples × channels × positions):
 * {@link #box(int)}.
 */
public final class StatSets {

    private static final String[][] NAMES = {
        {"N", "C"}, {"N", "C", "L"}, {"N", "C", "H", "W"}, {"N", "C", "D", "H", "W"}};

    private final int[] shape;
    private final NormRule rule;
    private final int n;
    private final int c;
    private final int p;
    private final int size;
    private final int count;

    /** Where a set lies: samples n0..n1, channels c0..c1, positions p0..p1 (inclusive). */
    public record Box(int n0, int n1, int c0, int c1, int p0, int p1) {
    }

    /**
     * @param shape {@code (N, C)}, {@code (N, C, L)}, {@code (N, C, H, W)} or {@code (N, C, D, H, W)}, no size 0
     * @throws IllegalArgumentException for another rank, a size below 1, or a rule that does not fit ({@link NormRule#fits})
     */
    public StatSets(int[] shape, NormRule rule) {
        if (shape.length < 2 || shape.length > 5) {
            throw new IllegalArgumentException("the explorer takes (N, C) to (N, C, D, H, W), got " + shape.length + " dims");
        }
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("every size must be at least 1: " + Arrays.toString(shape));
            }
        }
        if (!rule.fits(shape)) {
            throw new IllegalArgumentException(rule + " does not fit " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.rule = rule;
        n = shape[0];
        c = shape[1];
        int positions = 1;
        for (int i = 2; i < shape.length; i++) {
            positions *= shape[i];
        }
        p = positions;
        switch (rule.type()) {
            case BATCH -> {
                size = n * p;
                count = c;
            }
            case INSTANCE -> {
                size = p;
                count = n * c;
            }
            case GROUP -> {
                size = c / rule.groups() * p;
                count = n * rule.groups();
            }
            default -> {
                int s = 1;
                for (int i = shape.length - rule.layerDims(); i < shape.length; i++) {
                    s *= shape[i];
                }
                size = s;
                count = n * c * p / s;
            }
        }
    }

    public int[] shape() {
        return shape.clone();
    }

    public NormRule rule() {
        return rule;
    }

    /** {@code N}. */
    public int samples() {
        return n;
    }

    /** {@code C}. */
    public int channels() {
        return c;
    }

    /** {@code P = ∏spatial} (1 for {@code (N, C)}). */
    public int positions() {
        return p;
    }

    /** How many sets (each one mean and one variance). */
    public int count() {
        return count;
    }

    /** How many values each set holds (all sets have the same size). */
    public int size() {
        return size;
    }

    /** The set of value {@code (n, c, p)}. */
    public int setOf(int sample, int channel, int position) {
        return switch (rule.type()) {
            case BATCH -> channel;
            case INSTANCE -> sample * c + channel;
            case GROUP -> sample * rule.groups() + channel / (c / rule.groups());
            default -> (int) (((long) sample * c + channel) * p + position) / size;
        };
    }

    /** Where set {@code s} lies in the grid. */
    public Box box(int s) {
        return switch (rule.type()) {
            case BATCH -> new Box(0, n - 1, s, s, 0, p - 1);
            case INSTANCE -> new Box(s / c, s / c, s % c, s % c, 0, p - 1);
            case GROUP -> {
                int d = c / rule.groups();
                int g = s % rule.groups();
                yield new Box(s / rule.groups(), s / rule.groups(), g * d, g * d + d - 1, 0, p - 1);
            }
            default -> {
                long first = (long) s * size;
                int sample = (int) (first / ((long) c * p));
                if (size >= c * p) {
                    yield new Box(sample, sample, 0, c - 1, 0, p - 1);
                }
                int channel = (int) (first / p % c);
                int p0 = (int) (first % p);
                yield new Box(sample, sample, channel, channel, p0, p0 + size - 1);
            }
        };
    }

    /** The axis names of the shape: N, C, then L; H, W; or D, H, W. */
    public String[] axisNames() {
        return NAMES[shape.length - 2].clone();
    }

    /**
     * The axes one set runs over, as a caption names them: {@code N, H, W} for BatchNorm2d,
     * {@code H, W} for InstanceNorm2d, {@code C/G, H, W} for GroupNorm, the last k for
     * LayerNorm; empty when each set is a single value of {@code (N, C)}.
     */
    public List<String> reducedAxes() {
        List<String> names = new ArrayList<>();
        String[] all = axisNames();
        switch (rule.type()) {
            case BATCH -> names.add("N");
            case GROUP -> names.add("C/G");
            case LAYER -> {
                for (int i = shape.length - rule.layerDims(); i < Math.min(2, shape.length); i++) {
                    names.add(all[i]);
                }
            }
            default -> {
            }
        }
        int from = rule.type() == NormRule.Type.LAYER ? Math.max(2, shape.length - rule.layerDims()) : 2;
        names.addAll(Arrays.asList(all).subList(from, all.length));
        return names;
    }

    /** The sizes of {@link #reducedAxes()}, in order (their product is {@link #size()}). */
    public int[] reducedSizes() {
        List<String> names = reducedAxes();
        int[] sizes = new int[names.size()];
        List<String> all = Arrays.asList(axisNames());
        for (int i = 0; i < sizes.length; i++) {
            String a = names.get(i);
            sizes[i] = a.equals("C/G") ? c / rule.groups() : shape[all.indexOf(a)];
        }
        return sizes;
    }

    /**
     * The set as a PyTorch slice of the input {@code x}: {@code x[:, 1, :, :]} (BatchNorm2d),
     * {@code x[0, 1, :, :]} (InstanceNorm2d), {@code x[0, 2:4, :, :]} (GroupNorm),
     * {@code x[0, :, :, :]} or {@code x[0, 1, 2, :]} (LayerNorm).
     */
    public String slice(int s) {
        String[] idx = new String[shape.length];
        Arrays.fill(idx, ":");
        Box b = box(s);
        switch (rule.type()) {
            case BATCH -> idx[1] = Integer.toString(s);
            case INSTANCE -> {
                idx[0] = Integer.toString(b.n0());
                idx[1] = Integer.toString(b.c0());
            }
            case GROUP -> {
                idx[0] = Integer.toString(b.n0());
                idx[1] = b.c0() + ":" + (b.c1() + 1);
            }
            default -> {
                int leading = shape.length - rule.layerDims();
                long rest = s;
                for (int i = leading - 1; i >= 0; i--) {
                    idx[i] = Long.toString(rest % shape[i]);
                    rest /= shape[i];
                }
            }
        }
        return "x[" + String.join(", ", idx) + "]";
    }

    /** The full index of value {@code (n, c, p)} in the input, {@code [n, c, h, w]}. */
    public int[] index(int sample, int channel, int position) {
        int[] idx = new int[shape.length];
        idx[0] = sample;
        idx[1] = channel;
        int rest = position;
        for (int i = shape.length - 1; i >= 2; i--) {
            idx[i] = rest % shape[i];
            rest /= shape[i];
        }
        return idx;
    }
}
