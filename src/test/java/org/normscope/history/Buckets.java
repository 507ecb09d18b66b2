package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: a pyramid's buckets as a list, and the same statistics by brute force over raw values. */
final class Buckets {

    private Buckets() {
    }

    /** A bucket as {@link BucketSink} reports it. */
    record Bucket(long first, long last, float min, float max, float mean, int count) {
        long width() {
            return last - first + 1;
        }
    }

    static List<Bucket> of(HistoryPyramid p, int series, long from, long to) {
        List<Bucket> list = new ArrayList<>();
        int n = p.buckets(series, from, to, (f, l, min, max, mean, count) -> list.add(new Bucket(f, l, min, max, mean, count)));
        assertThat(n).as("buckets() returns how many it reported").isEqualTo(list.size());
        return list;
    }

    /**
     * Min, max, mean and count of {@code values[first-1 .. last-1]} (step t is {@code values[t-1]}),
     * NaN skipped; the mean summed in double in step order.
     */
    static Bucket bruteForce(float[] values, long first, long last) {
        float min = Float.NaN;
        float max = Float.NaN;
        double sum = 0;
        int count = 0;
        for (long t = first; t <= last; t++) {
            float v = values[(int) (t - 1)];
            if (Float.isNaN(v)) {
                continue;
            }
            min = count == 0 ? v : Math.min(min, v);
            max = count == 0 ? v : Math.max(max, v);
            sum += v;
            count++;
        }
        return new Bucket(first, last, min, max, count == 0 ? Float.NaN : (float) (sum / count), count);
    }

    /**
     * A stored mean against the exact one: equal when the exact one is not finite (±∞ or the
     * NaN of +∞ and -∞ mixed), else within {@code 1e-5·max(|min|, |max|)}: every merge rounds
     * a mean of values in {@code [min, max]} to float once, and there are a few dozen merge
     * levels at most.
     */
    static void assertMeanClose(float actual, Bucket expected, String what) {
        if (!Float.isFinite(expected.mean())) {
            assertThat(actual).as(what + " mean").isEqualTo(Float.valueOf(expected.mean())); // NaN equals NaN
            return;
        }
        double scale = Math.max(Math.abs(expected.min()), Math.abs(expected.max()));
        assertThat((double) actual).as(what + " mean").isCloseTo(expected.mean(),
                org.assertj.core.data.Offset.offset(1e-5 * scale + Float.MIN_NORMAL));
    }

    /** The column ({@code 0..columns-1}) whose steps hold {@code step}, searched with the column formula itself. */
    static int columnHolding(long from, long to, int columns, long step) {
        long span = to - from + 1;
        for (int i = 0; i < columns; i++) {
            long first = from + Math.floorDiv(i * span, columns);
            long last = from + Math.floorDiv((i + 1) * span, columns) - 1;
            if (first <= step && step <= last) {
                return i;
            }
        }
        throw new AssertionError("no column holds step " + step);
    }
}
