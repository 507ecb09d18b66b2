package org.normscope.engine;

/**
 * The loops over one channel of an {@code (N, C, S)}-shaped batch: the channel's values
 * are {@code N} runs of {@code S} contiguous floats, starting at {@code first} and
 * {@code stride = C·S} apart.
 *
 * <p>The sums keep four independent double accumulators: the JIT keeps floating-point
 * additions in program order, so one accumulator would serialize on the adder's latency.
 */
final class ChannelKernels {

    private ChannelKernels() {
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
