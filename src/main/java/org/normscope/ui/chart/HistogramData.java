package org.normscope.ui.chart;

import java.util.List;
import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * One small histogram of a {@link HistogramChart}: {@code counts.length} bins evenly spaced
 * over {@code [lo, hi]}, bin {@code k} covering {@code [lo + k·w, lo + (k+1)·w)} with
 * {@code w = (hi - lo) / counts.length}. When {@code lo == hi} every value equals
 * {@code lo}: the chart draws one narrow bar of height {@code sum(counts)} centred at lo.
 *
 * @param title   the cell's heading, e.g. {@code "channel 0"}
 * @param color   the bars' colour (filled at 70% opacity, outlined darker)
 * @param lo      left end of the first bin
 * @param hi      right end of the last bin
 * @param counts  the bin counts (not copied)
 * @param markers vertical lines such as the mean (may be empty)
 */
public record HistogramData(String title, Color color, double lo, double hi, int[] counts, List<Marker> markers) {

    /** A labelled vertical line at {@code x}, e.g. {@code new Marker(mean, "mean", LineStyle.DASHED)}. */
    public record Marker(double x, String label, LineStyle style) {
        public Marker {
            label = label == null ? "" : label;
            style = style == null ? LineStyle.DASHED : style;
        }
    }

    public HistogramData {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(counts, "counts");
        title = title == null ? "" : title;
        markers = markers == null ? List.of() : List.copyOf(markers);
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || hi < lo) {
            throw new IllegalArgumentException("bad range [" + lo + ", " + hi + "]");
        }
    }

    /** Equal when everything drawn is equal: the counts compared by content, not by array. */
    @Override
    public boolean equals(Object o) {
        return o instanceof HistogramData h && title.equals(h.title) && color.equals(h.color)
                && Double.compare(lo, h.lo) == 0 && Double.compare(hi, h.hi) == 0
                && java.util.Arrays.equals(counts, h.counts) && markers.equals(h.markers);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(title, color, lo, hi, java.util.Arrays.hashCode(counts), markers);
    }

    /** The total count. */
    public long total() {
        long sum = 0;
        for (int c : counts) {
            sum += c;
        }
        return sum;
    }

    /**
     * Bins the finite {@code values} into {@code bins} bins over their own range
     * {@code [min, max]} (the maximum goes in the last bin); with no finite value the range is
     * [0, 0] and all counts are 0.
     */
    public static HistogramData of(String title, Color color, double[] values, int bins, List<Marker> markers) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1: " + bins);
        }
        double[] r = NiceTicks.finiteRange(values);
        int[] counts = new int[bins];
        if (r == null) {
            return new HistogramData(title, color, 0, 0, counts, markers);
        }
        double lo = r[0];
        double hi = r[1];
        double perBin = hi > lo ? bins / (hi - lo) : 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                int k = (int) ((v - lo) * perBin);
                counts[Math.min(bins - 1, Math.max(0, k))]++;
            }
        }
        return new HistogramData(title, color, lo, hi, counts, markers);
    }
}
