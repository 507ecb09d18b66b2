package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;

/**
 * A million steps of a small layer through the session, in a JVM with a 256 MB heap (its own
 * surefire run): the history stays within its bound, and every step is in it — the mean of
 * every channel's batch mean over all steps, read back from the history's buckets, equals the
 * mean computed step by step here in double.
 */
class HistorySoakTest {

    private static final int STEPS = 1_000_000;

    @Test
    void aMillionStepsAreAllAccountedForInBoundedMemory() {
        // the pom's "soak" execution runs it with -Xmx256m; picked by -Dtest in another JVM, it waits for that run
        assumeTrue(Runtime.getRuntime().maxMemory() <= 300L << 20, "runs in the soak execution, with -Xmx256m");
        int channels = 4;
        Session s = new Session(Fixtures.bn1d(channels, Momentum.of(0.1)),
                Fixtures.normal(8, new int[] {2}, channels, 1e-6, 7), null);
        double[] sum = new double[channels];
        float[] min = new float[channels];
        float[] max = new float[channels];
        java.util.Arrays.fill(min, Float.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Float.NEGATIVE_INFINITY);
        long bytesAtHundredThousand = 0;
        for (int t = 1; t <= STEPS; t++) {
            assertThat(s.stepQuietly()).isTrue();
            SessionHistory h = s.history();
            for (int c = 0; c < channels; c++) {
                float v = h.valueAt(Stat.BATCH_MEAN, c, t); // exact: the newest step
                sum[c] += v;
                min[c] = Math.min(min[c], v);
                max[c] = Math.max(max[c], v);
            }
            if (t == 100_000) {
                bytesAtHundredThousand = h.bytes();
            }
        }
        SessionHistory h = s.history();
        assertThat(h.steps()).isEqualTo(STEPS);
        float[] colMin = new float[1];
        float[] colMax = new float[1];
        float[] colMean = new float[1];
        for (int c = 0; c < channels; c++) {
            h.columns(Stat.BATCH_MEAN, c, 1, STEPS, 1, colMin, colMax, colMean);
            assertThat(colMean[0]).as("channel %d's mean over every step", c)
                    .isCloseTo((float) (sum[c] / STEPS), within(1e-5f));
            assertThat(colMin[0]).isEqualTo(min[c]);
            assertThat(colMax[0]).isEqualTo(max[c]);
        }
        // memory: O(log steps) past the exact window, so a tenfold longer run adds at most four levels
        // (log2 10 < 4) to each series: 16 stat series of about 1.9 KB a level, 40 distribution series of 0.5 KB
        long bytes = h.bytes();
        assertThat(bytes - bytesAtHundredThousand).isLessThan(4 * (16 * 1_940L + 40 * 532L));
        assertThat(bytes).as("history bytes for %d channels", channels).isLessThan(channels * 6 * 64_000L + 2_000_000L);
        System.gc();
        Runtime rt = Runtime.getRuntime();
        assertThat(rt.totalMemory() - rt.freeMemory()).isLessThan(128L << 20);
    }
}
