package org.normscope.ui.chart;

import java.util.List;

/** A {@link CurveChart}'s x and y ranges: fixed, or what the curves (and the heat map) span. */
final class CurveRanges {

    private CurveRanges() {
    }

    /** The x range: {@code fixedLo..fixedHi} if both are finite, else from the first to the last finite point. */
    static double[] x(List<Curve> drawable, HeatMapData heat, double fixedLo, double fixedHi) {
        if (Double.isFinite(fixedLo) && Double.isFinite(fixedHi)) {
            return NiceTicks.range(fixedLo, fixedHi);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : drawable) {
            // x increases: the first and the last point with a finite y are the ends
            SeriesData d = c.data();
            int n = d.size();
            for (int i = 0; i < n; i++) {
                if (finite(d, i)) {
                    lo = Math.min(lo, d.x(i));
                    break;
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (finite(d, i)) {
                    hi = Math.max(hi, d.x(i));
                    break;
                }
            }
        }
        if (heat != null) {
            double[] ext = HeatMapRaster.extent(heat);
            lo = Math.min(lo, ext[0]);
            hi = Math.max(hi, ext[1]);
        }
        return NiceTicks.range(lo, hi);
    }

    /** The y range: {@code fixedLo..fixedHi} if both are finite, else the finite values in x range {@code xr}, padded 5%. */
    static double[] y(List<Curve> drawable, double[] xr, double fixedLo, double fixedHi) {
        if (Double.isFinite(fixedLo) && Double.isFinite(fixedHi)) {
            return NiceTicks.range(fixedLo, fixedHi);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : drawable) {
            SeriesData d = c.data();
            for (int i = Envelope.lowerBound(d, xr[0]), n = Envelope.upperBound(d, xr[1]); i < n; i++) {
                double y = d.y(i);
                if (Double.isFinite(y)) {
                    lo = Math.min(lo, y);
                    hi = Math.max(hi, y);
                }
            }
        }
        return NiceTicks.padded(lo, hi, 0.05);
    }

    /** Whether {@code d} has a point with finite x and y (a curve without one is not drawn). */
    static boolean hasFinitePoint(SeriesData d) {
        for (int i = 0, n = d.size(); i < n; i++) {
            if (finite(d, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean finite(SeriesData d, int i) {
        return Double.isFinite(d.x(i)) && Double.isFinite(d.y(i));
    }
}
