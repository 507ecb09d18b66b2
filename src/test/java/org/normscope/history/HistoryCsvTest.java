package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.history.Buckets.Bucket;
import org.normscope.json.ShortestFloat;
import org.normscope.testing.Gen;

/** {@link HistoryCsv}: the header, the rows' ranges and what their cells hold. */
class HistoryCsvTest {

    static String csv(HistoryPyramid p, int[] series, String[] names, long from, long to, long stepsPerRow) {
        StringBuilder out = new StringBuilder();
        try {
            HistoryCsv.write(out, p, series, names, from, to, stepsPerRow);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString();
    }

    static List<String> lines(String csv) {
        assertThat(csv).endsWith("\n");
        return List.of(csv.split("\n", -1)).subList(0, (int) csv.chars().filter(c -> c == '\n').count());
    }

    @Test
    void theHeaderNamesMinMaxAndMeanOfEachSeries() {
        HistoryPyramid p = new HistoryPyramid(3, 8, 2, 1, 2);
        String csv = csv(p, new int[] {2, 0}, new String[] {"running_mean[1]", "var, \"biased\""}, 1, 10, 1);
        assertThat(csv).isEqualTo("first_step,last_step,running_mean[1]_min,running_mean[1]_max,running_mean[1]_mean,"
                + "\"var, \"\"biased\"\"_min\",\"var, \"\"biased\"\"_max\",\"var, \"\"biased\"\"_mean\"\n");
    }

    @Test
    void stepsPerRowOneInTheExactWindowGivesTheRawValuesAndEmptyCellsForNaN() {
        HistoryPyramid p = new HistoryPyramid(2, 100, 4, 2, 3);
        for (int t = 1; t <= 6; t++) {
            p.append(new float[] {t / 4f, t % 3 == 0 ? Float.NaN : -t * 1e9f});
        }
        assertThat(lines(csv(p, new int[] {0, 1}, new String[] {"a", "b"}, 2, 5, 1))).containsExactly(
                "first_step,last_step,a_min,a_max,a_mean,b_min,b_max,b_mean",
                "2,2,0.5,0.5,0.5,-2.0E9,-2.0E9,-2.0E9",
                "3,3,0.75,0.75,0.75,,,",
                "4,4,1.0,1.0,1.0,-4.0E9,-4.0E9,-4.0E9",
                "5,5,1.25,1.25,1.25,-5.0E9,-5.0E9,-5.0E9");
    }

    @Test
    void rowsCoverConsecutiveRunsOfStepsAndTheLastMayBeShorter() {
        HistoryPyramid p = new HistoryPyramid(1, 100, 4, 2, 3);
        HistoryPyramidTest.appendSteps(p, 30);
        assertThat(lines(csv(p, new int[] {0}, new String[] {"x"}, 3, 20, 5))).containsExactly(
                "first_step,last_step,x_min,x_max,x_mean",
                "3,7,3.0,7.0,5.0",
                "8,12,8.0,12.0,10.0",
                "13,17,13.0,17.0,15.0",
                "18,20,18.0,20.0,19.0");
        assertThat(lines(csv(p, new int[] {0}, new String[] {"x"}, -10, 1_000, 20))).containsExactly(
                "first_step,last_step,x_min,x_max,x_mean",
                "1,20,1.0,20.0,10.5",
                "21,30,21.0,30.0,25.5");
        assertThat(lines(csv(p, new int[] {0}, new String[] {"x"}, 1, Long.MAX_VALUE, Long.MAX_VALUE))).containsExactly(
                "first_step,last_step,x_min,x_max,x_mean",
                "1,30,1.0,30.0,15.5");
        assertThat(lines(csv(p, new int[] {0}, new String[] {"x"}, 40, 50, 5))).containsExactly(
                "first_step,last_step,x_min,x_max,x_mean");
    }

    /** {@link HistoryPyramidTest#aSmallPyramidStepByStep}'s 16 steps: [1-8] [9-12] then 13..16 exactly. */
    @Test
    void rowsFinerThanTheStoredBucketsEachCarryTheBucketsTheyOverlap() {
        HistoryPyramid p = new HistoryPyramid(1, 2, 2, 1, 2);
        HistoryPyramidTest.appendSteps(p, 16);
        // no row is empty: a bucket wider than a row is in every row it covers (before, rows 3..8
        // were empty, and a long history's CSV was mostly empty rows)
        assertThat(lines(csv(p, new int[] {0}, new String[] {"x"}, 1, 16, 2))).containsExactly(
                "first_step,last_step,x_min,x_max,x_mean",
                "1,2,1.0,8.0,4.5",
                "3,4,1.0,8.0,4.5",
                "5,6,1.0,8.0,4.5",
                "7,8,1.0,8.0,4.5",
                "9,10,9.0,12.0,10.5",
                "11,12,9.0,12.0,10.5",
                "13,14,13.0,14.0,13.5",
                "15,16,15.0,16.0,15.5");
        // a row across two buckets: both, each weighted by the share of its steps in the row
        // (steps 7..8 of 1..8, 2 of 8 values; step 9 of 9..12, 1 of 4): (4.5·2 + 10.5·1) / 3 = 6.5
        assertThat(lines(csv(p, new int[] {0}, new String[] {"x"}, 4, 11, 3))).as("a bucket begun before `from`")
                .containsExactly(
                        "first_step,last_step,x_min,x_max,x_mean",
                        "4,6,1.0,8.0,4.5",
                        "7,9,1.0,12.0,6.5",
                        "10,11,9.0,12.0,10.5");
    }

    @Test
    void badArgumentsAreRejected() {
        HistoryPyramid p = new HistoryPyramid(1, 2, 2, 1, 2);
        assertThatThrownBy(() -> csv(p, new int[] {0}, new String[] {}, 1, 2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> csv(p, new int[] {0}, new String[] {"x"}, 1, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> csv(p, new int[] {1}, new String[] {"x"}, 1, 2, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    /**
     * Every row against the pyramid's own buckets, reduced by hand: each bucket in every row it
     * overlaps, weighted by its share of steps there; on histories long enough for many 1,024-row
     * chunks and coarse enough for buckets wider than a row.
     */
    static LongStream tries40() {
        return Gen.tries(40);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries40")
    void everyRowReducesTheBucketsItOverlaps(long trial) {
        Gen g = Gen.of(1024, trial);
        int exact = g.intIn(1, 20);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 3);
        int maxLevels = g.intIn(1, 5);
        int length = g.intIn(1, 20_000);
        long stepsPerRow = g.longIn(1, 40);
        long seed = g.anyLong();
        float[][] v = HistoryPyramidProperties.history(seed, length, true);
        HistoryPyramid p = new HistoryPyramid(HistoryPyramidProperties.SERIES, exact, 2 * halfB, firstWidth, maxLevels);
        HistoryPyramidProperties.appendUpTo(p, v, length);
        Random r = new Random(seed);
        long from = r.nextInt(length + 2) - 1;
        long to = from + r.nextInt(length + 2);
        int[] series = {1, 0, 2};
        List<String> lines = lines(csv(p, series, new String[] {"b", "a", "c"}, from, to, stepsPerRow));

        long a = Math.max(from, 1);
        long b = Math.min(to, length);
        List<String> expected = new ArrayList<>();
        expected.add("first_step,last_step,b_min,b_max,b_mean,a_min,a_max,a_mean,c_min,c_max,c_mean");
        long rows = a > b ? 0 : (b - a) / stepsPerRow + 1;
        String[][] cells = new String[(int) rows][series.length];
        for (int i = 0; i < series.length; i++) {
            List<Bucket> buckets = a > b ? List.of() : Buckets.of(p, series[i], a, b);
            for (int row = 0; row < rows; row++) {
                long first = a + row * stepsPerRow;
                long last = Math.min(b, first + stepsPerRow - 1);
                float min = Float.NaN;
                float max = Float.NaN;
                double sum = 0;
                long count = 0;
                for (Bucket bucket : buckets) {
                    long overlap = Math.min(last, bucket.last()) - Math.max(first, bucket.first()) + 1;
                    if (overlap > 0 && bucket.count() > 0) {
                        int w = overlap >= bucket.width() ? bucket.count()
                                : (int) Math.max(1, Math.round((double) bucket.count() * overlap / bucket.width()));
                        min = count == 0 ? bucket.min() : Math.min(min, bucket.min());
                        max = count == 0 ? bucket.max() : Math.max(max, bucket.max());
                        sum += (double) bucket.mean() * w;
                        count += w;
                    }
                }
                float mean = count == 0 ? Float.NaN : (float) (sum / count);
                cells[row][i] = cell(min) + "," + cell(max) + "," + cell(mean);
            }
        }
        for (int row = 0; row < rows; row++) {
            long first = a + row * stepsPerRow;
            expected.add(first + "," + Math.min(b, first + stepsPerRow - 1) + "," + String.join(",", cells[row]));
        }
        assertThat(lines).isEqualTo(expected);
    }

    private static String cell(float v) {
        return Float.isNaN(v) ? "" : ShortestFloat.format(v);
    }

    @Test
    void theExportIsOneMomentEvenWhileThePyramidGrows() {
        HistoryPyramid p = new HistoryPyramid(1, 4_000, 4, 2, 3);
        HistoryPyramidTest.appendSteps(p, 3_000);
        StringBuilder text = new StringBuilder();
        Appendable out = new Appendable() { // the writer thread goes on appending meanwhile
            @Override
            public Appendable append(CharSequence s) {
                grow();
                text.append(s);
                return this;
            }

            @Override
            public Appendable append(CharSequence s, int start, int end) {
                grow();
                text.append(s, start, end);
                return this;
            }

            @Override
            public Appendable append(char c) {
                grow();
                text.append(c);
                return this;
            }

            private void grow() {
                if (p.steps() < 5_000) {
                    HistoryPyramidTest.appendSteps(p, p.steps() + 1);
                }
            }
        };
        try {
            HistoryCsv.write(out, p, new int[] {0}, new String[] {"x"}, 1, Long.MAX_VALUE, 1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<String> lines = lines(text.toString());
        assertThat(lines).hasSize(1 + 3_000);
        assertThat(lines.get(3_000)).isEqualTo("3000,3000,3000.0,3000.0,3000.0");
        assertThat(p.steps()).isEqualTo(5_000);
        assertThat(Arrays.asList(lines.get(1).split(","))).containsExactly("1", "1", "1.0", "1.0", "1.0");
    }
}
