package org.normscope.ui.chart;

import java.util.Arrays;

/**
 * A series cut into pixel columns, for drawing many points cheaply: instead of one segment
 * per point, a curve with more points than columns is drawn as one vertical segment
 * {@code min..max} per column plus one segment joining {@code last} of a column to
 * {@code first} of the next non-empty column. The picture is the same as the full polyline
 * at that resolution (every pixel the polyline touches inside a column lies between the
 * column's extremes or on the joining segment), at a cost of O(points) to build and
 * O(columns) to draw.
 *
 * <p>Point {@code i} falls in column {@code c = floor((x_i - xLo) / (xHi - xLo) · width)}
 * ({@code x = xHi} goes in the last column); points outside {@code [xLo, xHi]}, with a
 * non-finite x, or with a non-finite y are not in any column. A non-finite y between two
 * finite points breaks the line: {@link #gapBefore(int)} is then true for the column of the
 * next finite point.
 */
public final class Envelope {

    private final double[] min;
    private final double[] max;
    private final double[] first;
    private final double[] last;
    private final boolean[] gapBefore;

    private Envelope(int width) {
        min = new double[width];
        max = new double[width];
        first = new double[width];
        last = new double[width];
        gapBefore = new boolean[width];
        Arrays.fill(min, Double.NaN);
        Arrays.fill(max, Double.NaN);
        Arrays.fill(first, Double.NaN);
        Arrays.fill(last, Double.NaN);
    }

    /**
     * The envelope of {@code data} over {@code widthPx} columns spanning {@code [xLo, xHi]}.
     *
     * @throws IllegalArgumentException if {@code widthPx < 1} or the range is empty or not finite
     */
    public static Envelope columns(SeriesData data, double xLo, double xHi, int widthPx) {
        if (widthPx < 1) {
            throw new IllegalArgumentException("width must be at least 1 px: " + widthPx);
        }
        if (!(xHi > xLo) || !Double.isFinite(xHi - xLo)) {
            throw new IllegalArgumentException("empty x range [" + xLo + ", " + xHi + "]");
        }
        Envelope e = new Envelope(widthPx);
        double perPx = widthPx / (xHi - xLo);
        boolean sawFinite = false;
        boolean gap = false;
        int n = upperBound(data, xHi);
        for (int i = lowerBound(data, xLo); i < n; i++) {
            double x = data.x(i);
            if (!(x >= xLo && x <= xHi)) {
                continue;
            }
            double y = data.y(i);
            if (!Double.isFinite(y)) {
                gap |= sawFinite;
                continue;
            }
            int c = column(x, xLo, perPx, widthPx);
            if (Double.isNaN(e.min[c])) {
                e.min[c] = y;
                e.max[c] = y;
                e.first[c] = y;
                e.gapBefore[c] = gap;
            } else {
                e.min[c] = Math.min(e.min[c], y);
                e.max[c] = Math.max(e.max[c], y);
            }
            e.last[c] = y;
            sawFinite = true;
            gap = false;
        }
        return e;
    }

    /** The first index whose x is at least {@code x} ({@code size()} if none); by bisection, x being increasing. */
    public static int lowerBound(SeriesData data, double x) {
        return lowerBound(data.size(), data::x, x);
    }

    /** The first index whose x is greater than {@code x} ({@code size()} if none); by bisection, x being increasing. */
    public static int upperBound(SeriesData data, double x) {
        return upperBound(data.size(), data::x, x);
    }

    /** The first of {@code 0..size-1} whose {@code xAt} is at least {@code x} ({@code size} if none), {@code xAt} increasing. */
    static int lowerBound(int size, java.util.function.IntToDoubleFunction xAt, double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xAt.applyAsDouble(mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The first of {@code 0..size-1} whose {@code xAt} is greater than {@code x} ({@code size} if none). */
    static int upperBound(int size, java.util.function.IntToDoubleFunction xAt, double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xAt.applyAsDouble(mid) <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int column(double x, double xLo, double perPx, int width) {
        int c = (int) Math.floor((x - xLo) * perPx);
        return Math.max(0, Math.min(width - 1, c));
    }

    /** Number of columns. */
    public int width() {
        return min.length;
    }

    /** Whether no finite point falls in column {@code c}. */
    public boolean isEmpty(int c) {
        return Double.isNaN(min[c]);
    }

    /** Smallest y in column {@code c} (NaN if empty). */
    public double min(int c) {
        return min[c];
    }

    /** Largest y in column {@code c} (NaN if empty). */
    public double max(int c) {
        return max[c];
    }

    /** y of the first point in column {@code c} (NaN if empty). */
    public double first(int c) {
        return first[c];
    }

    /** y of the last point in column {@code c} (NaN if empty). */
    public double last(int c) {
        return last[c];
    }

    /** Whether a gap (non-finite y) lies between the previous finite point and the first point of column {@code c}. */
    public boolean gapBefore(int c) {
        return gapBefore[c];
    }
}
