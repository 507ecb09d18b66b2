package org.normscope.testing;

import java.util.SplittableRandom;
import java.util.stream.LongStream;

/**
 * The inputs of one try of a property test: a {@code @ParameterizedTest} over
 * {@link #tries(int) try numbers}, each try drawing its inputs from a {@link SplittableRandom}
 * seeded by the property's fixed seed and the try number, so every run tries the same inputs
 * and a failing try is reproduced by its number alone.
 *
 * <p>The edges are tried on purpose, not left to chance: try 0 takes every range at its
 * minimum, try 1 at its maximum, the first tries walk through each finite choice
 * ({@link #oneOf}) and through the edge values of {@link #anyLong()} and {@link #anyInt()}, and
 * later tries still land on a range's ends now and then.
 */
public final class Gen {

    /** Edge values of a {@code long} or {@code int} drawn from the whole type, tried first. */
    private static final long[] LONG_EDGES = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE + 1,
        Long.MAX_VALUE - 1};
    private static final int[] INT_EDGES = {0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE + 1,
        Integer.MAX_VALUE - 1};

    private final long trial;
    private final SplittableRandom random;

    private Gen(long seed, long trial) {
        this.trial = trial;
        this.random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + trial);
    }

    /** The inputs of try {@code trial} of the property whose fixed seed is {@code seed}. */
    public static Gen of(long seed, long trial) {
        return new Gen(seed, trial);
    }

    /** The try numbers 0 .. n−1, for a {@code @MethodSource}. */
    public static LongStream tries(int n) {
        return LongStream.range(0, n);
    }

    /** The try number. */
    public long trial() {
        return trial;
    }

    /** Whether this try lands on an end of a range: tries 0 and 1 always, later ones one time in 16. */
    private int edge() {
        if (trial == 0) {
            return -1;
        }
        if (trial == 1) {
            return 1;
        }
        int e = random.nextInt(32);
        return e == 0 ? -1 : e == 1 ? 1 : 0;
    }

    /** An int in [min, max], both included. */
    public int intIn(int min, int max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        int e = edge();
        return e < 0 ? min : e > 0 ? max : (int) (min + random.nextLong((long) max - min + 1));
    }

    /** A long in [min, max], both included. */
    public long longIn(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        int e = edge();
        if (e != 0) {
            return e < 0 ? min : max;
        }
        if (max < Long.MAX_VALUE) {
            return random.nextLong(min, max + 1);
        }
        return min == Long.MIN_VALUE ? random.nextLong() : random.nextLong(min - 1, max) + 1;
    }

    /** A double in [min, max], both included. */
    public double doubleIn(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        int e = edge();
        return e < 0 ? min : e > 0 ? max : min == max ? min : random.nextDouble(min, max);
    }

    /** Any long: the edge values in the first tries (0, ±1, the extremes), then uniform. */
    public long anyLong() {
        return trial < LONG_EDGES.length ? LONG_EDGES[(int) trial] : random.nextLong();
    }

    /** Any int: the edge values in the first tries (0, ±1, the extremes), then uniform. */
    public int anyInt() {
        return trial < INT_EDGES.length ? INT_EDGES[(int) trial] : random.nextInt();
    }

    /** false in try 0, true in try 1, then either. */
    public boolean bool() {
        return trial < 2 ? trial == 1 : random.nextBoolean();
    }

    /** Each value in turn in the first tries, then any of them. */
    @SafeVarargs
    public final <T> T oneOf(T... values) {
        return values[trial < values.length ? (int) trial : random.nextInt(values.length)];
    }

    /** The random numbers behind this try, for inputs with a shape of their own. */
    public SplittableRandom random() {
        return random;
    }
}
