package org.normscope.session;

import java.util.Arrays;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Tensor;

/**
 * How a tensor's values are spread in each channel, as quantiles: what the distribution charts
 * show against the step. Min and max are exact; the inner quantiles come from an evenly strided
 * sample of at most {@value #MAX_SAMPLE} values of the channel (values within a channel are
 * drawn alike, so a stride is as good as a random pick) with linear interpolation between
 * order statistics, as {@code torch.quantile} does.
 */
final class DistributionSampler {

    /** The most values per channel sorted for the inner quantiles. */
    static final int MAX_SAMPLE = 256;
    /** Sampling aims at sorting about this many values per step on average. */
    private static final int SORTED_PER_STEP = 256;

    private DistributionSampler() {
    }

    /**
     * Every how many steps the distributions are sampled for batches like {@code spec}: 1 for
     * small batches, else the power of two that keeps the sorting to about
     * {@value #SORTED_PER_STEP} values per step ({@code 2·C·min(n, 256)} values are sorted per
     * sampled step). Fixed when a layer is built: a later, larger batch only costs more.
     */
    static long every(BatchSpec spec) {
        long sorted = 2L * spec.channels() * Math.min(spec.valuesPerChannel(), MAX_SAMPLE);
        long k = 1;
        while (sorted / k > SORTED_PER_STEP) {
            k *= 2;
        }
        return k;
    }

    /** {@code out[c][k]}: channel {@code c}'s quantile at {@code levels[k]} of an {@code (N, C, *)} tensor; NaN values are left out. */
    static float[][] quantiles(Tensor t, double[] levels) {
        return both(t, null, null, levels, null)[0];
    }

    /**
     * The quantiles of {@code x} (as {@link #quantiles}) and of the layer's output
     * {@code y = fma(x, α_c, β_c)}: {@code out[0]} for x, {@code out[1]} for y ({@code α}, {@code β}
     * may be null: then y is read from {@code output}; with no {@code output} either, x only).
     *
     * <p>Where {@code α_c} and {@code β_c} are finite and {@code α_c ≠ 0}, y is a monotone map
     * of x (rounding to nearest keeps the order; NaN exactly where x is NaN), so y's sorted
     * sample is x's sorted sample mapped (reversed when {@code α_c < 0}), and y's min and max
     * are x's mapped: the same floats as sorting y itself, without the output. Elsewhere
     * {@code y} (asked of {@code output} only then) is sampled as x is.
     */
    static float[][][] both(Tensor x, float[] alpha, float[] beta, double[] levels,
                            java.util.function.Supplier<Tensor> output) {
        int[] shape = x.shape();
        int n = shape[0];
        int channels = shape.length > 1 ? shape[1] : 1;
        int slice = x.numel() / Math.max(1, n) / Math.max(1, channels);
        long perChannel = (long) n * slice;
        int m = (int) Math.min(perChannel, MAX_SAMPLE);
        float[] sample = new float[m];
        float[][][] out = new float[2][channels][levels.length];
        float[] extremes = new float[2];
        Tensor y = null;
        for (int c = 0; c < channels; c++) {
            int kept = sortedSample(x.data(), c, n, channels, slice, m, sample, extremes);
            fill(out[0][c], levels, sample, kept, extremes[0], extremes[1], false, 0f, 0f, false);
            if (alpha == null && output == null) {
                continue; // x only
            }
            float a = alpha == null ? Float.NaN : alpha[c];
            float b = beta == null ? Float.NaN : beta[c];
            if (Float.isFinite(a) && Float.isFinite(b) && a != 0f) {
                boolean reversed = a < 0f;
                float min = Math.fma(reversed ? extremes[1] : extremes[0], a, b);
                float max = Math.fma(reversed ? extremes[0] : extremes[1], a, b);
                fill(out[1][c], levels, sample, kept, min, max, true, a, b, reversed);
            } else {
                if (y == null) {
                    y = output.get();
                }
                int keptY = sortedSample(y.data(), c, n, channels, slice, m, sample, extremes);
                fill(out[1][c], levels, sample, keptY, extremes[0], extremes[1], false, 0f, 0f, false);
            }
        }
        return out;
    }

    /**
     * Channel {@code c}'s exact min and max (into {@code extremes}) and its evenly strided sample
     * of {@code m} values, NaN left out, sorted into {@code sample}; returns how many were kept.
     */
    private static int sortedSample(float[] data, int c, int n, int channels, int slice, int m, float[] sample,
                                    float[] extremes) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int b = 0; b < n; b++) {
            int base = (b * channels + c) * slice;
            for (int s = 0; s < slice; s++) {
                float v = data[base + s];
                if (v < min) {
                    min = v;
                }
                if (v > max) {
                    max = v;
                }
            }
        }
        long perChannel = (long) n * slice;
        int kept = 0;
        for (int j = 0; j < m; j++) {
            long i = j * perChannel / m; // the j-th of m evenly strided values of the channel
            int b = (int) (i / slice);
            int s = (int) (i % slice);
            float v = data[(b * channels + c) * slice + s];
            if (!Float.isNaN(v)) {
                sample[kept++] = v;
            }
        }
        Arrays.sort(sample, 0, kept);
        extremes[0] = min;
        extremes[1] = max;
        return kept;
    }

    /**
     * The quantiles of the sorted sample, or (when {@code map}) of the sorted values
     * {@code fma(sample[i], a, b)}, taken in reverse order when {@code reversed}; {@code min} and
     * {@code max} are levels 0 and 1.
     */
    private static void fill(float[] out, double[] levels, float[] sample, int kept, float min, float max, boolean map,
                             float a, float b, boolean reversed) {
        for (int k = 0; k < levels.length; k++) {
            if (kept == 0) {
                out[k] = Float.NaN;
            } else if (levels[k] <= 0) {
                out[k] = min;
            } else if (levels[k] >= 1) {
                out[k] = max;
            } else {
                double pos = levels[k] * (kept - 1);
                int lo = (int) Math.floor(pos);
                int hi = Math.min(kept - 1, lo + 1);
                double f = pos - lo;
                float vLo = sample[reversed ? kept - 1 - lo : lo];
                float vHi = sample[reversed ? kept - 1 - hi : hi];
                if (map) {
                    vLo = Math.fma(vLo, a, b);
                    vHi = Math.fma(vHi, a, b);
                }
                out[k] = (float) (vLo + f * ((double) vHi - vLo));
            }
        }
    }
}
