package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One curve drawn into a chart's {@link PlotRaster}: with more points in view than pixel columns,
 * each column's envelope; otherwise the points themselves, with a dot for a point alone between gaps.
 */
final class CurveRaster {

    private CurveRaster() {
    }

    /**
     * Draws one curve into the raster (whose pixel (0, 0) is the canvas's {@code (rx, ry)}):
     * with more points in view than pixel columns, each column's envelope (a vertical line from
     * its min to its max, joined to the next column from its last point); otherwise the points
     * themselves, and a dot for a point with gaps on both sides.
     */
    static void draw(CurveChart chart, PlotRaster raster, Curve c, double[] xr, double[] yr, double left,
            double right, double top, double bottom, int rx, int ry) {
        SeriesData d = c.data();
        int widthPx = Math.max(1, (int) Math.floor(right - left));
        int from = Envelope.lowerBound(d, xr[0]);
        int to = Envelope.upperBound(d, xr[1]);
        int inView = to - from;
        Polyline line = new Polyline();
        List<double[]> lonePoints = new ArrayList<>();
        if (inView > widthPx) {
            Envelope e = Envelope.columns(d, xr[0], xr[1], widthPx);
            boolean pen = false;
            for (int col = 0; col < widthPx; col++) {
                if (e.isEmpty(col)) {
                    continue;
                }
                double px = left + col + 0.5 - rx;
                if (!pen || e.gapBefore(col)) {
                    line.gap();
                }
                line.add(px, ChartAxes.yAt(e.first(col), yr, top, bottom) - ry);
                if (e.min(col) != e.max(col)) {
                    line.gap();
                    line.add(px, ChartAxes.yAt(e.min(col), yr, top, bottom) - ry);
                    line.add(px, ChartAxes.yAt(e.max(col), yr, top, bottom) - ry);
                    line.gap();
                    line.add(px, ChartAxes.yAt(e.last(col), yr, top, bottom) - ry);
                }
                pen = true;
            }
        } else {
            boolean pen = false;
            // the points in view and one on each side, for the segments that leave the plot
            int n = Math.min(d.size(), to + 1);
            for (int i = Math.max(0, from - 1); i < n; i++) {
                double x = d.x(i);
                double y = d.y(i);
                if (!Double.isFinite(x) || !Double.isFinite(y)) {
                    pen = false;
                    continue;
                }
                double px = ChartAxes.xAt(x, xr, left, right) - rx;
                double py = ChartAxes.yAt(y, yr, top, bottom) - ry;
                if (!pen) {
                    line.gap();
                    if (i + 1 >= d.size() || !Double.isFinite(d.y(i + 1))) {
                        lonePoints.add(new double[] {px, py});
                    }
                }
                line.add(px, py);
                pen = true;
            }
        }
        double width = chart.lineWeight(c.width());
        double[] dashes = c.style().dashes(width);
        if (chart.theme().needsCasing(c.color())) {
            raster.polyline(line.xs, line.ys, line.n, chart.theme().outline(c.color()), width + 2, dashes);
        }
        raster.polyline(line.xs, line.ys, line.n, c.color(), width, dashes);
        // a point with gaps on both sides would be invisible as a line: a dot
        double r = chart.markerSize(Math.max(2, c.width() * 1.2));
        for (double[] p : lonePoints) {
            raster.disk(p[0], p[1], r, c.color());
        }
    }

    /** Points of a polyline in a growing array; a NaN point between two points is a gap. */
    private static final class Polyline {
        double[] xs = new double[256];
        double[] ys = new double[256];
        int n;

        void add(double x, double y) {
            if (n == xs.length) {
                xs = Arrays.copyOf(xs, 2 * n);
                ys = Arrays.copyOf(ys, 2 * n);
            }
            xs[n] = x;
            ys[n++] = y;
        }

        void gap() {
            if (n > 0 && !Double.isNaN(xs[n - 1])) {
                add(Double.NaN, Double.NaN);
            }
        }
    }
}
