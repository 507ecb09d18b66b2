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
        int[] shape = t.shape();
        int n = shape[0];
        int channels = shape.length > 1 ? shape[1] : 1;
        int slice = t.numel() / Math.max(1, n) / Math.max(1, channels);
        float[] data = t.data();
        long perChannel = (long) n * slice;
        int m = (int) Math.min(perChannel, MAX_SAMPLE);
        float[] sample = new float[m];
        float[][] out = new float[channels][levels.length];
        for (int c = 0; c < channels; c++) {
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
            for (int k = 0; k < levels.length; k++) {
                if (kept == 0) {
                    out[c][k] = Float.NaN;
                } else if (levels[k] <= 0) {
                    out[c][k] = min;
                } else if (levels[k] >= 1) {
                    out[c][k] = max;
                } else {
                    double pos = levels[k] * (kept - 1);
                    int lo = (int) Math.floor(pos);
                    int hi = Math.min(kept - 1, lo + 1);
                    double f = pos - lo;
                    out[c][k] = (float) (sample[lo] + f * ((double) sample[hi] - sample[lo]));
                }
            }
        }
        return out;
    }
}
