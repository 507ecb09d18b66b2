package org.normscope.history;

/**
 * One series' buckets at one level: closed bucket in slot {@code i} has min, max, mean at
 * {@code stats[3i], stats[3i+1], stats[3i+2]} and its count at {@code count[i]}; the open
 * bucket is a {@link Reduction} (min, max, a double sum and a count) until it closes.
 */
final class BucketCells {
    final float[] stats;
    final int[] count;
    /** The open bucket: what has been added since it last closed (min, max, sum in double, count). */
    final Reduction open = new Reduction();

    BucketCells(int ringSize) {
        this(new float[3 * ringSize], new int[ringSize]);
    }

    /** Closed buckets from {@code stats} (3 floats a slot) and {@code count} (one int a slot), the open one empty. */
    BucketCells(float[] stats, int[] count) {
        this.stats = stats;
        this.count = count;
    }

    private BucketCells(BucketCells other) {
        stats = other.stats.clone();
        count = other.count.clone();
        open.copyFrom(other.open);
    }

    BucketCells copy() {
        return new BucketCells(this);
    }

    /** One raw value into the open bucket (NaN is skipped). */
    void add(float v) {
        if (!Float.isNaN(v)) {
            open.addValue(v);
        }
    }

    /** A finer level's closed bucket into this open bucket. */
    void add(BucketCells finer, int slot) {
        float[] st = finer.stats;
        open.add(st[3 * slot], st[3 * slot + 1], st[3 * slot + 2], finer.count[slot]);
    }

    /** The open bucket into closed slot {@code slot}; the open bucket starts empty again. */
    void close(int slot) {
        int c = (int) open.count();
        count[slot] = c;
        if (c > 0) {
            stats[3 * slot] = open.min();
            stats[3 * slot + 1] = open.max();
            stats[3 * slot + 2] = open.mean();
        }
        open.reset();
    }

    /** Closed slots a and b (the older first) merged into slot {@code into}. */
    void merge(int into, int a, int b) {
        int ca = count[a];
        int cb = count[b];
        float minA = stats[3 * a];
        float maxA = stats[3 * a + 1];
        float meanA = stats[3 * a + 2];
        float minB = stats[3 * b];
        float maxB = stats[3 * b + 1];
        float meanB = stats[3 * b + 2];
        if (ca == 0) {
            set(into, minB, maxB, meanB, cb);
        } else if (cb == 0) {
            set(into, minA, maxA, meanA, ca);
        } else {
            set(into, Math.min(minA, minB), Math.max(maxA, maxB),
                    (float) (((double) meanA * ca + (double) meanB * cb) / ((double) ca + cb)), ca + cb);
        }
    }

    private void set(int slot, float min, float max, float mean, int c) {
        stats[3 * slot] = min;
        stats[3 * slot + 1] = max;
        stats[3 * slot + 2] = mean;
        count[slot] = c;
    }

    float mean(int slot) {
        return count[slot] == 0 ? Float.NaN : stats[3 * slot + 2];
    }

    float openMean() {
        return open.mean();
    }

    void emit(int slot, long first, long last, BucketSink sink) {
        int c = count[slot];
        if (c == 0) {
            sink.bucket(first, last, Float.NaN, Float.NaN, Float.NaN, 0);
        } else {
            sink.bucket(first, last, stats[3 * slot], stats[3 * slot + 1], stats[3 * slot + 2], c);
        }
    }

    void emitOpen(long first, long last, BucketSink sink) {
        if (open.isEmpty()) {
            sink.bucket(first, last, Float.NaN, Float.NaN, Float.NaN, 0);
        } else {
            sink.bucket(first, last, open.min(), open.max(), open.mean(), (int) open.count());
        }
    }
}
