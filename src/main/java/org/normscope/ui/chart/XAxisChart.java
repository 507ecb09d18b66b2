package org.normscope.ui.chart;

import javafx.beans.property.ReadOnlyDoubleProperty;

/**
 * A chart over an x axis (training steps) that reports zoom, pan and pointing gestures and
 * draws a cursor, but keeps no view state of its own: the owner holds the x range, turns the
 * gestures into a new range ({@link #setXRange}) or cursor ({@link #setCursorX}), and the
 * chart draws what it is told. Implemented by {@link CurveChart} and {@link BandChart}.
 *
 * <p><b>Gestures</b>, all in x units of the transform the chart last drew with (the fixed
 * range if one is set, else the automatic one), and only over the plot area (from the top of
 * the highest plot to the bottom of the lowest, between the plots' left and right edges):
 * <ul>
 *   <li>mouse wheel: {@link ZoomHandler#zoom} with the x under the mouse and
 *       {@link #ZOOM_PER_NOTCH} per notch up (in), its inverse (1.25) per notch down (out);</li>
 *   <li>dragging with the primary button: {@link PanHandler#pan} once per drag event with the
 *       x distance moved since the previous event; a drag that never gets
 *       {@link #CLICK_SLOP_PX} pixels from the press is a click;</li>
 *   <li>moving the mouse (no button down) or clicking: {@link PointHandler#point} with the x
 *       under the mouse, unrounded. Leaving the chart reports nothing: the cursor stays.</li>
 * </ul>
 * The mouse pointer is a crosshair over the plot (when any handler is set) and a closed hand
 * while panning.
 */
public interface XAxisChart {

    /** Zoom factor per wheel notch up (zoom in); a notch down gives its inverse. */
    double ZOOM_PER_NOTCH = 0.8;

    /** A press and release closer than this (in pixels, horizontally and vertically) is a click, not a pan. */
    double CLICK_SLOP_PX = 3;

    /** Called when the wheel turns over the plot. */
    @FunctionalInterface
    interface ZoomHandler {
        /**
         * @param anchorX the x under the mouse, which should stay where it is
         * @param factor  the new width of the x range over the old one: below 1 zooms in, above 1 out.
         *                The owner's new range is {@code anchorX + (lo - anchorX)·factor .. anchorX + (hi - anchorX)·factor}.
         */
        void zoom(double anchorX, double factor);
    }

    /** Called for every drag event of a pan. */
    @FunctionalInterface
    interface PanHandler {
        /**
         * @param dx how far to shift the x range, in x units: the x under the previous mouse position
         *           minus the x under the current one (dragging to the right gives dx &lt; 0, showing earlier
         *           steps; the data follows the hand). The owner adds dx to both ends of its range.
         */
        void pan(double dx);
    }

    /** Called when the mouse moves over the plot or clicks in it. */
    @FunctionalInterface
    interface PointHandler {
        /** @param x the x under the mouse, unrounded (the owner rounds it to a step) */
        void point(double x);
    }

    void setOnZoom(ZoomHandler handler);

    void setOnPan(PanHandler handler);

    void setOnPoint(PointHandler handler);

    /**
     * Draws a vertical cursor line at {@code x} across every plot, with a label at the top
     * ("step 1,234"); NaN for none. Only the overlay is redrawn, not the data.
     */
    void setCursorX(double x);

    /** The cursor's x (NaN: none). */
    double getCursorX();

    /** The plot's width in pixels as last drawn (0 before the first layout, or when there is no plot). */
    double plotWidthPixels();

    /**
     * The plot width as a property, for listening to resizes (updated after the redraw that
     * changed it, outside the layout pass, so a listener may set new data).
     */
    ReadOnlyDoubleProperty plotWidthPixelsProperty();

    /** {lo, hi} of the x range as last drawn ({NaN, NaN} before the first drawing of a plot). */
    double[] xRangeShown();

    /** Fixes the x range; NaN ends return to the automatic range. */
    void setXRange(double lo, double hi);

    /** Back to the automatic x range (all the data). */
    void setAutoXRange();
}
