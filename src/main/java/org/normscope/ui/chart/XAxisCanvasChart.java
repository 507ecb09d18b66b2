package org.normscope.ui.chart;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.GraphicsContext;

/**
 * A {@link CanvasChart} over an x axis of steps, with what {@link CurveChart} and
 * {@link BandChart} share: the x axis title, whole-number ticks, a fixed or automatic x range,
 * and the gestures and cursor of {@link XAxisChart} (through {@link XInteraction}), drawn on
 * the overlay canvas so that moving the cursor redraws nothing else.
 */
public abstract class XAxisCanvasChart extends CanvasChart implements XAxisChart {

    private final StringProperty xLabel;
    /** Whether x takes whole values only: then no tick falls between two whole numbers. */
    boolean integerXTicks;
    /** The fixed x range, or NaN for the automatic one. */
    double fixedXLo = Double.NaN;
    double fixedXHi = Double.NaN;
    final XInteraction interaction;

    /**
     * @param xLabel the x axis title to start with
     * @param integerXTicks whether x takes whole values only to start with
     */
    XAxisCanvasChart(String xLabel, boolean integerXTicks) {
        super(true);
        this.xLabel = new SimpleStringProperty(this, "xLabel", xLabel);
        this.integerXTicks = integerXTicks;
        interaction = new XInteraction(this, this::getXLabel);
        watch(this.xLabel);
    }

    // ---- properties -------------------------------------------------------------------------------------

    /** The x axis title, under the x tick labels; also what the cursor label says before the x value. */
    public final StringProperty xLabelProperty() {
        return xLabel;
    }

    public final void setXLabel(String value) {
        xLabel.set(value);
    }

    public final String getXLabel() {
        return xLabel.get();
    }

    /** Whether x takes whole values only (steps): then no tick falls between two whole numbers. */
    public void setIntegerXTicks(boolean integer) {
        integerXTicks = integer;
        refresh();
    }

    /** Fixes the x range (made drawable by {@link NiceTicks#range}); NaN ends return to the automatic range. */
    @Override
    public void setXRange(double lo, double hi) {
        fixedXLo = lo;
        fixedXHi = hi;
        invalidateChart();
    }

    /** Back to the automatic x range (all the data). */
    @Override
    public void setAutoXRange() {
        setXRange(Double.NaN, Double.NaN);
    }

    // ---- interaction (see XAxisChart) ------------------------------------------------------------------

    @Override
    public void setOnZoom(ZoomHandler handler) {
        interaction.setOnZoom(handler);
    }

    @Override
    public void setOnPan(PanHandler handler) {
        interaction.setOnPan(handler);
    }

    @Override
    public void setOnPoint(PointHandler handler) {
        interaction.setOnPoint(handler);
    }

    @Override
    public void setCursorX(double x) {
        if (interaction.setCursorX(x)) {
            invalidateOverlay();
        }
    }

    @Override
    public double getCursorX() {
        return interaction.cursorX();
    }

    @Override
    public double plotWidthPixels() {
        return interaction.plotWidthPixels();
    }

    @Override
    public ReadOnlyDoubleProperty plotWidthPixelsProperty() {
        return interaction.plotWidthProperty();
    }

    @Override
    public double[] xRangeShown() {
        return interaction.xRangeShown();
    }

    final XInteraction interaction() {
        return interaction;
    }

    @Override
    protected boolean overlayIsEmpty() {
        return !Double.isFinite(interaction.cursorX());
    }

    @Override
    protected void drawOverlay(GraphicsContext gc, double w, double h) {
        interaction.drawCursor(gc);
    }

}
