package org.normscope.engine;

/**
 * BatchNorm's backward ({@code NativeBatchNormBackward0}) through one forward of an
 * {@code (N, C, S)} batch. For each channel, with {@code μ}, {@code σ⁻¹} the statistics the
 * forward normalized with (the batch's, or the running ones in eval mode), {@code n = N·S} and
 * {@code x̂ = (x − μ)·σ⁻¹}:
 * <pre>
 *   grad_bias   = Σ dy                                      (added in double, in memory order)
 *   grad_weight = Σ dy·x̂ = σ⁻¹·Σ (x − μ)·dy
 *   grad_input  = (dy − Σdy/n − x̂·Σ(dy·x̂)/n) · σ⁻¹ · w         (batch statistics)
 *   grad_input  = dy · σ⁻¹ · w                                    (running statistics)
 * </pre>
 * InstanceNorm and GroupNorm use {@link ChannelBackward}, whose reductions follow PyTorch's
 * vectorized kernel; BatchNorm's goldens were made by the plain one written here.
 */
final class BatchNormBackward {

    private BatchNormBackward() {
    }

    /**
     * @param x the forward's input
     * @param gradOutput {@code dy}, the input's shape
     * @param batchStats whether the forward normalized with batch statistics
     * @param mean per channel, the mean it normalized with
     * @param invstd per channel, the {@code 1/sqrt(var + eps)} it normalized with
     * @param weight per channel, or null without affine parameters (then no grad_weight, grad_bias)
     */
    static BatchNormGradients run(Tensor x, Tensor gradOutput, int channels, boolean batchStats, float[] mean,
            float[] invstd, float[] weight) {
        boolean affine = weight != null;
        int batch = x.size(0);
        int slice = x.numel() / batch / channels;
        float[] gradInput = new float[x.numel()];
        float[] gradWeight = affine ? new float[channels] : null;
        float[] gradBias = affine ? new float[channels] : null;
        float[] xs = x.data();
        float[] dys = gradOutput.data();
        long n = (long) batch * slice;
        for (int c = 0; c < channels; c++) {
            float w = affine ? weight[c] : 1f;
            float mu = mean[c];
            float inv = invstd[c];
            double sum = 0;
            double dotp = 0;
            for (int b = 0; b < batch; b++) {
                int off = (b * channels + c) * slice;
                for (int i = off; i < off + slice; i++) {
                    sum += dys[i];
                    dotp += (xs[i] - mu) * dys[i];
                }
            }
            if (batchStats) {
                float k = (float) dotp * inv * inv / n;
                float gradMean = (float) (sum / n);
                for (int b = 0; b < batch; b++) {
                    int off = (b * channels + c) * slice;
                    for (int i = off; i < off + slice; i++) {
                        float dx = (xs[i] - mu) * k;
                        gradInput[i] = (dys[i] - gradMean - dx) * inv * w;
                    }
                }
            } else {
                for (int b = 0; b < batch; b++) {
                    int off = (b * channels + c) * slice;
                    for (int i = off; i < off + slice; i++) {
                        gradInput[i] = dys[i] * inv * w;
                    }
                }
            }
            if (affine) {
                gradWeight[c] = (float) (dotp * inv);
                gradBias[c] = (float) sum;
            }
        }
        return new BatchNormGradients(new Tensor(x.shape(), gradInput), gradWeight, gradBias);
    }
}
