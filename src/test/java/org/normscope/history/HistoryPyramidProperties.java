package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.history.Buckets.Bucket;
import org.normscope.testing.Gen;

/**
 * {@link HistoryPyramid} against brute force over the raw values, on small geometries (exact
 * window up to 20 steps, 2 to 6 buckets a level, up to 5 levels) and histories of up to 50,000
 * steps, so that every level, the evictions and the top level's halving all happen. Each
 * history has three series: one with NaN runs (and ±∞ in some tries), one that stays NaN for
 * a while and then starts (a lazy series allocated late), and one that is always NaN.
 */
class HistoryPyramidProperties {

    static final int SERIES = 3;

    /** {@code values[s][t-1]} is series s at step t. */
    static float[][] history(long seed, int length, boolean infinities) {
        Random r = new Random(seed);
        float[][] v = new float[SERIES][length];
        int start = r.nextInt(length + 1);
        for (int s = 0; s < 2; s++) {
            double scale = Math.pow(10, r.nextInt(7) - 3);
            double offset = r.nextGaussian() * scale * 3;
            int nanLeft = 0;
            for (int t = 0; t < length; t++) {
                if (nanLeft == 0 && r.nextInt(400) == 0) {
                    nanLeft = r.nextBoolean() ? 1 + r.nextInt(10) : 1 + r.nextInt(4000);
                }
                if (nanLeft > 0 || (s == 1 && t < start)) {
                    v[s][t] = Float.NaN;
                    nanLeft = Math.max(0, nanLeft - 1);
                } else if (infinities && r.nextInt(3000) == 0) {
                    v[s][t] = r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                } else {
                    v[s][t] = (float) (offset + scale * r.nextGaussian());
                }
            }
        }
        java.util.Arrays.fill(v[2], Float.NaN);
        return v;
    }

    /** Appends steps {@code p.steps()+1 .. upTo}. */
    static void appendUpTo(HistoryPyramid p, float[][] v, long upTo) {
        float[] row = new float[SERIES];
        for (long t = p.steps() + 1; t <= upTo; t++) {
            for (int s = 0; s < SERIES; s++) {
                row[s] = v[s][(int) (t - 1)];
            }
            p.append(row);
        }
    }

    /** A few steps at which to stop and check, ending with the last. */
    static TreeSet<Long> checkpoints(Random r, int length) {
        TreeSet<Long> at = new TreeSet<>();
        for (int i = 0; i < 5; i++) {
            at.add(1L + r.nextInt(length));
        }
        at.add((long) length);
        return at;
    }

    /** Windows to query: everything, random ones, ones reaching past either end, a single step. */
    static List<long[]> windows(Random r, long steps) {
        List<long[]> w = new ArrayList<>();
        w.add(new long[] {1, steps});
        for (int i = 0; i < 3; i++) {
            long a = 1 + (long) (r.nextDouble() * steps);
            long b = a + (long) (r.nextDouble() * (steps - a + 1));
            w.add(new long[] {a, b});
        }
        w.add(new long[] {-5, 1 + (long) (r.nextDouble() * steps)});
        w.add(new long[] {1 + (long) (r.nextDouble() * steps), steps + 100});
        long t = 1 + (long) (r.nextDouble() * steps);
        w.add(new long[] {t, t});
        return w;
    }

    static LongStream tries60() {
        return Gen.tries(60);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries60")
    void bucketsAgreeWithBruteForceAtEveryLevel(long trial) {
        Gen g = Gen.of(2014315195L, trial);
        int exact = g.intIn(1, 20);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 3);
        int maxLevels = g.intIn(1, 5);
        int length = g.intIn(1, 50_000);
        boolean infinities = g.bool();
        long seed = g.anyLong();
        float[][] v = history(seed, length, infinities);
        HistoryPyramid p = new HistoryPyramid(SERIES, exact, 2 * halfB, firstWidth, maxLevels);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        for (long checkpoint : checkpoints(r, length)) {
            appendUpTo(p, v, checkpoint);
            for (long[] window : windows(r, checkpoint)) {
                for (int s = 0; s < SERIES; s++) {
                    checkBuckets(p, v[s], s, window[0], window[1]);
                }
            }
        }
    }

    static void checkBuckets(HistoryPyramid p, float[] values, int s, long from, long to) {
        String where = "series " + s + ", " + from + ".." + to + " of " + p.steps();
        List<Bucket> list = Buckets.of(p, s, from, to);
        long lo = Math.max(from, 1);
        long hi = Math.min(to, p.steps());
        if (lo > hi) {
            assertThat(list).as(where).isEmpty();
            return;
        }
        assertThat(list).as(where).isNotEmpty();
        assertThat(list.get(0).first()).as(where + ": the first bucket covers the start").isLessThanOrEqualTo(lo);
        assertThat(list.get(list.size() - 1).last()).as(where + ": the last bucket covers the end").isGreaterThanOrEqualTo(hi);
        for (int i = 0; i < list.size(); i++) {
            Bucket b = list.get(i);
            String what = where + ", bucket " + b;
            assertThat(b.first()).as(what).isLessThanOrEqualTo(b.last());
            assertThat(b.first() <= hi && b.last() >= lo).as(what + " overlaps the window").isTrue();
            if (i > 0) {
                assertThat(b.first()).as(what + " follows the previous one").isEqualTo(list.get(i - 1).last() + 1);
            }
            if (b.last() >= p.exactFrom()) {
                assertThat(b.first()).as(what + " is an exact step").isEqualTo(b.last());
                assertThat(b.first()).as(what + " is in the exact window").isGreaterThanOrEqualTo(p.exactFrom());
            }
            Bucket expected = Buckets.bruteForce(values, b.first(), b.last());
            assertThat(b.count()).as(what + " count").isEqualTo(expected.count());
            assertThat(b.min()).as(what + " min").isEqualTo(Float.valueOf(expected.min()));
            assertThat(b.max()).as(what + " max").isEqualTo(Float.valueOf(expected.max()));
            Buckets.assertMeanClose(b.mean(), expected, what);
        }
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries60")
    void columnsAgreeWithABruteForceReductionOfTheBuckets(long trial) {
        Gen g = Gen.of(3503428510L, trial);
        int exact = g.intIn(1, 20);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 3);
        int maxLevels = g.intIn(1, 5);
        int length = g.intIn(1, 50_000);
        int columns = g.intIn(1, 400);
        boolean infinities = g.bool();
        long seed = g.anyLong();
        float[][] v = history(seed, length, infinities);
        HistoryPyramid p = new HistoryPyramid(SERIES, exact, 2 * halfB, firstWidth, maxLevels);
        Random r = new Random(seed ^ 0x5DEECE66DL);
        for (long checkpoint : checkpoints(r, length)) {
            appendUpTo(p, v, checkpoint);
            for (long[] window : windows(r, checkpoint)) {
                for (int s = 0; s < SERIES; s++) {
                    checkColumns(p, s, window[0], window[1], columns);
                }
            }
        }
    }

    /** {@code columns()} against the buckets list reduced by hand. */
    static void checkColumns(HistoryPyramid p, int s, long from, long to, int columns) {
        float[] expMin = new float[columns];
        float[] expMax = new float[columns];
        float[] expMean = new float[columns];
        double[] sum = new double[columns];
        long[] count = new long[columns];
        java.util.Arrays.fill(expMin, Float.NaN);
        java.util.Arrays.fill(expMax, Float.NaN);
        // every bucket goes to each column it overlaps, weighted by the share of its steps there
        long span = to - from + 1;
        for (Bucket b : Buckets.of(p, s, from, to)) {
            if (b.count() == 0) {
                continue;
            }
            long first = Math.max(b.first(), from);
            long last = Math.min(b.last(), to);
            for (int c = Buckets.columnHolding(from, to, columns, first);
                    c <= Buckets.columnHolding(from, to, columns, last); c++) {
                long colFirst = from + Math.floorDiv(c * span, columns);
                long colLast = from + Math.floorDiv((c + 1) * span, columns) - 1;
                long overlap = Math.min(last, colLast) - Math.max(first, colFirst) + 1;
                int w = overlap >= b.width() ? b.count()
                        : (int) Math.max(1, Math.round((double) b.count() * overlap / b.width()));
                expMin[c] = count[c] == 0 ? b.min() : Math.min(expMin[c], b.min());
                expMax[c] = count[c] == 0 ? b.max() : Math.max(expMax[c], b.max());
                sum[c] += (double) b.mean() * w;
                count[c] += w;
            }
        }
        for (int c = 0; c < columns; c++) {
            expMean[c] = count[c] == 0 ? Float.NaN : (float) (sum[c] / count[c]);
        }
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        double[] sums = new double[columns];
        p.columns(s, from, to, columns, min, max, mean, sums);
        String where = "series " + s + ", " + from + ".." + to + " of " + p.steps() + " in " + columns + " columns";
        assertThat(min).as(where + " min").isEqualTo(expMin);
        assertThat(max).as(where + " max").isEqualTo(expMax);
        assertThat(mean).as(where + " mean").isEqualTo(expMean);
        assertThat(sums).as(where + " sums in double, before they are rounded into the means").isEqualTo(sum);
        float[] publicMean = new float[columns];
        p.columns(s, from, to, columns, new float[columns], new float[columns], publicMean);
        assertThat(publicMean).as(where + " mean, public columns()").isEqualTo(expMean);
    }

    static LongStream tries100() {
        return Gen.tries(100);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries100")
    void columnsInsideTheExactWindowReduceTheRawValues(long trial) {
        Gen g = Gen.of(1064397573L, trial);
        int exact = g.intIn(1, 3000);
        int length = g.intIn(1, 10_000);
        int columns = g.intIn(1, 500);
        boolean infinities = g.bool();
        long seed = g.anyLong();
        float[][] v = history(seed, length, infinities);
        HistoryPyramid p = new HistoryPyramid(SERIES, exact, 4, 2, 3);
        appendUpTo(p, v, length);
        Random r = new Random(seed);
        long e0 = p.exactFrom();
        long from = e0 + (long) (r.nextDouble() * (length - e0 + 1));
        long to = from + (long) (r.nextDouble() * (length - from + 1));
        long span = to - from + 1;
        for (int s = 0; s < SERIES; s++) {
            float[] min = new float[columns];
            float[] max = new float[columns];
            float[] mean = new float[columns];
            p.columns(s, from, to, columns, min, max, mean);
            for (int c = 0; c < columns; c++) {
                long first = from + c * span / columns;
                long last = from + (c + 1) * span / columns - 1;
                Bucket raw = first <= last ? Buckets.bruteForce(v[s], first, last)
                        : new Bucket(first, last, Float.NaN, Float.NaN, Float.NaN, 0);
                String what = "series " + s + ", column " + c + " = steps " + first + ".." + last;
                assertThat(min[c]).as(what + " min").isEqualTo(Float.valueOf(raw.min()));
                assertThat(max[c]).as(what + " max").isEqualTo(Float.valueOf(raw.max()));
                assertThat(mean[c]).as(what + " mean").isEqualTo(Float.valueOf(raw.mean()));
            }
        }
    }

    /**
     * Like {@link #history} but with the values that make summing blocks at once differ from
     * summing step by step unless done with care: runs of zeros and -0, values a million times
     * smaller or larger than their neighbours or whole blocks a billion times smaller than the
     * blocks around them, subnormals, integers, 1 + a few ulps, 2^-30, values near ±3e38, and
     * NaN runs; ±∞ in some tries.
     */
    static float[][] nastyHistory(long seed, int length, boolean infinities) {
        Random r = new Random(seed);
        float[][] v = new float[SERIES][length];
        int start = r.nextInt(length + 1);
        for (int s = 0; s < 2; s++) {
            double scale = Math.pow(10, r.nextInt(13) - 6);
            double offset = r.nextBoolean() ? 0 : r.nextGaussian() * scale * 3;
            int mode = 0;
            int left = 0;
            for (int t = 0; t < length; t++) {
                if (left == 0) {
                    mode = r.nextInt(11);
                    left = 1 + (r.nextBoolean() ? r.nextInt(20) : r.nextInt(2000));
                }
                left--;
                float x;
                double g = offset + scale * r.nextGaussian();
                switch (mode) {
                    case 0 -> x = Float.NaN;
                    case 1 -> x = r.nextBoolean() ? 0f : -0f;
                    case 2 -> x = (float) (r.nextInt(10) == 0 ? g * 1e-6 : r.nextInt(10) == 0 ? g * 1e6 : g);
                    case 3 -> x = Float.MIN_VALUE * (r.nextInt(1000) - 500);
                    case 4 -> x = r.nextInt(2001) - 1000;
                    case 5 -> x = r.nextBoolean() ? 0x1p20f + 1 : r.nextBoolean() ? 1f : 0x1p-30f;
                    case 6 -> x = (float) (r.nextDouble() * 3e38 * (r.nextBoolean() ? 1 : -1));
                    case 7 -> x = (float) (1 + r.nextInt(8) * 0x1p-23);
                    case 8 -> x = (float) (g * ((t / 16) % 3 == 0 ? 1e-9 : 1)); // whole blocks 10^9 apart
                    default -> x = (float) g;
                }
                if (s == 1 && t < start) {
                    x = Float.NaN;
                } else if (infinities && r.nextInt(1500) == 0) {
                    x = r.nextBoolean() ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY;
                }
                v[s][t] = x;
            }
        }
        java.util.Arrays.fill(v[2], Float.NaN);
        return v;
    }

    /**
     * Wide columns over the exact window, where whole 16-step blocks are read by summary: the
     * columns equal the reduction of the buckets by hand and, inside the exact window, of the raw
     * values, exactly, over windows that start in the levels and end in the exact window, start
     * and end mid-block, cover the whole exact window or everything.
     */
    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries100")
    void wideColumnsOverTheExactWindowAgreeWithBruteForce(long trial) {
        Gen g = Gen.of(1683731873L, trial);
        int exact = g.intIn(16, 700);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 4);
        int maxLevels = g.intIn(1, 5);
        int length = g.intIn(1, 20_000);
        int columns = g.intIn(1, 40);
        boolean nasty = g.bool();
        boolean infinities = g.bool();
        long seed = g.anyLong();
        float[][] v = nasty ? nastyHistory(seed, length, infinities) : history(seed, length, infinities);
        HistoryPyramid p = new HistoryPyramid(SERIES, exact, 2 * halfB, firstWidth, maxLevels);
        Random r = new Random(seed ^ 0x2545F4914F6CDD1DL);
        for (long checkpoint : checkpoints(r, length)) {
            appendUpTo(p, v, checkpoint);
            long e0 = p.exactFrom();
            long steps = p.steps();
            List<long[]> windows = new ArrayList<>();
            windows.add(new long[] {1, steps});
            windows.add(new long[] {e0, steps});
            windows.add(new long[] {Math.max(1, e0 - 1 - r.nextInt(3 * exact)), e0 + r.nextInt(exact)});
            windows.add(new long[] {e0 - r.nextInt(40), steps + r.nextInt(40)});
            for (int i = 0; i < 3; i++) {
                long a = e0 + (long) (r.nextDouble() * (steps - e0 + 1));
                windows.add(new long[] {a, a + (long) (r.nextDouble() * (steps - a + 1))});
            }
            for (long[] window : windows) {
                for (int s = 0; s < SERIES; s++) {
                    checkColumns(p, s, window[0], window[1], columns);
                    if (window[0] >= e0) {
                        checkColumnsAgainstRawValues(p, v[s], s, window[0], window[1], columns);
                    }
                }
            }
        }
    }

    /** {@code columns()} against each column's raw values reduced step by step (from ≥ exactFrom()). */
    static void checkColumnsAgainstRawValues(HistoryPyramid p, float[] values, int s, long from, long to, int columns) {
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        double[] sums = new double[columns];
        p.columns(s, from, to, columns, min, max, mean, sums);
        long span = to - from + 1;
        for (int c = 0; c < columns; c++) {
            long first = from + c * span / columns;
            long last = Math.min(from + (c + 1) * span / columns - 1, p.steps());
            Bucket raw = first <= last ? Buckets.bruteForce(values, first, last)
                    : new Bucket(first, last, Float.NaN, Float.NaN, Float.NaN, 0);
            String what = "series " + s + ", " + from + ".." + to + " of " + p.steps() + ", column " + c + " = steps "
                    + first + ".." + last;
            assertThat(min[c]).as(what + " min").isEqualTo(Float.valueOf(raw.min()));
            assertThat(max[c]).as(what + " max").isEqualTo(Float.valueOf(raw.max()));
            assertThat(mean[c]).as(what + " mean").isEqualTo(Float.valueOf(raw.mean()));
            double sum = 0;
            for (long t = first; t <= last; t++) {
                float v = values[(int) (t - 1)];
                if (!Float.isNaN(v)) {
                    sum += v;
                }
            }
            assertThat(sums[c]).as(what + " sum in double, step by step").isEqualTo(Double.valueOf(sum));
        }
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries60")
    void valueAtAndBucketAtTellTheBucketHoldingAStep(long trial) {
        Gen g = Gen.of(3909066588L, trial);
        int exact = g.intIn(1, 20);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 3);
        int maxLevels = g.intIn(1, 5);
        int length = g.intIn(1, 20_000);
        long seed = g.anyLong();
        float[][] v = history(seed, length, false);
        HistoryPyramid p = new HistoryPyramid(SERIES, exact, 2 * halfB, firstWidth, maxLevels);
        appendUpTo(p, v, length);
        Random r = new Random(seed);
        for (int i = 0; i < 50; i++) {
            long step = 1 + r.nextInt(length);
            long[] range = p.bucketAt(step);
            for (int s = 0; s < SERIES; s++) {
                List<Bucket> holding = Buckets.of(p, s, step, step);
                assertThat(holding).hasSize(1);
                Bucket b = holding.get(0);
                assertThat(range).as("bucketAt(" + step + ")").containsExactly(b.first(), b.last());
                assertThat(p.valueAt(s, step)).as("valueAt(" + s + ", " + step + ")").isEqualTo(Float.valueOf(b.mean()));
                if (step >= p.exactFrom()) {
                    assertThat(p.valueAt(s, step)).isEqualTo(Float.valueOf(v[s][(int) step - 1]))
                            .isEqualTo(Float.valueOf(p.exact(s, step)));
                }
            }
        }
        assertThat(p.bucketAt(0)).isNull();
        assertThat(p.bucketAt(length + 1L)).isNull();
        assertThat(p.valueAt(0, 0)).isNaN();
        assertThat(p.valueAt(0, length + 1L)).isNaN();
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries60")
    void widthsNeverShrinkGoingBackInTimeAndTheBucketCountIsBounded(long trial) {
        Gen g = Gen.of(3292169953L, trial);
        int exact = g.intIn(1, 20);
        int halfB = g.intIn(1, 3);
        int firstWidth = g.intIn(1, 3);
        int maxLevels = g.intIn(1, 5);
        int length = g.intIn(1, 50_000);
        long seed = g.anyLong();
        int b = 2 * halfB;
        float[][] v = history(seed, length, false);
        HistoryPyramid p = new HistoryPyramid(SERIES, exact, b, firstWidth, maxLevels);
        Random r = new Random(seed);
        for (long checkpoint : checkpoints(r, length)) {
            appendUpTo(p, v, checkpoint);
            List<Bucket> all = Buckets.of(p, 0, 1, checkpoint);
            assertThat(all.size()).as("buckets stored").isLessThanOrEqualTo(exact + maxLevels * (b + 1));
            assertThat(p.levels()).isLessThanOrEqualTo(maxLevels);
            for (int j = 1; j <= p.levels(); j++) {
                long nominal = (long) firstWidth << (j - 1);
                if (j < maxLevels) {
                    assertThat(p.levelWidth(j)).as("width of level " + j).isEqualTo(nominal);
                } else {
                    long top = p.levelWidth(j);
                    assertThat(top % nominal == 0 && Long.bitCount(top / nominal) == 1)
                            .as("the top level's width " + top + " is " + nominal + " doubled by each halving").isTrue();
                }
                assertThat(p.levelWidth(j)).isGreaterThanOrEqualTo(j == 1 ? 1 : 2 * p.levelWidth(j - 1));
            }
            long newerClosedWidth = 1;
            int newerLevel = 0;
            for (int i = all.size() - 1; i >= 0; i--) { // newest first
                Bucket bucket = all.get(i);
                int level = p.levelOf(bucket.first());
                assertThat(p.levelOf(bucket.last())).isEqualTo(level);
                assertThat(level).as("levels go up going back in time").isGreaterThanOrEqualTo(newerLevel);
                long nominal = p.levelWidth(level);
                boolean open = level > 0 && (i == all.size() - 1 || p.levelOf(all.get(i + 1).first()) != level);
                if (open && bucket.width() < nominal) {
                    assertThat(bucket.width()).as(bucket + " (open) is a whole number of finer buckets")
                            .isPositive().matches(w -> w % p.levelWidth(level - 1) == 0);
                } else {
                    assertThat(bucket.width()).as(bucket + " has its level's width").isEqualTo(nominal);
                    assertThat((bucket.first() - 1) % nominal).as(bucket + " is aligned to its width").isZero();
                    assertThat(bucket.width()).as(bucket + " is no narrower than newer buckets")
                            .isGreaterThanOrEqualTo(newerClosedWidth);
                    newerClosedWidth = bucket.width();
                }
                newerLevel = level;
            }
        }
        if (length >= exact + (b + 1L) * firstWidth << maxLevels) {
            assertThat(p.levels()).as("every level exists").isEqualTo(maxLevels);
            assertThat(p.levelWidth(maxLevels)).as("the top level has halved")
                    .isGreaterThan((long) firstWidth << (maxLevels - 1));
        }
    }
}
