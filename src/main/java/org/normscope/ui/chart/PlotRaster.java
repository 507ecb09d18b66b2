package org.normscope.ui.chart;

import java.util.Arrays;
import javafx.scene.paint.Color;

/**
 * A plot area drawn in Java into an array of opaque ARGB pixels, shown as one image: the
 * background, the grid and anti-aliased curves.
 *
 * <p>Why not the canvas's own strokes: in the software pipeline, the renderer rasterises every
 * stroked path on its thread, and with wide, round-joined curves of a few thousand points
 * that made a chart frame miss the display's refresh while the engine played on both cores.
 * Drawn here, the render thread only copies an image.
 *
 * <p><b>Lines.</b> A polyline of width {@code w} covers a pixel by
 * {@code a = clamp(w/2 + 1/2 − d, 0, 1)}, where {@code d} is the distance from the pixel's
 * centre to the nearest segment: a one-pixel ramp at the edge (anti-aliasing), round joins
 * and caps for free. Coverage is the maximum over the segments of one polyline, so that joins
 * are not blended twice; then the line's colour is blended over the pixels by that coverage.
 * A dash pattern switches coverage off where the arc length from the polyline's start falls
 * in a gap (the ends of a dash are square).
 */
final class PlotRaster {

    private final int width;
    private final int height;
    private final int[] argb;
    /** Coverage of the polyline being drawn (0 where untouched). */
    private final float[] coverage;
    private int touchedX0;
    private int touchedY0;
    private int touchedX1;
    private int touchedY1;

    /** A white raster of {@code width × height} pixels (at least 1 × 1). */
    PlotRaster(int width, int height) {
        this.width = Math.max(1, width);
        this.height = Math.max(1, height);
        this.argb = new int[this.width * this.height];
        this.coverage = new float[this.width * this.height];
        Arrays.fill(argb, 0xFFFFFFFF);
        resetTouched();
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The pixels, row by row, opaque ARGB. */
    int[] pixels() {
        return argb;
    }

    /** The pixel at {@code (x, y)}, opaque ARGB. */
    int pixel(int x, int y) {
        return argb[y * width + x];
    }

    /** Fills every pixel with {@code c}. */
    void clear(Color c) {
        Arrays.fill(argb, opaque(c));
    }

    /** A 1 px vertical line over the pixel column {@code x} (clipped). */
    void verticalLine(int x, Color c) {
        if (x < 0 || x >= width) {
            return;
        }
        int v = opaque(c);
        for (int y = 0; y < height; y++) {
            argb[y * width + x] = v;
        }
    }

    /** A 1 px horizontal line over the pixel row {@code y} (clipped). */
    void horizontalLine(int y, Color c) {
        if (y < 0 || y >= height) {
            return;
        }
        Arrays.fill(argb, y * width, (y + 1) * width, opaque(c));
    }

    /**
     * Strokes a polyline through {@code n} points in raster pixel coordinates; a NaN x or y ends
     * the line there and the next point starts a new one (a gap; a point alone draws nothing,
     * see {@link #disk}). {@code dashes} is a pattern of
     * on and off lengths in pixels, or null for a solid line; the pattern runs on across the
     * whole polyline.
     */
    void polyline(double[] xs, double[] ys, int n, Color c, double lineWidth, double[] dashes) {
        double hw = lineWidth / 2;
        double dashTotal = 0;
        if (dashes != null) {
            for (double d : dashes) {
                dashTotal += d;
            }
            if (!(dashTotal > 0)) {
                dashes = null;
            }
        }
        double arc = 0;
        boolean pen = false;
        double px = 0;
        double py = 0;
        for (int i = 0; i < n; i++) {
            double x = xs[i];
            double y = ys[i];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                pen = false;
                continue;
            }
            if (!pen) {
                pen = true;
                px = x;
                py = y;
                continue;
            }
            double len = Math.hypot(x - px, y - py);
            segment(px, py, x, y, hw, dashes, dashTotal, arc);
            arc += len;
            px = x;
            py = y;
        }
        composite(c);
    }

    /** A filled disk of radius {@code r} at {@code (cx, cy)}, anti-aliased. */
    void disk(double cx, double cy, double r, Color c) {
        segment(cx, cy, cx, cy, r, null, 0, 0);
        composite(c);
    }

    private void segment(double x0, double y0, double x1, double y1, double hw, double[] dashes, double dashTotal,
                         double arcStart) {
        double reach = hw + 0.5;
        int bx0 = Math.max(0, (int) Math.floor(Math.min(x0, x1) - reach));
        int bx1 = Math.min(width - 1, (int) Math.ceil(Math.max(x0, x1) + reach));
        int by0 = Math.max(0, (int) Math.floor(Math.min(y0, y1) - reach));
        int by1 = Math.min(height - 1, (int) Math.ceil(Math.max(y0, y1) + reach));
        if (bx0 > bx1 || by0 > by1) {
            return;
        }
        touchedX0 = Math.min(touchedX0, bx0);
        touchedY0 = Math.min(touchedY0, by0);
        touchedX1 = Math.max(touchedX1, bx1);
        touchedY1 = Math.max(touchedY1, by1);
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double len = Math.sqrt(len2);
        for (int j = by0; j <= by1; j++) {
            double cy = j + 0.5;
            int row = j * width;
            for (int i = bx0; i <= bx1; i++) {
                double cx = i + 0.5;
                double t = len2 == 0 ? 0 : ((cx - x0) * dx + (cy - y0) * dy) / len2;
                t = t < 0 ? 0 : t > 1 ? 1 : t;
                double ex = cx - (x0 + t * dx);
                double ey = cy - (y0 + t * dy);
                double a = reach - Math.sqrt(ex * ex + ey * ey);
                if (a <= 0) {
                    continue;
                }
                float f = a >= 1 ? 1f : (float) a;
                if (f <= coverage[row + i]) {
                    continue; // covered as much already: no need to ask the dash pattern
                }
                if (dashes != null && !inDash(arcStart + t * len, dashes, dashTotal)) {
                    continue;
                }
                coverage[row + i] = f;
            }
        }
    }

    private static boolean inDash(double s, double[] dashes, double total) {
        double phase = s - total * Math.floor(s / total); // s % total, without the slow remainder instruction
        for (int k = 0; k < dashes.length; k++) {
            if (phase < dashes[k]) {
                return k % 2 == 0;
            }
            phase -= dashes[k];
        }
        return true;
    }

    /** Blends {@code c} over the pixels by the coverage gathered since the last call, and clears it. */
    private void composite(Color c) {
        if (touchedX0 > touchedX1) {
            return;
        }
        int r = (int) Math.round(c.getRed() * 255);
        int g = (int) Math.round(c.getGreen() * 255);
        int b = (int) Math.round(c.getBlue() * 255);
        double alpha = c.getOpacity();
        for (int j = touchedY0; j <= touchedY1; j++) {
            int row = j * width;
            for (int i = touchedX0; i <= touchedX1; i++) {
                float f = coverage[row + i];
                if (f == 0) {
                    continue;
                }
                coverage[row + i] = 0;
                double a = f * alpha;
                int d = argb[row + i];
                if (a >= 1) {
                    argb[row + i] = 0xFF000000 | r << 16 | g << 8 | b;
                    continue;
                }
                int dr = d >> 16 & 0xFF;
                int dg = d >> 8 & 0xFF;
                int db = d & 0xFF;
                int nr = (int) Math.round(dr + (r - dr) * a);
                int ng = (int) Math.round(dg + (g - dg) * a);
                int nb = (int) Math.round(db + (b - db) * a);
                argb[row + i] = 0xFF000000 | nr << 16 | ng << 8 | nb;
            }
        }
        resetTouched();
    }

    private void resetTouched() {
        touchedX0 = Integer.MAX_VALUE;
        touchedY0 = Integer.MAX_VALUE;
        touchedX1 = Integer.MIN_VALUE;
        touchedY1 = Integer.MIN_VALUE;
    }

    private static int opaque(Color c) {
        return 0xFF000000 | (int) Math.round(c.getRed() * 255) << 16 | (int) Math.round(c.getGreen() * 255) << 8
                | (int) Math.round(c.getBlue() * 255);
    }
}
