package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.IntToDoubleFunction;

/**
 * Tolerances for comparing the engine's float32 results with exact (double) values, and
 * an assertion that reports the worst element rather than stopping at an anonymous one.
 *
 * <p>The bounds follow the engine's float32 arithmetic, which mirrors PyTorch's. Per channel
 * it rounds the mean and {@code invstd} to float (a few units of float rounding,
 * {@code u = 2⁻²⁴}, each), forms {@code α = invstd·w} and {@code β = b − mean·α} in float,
 * and outputs {@code x·α + β} in float. Every one of those roundings is relative to the
 * magnitude of a term, not to the result, which may be much smaller after cancellation:
 * <pre>
 *   |y_engine − y_exact| ≤ atol + k·ulp(|x·α| + |mean·α| + |b|)
 * </pre>
 * ({@code |mean·α| + |b|} bounds {@code |β|} and the terms it is made of). Computing
 * {@code α} costs about 3u relative (mean, variance, sqrt, product), which multiplies
 * {@code |x·α|} and {@code |mean·α|}; the four roundings of {@code β} and {@code y} add
 * about 2u of the same magnitudes. So {@code k = 8} ulps covers it with room to spare,
 * while a wrong formula (a missing {@code n/(n−1)}, the wrong eps, a stale mean) is off by
 * many thousands of ulps.
 */
final class FloatBounds {

    /** Ulps of the term magnitude allowed for one float32 forward (see the class comment). */
    static final double OUTPUT_ULPS = 8;

    /** Absolute slack for results that are exactly 0 in both, and for subnormal noise. */
    static final double ATOL = 1e-30;

    private FloatBounds() {
    }

    /** The float32 ulp at {@code magnitude} (infinite past the float range). */
    static double ulp(double magnitude) {
        double m = Math.abs(magnitude);
        if (!(m <= Float.MAX_VALUE)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.ulp((float) m);
    }

    /** {@code atol + k·ulp(|x·α| + |mean·α| + |b|)} for one normalized value. */
    static double outputBound(double x, double mean, double alpha, double b, double k) {
        return ATOL + k * ulp(Math.abs(x * alpha) + Math.abs(mean * alpha) + Math.abs(b));
    }

    /**
     * Asserts {@code |got[i] − want[i]| ≤ bound(i)} for every element; NaN must meet NaN and
     * an infinity the same infinity. On failure names the worst element (in units of its bound).
     */
    static void assertWithin(String what, float[] got, double[] want, IntToDoubleFunction bound) {
        assertThat(got).as(what + " length").hasSize(want.length);
        int worst = -1;
        double worstRatio = 1;
        for (int i = 0; i < want.length; i++) {
            double g = got[i];
            double w = want[i];
            if (Double.isNaN(w) || Double.isNaN(g) || Double.isInfinite(w) || Double.isInfinite(g)) {
                boolean same = Double.isNaN(w) ? Double.isNaN(g) : g == w;
                if (!same) {
                    worst = i;
                    worstRatio = Double.POSITIVE_INFINITY;
                    break;
                }
                continue;
            }
            double b = bound.applyAsDouble(i);
            double ratio = Math.abs(g - w) / b;
            if (ratio > worstRatio) {
                worstRatio = ratio;
                worst = i;
            }
        }
        if (worst >= 0) {
            double g = got[worst];
            double w = want[worst];
            throw new AssertionError(String.format(
                    "%s[%d]: got %s, want %s (exact %s): off by %.3g, bound %.3g (%.1f times the bound, %.1f ulps of the value)",
                    what, worst, Float.toString((float) g), Float.toString((float) w), w, Math.abs(g - w),
                    bound.applyAsDouble(worst), worstRatio, Math.abs(g - w) / ulp(w)));
        }
    }

    /** {@link #assertWithin} for a per-channel vector with one bound per element. */
    static void assertWithin(String what, float[] got, double[] want, double[] bound) {
        assertWithin(what, got, want, i -> bound[i]);
    }

    /**
     * Bounds for the engine's gradients against {@link DoubleReference#backward}, for a
     * forward {@code f} and output gradient {@code dy}.
     *
     * <p>With batch statistics the engine forms {@code (dy − mean(dy) − (x − mean)·k)·invstd·w}
     * with {@code k = Σ((x − mean)·dy)·invstd²/n}, in float, around the float-rounded mean.
     * Its error is a few roundings of each term's magnitude, plus the first-order effect of
     * that mean ({@code |mean·invstd|·u}) on {@code x − mean} and on {@code Σ(x − mean)·dy}:
     * <pre>
     *   grad_input:  16·ulp(|w·invstd|·(|dy| + Σ|dy|/n + |x̂|·Σ|dy·x̂|/n + |x̂|·|mean·invstd|·Σ|dy|/n
     *                                     + |mean·invstd|·Σ|dy·x̂|/n))
     *   grad_weight:  8·ulp(Σ|dy·x̂| + |mean·invstd|·Σ|dy|)
     *   grad_bias:    4·ulp(Σ|dy|)
     * </pre>
     * With running statistics {@code grad_input = dy·invstd·w}: 4 ulps, plus the relative
     * error {@code relInvstd[c]} of the engine's invstd (from its float running_var), and for
     * grad_weight also {@code errMean[c]·invstd·Σ|dy|} from its float running_mean.
     *
     * @param relInvstd per channel, the relative error of the engine's invstd in eval (null in training)
     * @param errMean per channel, the error bound of the engine's running_mean (null in training)
     */
    record GradientBounds(double[] input, double[] weight, double[] bias) {

        static GradientBounds of(DoubleReference.Forward f, float[] dy, double[] relInvstd, double[] errMean) {
            int channels = f.shape[1];
            int slice = DoubleReference.slice(f.shape);
            long n = DoubleReference.reductionSize(f.shape);
            double[] sumAbsDy = new double[channels];
            double[] sumAbsDyXhat = new double[channels];
            for (int i = 0; i < dy.length; i++) {
                int ch = DoubleReference.channel(i, channels, slice);
                sumAbsDy[ch] += Math.abs(dy[i]);
                sumAbsDyXhat[ch] += Math.abs(dy[i] * (f.x[i] - f.mean[ch]) * f.invstd[ch]);
            }
            double[] input = new double[dy.length];
            for (int i = 0; i < dy.length; i++) {
                int ch = DoubleReference.channel(i, channels, slice);
                double wi = Math.abs(f.weight[ch] * f.invstd[ch]);
                if (f.batchStats) {
                    double xhat = Math.abs((f.x[i] - f.mean[ch]) * f.invstd[ch]);
                    double meanInv = Math.abs(f.mean[ch] * f.invstd[ch]);
                    double terms = Math.abs(dy[i]) + sumAbsDy[ch] / n + xhat * sumAbsDyXhat[ch] / n
                            + xhat * meanInv * sumAbsDy[ch] / n + meanInv * sumAbsDyXhat[ch] / n;
                    input[i] = ATOL + 16 * ulp(wi * terms);
                } else {
                    double v = Math.abs(dy[i]) * wi;
                    input[i] = ATOL + 4 * ulp(v) + v * relInvstd[ch];
                }
            }
            double[] weight = new double[channels];
            double[] bias = new double[channels];
            for (int ch = 0; ch < channels; ch++) {
                double meanInv = Math.abs(f.mean[ch] * f.invstd[ch]);
                weight[ch] = ATOL + 8 * ulp(sumAbsDyXhat[ch] + meanInv * sumAbsDy[ch]);
                if (!f.batchStats) {
                    weight[ch] += errMean[ch] * f.invstd[ch] * sumAbsDy[ch] + sumAbsDyXhat[ch] * relInvstd[ch];
                }
                bias[ch] = ATOL + 4 * ulp(sumAbsDy[ch]);
            }
            return new GradientBounds(input, weight, bias);
        }

        /** Asserts the engine's gradients are within these bounds of {@code want}. */
        void check(String where, BatchNormGradients got, double[] wantInput, double[] wantWeight, double[] wantBias,
                boolean affine) {
            assertWithin(where + ": grad_input", got.gradInput().data(), wantInput, input);
            if (affine) {
                assertWithin(where + ": grad_weight", got.gradWeight(), wantWeight, weight);
                assertWithin(where + ": grad_bias", got.gradBias(), wantBias, bias);
            } else {
                assertThat(got.gradWeight()).as(where + ": grad_weight").isNull();
                assertThat(got.gradBias()).as(where + ": grad_bias").isNull();
            }
        }
    }

    /** Widens a float vector to double. */
    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }
}
