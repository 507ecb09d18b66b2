package org.normscope.ui.chart;

import java.util.Locale;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.scene.Cursor;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.text.Font;

/**
 * The gestures and the cursor of an {@link XAxisChart}, shared by {@link CurveChart} and
 * {@link BandChart}: the chart tells it after each redraw where its plots are and which x
 * range they show ({@link #setPlot}), and calls {@link #drawCursor} from its overlay. See
 * {@link XAxisChart} for what the gestures report.
 *
 * <p>Pixel ↔ x uses exactly the transform the chart drew with: {@code px = left + (x - lo) /
 * (hi - lo) · (right - left)}, the mouse's x being in the chart's (and its canvases')
 * coordinates.
 */
final class XInteraction {

    // the cursor line's colour and its halo (so that it shows on the dark end of viridis too)
    // are the chart theme's cursor() and halo()

    /** Pixels per wheel notch when the event does not say (JavaFX's usual multiplier). */
    private static final double PIXELS_PER_NOTCH = 40;

    /** At most this many notches count in one event (a fast flick of a free-spinning wheel). */
    private static final double MAX_NOTCHES = 5;

    private final CanvasChart chart;
    private final java.util.function.Supplier<String> labelPrefix;

    private XAxisChart.ZoomHandler onZoom;
    private XAxisChart.PanHandler onPan;
    private XAxisChart.PointHandler onPoint;
    private double cursorX = Double.NaN;

    // the transform of the last redraw
    private boolean hasPlot;
    private double left;
    private double right;
    private double top;
    private double bottom;
    private double[] xr = {Double.NaN, Double.NaN};
    private double[][] spans = new double[0][];
    private final ReadOnlyDoubleWrapper plotWidth = new ReadOnlyDoubleWrapper(this, "plotWidthPixels", 0);
    private double pendingWidth;
    private boolean widthUpdateScheduled;

    // the gesture under way
    private boolean pressed;
    private boolean panning;
    private double pressX;
    private double pressY;
    private double lastX;

    /**
     * @param labelPrefix what the cursor label says before the step ("step"; blank for nothing)
     */
    XInteraction(CanvasChart chart, java.util.function.Supplier<String> labelPrefix) {
        this.chart = chart;
        this.labelPrefix = labelPrefix;
        chart.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        chart.addEventHandler(MouseEvent.MOUSE_MOVED, this::onMoved);
        chart.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPressed);
        chart.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        chart.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onReleased);
        chart.addEventHandler(MouseEvent.MOUSE_EXITED, e -> {
            if (!pressed) {
                chart.setCursor(null);
            }
        });
    }

    // ---- what the owner sets ---------------------------------------------------------------------------

    void setOnZoom(XAxisChart.ZoomHandler h) {
        onZoom = h;
    }

    void setOnPan(XAxisChart.PanHandler h) {
        onPan = h;
    }

    void setOnPoint(XAxisChart.PointHandler h) {
        onPoint = h;
    }

    /** Sets the cursor; returns whether it changed (then the overlay needs drawing). */
    boolean setCursorX(double x) {
        double v = Double.isFinite(x) ? x : Double.NaN;
        if (Double.compare(v, cursorX) == 0) {
            return false;
        }
        cursorX = v;
        return true;
    }

    double cursorX() {
        return cursorX;
    }

    // ---- what the chart tells after drawing --------------------------------------------------------------

    /**
     * The plots of the last redraw: they share the x transform ({@code xRange} from {@code left}
     * to {@code right}); {@code ySpans} are their {top, bottom}, top to bottom.
     */
    void setPlot(double left, double right, double[] xRange, double[]... ySpans) {
        if (ySpans.length == 0 || !(right > left)) {
            clearPlot();
            return;
        }
        hasPlot = true;
        this.left = left;
        this.right = right;
        this.xr = xRange.clone();
        this.spans = ySpans.clone();
        top = ySpans[0][0];
        bottom = ySpans[ySpans.length - 1][1];
        widthChanged(right - left);
    }

    /** Nothing plotted (a placeholder, too small). */
    void clearPlot() {
        hasPlot = false;
        spans = new double[0][];
        widthChanged(0);
    }

    private void widthChanged(double w) {
        pendingWidth = w;
        if (w != plotWidth.get() && !widthUpdateScheduled) {
            // listeners may set new data: not inside the layout pass, where a new request would be lost
            widthUpdateScheduled = true;
            Platform.runLater(() -> {
                widthUpdateScheduled = false;
                plotWidth.set(pendingWidth);
            });
        }
    }

    double plotWidthPixels() {
        return hasPlot ? right - left : 0;
    }

    ReadOnlyDoubleProperty plotWidthProperty() {
        return plotWidth.getReadOnlyProperty();
    }

    double[] xRangeShown() {
        return hasPlot ? xr.clone() : new double[] {Double.NaN, Double.NaN};
    }

    /** The x under pixel column coordinate {@code px} (NaN without a plot). */
    double toX(double px) {
        return hasPlot ? xr[0] + (px - left) / (right - left) * (xr[1] - xr[0]) : Double.NaN;
    }

    /** The pixel of {@code x} (NaN without a plot). */
    double toPixel(double x) {
        return hasPlot ? ChartAxes.xAt(x, xr, left, right) : Double.NaN;
    }

    boolean inPlot(double px, double py) {
        return hasPlot && px >= left && px <= right && py >= top && py <= bottom;
    }

    // ---- gestures ---------------------------------------------------------------------------------------

    private boolean interactive() {
        return onZoom != null || onPan != null || onPoint != null;
    }

    private void onScroll(ScrollEvent e) {
        if (onZoom == null || e.getDeltaY() == 0 || !inPlot(e.getX(), e.getY())) {
            return;
        }
        double perNotch = e.getMultiplierY() > 1 ? e.getMultiplierY() : PIXELS_PER_NOTCH;
        double notches = Math.max(-MAX_NOTCHES, Math.min(MAX_NOTCHES, e.getDeltaY() / perNotch));
        onZoom.zoom(toX(e.getX()), Math.pow(XAxisChart.ZOOM_PER_NOTCH, notches));
        e.consume();
    }

    private void onMoved(MouseEvent e) {
        boolean in = inPlot(e.getX(), e.getY());
        chart.setCursor(in && interactive() ? Cursor.CROSSHAIR : null);
        if (in && onPoint != null) {
            onPoint.point(toX(e.getX()));
        }
    }

    private void onPressed(MouseEvent e) {
        if (e.getButton() != MouseButton.PRIMARY || !inPlot(e.getX(), e.getY())) {
            return;
        }
        pressed = true;
        panning = false;
        pressX = e.getX();
        pressY = e.getY();
        lastX = pressX;
    }

    private void onDragged(MouseEvent e) {
        if (!pressed) {
            return;
        }
        if (!panning && (Math.abs(e.getX() - pressX) >= XAxisChart.CLICK_SLOP_PX
                || Math.abs(e.getY() - pressY) >= XAxisChart.CLICK_SLOP_PX)) {
            panning = true;
            if (onPan != null) {
                chart.setCursor(Cursor.CLOSED_HAND);
            }
        }
        if (panning && hasPlot) {
            // pixels times x per pixel: the range moves under the mouse while panning, the scale does not
            double dx = (lastX - e.getX()) * (xr[1] - xr[0]) / (right - left);
            lastX = e.getX();
            if (onPan != null && dx != 0) {
                onPan.pan(dx);
            }
        }
    }

    private void onReleased(MouseEvent e) {
        if (!pressed) {
            return;
        }
        boolean click = !panning;
        pressed = false;
        panning = false;
        chart.setCursor(inPlot(e.getX(), e.getY()) && interactive() ? Cursor.CROSSHAIR : null);
        if (click && onPoint != null && hasPlot) {
            onPoint.point(toX(Math.max(left, Math.min(right, e.getX()))));
        }
    }

    // ---- the cursor --------------------------------------------------------------------------------------

    /** The cursor label: the prefix and x rounded to a whole step with thousands separators ("step 1,234"). */
    String cursorLabel(double x) {
        String prefix = labelPrefix.get();
        String value = String.format(Locale.ROOT, "%,d", Math.round(x));
        return prefix == null || prefix.isBlank() ? value : prefix.strip() + " " + value;
    }

    /**
     * The pixel boundary the cursor line is centred on: the line covers the columns either side
     * of it (NaN when there is no cursor or it is outside the range shown).
     */
    double cursorBoundary() {
        if (!hasPlot || !Double.isFinite(cursorX) || cursorX < xr[0] || cursorX > xr[1]) {
            return Double.NaN;
        }
        double c = Math.round(toPixel(cursorX));
        return Math.max(Math.ceil(left) + 1, Math.min(Math.floor(right), c));
    }

    /** Draws the cursor line over every plot and its label at the top of the first. */
    void drawCursor(GraphicsContext gc) {
        double c = cursorBoundary();
        if (Double.isNaN(c)) {
            return;
        }
        for (double[] span : spans) {
            double h = span[1] - span[0];
            gc.setFill(chart.theme().halo());
            gc.fillRect(c - 2, span[0], 1, h);
            gc.fillRect(c + 1, span[0], 1, h);
            gc.setFill(chart.theme().cursor());
            gc.fillRect(c - 1, span[0], 2, h);
        }
        double s = chart.scale();
        Font f = chart.font(CanvasChart.TICK_PX, false);
        double padX = 5 * s;
        double padY = 1 * s;
        String label = chart.fit(cursorLabel(cursorX), f, right - left - 2 * padX);
        if (label.isEmpty()) {
            return;
        }
        double bw = chart.textWidth(label, f) + 2 * padX;
        double bh = chart.lineHeight(f) + 2 * padY;
        double bx = Math.max(left, Math.min(right - bw, c - bw / 2));
        double by = top + 1;
        gc.setFill(chart.theme().cursor());
        gc.fillRect(Math.round(bx), Math.round(by), Math.round(bw), Math.round(bh));
        chart.text(gc, label, f, chart.theme().cursorText(), Math.round(bx) + padX, Math.round(by) + padY, CanvasChart.Align.LEFT);
    }
}
