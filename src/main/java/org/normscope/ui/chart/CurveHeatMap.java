package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.Font;

/**
 * A {@link CurveChart}'s heat map: the channel × x picture (an image layer), its row axis and
 * its colour bar. The picture has one image pixel per screen pixel: a scaled image costs the
 * software pipeline a resampling pass per pixel (docs/CHARTS.md).
 */
final class CurveHeatMap {

    private final ImageLayer layer = new ImageLayer();
    /** The picture's pixels, kept between redraws. */
    private int[] pixels;

    /** The node to add to the chart. */
    ImageLayer layer() {
        return layer;
    }

    /** Draws the heat map between {@code top} and {@code bottom}, in the frame's x range, with its row labels. */
    void draw(CurveChart c, GraphicsContext gc, HeatMapData heat, CurveChart.Frame fr, double top, double bottom,
              double[] range, int rowStep, Font tickF, double tickLen, double tickLh) {
        double left = fr.plotLeft();
        double right = fr.plotRight();
        int widthPx = Math.max(1, (int) Math.round(right - left));
        int rows = heat.rows();
        int x0 = (int) Math.floor(left);
        int y0 = (int) Math.floor(top);
        int heightPx = Math.max(1, (int) Math.floor(bottom) - y0);
        double rh = (bottom - top) / rows;
        if (c.isFirstPass()) {
            image(heat, fr, range, widthPx, x0, y0, heightPx, rh);
        }

        gc.setLineDashes((double[]) null);
        gc.setLineWidth(1);
        gc.setStroke(c.theme().axis());
        CanvasChart.crispLine(gc, left - 1, top, left - 1, bottom);
        CanvasChart.crispLine(gc, left - 1, bottom, right, bottom);
        for (int r = 0; r < rows; r += rowStep) {
            double cy = top + (r + 0.5) * rh;
            CanvasChart.crispLine(gc, left - 1 - tickLen, cy, left - 1, cy);
            String label = heat.rowLabel(r);
            c.text(gc, label == null ? "" : label, tickF, c.theme().ink(), left - tickLen - 3 * c.scale(),
                    cy - tickLh / 2, CanvasChart.Align.RIGHT);
        }
    }

    /**
     * Writes the picture and shows it at {@code (x0, y0)}. Each row is repeated over its share
     * of the height (the pixel row whose middle falls in it), as the scaled image without
     * smoothing showed it.
     */
    private void image(HeatMapData heat, CurveChart.Frame fr, double[] range, int widthPx, int x0, int y0,
                       int heightPx, double rh) {
        int rows = heat.rows();
        double top = fr.heatTop();
        double vLo = range == null ? 0 : range[0];
        double vHi = range == null ? 1 : range[1];
        int[] argb = HeatMapRaster.argb(heat, fr.xRange()[0], fr.xRange()[1], widthPx, vLo, vHi);
        if (pixels == null || pixels.length < widthPx * heightPx) {
            pixels = new int[widthPx * heightPx];
        }
        for (int y = 0; y < heightPx; y++) {
            int r = Math.min(rows - 1, Math.max(0, (int) Math.floor((y0 + y + 0.5 - top) / rh)));
            System.arraycopy(argb, r * widthPx, pixels, y * widthPx, widthPx);
        }
        if (rh >= 10 && rows > 1) { // white lines between the rows when they are tall enough
            int white = 0xFFFFFFFF;
            for (int r = 1; r < rows; r++) {
                int y = (int) Math.floor(top + r * rh) - y0;
                if (y >= 0 && y < heightPx) {
                    Arrays.fill(pixels, y * widthPx, (y + 1) * widthPx, white);
                }
            }
        }
        layer.show(pixels, PixelFormat.getIntArgbInstance(), widthPx, heightPx, x0, y0);
    }

    /** The colour bar at {@code x}, its top value's label beside its top and its bottom's beside its bottom. */
    static void colourBar(CurveChart c, GraphicsContext gc, double x, double top, double barW, double height,
                          String minLabel, String maxLabel, Font tickF, double tickLh) {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i <= 32; i++) {
            stops.add(new Stop(i / 32.0, Palette.heat(i / 32.0)));
        }
        gc.setFill(new LinearGradient(0, top + height, 0, top, false, CycleMethod.NO_CYCLE, stops));
        gc.fillRect(x, top, barW, height);
        gc.setStroke(c.theme().axis());
        gc.setLineWidth(1);
        gc.setLineDashes((double[]) null);
        gc.strokeRect(Math.floor(x) + 0.5, Math.floor(top) + 0.5, Math.round(barW), Math.round(height) - 1);
        double lx = x + barW + 5 * c.scale();
        c.text(gc, maxLabel, tickF, c.theme().ink(), lx, top, CanvasChart.Align.LEFT);
        if (height >= 2 * tickLh + 2) {
            c.text(gc, minLabel, tickF, c.theme().ink(), lx, top + height - tickLh, CanvasChart.Align.LEFT);
        }
    }
}
