package org.normscope.batch;

/**
 * Steele, Lea and Flood's SplitMix64 ("Fast splittable pseudorandom number generators",
 * OOPSLA 2014): the generator behind {@link java.util.SplittableRandom}, whose draws it
 * repeats bit for bit from the same seed ({@code new SplittableRandom(seed)}), as a plain
 * object that a draw loop keeps in a register.
 */
final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private long state;

    SplitMix64(long seed) {
        state = seed;
    }

    /** The next 64 random bits. */
    long nextLong() {
        long z = state += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1), on the grid of 2^-53: as {@code SplittableRandom.nextDouble()}. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
