package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.shape.StrokeLineCap;

/**
 * The redraw of a chart that {@link CanvasChart#skipsUnchangedInk() skips unchanged ink}: a
 * first pass paints on scratch canvases, and only the texts and layout it gives decide whether
 * the canvas, the x axis strip, both or neither are painted again (docs/CHARTS.md#redrawing).
 * The strip is a canvas of its own, a child of the chart from the start, so that the layout
 * pass that draws the chart does not change its children.
 */
final class InkLayers {

    private final Canvas axisCanvas = new Canvas();
    private final Canvas scratchMain = new Canvas();
    private final Canvas scratchAxis = new Canvas();
    private final List<CanvasChart.TextBox> axisText = new ArrayList<>();
    /** What {@link #axisStrip} hands out during a redraw, else null. */
    private GraphicsContext passAxisGc;
    private boolean firstPass = true;
    private double passAxisTop = Double.NaN;
    private List<Object> inkDrawn;
    private List<Object> axisDrawn;

    InkLayers() {
        axisCanvas.setManaged(false);
        axisCanvas.setMouseTransparent(true);
        axisCanvas.setVisible(false);
    }

    /** The x axis strip's canvas, to be stacked above the chart's canvas and its image layers. */
    Canvas axisCanvas() {
        return axisCanvas;
    }

    /** The texts the x axis strip drew in the last redraw. */
    List<CanvasChart.TextBox> axisText() {
        return axisText;
    }

    /** Whether {@code gc} is the axis strip's of the redraw under way (its texts are recorded apart). */
    boolean isAxis(GraphicsContext gc) {
        return passAxisGc != null && gc == passAxisGc;
    }

    /** See {@link CanvasChart#isFirstPass()}. */
    boolean isFirstPass() {
        return firstPass;
    }

    /** See {@link CanvasChart#axisStrip}. */
    GraphicsContext axisStrip(GraphicsContext gc, double top) {
        if (passAxisGc == null) {
            return gc;
        }
        if (firstPass) {
            passAxisTop = top;
        }
        return passAxisGc;
    }

    /**
     * Redraws {@code chart} into {@code canvas} ({@code w × h}), its texts into {@code drawnText},
     * painting again only what changed; returns whether the canvas itself was painted.
     */
    boolean redraw(CanvasChart chart, Canvas canvas, List<CanvasChart.TextBox> drawnText, double w, double h) {
        // the first pass draws on scratch canvases: the texts and layout it gives decide what to draw again
        GraphicsContext scratch = scratch(scratchMain, w, h);
        passAxisGc = scratch(scratchAxis, w, h);
        passAxisTop = Double.NaN;
        firstPass = true;
        drawnText.clear();
        axisText.clear();
        try {
            chart.paint(scratch, w, h);
            List<Object> ink = Arrays.asList(w, h, List.copyOf(drawnText), chart.inkKey(), chart.theme());
            List<Object> axis = Arrays.asList(w, h, passAxisTop, List.copyOf(axisText), chart.theme());
            boolean redoInk = !ink.equals(inkDrawn);
            boolean redoAxis = !axis.equals(axisDrawn);
            inkDrawn = ink;
            axisDrawn = axis;
            if (!redoInk && !redoAxis) {
                return false;
            }
            firstPass = false;
            GraphicsContext axisGc = redoAxis ? placeAxisStrip(w, h, passAxisTop) : scratch(scratchAxis, w, h);
            passAxisGc = axisGc;
            drawnText.clear();
            axisText.clear();
            chart.paint(redoInk ? canvas.getGraphicsContext2D() : scratch(scratchMain, w, h), w, h);
            if (redoAxis && !Double.isNaN(passAxisTop)) {
                axisGc.restore(); // placeAxisStrip translated it
            }
            return redoInk;
        } finally {
            firstPass = true;
            passAxisGc = null;
        }
    }

    /** A scratch canvas of {@code w × h}, cleared (which also empties its buffer of drawing commands). */
    private static GraphicsContext scratch(Canvas c, double w, double h) {
        c.setWidth(w);
        c.setHeight(h);
        GraphicsContext gc = c.getGraphicsContext2D();
        gc.clearRect(0, 0, w, h);
        return gc;
    }

    /**
     * Places the x axis strip from {@code top} to the bottom, cleared, and returns its context
     * translated to the chart's coordinates (the caller restores it); hides it for a NaN top.
     */
    private GraphicsContext placeAxisStrip(double w, double h, double top) {
        GraphicsContext gc = axisCanvas.getGraphicsContext2D();
        if (Double.isNaN(top)) {
            gc.clearRect(0, 0, axisCanvas.getWidth(), axisCanvas.getHeight());
            axisCanvas.setVisible(false);
            return scratch(scratchAxis, w, h);
        }
        double y = Math.floor(Math.max(0, Math.min(h, top)));
        if (axisCanvas.getWidth() != w || axisCanvas.getHeight() != h - y) {
            axisCanvas.setWidth(w);
            axisCanvas.setHeight(h - y);
        }
        axisCanvas.setTranslateY(y); // not relocate: see ImageLayer.show
        axisCanvas.setVisible(true);
        gc.clearRect(0, 0, w, h - y);
        gc.save();
        gc.translate(0, -y);
        gc.setLineCap(StrokeLineCap.BUTT);
        gc.setLineDashes((double[]) null);
        return gc;
    }
}
