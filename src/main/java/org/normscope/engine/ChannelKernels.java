package org.normscope.engine;

/**
 * The loops over one channel of an {@code (N, C, S)}-shaped batch: the channel's values
 * are {@code N} runs of {@code S} contiguous floats, starting at {@code first} and
 * {@code stride = C·S} apart.
 *
 * <p>The JIT keeps floating-point additions in program order, so a plain
 * {@code s += x[i]} neither vectorizes nor overlaps. For runs of at least
 * {@link #LANE_MIN_RUN} values the sums are therefore taken lane-wise: an element-wise
 * {@code lanes[i] += term(x[start + i])} over the runs, which the JIT turns into SIMD
 * adds, with the lanes flushed into a double total every {@link #FLUSH_RUNS} runs so that
 * no float partial sum holds more than 32 terms. The plain sum also subtracts the
 * channel's first value from every term ({@code Σx = Σ(x − x₀) + n·x₀}), so that a large
 * common offset (mean 1e4, std 0.5) does not eat the float lanes' precision. Short runs
 * use four independent double accumulators instead.
 */
final class ChannelKernels {

    /** Runs shorter than this are summed with scalar double accumulators. */
    static final int LANE_MIN_RUN = 32;
    /** How many runs a float lane accumulates before it is flushed into the double total. */
    static final int FLUSH_RUNS = 32;

    private ChannelKernels() {
    }

    /** {@code Σ x} over the channel; {@code lanes} is scratch of at least {@code runLength} floats. */
    static double sum(float[] x, int first, int stride, int runs, int runLength, float[] lanes) {
        if (runLength < LANE_MIN_RUN) {
            return sum(x, first, stride, runs, runLength);
        }
        float shift = x[first];
        double total = 0;
        for (int r = 0; r < runs; r += FLUSH_RUNS) {
            int blockEnd = Math.min(runs, r + FLUSH_RUNS);
            int start = first + r * stride;
            for (int i = 0; i < runLength; i++) {
                lanes[i] = x[start + i] - shift;
            }
            for (int b = r + 1; b < blockEnd; b++) {
                start += stride;
                for (int i = 0; i < runLength; i++) {
                    lanes[i] += x[start + i] - shift;
                }
            }
            total += sum(lanes, 0, 0, 1, runLength);
        }
        return total + (double) shift * runs * runLength;
    }

    /** {@code Σ (x − mean)²} over the channel, each square in float as PyTorch; {@code lanes} is scratch. */
    static double squaredDeviationSum(float[] x, int first, int stride, int runs, int runLength, float mean,
            float[] lanes) {
        if (runLength < LANE_MIN_RUN) {
            return squaredDeviationSum(x, first, stride, runs, runLength, mean);
        }
        double total = 0;
        for (int r = 0; r < runs; r += FLUSH_RUNS) {
            int blockEnd = Math.min(runs, r + FLUSH_RUNS);
            int start = first + r * stride;
            for (int i = 0; i < runLength; i++) {
                float d = x[start + i] - mean;
                lanes[i] = d * d;
            }
            for (int b = r + 1; b < blockEnd; b++) {
                start += stride;
                for (int i = 0; i < runLength; i++) {
                    float d = x[start + i] - mean;
                    lanes[i] += d * d;
                }
            }
            total += sum(lanes, 0, 0, 1, runLength);
        }
        return total;
    }

    /** {@code Σ x} over the channel, accumulated in double. */
    static double sum(float[] x, int first, int stride, int runs, int runLength) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int r = 0, start = first; r < runs; r++, start += stride) {
            int end = start + runLength;
            int i = start;
            for (; i + 3 < end; i += 4) {
                s0 += x[i];
                s1 += x[i + 1];
                s2 += x[i + 2];
                s3 += x[i + 3];
            }
            for (; i < end; i++) {
                s0 += x[i];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code Σ (x − mean)²} over the channel: each difference and square in float, as PyTorch, summed in double. */
    static double squaredDeviationSum(float[] x, int first, int stride, int runs, int runLength, float mean) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int r = 0, start = first; r < runs; r++, start += stride) {
            int end = start + runLength;
            int i = start;
            for (; i + 3 < end; i += 4) {
                float d0 = x[i] - mean;
                float d1 = x[i + 1] - mean;
                float d2 = x[i + 2] - mean;
                float d3 = x[i + 3] - mean;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; i < end; i++) {
                float d = x[i] - mean;
                s0 += d * d;
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y = x·alpha + beta} over the channel, in float. */
    static void affine(float[] x, float[] y, int first, int stride, int runs, int runLength, float alpha, float beta) {
        for (int r = 0, start = first; r < runs; r++, start += stride) {
            int end = start + runLength;
            for (int i = start; i < end; i++) {
                y[i] = x[i] * alpha + beta;
            }
        }
    }
}
