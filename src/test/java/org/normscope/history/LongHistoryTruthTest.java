package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A history past 2·10^7 steps, filled directly with signals whose every value is known (a
 * constant, a noise band, a ramp, steps), read as the charts read it (800 columns, and windows of
 * it) and as CSV export writes it (1,000 rows): every column and row holds a value, min ≤ mean ≤
 * max, and min and max bracket the true values of the steps it covers. (Buckets wider than a
 * column used to go to the column of their first step only: the charts of a long history drew a
 * sawtooth of bucket columns and gaps, and the CSV was mostly empty rows.)
 */
class LongHistoryTruthTest {

    static final long STEPS = 20_500_000;
    static final int CONSTANT = 0;
    static final int NOISE = 1;
    static final int RAMP = 2;
    static final int STAIRS = 3;
    static HistoryPyramid history;

    /** Series {@code s}'s value at step {@code t}: a function of the step alone. */
    static float value(int s, long t) {
        return switch (s) {
            case CONSTANT -> -2f;
            case NOISE -> -2f + 0.36f * (float) ((mix(t) >>> 11) * 0x1.0p-53) - 0.18f; // in [-2.18, -1.82], rounded
            case RAMP -> (float) (t * 1e-6);
            case STAIRS -> (float) (t / 3_000_000);
            default -> throw new IllegalArgumentException();
        };
    }

    private static long mix(long t) { // SplitMix64's finaliser: a fixed pseudo-random value per step
        long z = t * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @BeforeAll
    static void fill() {
        history = HistoryPyramid.forStats(4);
        float[] row = new float[4];
        for (long t = 1; t <= STEPS; t++) {
            for (int s = 0; s < 4; s++) {
                row[s] = value(s, t);
            }
            history.append(row);
        }
    }

    /** min ≤ every value of steps first..last ≤ max, and min ≤ mean ≤ max. */
    private static void assertBrackets(String where, int s, long first, long last, float min, float max, float mean) {
        assertThat(mean).as(where + ": a value").isNotNaN();
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (long t = first; t <= last; t++) {
            float v = value(s, t);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertThat(min).as(where + ": min ≤ the true minimum").isLessThanOrEqualTo(lo);
        assertThat(max).as(where + ": max ≥ the true maximum").isGreaterThanOrEqualTo(hi);
        assertThat(mean).as(where + ": min ≤ mean").isGreaterThanOrEqualTo(min);
        assertThat(mean).as(where + ": mean ≤ max").isLessThanOrEqualTo(max);
    }

    @Test
    void everyChartColumnHoldsAValueThatBracketsItsSteps() {
        int columns = 800;
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        long[][] windows = {{1, STEPS}, {1, STEPS / 3}, {STEPS / 2, STEPS}, {12_345_678, 12_999_999},
                {STEPS - 1_000_000, STEPS}};
        for (long[] w : windows) {
            long span = w[1] - w[0] + 1;
            for (int s = 0; s < 4; s++) {
                history.columns(s, w[0], w[1], columns, min, max, mean);
                for (int c = 0; c < columns; c++) {
                    long first = w[0] + Math.floorDiv(c * span, columns);
                    long last = w[0] + Math.floorDiv((c + 1) * span, columns) - 1;
                    assertBrackets("series " + s + ", " + w[0] + ".." + w[1] + ", column " + c, s, first, last,
                            min[c], max[c], mean[c]);
                }
            }
        }
        // the noise band reads as a band: every column's mean within it, no sawtooth between columns
        history.columns(NOISE, 1, STEPS, columns, min, max, mean);
        for (int c = 0; c < columns; c++) {
            assertThat(mean[c]).isBetween(-2.1801f, -1.8199f);
            assertThat(min[c]).isBetween(-2.1801f, -1.8199f);
            assertThat(max[c]).isBetween(-2.1801f, -1.8199f);
        }
    }

    @Test
    void everyCsvRowHoldsAValueThatBracketsItsSteps() throws Exception {
        long stepsPerRow = (STEPS + 999) / 1000; // "about 1,000 rows"
        StringBuilder out = new StringBuilder();
        HistoryCsv.write(out, history, new int[] {0, 1, 2, 3}, new String[] {"c", "n", "r", "s"}, 1, STEPS, stepsPerRow);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(1 + 1000);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            long first = Long.parseLong(f[0]);
            long last = Long.parseLong(f[1]);
            for (int s = 0; s < 4; s++) {
                assertThat(f[2 + 3 * s]).as("row " + first + " series " + s + " is not empty").isNotEmpty();
                assertBrackets("row " + first + ".." + last + ", series " + s, s, first, last,
                        Float.parseFloat(f[2 + 3 * s]), Float.parseFloat(f[3 + 3 * s]), Float.parseFloat(f[4 + 3 * s]));
            }
        }
    }
}
