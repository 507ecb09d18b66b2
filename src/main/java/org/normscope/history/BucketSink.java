package org.normscope.history;

/**
 * Receives the stored buckets of one series, in step order, from
 * {@link HistoryPyramid#buckets(int, long, long, BucketSink)}.
 *
 * <p>A bucket summarises steps {@code firstStep..lastStep} (inclusive): {@code count} is how
 * many of them hold a value (NaN is "missing" and is not counted), {@code min}, {@code max}
 * and {@code mean} are over those values only, and all three are NaN when {@code count == 0}.
 * A step of the exact window is a bucket of width 1.
 *
 * <p>Called while the pyramid's lock is held: keep it quick.
 */
@FunctionalInterface
public interface BucketSink {

    void bucket(long firstStep, long lastStep, float min, float max, float mean, int count);
}
