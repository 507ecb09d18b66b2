package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Tensor;

class DistributionSamplerTest {

    private static final double[] LEVELS = SessionHistory.QUANTILES;

    /** torch.quantile's default ('linear'): the value at position q·(m − 1) of the sorted values, interpolated. */
    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double[] channel(Tensor t, int c) {
        int[] s = t.shape();
        int slice = t.numel() / s[0] / s[1];
        double[] v = new double[s[0] * slice];
        for (int b = 0; b < s[0]; b++) {
            for (int i = 0; i < slice; i++) {
                v[b * slice + i] = t.data()[(b * s[1] + c) * slice + i];
            }
        }
        Arrays.sort(v);
        return v;
    }

    private static Tensor random(int n, int c, int slice, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] d = new float[n * c * slice];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (r.nextDouble() * 10 - 3);
        }
        return new Tensor(new int[] {n, c, slice}, d);
    }

    @Test
    void smallChannelsGiveTheExactQuantilesAsTorchQuantileDoes() {
        Tensor t = random(6, 3, 7, 1); // 42 values per channel: all of them sorted
        float[][] q = DistributionSampler.quantiles(t, LEVELS);
        for (int c = 0; c < 3; c++) {
            double[] sorted = channel(t, c);
            for (int k = 0; k < LEVELS.length; k++) {
                assertThat(q[c][k]).as("channel %d level %s", c, LEVELS[k])
                        .isCloseTo((float) quantile(sorted, LEVELS[k]), within(1e-5f));
            }
        }
    }

    @Test
    void largeChannelsHaveExactExtremesAndSampledInnerQuantilesCloseToTheTrueOnes() {
        Tensor t = random(64, 2, 64, 2); // 4,096 values per channel, 256 of them sorted
        float[][] q = DistributionSampler.quantiles(t, LEVELS);
        for (int c = 0; c < 2; c++) {
            double[] sorted = channel(t, c);
            assertThat(q[c][0]).isEqualTo((float) sorted[0]);
            assertThat(q[c][LEVELS.length - 1]).isEqualTo((float) sorted[sorted.length - 1]);
            for (int k = 1; k < LEVELS.length - 1; k++) {
                assertThat((double) q[c][k]).isCloseTo(quantile(sorted, LEVELS[k]), within(0.6)); // of a range of 10
            }
        }
    }

    @Test
    void nanValuesAreLeftOutAndAnAllNanChannelGivesNan() {
        Tensor t = new Tensor(new int[] {2, 2, 2}, new float[] {1, Float.NaN, Float.NaN, Float.NaN, 3, 5,
            Float.NaN, Float.NaN});
        float[][] q = DistributionSampler.quantiles(t, LEVELS);
        assertThat(q[0][0]).isEqualTo(1f);
        assertThat(q[0][2]).isEqualTo(3f);
        assertThat(q[0][4]).isEqualTo(5f);
        for (float v : q[1]) {
            assertThat(v).isNaN();
        }
    }

    @Test
    void smallBatchesAreSampledEveryStepAndLargeOnesEveryPowerOfTwoSteps() {
        assertThat(DistributionSampler.every(BatchSpec.ones(4))).isEqualTo(1);
        BatchSpec big = new BatchSpec(64, new int[] {8, 8}, Fixtures.normal(1, new int[] {1}, 64, 0, 0).sources(),
                0, 0, true);
        long k = DistributionSampler.every(big);
        assertThat(Long.bitCount(k)).isEqualTo(1);
        assertThat(2L * 64 * DistributionSampler.MAX_SAMPLE / k).isLessThanOrEqualTo(256);
        assertThat(2L * 64 * DistributionSampler.MAX_SAMPLE / (k / 2)).isGreaterThan(256);
    }
}
