package org.normscope.session;

/**
 * How one channel's values in a batch are spread: {@code counts.length} equal bins over
 * [{@code lo}, {@code hi}], where value {@code v} falls in bin
 * {@code min(⌊(v − lo)/(hi − lo) · bins⌋, bins − 1)}. When every value is the same,
 * {@code lo == hi} and one bin holds them all. Non-finite values are counted apart.
 */
public record ChannelHistogram(double lo, double hi, int[] counts, int nonFinite, double mean) {

    /** A histogram that was not computed (a channel not shown). */
    public static final ChannelHistogram NONE = new ChannelHistogram(Double.NaN, Double.NaN, new int[0], 0, Double.NaN);

    /** The histogram of channel {@code c} of an {@code (N, C, *)} tensor's values, in {@code bins} bins. */
    public static ChannelHistogram of(float[] data, int batch, int channels, int slice, int c, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int finite = 0;
        int nonFinite = 0;
        for (int b = 0; b < batch; b++) {
            int base = (b * channels + c) * slice;
            for (int s = 0; s < slice; s++) {
                float v = data[base + s];
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                    sum += v;
                    finite++;
                } else {
                    nonFinite++;
                }
            }
        }
        if (finite == 0) {
            return new ChannelHistogram(Double.NaN, Double.NaN, new int[0], nonFinite, Double.NaN);
        }
        int[] counts = new int[lo == hi ? 1 : bins];
        double scale = lo == hi ? 0 : counts.length / (hi - lo);
        for (int b = 0; b < batch; b++) {
            int base = (b * channels + c) * slice;
            for (int s = 0; s < slice; s++) {
                float v = data[base + s];
                if (Float.isFinite(v)) {
                    counts[Math.min((int) ((v - lo) * scale), counts.length - 1)]++;
                }
            }
        }
        return new ChannelHistogram(lo, hi, counts, nonFinite, sum / finite);
    }

    /** How many finite values it counts. */
    public int total() {
        int t = 0;
        for (int n : counts) {
            t += n;
        }
        return t;
    }
}
