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

    /**
     * y's quantiles derived from x's sorted sample through {@code y = fma(x, α, β)} are the floats
     * that sorting y itself gives: for positive, negative, tiny and huge α, with NaN, ±inf, signed
     * zeros and ties in x, and through the output where the map is not monotone (α = 0, NaN, inf).
     */
    @Test
    void outputQuantilesDerivedFromTheInputAreThoseOfTheOutputItself() {
        SplittableRandom r = new SplittableRandom(77);
        float[] alphas = {2.5f, -0.75f, 1f, -1f, 1e-30f, -3e30f, 0f, Float.NaN, Float.POSITIVE_INFINITY, 0.3f};
        float[] betas = {0f, 1.5f, 0f, -0f, 2f, 1e-3f, 4f, 0f, 1f, Float.NEGATIVE_INFINITY};
        for (int round = 0; round < 40; round++) {
            int n = 1 + r.nextInt(70);
            int c = alphas.length;
            int slice = 1 + r.nextInt(9);
            float[] d = new float[n * c * slice];
            for (int i = 0; i < d.length; i++) {
                int kind = r.nextInt(20);
                d[i] = switch (kind) {
                    case 0 -> Float.NaN;
                    case 1 -> Float.POSITIVE_INFINITY;
                    case 2 -> Float.NEGATIVE_INFINITY;
                    case 3 -> -0f;
                    case 4 -> 0f;
                    case 5 -> 1.25f; // ties
                    default -> (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(12) - 6));
                };
            }
            Tensor x = new Tensor(new int[] {n, c, slice}, d);
            float[] a = alphas.clone();
            float[] b = betas.clone();
            if (round % 2 == 1) { // shuffled pairs, other rounds
                for (int k = 0; k < c; k++) {
                    a[k] = (float) ((r.nextDouble() - 0.5) * 8);
                    b[k] = (float) ((r.nextDouble() - 0.5) * 8);
                }
            }
            float[] yd = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                int ch = (i / slice) % c;
                yd[i] = Math.fma(d[i], a[ch], b[ch]);
            }
            Tensor y = new Tensor(x.shape(), yd);
            boolean[] asked = {false};
            float[][][] both = DistributionSampler.both(x, a, b, LEVELS, () -> {
                asked[0] = true;
                return y;
            });
            float[][] direct = DistributionSampler.quantiles(y, LEVELS);
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < LEVELS.length; k++) {
                    assertThat(Float.floatToIntBits(both[1][ch][k])).as("round %d, α %s, β %s, level %s: %s vs %s",
                            round, a[ch], b[ch], LEVELS[k], both[1][ch][k], direct[ch][k])
                            .isEqualTo(Float.floatToIntBits(direct[ch][k]));
                }
            }
            float[][] xq = DistributionSampler.quantiles(x, LEVELS);
            for (int ch = 0; ch < c; ch++) {
                for (int k = 0; k < LEVELS.length; k++) {
                    assertThat(Float.floatToIntBits(both[0][ch][k])).isEqualTo(Float.floatToIntBits(xq[ch][k]));
                }
            }
            assertThat(asked[0]).as("the output is read only for α = 0, NaN or inf").isEqualTo(round % 2 == 0);
        }
    }
}
