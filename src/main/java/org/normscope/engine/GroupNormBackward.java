package org.normscope.engine;

/**
 * The backward of {@code F.group_norm} as PyTorch 1.13's CPU kernel computes it
 * ({@code GroupNormBackwardKernelImplInternal}), float for float. With {@code S} values per
 * channel, {@code D} channels per group and {@code s = 1/(D·S)}:
 * <pre>
 *   ds_nc = Σ dy·x,   db_nc = Σ dy                         (over the channel's S values)
 *   per (n, g):  ds = Σ_c ds_nc·w_c,   db = Σ_c db_nc·w_c  (over the group's D channels)
 *                c2 = (db·mean − ds)·rstd³·s,   c3 = −c2·mean − db·rstd·s
 *   grad_input  = rstd·w_c·dy + c2·x + c3
 *   grad_weight_c = Σ_n (ds_nc − db_nc·mean_ng)·rstd_ng,   grad_bias_c = Σ_n db_nc
 * </pre>
 * The two sums over a channel's values and over a group's channels are {@link #laneSum}s.
 */
final class GroupNormBackward {

    private GroupNormBackward() {
    }

    /** The gradients of an {@code (N, C, S…)} input {@code x} and output gradient {@code dy}. */
    static BatchNormGradients run(float[] x, float[] dy, int[] shape, int samples, int channels, int spatial,
            int groups, float[] mean, float[] rstd, float[] gamma) {
        int rows = samples * channels;
        float[] ds = new float[rows];
        float[] db = new float[rows];
        for (int i = 0; i < rows; i++) {
            ds[i] = laneSum(dy, i * spatial, x, i * spatial, spatial);
            db[i] = laneSum(dy, i * spatial, null, 0, spatial);
        }
        int d = channels / groups;
        float s = 1f / (float) ((long) d * spatial);
        float[] dx = new float[x.length];
        float[] ones = gamma == null ? filled(d) : null;
        for (int i = 0; i < samples * groups; i++) {
            int g = i % groups;
            float[] w = gamma == null ? ones : gamma;
            int wOff = gamma == null ? 0 : g * d;
            float dsVal = laneSum(ds, i * d, w, wOff, d);
            float dbVal = laneSum(db, i * d, w, wOff, d);
            float r = rstd[i];
            float m = mean[i];
            float c2 = Math.fma(dbVal, m, -dsVal) * r * r * r * s;
            float c3 = Math.fma(-c2, m, -(dbVal * r * s));
            for (int j = 0; j < d; j++) {
                float c1 = r * (gamma == null ? 1f : gamma[g * d + j]);
                int off = (i * d + j) * spatial;
                for (int k = off; k < off + spatial; k++) {
                    dx[k] = Math.fma(c1, dy[k], c2 * x[k]) + c3;
                }
            }
        }
        if (gamma == null) {
            return new BatchNormGradients(new Tensor(shape, dx), null, null);
        }
        float[] gradWeight = new float[channels];
        float[] gradBias = new float[channels];
        for (int i = 0; i < samples * groups; i++) {
            int g = i % groups;
            for (int j = 0; j < d; j++) {
                float t = Math.fma(-db[i * d + j], mean[i], ds[i * d + j]);
                gradWeight[g * d + j] = Math.fma(t, rstd[i], gradWeight[g * d + j]);
            }
        }
        for (int n = 0; n < samples; n++) {
            for (int c = 0; c < channels; c++) {
                gradBias[c] += db[n * channels + c];
            }
        }
        return new BatchNormGradients(new Tensor(shape, dx), gradWeight, gradBias);
    }

    /**
     * {@code Σ a·b} over {@code n} values ({@code Σ a} when {@code b} is null) in the order of
     * PyTorch's loop: the first {@code 8·⌊n/8⌋} values in eight float lanes from zero
     * ({@code lane = fma(a, b, lane)}), the lanes added in order from zero
     * ({@code std::accumulate}), then the rest one by one as GCC compiled that loop: four at a
     * time with separately rounded products, the last {@code (n mod 8) mod 4} with fused ones.
     */
    static float laneSum(float[] a, int aOff, float[] b, int bOff, int n) {
        int vec = n / 8 * 8;
        float[] lanes = new float[8];
        for (int j = 0; j < vec; j++) {
            lanes[j % 8] = b == null ? lanes[j % 8] + a[aOff + j] : Math.fma(a[aOff + j], b[bOff + j], lanes[j % 8]);
        }
        float sum = 0f;
        for (float lane : lanes) {
            sum += lane;
        }
        int fours = vec + (n - vec) / 4 * 4;
        for (int j = vec; j < n; j++) {
            if (b == null) {
                sum += a[aOff + j];
            } else if (j < fours) {
                sum += a[aOff + j] * b[bOff + j];
            } else {
                sum = Math.fma(a[aOff + j], b[bOff + j], sum);
            }
        }
        return sum;
    }

    private static float[] filled(int n) {
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        return ones;
    }
}
