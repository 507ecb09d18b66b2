package org.normscope.batch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the generated input batches look like: shape {@code (N, C, *spatial)}, one source per
 * channel, a drift of every channel's mean per step, a seed, and whether each step draws a
 * fresh batch or repeats the first one.
 *
 * @param batchSize {@code N}, at least 1
 * @param spatial the dimensions after {@code C}: {@code ()} or {@code (L)} for BatchNorm1d,
 *     {@code (H, W)} for 2d, {@code (D, H, W)} for 3d; each at least 1
 * @param sources one per channel (their number is {@code C})
 * @param driftPerStep added to every channel's mean at each step: step {@code t} (from 1) has
 *     mean {@code source.mean + drift·(t − 1)}
 * @param seed fixes every draw
 * @param freshEachStep true for a new draw each step; false to repeat step 1's draw (shifted by the drift)
 * @param generator how the values are drawn: a session saved before issue 18 keeps
 *     {@link Generator#SPLITTABLE_POLAR_1}, and with it its batches; new specs take {@link Generator#DEFAULT}
 */
public record BatchSpec(int batchSize, int[] spatial, List<ChannelSource> sources, double driftPerStep, long seed,
                        boolean freshEachStep, Generator generator) {

    /** The largest batch, in values: 2^24 floats are 64 MB. */
    public static final long MAX_VALUES = 1L << 24;

    /** A spec drawn with {@link Generator#DEFAULT}. */
    public BatchSpec(int batchSize, int[] spatial, List<ChannelSource> sources, double driftPerStep, long seed,
            boolean freshEachStep) {
        this(batchSize, spatial, sources, driftPerStep, seed, freshEachStep, Generator.DEFAULT);
    }

    public BatchSpec {
        java.util.Objects.requireNonNull(generator, "generator");
        spatial = spatial.clone();
        sources = List.copyOf(sources);
        if (batchSize < 1) {
            throw new IllegalArgumentException("N must be at least 1, got " + batchSize);
        }
        for (int d : spatial) {
            if (d < 1) {
                throw new IllegalArgumentException("every size after C must be at least 1, got " + d);
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a batch needs at least one channel");
        }
        if (!Double.isFinite(driftPerStep)) {
            throw new IllegalArgumentException("the drift must be a finite number, got " + driftPerStep);
        }
        long values = valueCount(batchSize, sources.size(), spatial);
        if (values > MAX_VALUES) {
            throw new IllegalArgumentException("a batch of " + (values == Long.MAX_VALUE ? "more than 2^63"
                    : String.valueOf(values)) + " values is too large: keep it at most " + MAX_VALUES + " (64 MB)");
        }
    }

    /** The notebook's {@code torch.ones(2, C, 1)} source. */
    public static BatchSpec ones(int channels) {
        return new BatchSpec(2, new int[] {1}, repeat(new ChannelSource.Constant(1), channels), 0, 0, true);
    }

    /** {@code N · C · ∏ spatial}, or {@link Long#MAX_VALUE} if that does not fit in a long. */
    public static long valueCount(int batchSize, int channels, int[] spatial) {
        try {
            long n = Math.multiplyExact((long) batchSize, (long) channels);
            for (int d : spatial) {
                n = Math.multiplyExact(n, (long) d);
            }
            return n;
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }

    @Override
    public int[] spatial() {
        return spatial.clone();
    }

    /** {@code C}. */
    public int channels() {
        return sources.size();
    }

    /** The full input shape {@code (N, C, *spatial)}. */
    public int[] shape() {
        int[] shape = new int[2 + spatial.length];
        shape[0] = batchSize;
        shape[1] = sources.size();
        System.arraycopy(spatial, 0, shape, 2, spatial.length);
        return shape;
    }

    /** Values per channel in one batch: the {@code n} of {@code n/(n−1)}, {@code N · ∏ spatial}. */
    public long valuesPerChannel() {
        return valueCount(batchSize, 1, spatial);
    }

    /** This spec with {@code channels} sources: extra channels repeat the last source, spare ones are dropped. */
    public BatchSpec withChannels(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("a batch needs at least one channel, got " + channels);
        }
        List<ChannelSource> resized = new ArrayList<>(sources.subList(0, Math.min(channels, sources.size())));
        while (resized.size() < channels) {
            resized.add(sources.get(sources.size() - 1));
        }
        return new BatchSpec(batchSize, spatial, resized, driftPerStep, seed, freshEachStep, generator);
    }

    /** This spec with other sizes after C. */
    public BatchSpec withSpatial(int[] newSpatial) {
        return new BatchSpec(batchSize, newSpatial, sources, driftPerStep, seed, freshEachStep, generator);
    }

    /** This spec with {@code source} for channel {@code c}. */
    public BatchSpec withSource(int c, ChannelSource source) {
        List<ChannelSource> changed = new ArrayList<>(sources);
        changed.set(c, source);
        return new BatchSpec(batchSize, spatial, changed, driftPerStep, seed, freshEachStep, generator);
    }

    /** This spec drawn with {@code g}. */
    public BatchSpec withGenerator(Generator g) {
        return g == generator ? this : new BatchSpec(batchSize, spatial, sources, driftPerStep, seed, freshEachStep, g);
    }

    private static List<ChannelSource> repeat(ChannelSource s, int n) {
        ChannelSource[] a = new ChannelSource[n];
        Arrays.fill(a, s);
        return Arrays.asList(a);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BatchSpec b && batchSize == b.batchSize && Arrays.equals(spatial, b.spatial)
                && sources.equals(b.sources) && Double.compare(driftPerStep, b.driftPerStep) == 0 && seed == b.seed
                && freshEachStep == b.freshEachStep && generator == b.generator;
    }

    @Override
    public int hashCode() {
        return ((batchSize * 31 + Arrays.hashCode(spatial)) * 31 + sources.hashCode()) * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "BatchSpec" + Arrays.toString(shape()) + sources + " drift=" + driftPerStep + " seed=" + seed
                + (freshEachStep ? " fresh" : " same") + " " + generator.id();
    }
}
