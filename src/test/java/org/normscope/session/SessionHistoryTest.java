package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;

class SessionHistoryTest {

    @Test
    void theTrueMeanOverColumnsFollowsTheDriftAndEveryChangeOfTheBatches() {
        Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 2, 0.5, 3), null);
        for (int t = 0; t < 40; t++) {
            s.stepQuietly();
        }
        BatchSpec changed = s.batches().withSource(1, new ChannelSource.Uniform(10, 20));
        s.setBatches(changed);
        for (int t = 0; t < 40; t++) {
            s.stepQuietly();
        }
        SessionHistory h = s.history();
        // brute force: the true mean of every step, from the spec it ran with
        double[] truth = new double[81];
        for (int t = 1; t <= 80; t++) {
            BatchSpec spec = t <= 40 ? Fixtures.normal(4, new int[] {2}, 2, 0.5, 3) : changed;
            truth[t] = new org.normscope.batch.BatchSource(spec).trueMean(1, t);
            assertThat(h.valueAt(Stat.TRUE_MEAN, 1, t)).isEqualTo((float) truth[t]);
        }
        int columns = 7;
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        h.columns(Stat.TRUE_MEAN, 1, 3, 80, columns, min, max, mean);
        long span = 78;
        for (int i = 0; i < columns; i++) {
            long a = 3 + (long) Math.floor((double) i * span / columns);
            long b = 3 + (long) Math.floor((double) (i + 1) * span / columns) - 1;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double sum = 0;
            for (long t = a; t <= b; t++) {
                lo = Math.min(lo, truth[(int) t]);
                hi = Math.max(hi, truth[(int) t]);
                sum += truth[(int) t];
            }
            assertThat(min[i]).as("column %d min", i).isEqualTo((float) lo);
            assertThat(max[i]).as("column %d max", i).isEqualTo((float) hi);
            assertThat(mean[i]).as("column %d mean", i).isCloseTo((float) (sum / (b - a + 1)), within(1e-4f));
        }
    }

    @Test
    void distributionsAreSampledEveryKStepsAndReadBackPerColumn() {
        Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), Fixtures.normal(8, new int[] {4}, 3, 0, 5), null);
        SessionHistory h = s.history();
        assertThat(h.sampleEvery()).isEqualTo(1); // 2 sides × 3 channels × 32 values: small enough for every step
        float[][] expected;
        for (int t = 0; t < 20; t++) {
            s.step();
        }
        expected = DistributionSampler.quantiles(new org.normscope.batch.BatchSource(s.batches()).batch(20, false),
                SessionHistory.QUANTILES);
        float[][] out = new float[SessionHistory.QUANTILES.length][20];
        double[] x = new double[20];
        h.quantileColumns(2, SessionHistory.Side.INPUT, 1, 20, 20, out, x);
        assertThat(x[19]).isEqualTo(20.0);
        for (int k = 0; k < SessionHistory.QUANTILES.length; k++) {
            assertThat(out[k][19]).isEqualTo(expected[2][k]);
        }
        float[][] one = new float[SessionHistory.QUANTILES.length][1];
        h.quantileColumns(2, SessionHistory.Side.OUTPUT, 1, 20, 1, one, new double[1]);
        assertThat(one[0][0]).isLessThanOrEqualTo(one[2][0]);
        assertThat(one[2][0]).isCloseTo(0f, within(0.5f)); // y is normalized: its median is near 0
        assertThat(one[4][0]).isGreaterThanOrEqualTo(one[3][0]);
    }

    @Test
    void beforeTheFirstSampleTheDistributionsAreEmpty() {
        SessionHistory h = new SessionHistory(2, 64);
        float[][] out = new float[SessionHistory.QUANTILES.length][5];
        double[] x = new double[5];
        h.quantileColumns(0, SessionHistory.Side.INPUT, 1, 50, 5, out, x);
        for (float[] row : out) {
            for (float v : row) {
                assertThat(v).isNaN();
            }
        }
    }

    @Test
    void csvColumnsNameEveryChannel() throws Exception {
        Session s = Session.notebook();
        for (int t = 0; t < 3; t++) {
            s.step();
        }
        StringBuilder out = new StringBuilder();
        s.history().csvColumns(Stat.RUNNING_MEAN).write(out, 1, 3, 1);
        String[] lines = out.toString().split("\n");
        assertThat(lines[0]).startsWith("first_step,last_step,ch0_min,ch0_max,ch0_mean,ch1_min");
        assertThat(lines).hasSize(4);
        assertThat(lines[2]).startsWith("2,2,0.51,0.51,0.51,");
    }
}
