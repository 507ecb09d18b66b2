package org.normscope.session;

import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;

/**
 * The last batch's statistics per group of values that share one mean and variance, for the
 * layers that normalize within a sample: InstanceNorm (a group per sample × channel, over
 * {@code ∏ spatial} values), LayerNorm (a group per sample, or per sample × leading position
 * when normalized_shape does not reach back to C, over {@code ∏ normalized_shape}) and GroupNorm
 * (a group per sample × group of {@code C/G} channels, over {@code (C/G)·∏ spatial}). In the
 * {@code (N, C, *)} layout each group is a contiguous run of {@code m} values, so
 * <pre>
 *   mean_g = Σ x / m,   var_g = Σ (x − mean_g)² / m      over x[g·m … (g+1)·m − 1]
 * </pre>
 * computed here in double (the engine normalizes with the same sums in float). Group
 * {@code g} is sample {@code g / groupsPerSample}'s group {@code g % groupsPerSample}.
 *
 * @param samples N
 * @param groupsPerSample groups in one sample (C for InstanceNorm, G for GroupNorm, 1 or more for LayerNorm)
 * @param valuesPerGroup m
 * @param mean per group, sample-major
 * @param var biased, per group, sample-major
 */
public record GroupStats(LayerKind kind, int samples, int groupsPerSample, int valuesPerGroup, float[] mean,
                         float[] var) {

    /** The groups of {@code x} under {@code config}; null for BatchNorm (its groups are the channels, across samples). */
    public static GroupStats of(LayerConfig config, Tensor x) {
        if (config.kind().isBatchNorm() || x == null || x.dim() < 2 || x.numel() == 0) {
            return null;
        }
        int n = x.size(0);
        int channels = x.size(1);
        int slice = x.numel() / n / channels;
        int[] spatial = new int[x.dim() - 2];
        for (int d = 0; d < spatial.length; d++) {
            spatial[d] = x.size(d + 2);
        }
        int m = switch (config.kind()) {
            case LAYER_NORM -> config.parameterCount(spatial);
            case GROUP_NORM -> channels / config.numGroups() * slice;
            default -> slice;
        };
        int groups = x.numel() / m;
        float[] mean = new float[groups];
        float[] var = new float[groups];
        float[] d = x.data();
        for (int g = 0; g < groups; g++) {
            int start = g * m;
            double sum = 0;
            for (int i = start; i < start + m; i++) {
                sum += d[i];
            }
            double mu = sum / m;
            double sq = 0;
            for (int i = start; i < start + m; i++) {
                double dv = d[i] - mu;
                sq += dv * dv;
            }
            mean[g] = (float) mu;
            var[g] = (float) (sq / m);
        }
        return new GroupStats(config.kind(), n, groups / n, m, mean, var);
    }

    /** Sample {@code n}'s group {@code g}'s mean. */
    public float mean(int n, int g) {
        return mean[n * groupsPerSample + g];
    }

    /** Sample {@code n}'s group {@code g}'s biased variance. */
    public float var(int n, int g) {
        return var[n * groupsPerSample + g];
    }
}
