package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.engine.Tensor;

/** The generated batches: their shape, their determinism, their statistics, the drift and the outliers. */
class BatchSourceTest {

    static BatchSource source(int n, int[] spatial, List<ChannelSource> sources, double drift, long seed, boolean fresh) {
        return new BatchSource(new BatchSpec(n, spatial, sources, drift, seed, fresh));
    }

    static final List<ChannelSource> MIXED = List.of(new ChannelSource.Normal(-2, 0.5), new ChannelSource.Normal(0, 1),
            new ChannelSource.Uniform(-1, 3), new ChannelSource.Normal(3, 0.25));

    /** Channel {@code c}'s values of an {@code (N, C, *spatial)} tensor, in order. */
    static double[] channel(Tensor t, int c) {
        int[] shape = t.shape();
        int n = shape[0];
        int channels = shape[1];
        int slice = t.numel() / (n * channels);
        double[] v = new double[n * slice];
        int k = 0;
        for (int b = 0; b < n; b++) {
            for (int s = 0; s < slice; s++) {
                v[k++] = t.data()[(b * channels + c) * slice + s];
            }
        }
        return v;
    }

    static double mean(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x;
        }
        return sum / v.length;
    }

    /** The central moment {@code Σ(x − mean)^k / n}. */
    static double moment(double[] v, int k) {
        double m = mean(v);
        double sum = 0;
        for (double x : v) {
            sum += Math.pow(x - m, k);
        }
        return sum / v.length;
    }

    // ---------------------------------------------------------------- shape and layout

    @Test
    void theBatchHasShapeNCThenTheSpatialSizes() {
        assertThat(source(3, new int[0], MIXED, 0, 0, true).batch(1, false).shape()).containsExactly(3, 4);
        assertThat(source(3, new int[] {5}, MIXED, 0, 0, true).batch(1, false).shape()).containsExactly(3, 4, 5);
        assertThat(source(2, new int[] {3, 4}, MIXED, 0, 0, true).batch(7, true).shape()).containsExactly(2, 4, 3, 4);
        Tensor t = source(2, new int[] {3, 4, 5}, MIXED.subList(0, 1), 0, 0, false).batch(2, false);
        assertThat(t.shape()).containsExactly(2, 1, 3, 4, 5);
        assertThat(t.numel()).isEqualTo(120);
    }

    @Test
    void eachChannelSitsWhereTheRowMajorLayoutPutsIt() {
        List<ChannelSource> constants = List.of(new ChannelSource.Constant(0), new ChannelSource.Constant(1),
                new ChannelSource.Constant(2));
        Tensor t = source(2, new int[] {2, 3}, constants, 0, 0, true).batch(1, false);
        float[] data = t.data();
        for (int b = 0; b < 2; b++) {
            for (int c = 0; c < 3; c++) {
                for (int s = 0; s < 6; s++) {
                    assertThat(data[(b * 3 + c) * 6 + s]).isEqualTo((float) c);
                }
            }
        }
    }

    @Test
    void aConstantSourceGivesExactlyItsValue() {
        for (double v : new double[] {1, 0.1, -2.5, 0, 1e-7, 12345.678}) {
            BatchSource s = source(4, new int[] {3}, List.of(new ChannelSource.Constant(v)), 0, 11, true);
            for (int step = 1; step <= 3; step++) {
                assertThat(s.batch(step, false).data()).containsOnly((float) v);
            }
        }
        assertThat(new BatchSource(BatchSpec.ones(4)).batch(1, false).data()).hasSize(8).containsOnly(1f);
    }

    // ---------------------------------------------------------------- determinism

    @Test
    void theSameSeedGivesTheSameBatches() {
        BatchSource a = source(4, new int[] {8}, MIXED, 0.1, 123, true);
        BatchSource b = source(4, new int[] {8}, MIXED, 0.1, 123, true);
        for (int step = 1; step <= 5; step++) {
            assertThat(a.batch(step, false).data()).containsExactly(b.batch(step, false).data());
            assertThat(a.batch(step, true).data()).containsExactly(b.batch(step, true).data());
        }
        // A batch depends on its step only, not on which steps were drawn before.
        assertThat(source(4, new int[] {8}, MIXED, 0.1, 123, true).batch(5, false).data())
                .containsExactly(a.batch(5, false).data());
    }

    @Test
    void differentSeedsOrStepsGiveDifferentBatches() {
        float[] seed0 = source(4, new int[] {8}, MIXED, 0, 0, true).batch(1, false).data();
        float[] seed1 = source(4, new int[] {8}, MIXED, 0, 1, true).batch(1, false).data();
        float[] seed0step2 = source(4, new int[] {8}, MIXED, 0, 0, true).batch(2, false).data();

        assertThat(differences(seed0, seed1)).isEqualTo(seed0.length);
        assertThat(differences(seed0, seed0step2)).isEqualTo(seed0.length);
    }

    @Test
    void neighbouringSeedsAndStepsAreMixedApart() {
        assertThat(BatchSource.mix(0, 1)).isNotEqualTo(BatchSource.mix(1, 1)).isNotEqualTo(BatchSource.mix(0, 2));
        assertThat(BatchSource.mix(1, 0)).isNotEqualTo(BatchSource.mix(0, 1));
        // About half of the 64 bits flip between neighbouring seeds.
        assertThat(Long.bitCount(BatchSource.mix(7, 1) ^ BatchSource.mix(8, 1))).isBetween(16, 48);
        assertThat(Long.bitCount(BatchSource.mix(7, 1) ^ BatchSource.mix(7, 2))).isBetween(16, 48);
    }

    private static int differences(float[] a, float[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] != b[i] ? 1 : 0;
        }
        return n;
    }

    // ---------------------------------------------------------------- fresh or the same batch, and the drift

    @Test
    void withoutFreshDrawsEveryStepIsTheFirstBatch() {
        BatchSource s = source(4, new int[] {8}, MIXED, 0, 5, false);
        float[] first = s.batch(1, false).data();
        for (int step = 2; step <= 6; step++) {
            assertThat(s.batch(step, false).data()).containsExactly(first);
        }
        // ... which is also the fresh source's first batch.
        assertThat(source(4, new int[] {8}, MIXED, 0, 5, true).batch(1, false).data()).containsExactly(first);
    }

    @Test
    void withoutFreshDrawsTheDriftShiftsEveryValueByDriftTimesStepsSoFar() {
        double drift = 0.37;
        BatchSource s = source(4, new int[] {8}, MIXED, drift, 5, false);
        float[] first = s.batch(1, false).data();
        for (int step : new int[] {2, 3, 10, 1000}) {
            float[] later = s.batch(step, false).data();
            for (int i = 0; i < first.length; i++) {
                double rounding = Math.ulp(Math.max(Math.abs(first[i]), Math.abs(later[i])));
                assertThat((double) later[i] - first[i]).as("value %d at step %d", i, step)
                        .isCloseTo(drift * (step - 1), within(rounding));
            }
        }
    }

    @Test
    void aFreshBatchWithDriftIsDrawnAroundTheDriftedMean() {
        double drift = -0.5;
        BatchSource s = source(2048, new int[] {16}, MIXED, drift, 99, true);
        Tensor t = s.batch(21, false);
        for (int c = 0; c < 4; c++) {
            double[] v = channel(t, c);
            double se = Math.sqrt(s.trueVariance(c) / v.length);
            assertThat(mean(v)).as("channel %d", c).isCloseTo(s.trueMean(c, 21), within(5 * se));
            assertThat(s.trueMean(c, 21)).isEqualTo(MIXED.get(c).mean() - 10);
        }
    }

    @Test
    void theTrueMeanIncludesTheDriftAndTheTrueVarianceDoesNot() {
        BatchSource s = source(2, new int[] {1}, MIXED, 0.02, 0, true);
        assertThat(s.trueMean(0, 1)).isEqualTo(-2);
        assertThat(s.trueMean(0, 2)).isCloseTo(-1.98, within(1e-15));
        assertThat(s.trueMean(2, 51)).isCloseTo(1 + 0.02 * 50, within(1e-15));
        assertThat(s.trueVariance(0)).isEqualTo(0.25);
        assertThat(s.trueVariance(2)).isEqualTo(16.0 / 12);
        assertThat(source(2, new int[] {1}, MIXED, 0, 0, true).trueMean(3, 1000)).isEqualTo(3);
    }

    // ---------------------------------------------------------------- statistics

    @Test
    void aLargeBatchHasTheTrueMeanAndVarianceWithinAFewStandardErrors() {
        List<ChannelSource> sources = List.of(new ChannelSource.Normal(3, 2), new ChannelSource.Uniform(-1, 5),
                new ChannelSource.Normal(-1e3, 0.01), new ChannelSource.Uniform(0, 1e-3));
        BatchSource s = source(1024, new int[] {256}, sources, 0, 2024, true);
        Tensor t = s.batch(1, false);
        for (int c = 0; c < sources.size(); c++) {
            double[] v = channel(t, c);
            int n = v.length;
            double var = moment(v, 2);
            double seMean = Math.sqrt(s.trueVariance(c) / n);
            double seVar = Math.sqrt((moment(v, 4) - var * var) / n);
            // float32 rounding of each value adds at most half an ulp, far below these errors
            assertThat(mean(v)).as("mean of channel %d", c).isCloseTo(s.trueMean(c, 1), within(5 * seMean));
            assertThat(var).as("variance of channel %d", c).isCloseTo(s.trueVariance(c), within(5 * seVar));
        }
    }

    @Test
    void uniformValuesFillTheirIntervalAndNoMore() {
        BatchSource s = source(512, new int[] {64}, List.of(new ChannelSource.Uniform(-1, 3)), 0, 3, true);
        double[] v = channel(s.batch(1, false), 0);
        double min = Arrays.stream(v).min().orElseThrow();
        double max = Arrays.stream(v).max().orElseThrow();
        assertThat(min).isGreaterThanOrEqualTo(-1).isLessThan(-0.999);
        assertThat(max).isLessThanOrEqualTo(3).isGreaterThan(2.999);
    }

    // ---------------------------------------------------------------- outliers

    @Test
    void theOutlierShiftIsTenStandardDeviationsAndAtLeastTen() {
        BatchSource s = source(2, new int[] {1}, List.of(new ChannelSource.Normal(0, 3), new ChannelSource.Normal(5, 0.5),
                new ChannelSource.Constant(7), new ChannelSource.Uniform(0, 12)), 0, 0, true);
        assertThat(s.outlierShift(0)).isEqualTo(30);
        assertThat(s.outlierShift(1)).isEqualTo(10);
        assertThat(s.outlierShift(2)).isEqualTo(10);
        assertThat(s.outlierShift(3)).isCloseTo(10 * Math.sqrt(12), within(1e-12));
    }

    @Test
    void anOutlierBatchIsTheSameBatchShiftedByTheOutlierShift() {
        BatchSource s = source(4, new int[] {8}, MIXED, 0.1, 17, true);
        for (int step : new int[] {1, 4}) {
            Tensor plain = s.batch(step, false);
            Tensor outlier = s.batch(step, true);
            for (int c = 0; c < 4; c++) {
                double[] p = channel(plain, c);
                double[] o = channel(outlier, c);
                for (int i = 0; i < p.length; i++) {
                    double rounding = Math.ulp((float) Math.max(Math.abs(p[i]), Math.abs(o[i])));
                    assertThat(o[i] - p[i]).isCloseTo(s.outlierShift(c), within(rounding));
                }
            }
        }
        // The next step is an ordinary one again.
        assertThat(s.batch(5, false).data()).containsExactly(source(4, new int[] {8}, MIXED, 0.1, 17, true)
                .batch(5, false).data());
    }

    // ---------------------------------------------------------------- independence of channels

    @Test
    void changingOneChannelsSourceLeavesTheOtherChannelsValuesAlone() {
        BatchSpec before = new BatchSpec(4, new int[] {3}, MIXED, 0, 11, true);
        BatchSpec after = before.withSource(0, new ChannelSource.Constant(5));
        Tensor a = new BatchSource(before).batch(3, false);
        Tensor b = new BatchSource(after).batch(3, false);
        int channels = MIXED.size();
        for (int n = 0; n < 4; n++) {
            for (int c = 0; c < channels; c++) {
                for (int s = 0; s < 3; s++) {
                    int i = (n * channels + c) * 3 + s;
                    if (c == 0) {
                        assertThat(b.data()[i]).isEqualTo(5f);
                    } else {
                        assertThat(b.data()[i]).as("channel %d", c).isEqualTo(a.data()[i]);
                    }
                }
            }
        }
    }

    @Test
    void addingAChannelLeavesTheExistingChannelsValuesAlone() {
        BatchSpec two = new BatchSpec(5, new int[] {2}, MIXED.subList(0, 2), 0, 4, true);
        Tensor a = new BatchSource(two).batch(2, false);
        Tensor b = new BatchSource(two.withChannels(3)).batch(2, false);
        for (int n = 0; n < 5; n++) {
            for (int c = 0; c < 2; c++) {
                for (int s = 0; s < 2; s++) {
                    assertThat(b.data()[(n * 3 + c) * 2 + s]).isEqualTo(a.data()[(n * 2 + c) * 2 + s]);
                }
            }
        }
    }

    @Test
    void stepsCountFromOne() {
        BatchSource source = new BatchSource(BatchSpec.ones(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.batch(0, false))
                .hasMessage("steps count from 1, got 0");
    }

    @Test
    void aBatchStartedAndDrawnByTwoThreadsIsTheBatchOfItsStep() throws Exception {
        for (Generator g : Generator.values()) {
            BatchSpec spec = new BatchSpec(16, new int[] {64}, List.of(MIXED.get(0), MIXED.get(1), MIXED.get(2), MIXED.get(3),
                    MIXED.get(0), MIXED.get(2)), 0.25, 9, true, g);
            BatchSource source = new BatchSource(spec);
            for (long step : new long[] {1, 2, 7}) {
                for (boolean outlier : new boolean[] {false, true}) {
                    Tensor reuse = Tensor.zeros(spec.shape());
                    BatchSource.Drawing drawing = source.start(step, outlier, reuse);
                    Thread helper = new Thread(drawing::help);
                    helper.start();
                    Tensor drawn = drawing.join();
                    helper.join();
                    assertThat(drawn).isSameAs(reuse);
                    assertThat(drawn.data()).as("%s step %d outlier %s", g, step, outlier)
                            .containsExactly(new BatchSource(spec, 1).batch(step, outlier).data());
                }
            }
            assertThat(source.start(3, false, null).join().data()).as("joined alone")
                    .containsExactly(source.batch(3, false).data());
        }
    }

    @Test
    void theRepeatedBatchIsNotStartedAnew() {
        BatchSource same = source(4, new int[] {3}, MIXED, 0, 1, false);
        assertThat(same.drawsAnew(5, false)).isFalse();
        assertThat(same.drawsAnew(5, true)).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> same.start(5, false, null))
                .hasMessage("step 5 is not drawn anew");
        Tensor shared = same.batch(2, false);
        assertThat(same.start(5, true, shared).join()).as("never written into the shared batch").isNotSameAs(shared);
    }
}
