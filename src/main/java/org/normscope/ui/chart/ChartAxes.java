package org.normscope.ui.chart;

import javafx.scene.text.Font;

/**
 * The axes shared by the charts over steps: x ticks laid out so that their labels fit and stay
 * inside the canvas, y ticks for a plot's height, and the mapping of a value to its pixel.
 */
final class ChartAxes {

    private ChartAxes() {
    }

    /** The x ticks chosen by {@link #layoutXTicks}, and the plot's left and right edge narrowed to keep their labels inside. */
    record XTicks(double left, double right, double[] ticks, String[] labels) {
    }

    /**
     * As many x ticks as fit with about a line of space between labels, for a plot from
     * {@code left} to {@code right} in a canvas {@code w} wide; the plot is narrowed so that
     * the outer labels stay inside the canvas. With {@code integer}, no tick falls between
     * two whole numbers (steps).
     */
    static XTicks layoutXTicks(CanvasChart chart, double[] xr, double left, double right, double w, boolean integer,
            Font tickF, double tickLh) {
        double pad = chart.pad();
        java.util.function.ToDoubleBiFunction<String, Font> width = chart::textWidth;
        double estW = integer
                ? Math.max(width.applyAsDouble(NiceTicks.countLabels(new double[] {xr[0]})[0], tickF),
                        width.applyAsDouble(NiceTicks.countLabels(new double[] {xr[1]})[0], tickF)) + width.applyAsDouble("0", tickF)
                : Math.max(width.applyAsDouble(NiceTicks.format(xr[0], 3), tickF), width.applyAsDouble(NiceTicks.format(xr[1], 3), tickF));
        int maxX = Math.max(2, (int) ((right - left) / (estW + 2 * tickLh)) + 1);
        double[] xTicks;
        String[] xLabels;
        while (true) {
            xTicks = NiceTicks.ticks(xr[0], xr[1], maxX);
            if (integer && xTicks.length > 1 && xTicks[1] - xTicks[0] < 1) {
                xTicks = NiceTicks.ticksWithStep(xr[0], xr[1], 1); // steps are whole: no tick at 2.5
            }
            xLabels = integer ? NiceTicks.countLabels(xTicks) : NiceTicks.labels(xTicks);
            // keep the outer labels inside the canvas
            if (xTicks.length > 0) {
                double fl = (xTicks[0] - xr[0]) / (xr[1] - xr[0]);
                double firstHalf = width.applyAsDouble(xLabels[0], tickF) / 2;
                if (fl < 0.5) {
                    double need = pad * 0.5 + firstHalf; // pixel of first tick must be >= need
                    double px = left + fl * (right - left);
                    if (px < need && fl < 1) {
                        left = Math.ceil((need - fl * right) / (1 - fl));
                    }
                }
                int n = xTicks.length - 1;
                double fr = (xTicks[n] - xr[0]) / (xr[1] - xr[0]);
                double lastHalf = width.applyAsDouble(xLabels[n], tickF) / 2;
                double limit = w - pad * 0.5 - lastHalf;
                double px = left + fr * (right - left);
                if (px > limit && fr > 0) {
                    right = Math.floor(left + (limit - left) / fr);
                }
            }
            if (maxX <= 2 || xLabelsFit(width, xTicks, xLabels, xr, left, right, tickF, tickLh)) {
                break;
            }
            maxX--;
        }
        return new XTicks(left, right, xTicks, xLabels);
    }

    private static boolean xLabelsFit(java.util.function.ToDoubleBiFunction<String, Font> width, double[] ticks,
            String[] labels, double[] xr, double left, double right, Font f, double tickLh) {
        for (int i = 1; i < ticks.length; i++) {
            double d = xAt(ticks[i], xr, left, right) - xAt(ticks[i - 1], xr, left, right);
            double need = (width.applyAsDouble(labels[i], f) + width.applyAsDouble(labels[i - 1], f)) / 2 + tickLh * 0.9;
            if (d < need) {
                return false;
            }
        }
        return true;
    }

    /**
     * Ticks for a y axis {@code plotH} pixels tall: as many as leave about 0.8 of a line between
     * labels, and at least two where they fit 1.1 lines apart; in a very short plot, fewer (even one).
     */
    static double[] yTicks(double[] yr, double plotH, double tickLh) {
        int maxY = Math.max(2, (int) (plotH / (tickLh * 1.8)) + 1);
        double[] ticks = NiceTicks.ticks(yr[0], yr[1], maxY);
        while (ticks.length > 1 && plotH * (ticks[1] - ticks[0]) / (yr[1] - yr[0]) < tickLh * 1.1) {
            if (maxY > 2) {
                ticks = NiceTicks.ticks(yr[0], yr[1], --maxY);
            } else {
                double[] every2 = new double[(ticks.length + 1) / 2];
                for (int i = 0; i < every2.length; i++) {
                    every2[i] = ticks[2 * i];
                }
                ticks = every2;
            }
        }
        // a range just short of two steps gets one tick ([-4.4, 4.4] at step 5): try smaller steps that still fit
        for (int more = maxY + 1; ticks.length < 2 && more <= maxY + 4; more++) {
            double[] t = NiceTicks.ticks(yr[0], yr[1], more);
            if (t.length >= 2 && plotH * (t[1] - t[0]) / (yr[1] - yr[0]) >= tickLh * 1.1) {
                ticks = t;
            }
        }
        return ticks;
    }

    /** The pixel of {@code x} in a plot from {@code left} to {@code right} showing {@code xr}. */
    static double xAt(double x, double[] xr, double left, double right) {
        return left + (x - xr[0]) / (xr[1] - xr[0]) * (right - left);
    }

    /** The pixel of {@code y} in a plot from {@code top} to {@code bottom} showing {@code yr} (y grows upwards). */
    static double yAt(double y, double[] yr, double top, double bottom) {
        return bottom - (y - yr[0]) / (yr[1] - yr[0]) * (bottom - top);
    }
}
