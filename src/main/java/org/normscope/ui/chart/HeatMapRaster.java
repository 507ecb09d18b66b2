package org.normscope.ui.chart;

/**
 * Turns a {@link HeatMapData} into ARGB pixels: one pixel per pixel column of the plot and
 * one per row, to be drawn scaled up (without smoothing) to the plot's height. Plain Java.
 *
 * <p>Pixel column {@code p} covers {@code [xLo + p·d, xLo + (p+1)·d)}, {@code d = (xHi - xLo)
 * / width}. When data columns have their x in it, the pixel shows the mean of their finite
 * values (so thousands of steps squeeze into a few hundred pixels without aliasing);
 * otherwise it shows the cell that covers the pixel's centre (cells reach half-way to the
 * neighbouring columns, see {@link HeatMapData}). Outside every cell the pixel is
 * transparent (0). A value {@code v} maps to {@link Palette#heatArgb(double)} of
 * {@code t = (v - vLo) / (vHi - vLo)}, or of 0.5 when {@code vHi <= vLo}.
 */
final class HeatMapRaster {

    private HeatMapRaster() {
    }

    /** {@code {left, right}}: from the first cell's left edge to the last cell's right edge. */
    static double[] extent(HeatMapData d) {
        int n = d.columns();
        if (n == 0) {
            return null;
        }
        double halfFirst = n > 1 ? (d.x(1) - d.x(0)) / 2 : 0.5;
        double halfLast = n > 1 ? (d.x(n - 1) - d.x(n - 2)) / 2 : 0.5;
        return new double[] {d.x(0) - halfFirst, d.x(n - 1) + halfLast};
    }

    /** {@code {min, max}} of the finite values, or {@code null} when there is none. */
    static double[] valueRange(HeatMapData d) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < d.rows(); r++) {
            for (int c = 0; c < d.columns(); c++) {
                double v = d.value(r, c);
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : null;
    }

    /** The pixels, row-major: {@code argb[row · width + p]}. */
    static int[] argb(HeatMapData d, double xLo, double xHi, int width, double vLo, double vHi) {
        int rows = d.rows();
        int n = d.columns();
        int[] out = new int[rows * width];
        if (n == 0 || width <= 0 || !(xHi > xLo)) {
            return out;
        }
        double[] ext = extent(d);
        double span = vHi - vLo;
        double dx = (xHi - xLo) / width;
        double[] sum = new double[rows];
        int[] count = new int[rows];
        int j = 0; // first column with x >= the pixel's left edge
        for (int p = 0; p < width; p++) {
            double xa = xLo + p * dx;
            double xb = xLo + (p + 1) * dx;
            double xm = xLo + (p + 0.5) * dx;
            while (j < n && d.x(j) < xa) {
                j++;
            }
            int k = j;
            while (k < n && d.x(k) < xb) {
                k++;
            }
            int from;
            int to;
            if (k > j) {
                from = j;
                to = k;
            } else {
                if (xm < ext[0] || xm >= ext[1]) {
                    continue;
                }
                int c;
                if (j == 0) {
                    c = 0;
                } else if (j == n) {
                    c = n - 1;
                } else {
                    c = (xm - d.x(j - 1)) <= (d.x(j) - xm) ? j - 1 : j;
                }
                from = c;
                to = c + 1;
            }
            java.util.Arrays.fill(sum, 0);
            java.util.Arrays.fill(count, 0);
            for (int c = from; c < to; c++) {
                for (int r = 0; r < rows; r++) {
                    double v = d.value(r, c);
                    if (Double.isFinite(v)) {
                        sum[r] += v;
                        count[r]++;
                    }
                }
            }
            for (int r = 0; r < rows; r++) {
                double t;
                if (count[r] == 0) {
                    t = Double.NaN;
                } else {
                    t = span > 0 ? (sum[r] / count[r] - vLo) / span : 0.5;
                }
                out[r * width + p] = Palette.heatArgb(t);
            }
        }
        return out;
    }
}
