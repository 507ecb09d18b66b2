package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.normscope.history.Buckets.Bucket;

/** {@link HistoryPyramid}: geometry, worked examples, missing values, memory, threads. */
class HistoryPyramidTest {

    /** Appends steps {@code steps()+1 .. upTo} with every series' value equal to the step number. */
    static void appendSteps(HistoryPyramid p, long upTo) {
        float[] row = new float[p.series()];
        for (long t = p.steps() + 1; t <= upTo; t++) {
            java.util.Arrays.fill(row, t);
            p.append(row);
        }
    }

    static Bucket bucket(long first, long last, float min, float max, float mean, int count) {
        return new Bucket(first, last, min, max, mean, count);
    }

    /** The bucket of steps first..last when step t's value is t. */
    static Bucket stepsBucket(long first, long last) {
        return bucket(first, last, first, last, (first + last) / 2f, (int) (last - first + 1));
    }

    // ---- geometry -------------------------------------------------------------------------------

    @Test
    void theConstructorRejectsABadGeometry() {
        assertThatThrownBy(() -> new HistoryPyramid(-1, 16, 4, 2, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPyramid(1, 0, 4, 2, 4)).isInstanceOf(IllegalArgumentException.class);
        for (int badB : new int[] {-2, 0, 1, 3, 7}) {
            assertThatThrownBy(() -> new HistoryPyramid(1, 16, badB, 2, 4)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new HistoryPyramid(1, 16, 4, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPyramid(1, 16, 4, 2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistoryPyramid(1, 16, 4, 1 << 30, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new HistoryPyramid(0, 1, 2, 1, 1).series()).isZero();
    }

    @Test
    void forStatsUsesTheDefaultGeometry() {
        HistoryPyramid p = HistoryPyramid.forStats(384);
        assertThat(p.series()).isEqualTo(384);
        assertThat(p.exactSteps()).isEqualTo(10_000);
        assertThat(p.bucketsPerLevel()).isEqualTo(100);
        assertThat(p.firstWidth()).isEqualTo(8);
        assertThat(p.maxLevels()).isEqualTo(12);
        assertThat(p.levels()).isZero();
        assertThat(p.bytes()).isZero();
    }

    @Test
    void appendRejectsARowOfTheWrongLength() {
        HistoryPyramid p = new HistoryPyramid(3, 4, 2, 1, 2);
        assertThatThrownBy(() -> p.append(new float[2])).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.steps()).isZero();
    }

    @Test
    void anEmptyPyramidHasNoBucketsAndReadsNaN() {
        HistoryPyramid p = new HistoryPyramid(2, 4, 2, 1, 2);
        assertThat(p.steps()).isZero();
        assertThat(p.exactFrom()).isEqualTo(1);
        assertThat(Buckets.of(p, 0, 1, 100)).isEmpty();
        assertThat(p.bucketAt(1)).isNull();
        assertThat(p.valueAt(0, 1)).isNaN();
        assertThatThrownBy(() -> p.exact(0, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        float[] min = {1, 1, 1};
        float[] max = {1, 1, 1};
        float[] mean = {1, 1, 1};
        p.columns(0, 1, 10, 3, min, max, mean);
        assertThat(min).containsOnly(Float.NaN);
        assertThat(max).containsOnly(Float.NaN);
        assertThat(mean).containsOnly(Float.NaN);
        assertThatThrownBy(() -> p.buckets(2, 1, 1, (f, l, a, b, c, n) -> { })).isInstanceOf(IndexOutOfBoundsException.class);
    }

    // ---- worked examples ------------------------------------------------------------------------

    @Test
    void theExactWindowKeepsTheLastStepsRaw() {
        HistoryPyramid p = new HistoryPyramid(2, 5, 2, 1, 3);
        float[] row = new float[2];
        for (int t = 1; t <= 12; t++) {
            row[0] = t * 0.25f;
            row[1] = -t;
            p.append(row);
        }
        assertThat(p.steps()).isEqualTo(12);
        assertThat(p.exactFrom()).isEqualTo(8);
        for (int t = 8; t <= 12; t++) {
            assertThat(p.exact(0, t)).isEqualTo(t * 0.25f);
            assertThat(p.exact(1, t)).isEqualTo(-t);
            assertThat(p.bucketAt(t)).containsExactly(t, t);
        }
        assertThatThrownBy(() -> p.exact(0, 7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> p.exact(0, 13)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(Buckets.of(p, 0, 8, 12)).extracting(Bucket::width).containsOnly(1L);
    }

    /**
     * E = 2, B = 2, w_1 = 1, L = 2, step t's value is t. After 10 steps level 2 (the top) has
     * halved [1-2][3-4] into [1-4] and its open bucket holds 5-6; after 16 it has halved
     * [1-4][5-8] into [1-8] and holds 9-12 open.
     */
    @Test
    void aSmallPyramidStepByStep() {
        HistoryPyramid p = new HistoryPyramid(1, 2, 2, 1, 2);
        appendSteps(p, 6);
        assertThat(Buckets.of(p, 0, 1, 6)).containsExactly(stepsBucket(1, 2), stepsBucket(3, 3), stepsBucket(4, 4),
                stepsBucket(5, 5), stepsBucket(6, 6));
        appendSteps(p, 10);
        assertThat(Buckets.of(p, 0, 1, 10)).containsExactly(stepsBucket(1, 4), stepsBucket(5, 6), stepsBucket(7, 7),
                stepsBucket(8, 8), stepsBucket(9, 9), stepsBucket(10, 10));
        assertThat(p.levels()).isEqualTo(2);
        assertThat(p.levelWidth(2)).isEqualTo(4);
        appendSteps(p, 12);
        assertThat(Buckets.of(p, 0, 1, 12)).containsExactly(stepsBucket(1, 4), stepsBucket(5, 8), stepsBucket(9, 9),
                stepsBucket(10, 10), stepsBucket(11, 11), stepsBucket(12, 12));
        appendSteps(p, 16);
        assertThat(Buckets.of(p, 0, 1, 16)).containsExactly(stepsBucket(1, 8), stepsBucket(9, 12), stepsBucket(13, 13),
                stepsBucket(14, 14), stepsBucket(15, 15), stepsBucket(16, 16));
        assertThat(p.bucketAt(3)).containsExactly(1, 8);
        assertThat(p.valueAt(0, 3)).isEqualTo(4.5f);
        assertThat(p.bucketAt(10)).containsExactly(9, 12);
        assertThat(p.valueAt(0, 10)).isEqualTo(10.5f);
        assertThat(Buckets.of(p, 0, 10, 13)).containsExactly(stepsBucket(9, 12), stepsBucket(13, 13));
    }

    @Test
    void aSingleLevelIsTheTopAndHalvesItself() {
        HistoryPyramid p = new HistoryPyramid(1, 1, 2, 1, 1);
        appendSteps(p, 4);
        assertThat(Buckets.of(p, 0, 1, 4)).containsExactly(stepsBucket(1, 2), stepsBucket(3, 3), stepsBucket(4, 4));
        appendSteps(p, 9);
        assertThat(Buckets.of(p, 0, 1, 9)).containsExactly(stepsBucket(1, 4), stepsBucket(5, 8), stepsBucket(9, 9));
        appendSteps(p, 1_000_000);
        List<Bucket> all = Buckets.of(p, 0, 1, 1_000_000);
        assertThat(all).hasSizeLessThanOrEqualTo(1 + 3);
        assertThat(all.get(0)).isEqualTo(stepsBucket(1, 524_288));
    }

    // ---- missing and infinite values ------------------------------------------------------------

    @Test
    void nanIsMissingAndABucketWithNoValueReadsNaN() {
        HistoryPyramid p = new HistoryPyramid(1, 2, 4, 4, 2);
        float nan = Float.NaN;
        float[] values = {1, nan, 3, nan, nan, nan, nan, nan, 5, 7, 9, 11, 0, 0};
        for (float v : values) {
            p.append(new float[] {v});
        }
        assertThat(Buckets.of(p, 0, 1, values.length)).containsExactly(
                bucket(1, 4, 1, 3, 2, 2),
                bucket(5, 8, nan, nan, nan, 0),
                bucket(9, 12, 5, 11, 8, 4),
                bucket(13, 13, 0, 0, 0, 1),
                bucket(14, 14, 0, 0, 0, 1));
        assertThat(p.valueAt(0, 6)).isNaN();
        float[] min = new float[2];
        float[] max = new float[2];
        float[] mean = new float[2];
        p.columns(0, 1, 8, 2, min, max, mean);
        assertThat(min).containsExactly(1, nan);
        assertThat(max).containsExactly(3, nan);
        assertThat(mean).containsExactly(2, nan);
    }

    @Test
    void infinitiesAreOrdinaryValues() {
        HistoryPyramid p = new HistoryPyramid(1, 1, 4, 2, 2);
        float inf = Float.POSITIVE_INFINITY;
        float[] values = {1, inf, -inf, 2, inf, inf, Float.NaN, 0};
        for (float v : values) {
            p.append(new float[] {v});
        }
        assertThat(Buckets.of(p, 0, 1, 8)).containsExactly(
                bucket(1, 2, 1, inf, inf, 2),
                bucket(3, 4, -inf, 2, -inf, 2),
                bucket(5, 6, inf, inf, inf, 2),
                bucket(7, 7, Float.NaN, Float.NaN, Float.NaN, 0),
                bucket(8, 8, 0, 0, 0, 1));
        float[] min = new float[1];
        float[] max = new float[1];
        float[] mean = new float[1];
        p.columns(0, 1, 8, 1, min, max, mean);
        assertThat(min[0]).isEqualTo(-inf);
        assertThat(max[0]).isEqualTo(inf);
        assertThat(mean[0]).as("+∞ and -∞ mixed").isNaN();
    }

    // ---- columns --------------------------------------------------------------------------------

    @Test
    void columnsKeepTheirStepsWhenTheRangeReachesPastTheEnd() {
        HistoryPyramid p = new HistoryPyramid(1, 16, 4, 2, 4);
        appendSteps(p, 100);
        float[][] wide = new float[3][10];
        float[][] data = new float[3][5];
        p.columns(0, 1, 200, 10, wide[0], wide[1], wide[2]);
        p.columns(0, 1, 100, 5, data[0], data[1], data[2]);
        for (int k = 0; k < 3; k++) {
            assertThat(java.util.Arrays.copyOf(wide[k], 5)).isEqualTo(data[k]);
            assertThat(java.util.Arrays.copyOfRange(wide[k], 5, 10)).containsOnly(Float.NaN);
        }
        // span 200: columns -99..-50, -49..0, 1..50, 51..100; a bucket across 50|51 is in both
        p.columns(0, -99, 100, 4, wide[0], wide[1], wide[2]);
        Bucket across = Buckets.of(p, 0, 50, 51).stream().filter(b -> b.first() <= 50 && b.last() >= 51).findFirst()
                .orElse(null);
        float lowOf3 = across == null ? 51f : across.min();
        float highOf2 = across == null ? 50f : across.max();
        assertThat(java.util.Arrays.copyOf(wide[0], 4)).containsExactly(Float.NaN, Float.NaN, 1f, lowOf3);
        assertThat(java.util.Arrays.copyOf(wide[1], 4)).containsExactly(Float.NaN, Float.NaN, highOf2, 100f);
    }

    @Test
    void columnsOutnumberingTheStepsLeaveSomeEmpty() {
        HistoryPyramid p = new HistoryPyramid(1, 16, 4, 2, 4);
        appendSteps(p, 3);
        float[] min = new float[7];
        float[] max = new float[7];
        float[] mean = new float[7];
        p.columns(0, 1, 3, 7, min, max, mean);
        float nan = Float.NaN;
        // column i covers steps [1 + ⌊3i/7⌋, ⌊3(i+1)/7⌋]: only columns 2, 4 and 6 hold a step.
        assertThat(mean).containsExactly(nan, nan, 1, nan, 2, nan, 3);
        assertThat(min).isEqualTo(mean);
        assertThat(max).isEqualTo(mean);
    }

    /**
     * 10^5 steps into 1,000 columns of 100 steps: the 10,000-step exact window falls in 100
     * columns, each holding 6 or so whole blocks read by summary and at most 30 steps at its
     * ends read raw, so columns() reads at most ~2,000 raw values instead of 10,000, with the
     * same results as reading them all. The same holds for the exact window alone in 100
     * columns, and for a window whose oldest block is partly evicted (read raw).
     */
    @Test
    void wideColumnsReadWholeBlocksBySummary() {
        HistoryPyramid p = HistoryPyramid.forStats(2);
        Random r = new Random(5);
        float[] row = new float[2];
        for (int t = 1; t <= 100_000; t++) {
            row[0] = (float) (1 + 0.05 * r.nextGaussian()); // a variance, say
            row[1] = (float) (0.01 * r.nextGaussian()); // a mean about 0
            p.append(row);
        }
        float[] a = new float[1_000];
        for (int s = 0; s < 2; s++) {
            long before = p.rawVisits;
            p.columns(s, 1, 100_000, 1_000, a, a, a);
            assertThat(p.rawVisits - before).as("series %d: raw values read for 1..10^5 in 1,000 columns", s)
                    .isLessThanOrEqualTo(2_000);
            before = p.rawVisits;
            p.columns(s, p.exactFrom(), p.steps(), 100, a, a, a);
            assertThat(p.rawVisits - before).as("series %d: raw values read for the exact window in 100 columns", s)
                    .isLessThanOrEqualTo(2_000);
            HistoryPyramidProperties.checkColumns(p, s, 1, 100_000, 1_000);
            HistoryPyramidProperties.checkColumns(p, s, p.exactFrom(), p.steps(), 100);
        }
        row[0] = 1;
        row[1] = 0;
        for (int t = 0; t < 7; t++) { // the oldest block is now partly evicted: it is read raw
            p.append(row);
        }
        assertThat(p.exactFrom()).isEqualTo(90_008);
        for (int s = 0; s < 2; s++) {
            long before = p.rawVisits;
            p.columns(s, 1, p.steps(), 1_000, a, a, a);
            assertThat(p.rawVisits - before).isBetween(9L, 2_000L);
            HistoryPyramidProperties.checkColumns(p, s, 1, p.steps(), 1_000);
        }
        long before = p.rawVisits;
        p.columns(0, 1, p.exactFrom() - 1, 1_000, a, a, a);
        p.columns(0, p.steps() - 9, p.steps(), 10, a, a, a);
        assertThat(p.rawVisits - before).as("none before the exact window; narrow columns read raw").isEqualTo(10);
    }

    /**
     * Summing a block at once can round differently from summing its steps one by one: here
     * step by step leaves the sum 2^24 + 1 at a tie that rounds the mean to even (2^19), while
     * adding the block's 16·2^-30 at once would round it up. columns() notices that the block
     * cannot be added exactly and reads it raw, so its mean is the step-by-step one.
     */
    @Test
    void aBlockThatCannotBeAddedExactlyIsReadRaw() {
        HistoryPyramid p = new HistoryPyramid(1, 64, 2, 1, 2);
        float[] values = new float[32];
        java.util.Arrays.fill(values, 0, 15, 0x1p20f);
        values[15] = 0x1p20f + 1; // steps 1-16 sum to 2^24 + 1
        java.util.Arrays.fill(values, 16, 32, 0x1p-30f);
        for (float v : values) {
            p.append(new float[] {v});
        }
        double oneByOne = 0;
        for (float v : values) {
            oneByOne += v;
        }
        double byBlocks = (0x1p24 + 1) + 16 * 0x1p-30;
        assertThat((float) (byBlocks / 32)).as("the blocks' sums would round otherwise")
                .isNotEqualTo((float) (oneByOne / 32));
        float[] min = new float[1];
        float[] max = new float[1];
        float[] mean = new float[1];
        long before = p.rawVisits;
        p.columns(0, 1, 32, 1, min, max, mean);
        assertThat(mean[0]).isEqualTo((float) (oneByOne / 32)).isEqualTo(0x1p19f);
        assertThat(min[0]).isEqualTo(0x1p-30f);
        assertThat(max[0]).isEqualTo(0x1p20f + 1);
        assertThat(p.rawVisits - before).as("the first block by summary, the second raw").isEqualTo(16);
        p.columns(0, 17, 32, 1, min, max, mean); // on its own, the second block adds exactly
        assertThat(mean[0]).isEqualTo(0x1p-30f);
        assertThat(p.rawVisits - before).isEqualTo(16);
    }

    @Test
    void columnsRejectBadArguments() {
        HistoryPyramid p = new HistoryPyramid(1, 16, 4, 2, 4);
        appendSteps(p, 3);
        float[] a = new float[2];
        assertThatThrownBy(() -> p.columns(0, 1, 3, 3, a, a, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.columns(0, 1, 3, -1, a, a, a)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.columns(0, Long.MIN_VALUE, Long.MAX_VALUE, 2, a, a, a))
                .isInstanceOf(IllegalArgumentException.class);
        p.columns(0, 5, 4, 2, a, a, a);
        assertThat(a).containsOnly(Float.NaN);
    }

    // ---- lazy series and memory -----------------------------------------------------------------

    @Test
    void aSeriesThatHasOnlyHadNaNCostsNoBytes() {
        HistoryPyramid three = new HistoryPyramid(3, 16, 4, 2, 4);
        HistoryPyramid one = new HistoryPyramid(1, 16, 4, 2, 4);
        for (int t = 1; t <= 5_000; t++) {
            three.append(new float[] {t, Float.NaN, Float.NaN});
            one.append(new float[] {t});
        }
        assertThat(three.seriesBytes(1)).isZero();
        assertThat(three.seriesBytes(2)).isZero();
        assertThat(three.bytes()).isEqualTo(one.bytes()).isPositive();
        assertThat(three.valueAt(1, 100)).isNaN();
        assertThat(Buckets.of(three, 1, 1, 5_000)).allSatisfy(b -> assertThat(b.count()).isZero())
                .extracting(Bucket::first).isEqualTo(Buckets.of(one, 0, 1, 5_000).stream().map(Bucket::first).toList());

        three.append(new float[] {5_001, Float.NaN, 42});
        long perLevel = 4L * HistoryPyramid.BUCKET_BYTES + HistoryPyramid.OPEN_BUCKET_BYTES;
        assertThat(three.seriesBytes(2)).as("exact window, one block summary, levels")
                .isEqualTo(16L * Float.BYTES + HistoryPyramid.BLOCK_BYTES + three.levels() * perLevel);
        assertThat(three.seriesBytes(1)).isZero();
        assertThat(three.valueAt(2, 5_001)).isEqualTo(42);
        assertThat(three.valueAt(2, 5_000)).isNaN();
        assertThat(three.valueAt(2, 10)).isNaN();
    }

    /**
     * The default geometry after 10^7 steps: every level allocated, each series 68,190 bytes
     * (exact window, 625 block summaries, 12 levels of 100 buckets, so 384 series hold within
     * 25.0 MiB), and from 10^6 to 10^7 steps the bytes grow only by the levels allocated in
     * between.
     */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void bytesPerSeriesStayBoundedAfterTenMillionSteps() {
        int series = 4;
        HistoryPyramid p = HistoryPyramid.forStats(series);
        float[] row = new float[series];
        long perLevel = series * (100L * HistoryPyramid.BUCKET_BYTES + HistoryPyramid.OPEN_BUCKET_BYTES)
                + HistoryPyramid.LEVEL_BYTES;
        long bytesAtMillion = 0;
        int levelsAtMillion = 0;
        for (int t = 1; t <= 10_000_000; t++) {
            for (int s = 0; s < series; s++) {
                row[s] = (t % 1000) + s;
            }
            p.append(row);
            if (t == 1_000_000) {
                bytesAtMillion = p.bytes();
                levelsAtMillion = p.levels();
            }
        }
        assertThat(p.levels()).isEqualTo(12);
        assertThat(p.seriesBytes(0)).isEqualTo(10_000 * 4 + 625 * 14 + 12 * (100 * 16 + 20)).isEqualTo(68_190);
        assertThat(p.bytes()).as("bytes").isEqualTo(series * 68_190L + 12 * HistoryPyramid.LEVEL_BYTES);
        assertThat(384 * p.seriesBytes(0) + 12 * HistoryPyramid.LEVEL_BYTES).as("384 series")
                .isEqualTo(26_185_344).isLessThanOrEqualTo(25L << 20);
        assertThat(levelsAtMillion).isBetween(9, 11);
        assertThat(p.bytes() - bytesAtMillion).isEqualTo((p.levels() - levelsAtMillion) * perLevel);
        List<Bucket> all = Buckets.of(p, 3, 1, p.steps());
        assertThat(all).hasSizeLessThanOrEqualTo(10_000 + 12 * 101);
        assertThat(all.get(0).width()).as("the top level's width after 10^7 steps").isEqualTo(131_072);
        assertThat(all.get(0).min()).isEqualTo(3);
        assertThat(all.get(0).max()).isEqualTo(1002);
    }

    @Test
    void appendingAllocatesNothingOnceEveryLevelExists() {
        HistoryPyramid p = new HistoryPyramid(384, 64, 8, 2, 5);
        float[] row = new float[384];
        for (int t = 1; t <= 50_000; t++) { // every level allocated, and the JIT warmed up
            row[t % 384] = t;
            p.append(row);
        }
        assertThat(p.levels()).isEqualTo(5);
        long before = allocatedBytes();
        for (int t = 0; t < 20_000; t++) {
            row[t % 384] = -t;
            p.append(row);
        }
        assertThat((allocatedBytes() - before) / 20_000).as("bytes allocated per append").isZero();
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    // ---- copies and threads ---------------------------------------------------------------------

    @Test
    void aCopyIsAnIndependentSnapshotOfTheChosenSeries() {
        HistoryPyramid p = new HistoryPyramid(3, 16, 4, 2, 4);
        for (int t = 1; t <= 3_000; t++) {
            p.append(new float[] {t, Float.NaN, -t});
        }
        HistoryPyramid c = p.copy(2, 1);
        assertThat(c.series()).isEqualTo(2);
        assertThat(c.steps()).isEqualTo(3_000);
        assertThat(Buckets.of(c, 0, 1, 3_000)).isEqualTo(Buckets.of(p, 2, 1, 3_000));
        assertThat(Buckets.of(c, 1, 1, 3_000)).isEqualTo(Buckets.of(p, 1, 1, 3_000));
        assertThat(c.seriesBytes(1)).isZero();
        List<Bucket> before = Buckets.of(c, 0, 1, 3_000);
        appendSteps(p, 4_000);
        assertThat(Buckets.of(c, 0, 1, 3_000)).isEqualTo(before);
        appendSteps(c, 4_000); // the copy goes on exactly as the original does
        assertThat(Buckets.of(c, 0, 1, 4_000)).isEqualTo(Buckets.of(p, 2, 1, 4_000));
        assertThat(Buckets.of(c, 1, 1, 4_000)).isEqualTo(Buckets.of(p, 1, 1, 4_000));
        HistoryPyramid wide = new HistoryPyramid(2, 400, 4, 2, 4); // block summaries are copied too
        for (int t = 1; t <= 1_000; t++) {
            wide.append(new float[] {t % 7 - 3.5f, Float.NaN});
        }
        HistoryPyramid wideCopy = wide.copy(0);
        float[][] original = new float[3][5];
        float[][] copied = new float[3][5];
        wide.columns(0, 601, 1_000, 5, original[0], original[1], original[2]);
        long visits = wideCopy.rawVisits;
        wideCopy.columns(0, 601, 1_000, 5, copied[0], copied[1], copied[2]);
        assertThat(copied).isEqualTo(original);
        assertThat(wideCopy.rawVisits - visits).as("the copy reads blocks by summary").isLessThan(100);
        HistoryPyramidProperties.checkColumns(wideCopy, 0, 1, 1_000, 5);
        assertThatThrownBy(() -> p.copy(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneThreadAppendsWhileAnotherDrawsColumns() throws InterruptedException {
        int series = 16;
        int rows = 200_000;
        HistoryPyramid p = new HistoryPyramid(series, 1_000, 16, 4, 6);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean done = new AtomicBoolean();
        Thread writer = new Thread(() -> {
            try {
                Random r = new Random(1);
                float[] row = new float[series];
                for (int t = 1; t <= rows; t++) {
                    for (int s = 0; s < series; s++) {
                        row[s] = r.nextInt(50) == 0 ? Float.NaN : (float) (s + r.nextGaussian());
                    }
                    p.append(row);
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                done.set(true);
            }
        }, "history-writer");
        AtomicLong draws = new AtomicLong();
        writer.start();
        Random r = new Random(2);
        float[] min = new float[300];
        float[] max = new float[300];
        float[] mean = new float[300];
        while (!done.get() || draws.get() == 0) {
            long steps = p.steps();
            long from = r.nextBoolean() ? 1 : 1 + (long) (r.nextDouble() * Math.max(1, steps));
            long to = Math.max(from, steps);
            int s = r.nextInt(series);
            p.columns(s, from, to, 300, min, max, mean);
            for (int c = 0; c < 300; c++) {
                if (Float.isNaN(mean[c])) {
                    assertThat(min[c]).isNaN();
                    assertThat(max[c]).isNaN();
                } else {
                    assertThat(min[c]).isLessThanOrEqualTo(mean[c]);
                    assertThat(mean[c]).isLessThanOrEqualTo(max[c]);
                }
            }
            draws.incrementAndGet();
        }
        writer.join();
        assertThat(failure.get()).isNull();
        assertThat(p.steps()).isEqualTo(rows);
        assertThat(draws.get()).isPositive();
        assertThat(Buckets.of(p, 0, 1, rows)).hasSizeLessThanOrEqualTo(1_000 + 6 * 17);
    }
}
