package org.normscope.engine;

/**
 * The backward of {@code F.batch_norm} over the channels of an {@code (N, C, S)} batch, as
 * PyTorch 1.13's contiguous CPU kernel ({@code batch_norm_cpu_backward_contiguous_impl})
 * computes it: InstanceNorm's backward is this kernel on its {@code (1, N·C, S)} view.
 *
 * <p>For each channel, with {@code μ}, {@code σ⁻¹} the statistics the forward normalized with
 * (the batch's, or the running ones in eval mode) and {@code n = N·S}:
 * <pre>
 *   sum  = Σ dy                          each run of S values reduced by {@link VecReduce#sum},
 *   dotp = Σ (x − μ)·dy                  the runs added in double
 *   grad_bias   = sum
 *   grad_weight = dotp·σ⁻¹
 *   grad_input  = (dy − sum/n − (x − μ)·k)·σ⁻¹·w,  k = dotp·σ⁻¹·σ⁻¹/n     (batch statistics)
 *   grad_input  = dy·σ⁻¹·w                                                  (running statistics)
 * </pre>
 */
final class ChannelBackward {

    private ChannelBackward() {
    }

    /**
     * The gradients of channels {@code [0, channels)}.
     *
     * @param batchStats whether the forward normalized with batch statistics
     * @param mean per channel, the mean the forward normalized with
     * @param invstd per channel, the {@code 1/sqrt(var + eps)} it normalized with
     * @param weight per channel, or null for ones
     * @param gradWeight where {@code grad_weight} goes, or null
     * @param gradBias where {@code grad_bias} goes, or null
     */
    static void run(float[] x, float[] dy, int batch, int channels, int slice, boolean batchStats, float[] mean,
            float[] invstd, float[] weight, float[] gradInput, float[] gradWeight, float[] gradBias) {
        long n = (long) batch * slice;
        for (int c = 0; c < channels; c++) {
            float w = weight == null ? 1f : weight[c];
            float mu = mean[c];
            float inv = invstd[c];
            double sum = 0;
            double dotp = 0;
            for (int b = 0; b < batch; b++) {
                int off = (b * channels + c) * slice;
                sum += VecReduce.sum(dy, off, slice);
                dotp += VecReduce.centeredDot(x, dy, off, slice, mu);
            }
            if (batchStats) {
                float k = (float) dotp * inv * inv / n;
                float gradMean = (float) (sum / n);
                for (int b = 0; b < batch; b++) {
                    int off = (b * channels + c) * slice;
                    for (int i = off; i < off + slice; i++) {
                        gradInput[i] = Math.fma(-(x[i] - mu), k, dy[i] - gradMean) * inv * w;
                    }
                }
            } else {
                for (int b = 0; b < batch; b++) {
                    int off = (b * channels + c) * slice;
                    for (int i = off; i < off + slice; i++) {
                        gradInput[i] = dy[i] * inv * w;
                    }
                }
            }
            if (gradWeight != null) {
                gradWeight[c] = (float) (dotp * inv);
            }
            if (gradBias != null) {
                gradBias[c] = (float) sum;
            }
        }
    }
}
