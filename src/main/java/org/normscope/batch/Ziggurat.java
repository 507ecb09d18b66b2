package org.normscope.batch;

/**
 * Standard normal draws by the ziggurat method of G. Marsaglia and W. W. Tsang, "The Ziggurat
 * Method for Generating Random Variables", Journal of Statistical Software 5(8), 2000, with
 * 256 layers, in double precision, over {@link SplitMix64}.
 *
 * <p>The density {@code f(x) = exp(−x²/2)} is covered by 256 stacked strips of equal area
 * {@code v}: a base strip (a rectangle of width {@code x₀ = v/f(r)} that carries the tail beyond
 * {@code r}) and 255 rectangles whose right edges {@code x₁ = r > x₂ > … > x₂₅₅} follow from
 * {@code f(x_{i+1}) = f(x_i) + v/x_i}. A draw takes one 64-bit value: its low 8 bits choose the
 * strip {@code i}, its top 53 bits a point {@code u·x_i} with {@code u} uniform in [−1, 1). When
 * {@code |u·x_i| < x_{i+1}} (about 99% of draws) the point lies under the curve and is returned
 * at once: no logarithm, no square root. Otherwise it is accepted if a second uniform height in
 * the strip falls under {@code f}, or, in the base strip, a value from the tail is drawn by
 * Marsaglia's exponential method (1964); a rejected draw starts again. The strip index and the
 * point use disjoint bits of the draw, as J. A. Doornik ("An Improved Ziggurat Method to Generate
 * Normal Random Samples", 2005) recommends against Marsaglia and Tsang's original 32-bit version.
 * {@code r = 3.6541528853610088} and {@code v = 4.92867323399e−3} are Marsaglia and Tsang's
 * constants for 256 strips (as in Rust's {@code rand_distr}).
 */
final class Ziggurat {

    static final double R = 3.6541528853610088;
    private static final double V = 4.92867323399e-3;
    /** {@code X[i]}, the right edge of strip i (X[0] the base strip's, X[256] = 0). */
    private static final double[] X = new double[257];
    /** {@code F[i] = f(X[i])}. */
    private static final double[] F = new double[257];

    static {
        X[0] = V / Math.exp(-0.5 * R * R);
        X[1] = R;
        for (int i = 1; i < 255; i++) {
            X[i + 1] = Math.sqrt(-2 * Math.log(V / X[i] + Math.exp(-0.5 * X[i] * X[i])));
        }
        X[256] = 0;
        for (int i = 0; i < 257; i++) {
            F[i] = Math.exp(-0.5 * X[i] * X[i]);
        }
    }

    private Ziggurat() {
    }

    /** One draw from N(0, 1). */
    static double next(SplitMix64 random) {
        while (true) {
            long bits = random.nextLong();
            int i = (int) bits & 0xFF;
            double u = (bits >>> 11) * 0x1.0p-52 - 1; // [−1, 1) on a grid of 2^-52
            double x = u * X[i];
            if (Math.abs(x) < X[i + 1]) {
                return x;
            }
            double z = slow(random, i, u, x);
            if (!Double.isNaN(z)) {
                return z;
            }
        }
    }

    /** The rare cases: the tail, or a point near the curve; NaN if the draw is rejected. */
    private static double slow(SplitMix64 random, int i, double u, double x) {
        if (i == 0) {
            double t;
            double y;
            do {
                t = -Math.log(1 - random.nextDouble()) / R; // 1 − U is in (0, 1]: no log(0)
                y = -Math.log(1 - random.nextDouble());
            } while (y + y < t * t);
            return u < 0 ? -R - t : R + t;
        }
        if (F[i + 1] + (F[i] - F[i + 1]) * random.nextDouble() < Math.exp(-0.5 * x * x)) {
            return x;
        }
        return Double.NaN;
    }

    /**
     * Fills {@code n} runs of {@code length} values, the {@code k}-th starting at
     * {@code first + k·stride}, with {@code (float) (mean + std·z + shift)}, the {@code z} drawn
     * in order from {@code random}.
     */
    static void fill(float[] out, int first, int stride, int n, int length, SplitMix64 random, double mean,
            double std, double shift) {
        for (int k = 0; k < n; k++) {
            int base = first + k * stride;
            for (int s = 0; s < length; s++) {
                out[base + s] = (float) (mean + std * next(random) + shift);
            }
        }
    }
}
