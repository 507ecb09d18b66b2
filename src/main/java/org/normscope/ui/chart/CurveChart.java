package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.PixelFormat;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;

/**
 * Curves over a shared x axis (training steps, say), optionally with a heat map of
 * per-channel values underneath, stacked rather than on a second y axis so that no one has to
 * work out which axis a line belongs to. Layout, ranges, legend and drawing:
 * {@code docs/CHARTS.md}.
 */
public class CurveChart extends XAxisCanvasChart {

    /** Up to this many legend entries, every labelled curve is listed. */
    public static final int FULL_LEGEND_LIMIT = 10;

    /** The legend wraps into at most this many rows. */
    public static final int MAX_LEGEND_ROWS = 3;

    /** Share of the plot height given to the curves when a heat map is shown below them. */
    static final double CURVE_SHARE = 0.42;

    private final StringProperty yLabel = new SimpleStringProperty(this, "yLabel", "");
    private final StringProperty rowAxisLabel = new SimpleStringProperty(this, "rowAxisLabel", "channel");
    private final StringProperty heatMapLabel = new SimpleStringProperty(this, "heatMapLabel", "");

    private List<Curve> curves = List.of();
    private PlotRaster raster;
    private HeatMapData heatMap;
    private double fixedYLo = Double.NaN;
    private double fixedYHi = Double.NaN;

    /** What the last redraw laid out (for tests). */
    record Frame(double plotLeft, double plotRight, double curveTop, double curveBottom, double heatTop,
                 double heatBottom, double[] xRange, double[] yRange, int legendEntries, int legendRows) {
    }

    private Frame lastFrame;
    private final ImageLayer plotLayer = new ImageLayer();
    private final CurveHeatMap heatLayer = new CurveHeatMap();

    public CurveChart() {
        super("", false);
        getStyleClass().add("curve-chart");
        addLayer(plotLayer.view());
        addLayer(heatLayer.layer().view());
        watch(yLabel, rowAxisLabel, heatMapLabel);
    }

    /** The plot and the heat map are image layers, the x axis a strip: see {@link CanvasChart}. */
    @Override
    protected boolean skipsUnchangedInk() {
        return true;
    }

    /** Besides the texts: the layout, and the legend's line samples. */
    @Override
    protected Object inkKey() {
        Frame f = lastFrame;
        return Arrays.asList(legendEntries(), f == null ? null : List.of(f.plotLeft(), f.plotRight(), f.curveTop(),
                f.curveBottom(), f.heatTop(), f.heatBottom(), f.legendEntries(), f.legendRows()));
    }

    public CurveChart(String title, String xLabel, String yLabel) {
        this();
        setTitle(title);
        setXLabel(xLabel);
        setYLabel(yLabel);
    }

    // ---- properties -------------------------------------------------------------------------------


    /** The y axis title of the curve plot, read bottom to top left of the tick labels. */
    public final StringProperty yLabelProperty() {
        return yLabel;
    }

    public final void setYLabel(String value) {
        yLabel.set(value);
    }

    public final String getYLabel() {
        return yLabel.get();
    }

    /** The y axis title of the heat map ("channel" by default). */
    public final StringProperty rowAxisLabelProperty() {
        return rowAxisLabel;
    }

    public final void setRowAxisLabel(String value) {
        rowAxisLabel.set(value);
    }

    /** What the heat map's colours mean, e.g. "running_var"; read along the colour bar. */
    public final StringProperty heatMapLabelProperty() {
        return heatMapLabel;
    }

    public final void setHeatMapLabel(String value) {
        heatMapLabel.set(value);
    }

    /** The curves, drawn in this order (later ones on top). */
    public void setCurves(List<Curve> curves) {
        this.curves = curves == null ? List.of() : List.copyOf(curves);
        invalidateChart();
    }

    public List<Curve> getCurves() {
        return curves;
    }

    /** The heat map under the curves; {@code null} for none. */
    public void setHeatMap(HeatMapData heatMap) {
        this.heatMap = heatMap;
        invalidateChart();
    }

    public HeatMapData getHeatMap() {
        return heatMap;
    }

    /** Fixes the y range of the curves (no padding added); NaN ends return to the automatic range. */
    public void setYRange(double lo, double hi) {
        fixedYLo = lo;
        fixedYHi = hi;
        invalidateChart();
    }

    /** Back to the automatic y range (all finite values, padded 5%). */
    public void setAutoYRange() {
        setYRange(Double.NaN, Double.NaN);
    }

    /** The layout of the last redraw (null before the first). */
    final Frame lastFrame() {
        return lastFrame;
    }

    // ---- drawing ----------------------------------------------------------------------------------

    @Override
    protected void draw(GraphicsContext gc, double w, double h, double top) {
        lastFrame = null;
        if (isFirstPass()) { // shown again below if drawn
            plotLayer.hide();
            heatLayer.layer().hide();
        }
        interaction.clearPlot();
        double s = scale();
        double pad = pad();
        Font tickF = font(TICK_PX, false);
        Font axisF = font(AXIS_PX, false);
        double tickLh = lineHeight(tickF);
        double axisLh = lineHeight(axisF);
        double tickLen = 5 * s;

        List<Curve> drawable = new ArrayList<>();
        for (Curve c : curves) {
            if (CurveRanges.hasFinitePoint(c.data())) {
                drawable.add(c);
            }
        }
        HeatMapData heat = heatMap != null && heatMap.rows() > 0 && heatMap.columns() > 0 ? heatMap : null;

        top += pad * 0.5;
        CurveLegend.Fitted legend = CurveLegend.fit(this, gc, legendEntries(), pad, top, w, h);
        List<LegendEntry> entries = legend.entries();
        int[] legendShape = legend.shape();
        double legendH = legend.height();
        int maxRows = legend.maxRows();
        if (drawable.isEmpty() && heat == null) {
            if (legendH > 0) {
                top = CurveLegend.draw(this, gc, entries, pad, top, w - 2 * pad, maxRows, legendShape, false) + pad * 0.3;
            }
            drawPlaceholder(gc, pad, top, w - 2 * pad, h - top - pad);
            return;
        }

        // ---- vertical layout: when the plot would get less than a quarter of the height (a small window,
        // a large font scale), leave out the x axis title, then the legend, then both
        String xTitle = fit(nonNull(getXLabel()), axisF, w - 2 * pad);
        double xTitleH = xTitle.isEmpty() ? 0 : axisLh + 3 * s;
        double belowPlot = pad * 0.6 + tickLh + Math.max(tickLen + 2 * s, tickLh / 2 + 3 * s);
        double abovePlot = top + tickLh / 2 + 2 * s;
        double minPlot = Math.max(2.5 * tickLh, 0.25 * h);
        boolean[][] options = {{true, true}, {true, false}, {false, true}, {false, false}}; // {legend, x title}
        boolean showLegend = false;
        boolean showXTitle = false;
        for (boolean[] o : options) {
            showLegend = o[0] && legendH > 0;
            showXTitle = o[1] && xTitleH > 0;
            double plotH = h - belowPlot - (showXTitle ? xTitleH : 0) - abovePlot - (showLegend ? legendH : 0);
            if (plotH >= minPlot) {
                break;
            }
        }
        if (showLegend) {
            top = CurveLegend.draw(this, gc, entries, pad, top, w - 2 * pad, maxRows, legendShape, false) + pad * 0.3;
        } else {
            legendShape[0] = 0;
            legendShape[1] = 0;
        }
        // no room above the plot (a wide, short chart: a projector, large text): the legend goes in a
        // column at the plot's right, one entry a row, rather than nowhere
        List<LegendEntry> side = List.of();
        double sideW = 0;
        int sideRows = 0;
        if (!showLegend && legendH > 0 && heat == null) { // with a heat map the colour bar holds the right edge
            double rowH = lineHeight(tickF) + 4 * s;
            int rows = (int) Math.floor((h - top - pad) / rowH);
            // the short labels: beside the plot every pixel of the legend is taken from the plot
            List<LegendEntry> shortEntries = CurveLegend.compact(entries);
            double colW = rows < 1 ? Double.NaN : CurveLegend.side(this, gc, shortEntries, 0, top, rows, true);
            if (colW <= 0.5 * w) { // the plot keeps at least half the width
                side = shortEntries;
                sideW = colW;
                sideRows = rows;
            }
        }
        if (!showXTitle) {
            xTitle = "";
        }
        double bottom = h - pad * 0.6;
        double xTitleTop = bottom - axisLh;
        if (!xTitle.isEmpty()) {
            bottom = xTitleTop - 3 * s;
        }
        double xTicksTop = bottom - tickLh;
        double plotBottom = xTicksTop - Math.max(tickLen + 2 * s, tickLh / 2 + 3 * s);
        double plotTop = top + tickLh / 2 + 2 * s;
        if (plotBottom - plotTop < tickLh * 1.5 || w < 4 * pad + 40) {
            drawTooSmall(gc, pad, top, w - 2 * pad, h - top - pad * 0.6);
            return;
        }
        boolean both = !drawable.isEmpty() && heat != null;
        double gap = tickLh + 6 * s;
        double curveTop = plotTop;
        double curveBottom = plotBottom;
        double heatTop = plotTop;
        double heatBottom = plotBottom;
        if (both) {
            double avail = plotBottom - plotTop - gap;
            curveBottom = Math.round(plotTop + avail * CURVE_SHARE);
            heatTop = curveBottom + gap;
        }

        // ---- ranges and y labels
        double[] xr = CurveRanges.x(drawable, heat, fixedXLo, fixedXHi);
        double[] yr = null;
        double[] yTicks = new double[0];
        String[] yLabels = new String[0];
        if (!drawable.isEmpty()) {
            yr = CurveRanges.y(drawable, xr, fixedYLo, fixedYHi);
            yTicks = ChartAxes.yTicks(yr, curveBottom - curveTop, tickLh);
            yLabels = NiceTicks.labels(yTicks);
        }
        int rowStep = 1;
        double[] heatRange = null;
        if (heat != null) {
            double rh = (heatBottom - heatTop) / heat.rows();
            while (rowStep < heat.rows() && rowStep * rh < tickLh * 1.15) {
                rowStep *= 2;
            }
            heatRange = HeatMapRaster.valueRange(heat);
        }

        // ---- horizontal layout
        double labelsW = 0;
        for (String l : yLabels) {
            labelsW = Math.max(labelsW, textWidth(l, tickF));
        }
        if (heat != null) {
            for (int r = 0; r < heat.rows(); r += rowStep) {
                labelsW = Math.max(labelsW, textWidth(nonNull(heat.rowLabel(r)), tickF));
            }
        }
        // y titles read along their plot; one that is longer than its plot is tall wraps into two lines
        List<String> curveTitle = drawable.isEmpty() ? List.of()
                : wrap(getYLabel(), axisF, curveBottom - curveTop + tickLh, 2);
        List<String> rowTitle = heat == null ? List.of() : wrap(rowAxisLabel.get(), axisF, heatBottom - heatTop + tickLh, 2);
        curveTitle = dropIfStub(curveTitle);
        if (!curveTitle.isEmpty() && curveTitle.get(curveTitle.size() - 1).endsWith("\u2026")
                && nonNull(getTitle()).contains(nonNull(getYLabel()))) {
            // cut short ("runni…"), and the chart's title names the quantity already: no title beats a cut one
            curveTitle = List.of();
        }
        rowTitle = dropIfStub(rowTitle);
        int titleLines = Math.max(curveTitle.size(), rowTitle.size());
        double yTitleW = titleLines > 0 ? titleLines * axisLh + 6 * s : 0;
        double plotLeft = Math.round(pad + yTitleW + labelsW + tickLen + 3 * s);
        // the width left of a legend beside the plot: the plots, the colour bar and its title
        double wPlot = w - (sideW > 0 ? sideW + 10 * s : 0);
        double plotRight = wPlot - pad;
        String minLabel = "";
        String maxLabel = "";
        double barW = 16 * s;
        String heatTitle = "";
        if (heat != null) {
            minLabel = heatRange == null ? "" : NiceTicks.format(heatRange[0], 3);
            maxLabel = heatRange == null ? "" : NiceTicks.format(heatRange[1], 3);
            double cbLabelW = Math.max(textWidth(minLabel, tickF), textWidth(maxLabel, tickF));
            heatTitle = nonNull(heatMapLabel.get());
            if (dropIfStub(List.of(fit(heatTitle, axisF, heatBottom - heatTop))).isEmpty()) {
                heatTitle = "";
            }
            double heatTitleW = heatTitle.isBlank() ? 0 : axisLh + 6 * s;
            plotRight = wPlot - pad - heatTitleW - cbLabelW - 5 * s - barW - 12 * s;
        }

        // ---- x ticks: as many as fit with about a line of space between labels
        ChartAxes.XTicks xt = ChartAxes.layoutXTicks(this, xr, plotLeft, plotRight,
                heat != null ? w : sideW > 0 ? w - pad - sideW - 6 * s : w, integerXTicks, tickF, tickLh);
        plotLeft = xt.left();
        plotRight = xt.right();
        double[] xTicks = xt.ticks();
        String[] xLabels = xt.labels();
        if (plotRight - plotLeft < 20) {
            drawTooSmall(gc, pad, top, w - 2 * pad, h - top - pad * 0.6);
            return;
        }
        Frame frame = new Frame(plotLeft, plotRight, drawable.isEmpty() ? Double.NaN : curveTop,
                drawable.isEmpty() ? Double.NaN : curveBottom, heat != null ? heatTop : Double.NaN,
                heat != null ? heatBottom : Double.NaN, xr, yr, legendShape[0], legendShape[1]);
        lastFrame = frame;
        if (drawable.isEmpty()) {
            interaction.setPlot(plotLeft, plotRight, xr, new double[] {heatTop, heatBottom});
        } else if (heat == null) {
            interaction.setPlot(plotLeft, plotRight, xr, new double[] {curveTop, curveBottom});
        } else {
            interaction.setPlot(plotLeft, plotRight, xr, new double[] {curveTop, curveBottom},
                    new double[] {heatTop, heatBottom});
        }

        if (sideW > 0) {
            CurveLegend.side(this, gc, side, w - pad - sideW, curveTop - tickLh / 2, sideRows, false);
            frame = new Frame(frame.plotLeft(), frame.plotRight(), frame.curveTop(), frame.curveBottom(),
                    frame.heatTop(), frame.heatBottom(), frame.xRange(), frame.yRange(), side.size(),
                    Math.min(side.size(), sideRows));
            lastFrame = frame;
        }

        // ---- curve plot
        if (!drawable.isEmpty()) {
            drawCurvePlot(gc, drawable, frame, curveTop, curveBottom, yTicks, yLabels, xTicks, tickF, tickLen, tickLh);
            verticalLines(gc, curveTitle, axisF, theme().ink(), pad, (curveTop + curveBottom) / 2);
        }

        // ---- heat map
        if (heat != null) {
            heatLayer.draw(this, gc, heat, frame, heatTop, heatBottom, heatRange, rowStep, tickF, tickLen, tickLh);
            verticalLines(gc, rowTitle, axisF, theme().ink(), pad, (heatTop + heatBottom) / 2);
            double barX = plotRight + 12 * s;
            CurveHeatMap.colourBar(this, gc, barX, heatTop, barW, heatBottom - heatTop, minLabel, maxLabel, tickF, tickLh);
            if (!heatTitle.isBlank()) {
                String t = fit(heatTitle, axisF, heatBottom - heatTop);
                verticalText(gc, t, axisF, theme().ink(), wPlot - pad - axisLh / 2, (heatTop + heatBottom) / 2);
            }
        }

        // ---- x axis: ticks under the lowest plot, labels, title (in a strip of their own; a
        // tick sits on its grid line's pixel column, so that following the newest steps moves
        // its label only when the column changes)
        GraphicsContext ax = axisStrip(gc, plotBottom + 1);
        ax.setStroke(theme().axis());
        ax.setLineWidth(1);
        ax.setLineDashes((double[]) null);
        for (int i = 0; i < xTicks.length; i++) {
            double px = Math.floor(ChartAxes.xAt(xTicks[i], xr, plotLeft, plotRight)) + 0.5;
            crispLine(ax, px, plotBottom + 1, px, plotBottom + tickLen);
            text(ax, xLabels[i], tickF, theme().ink(), px, xTicksTop, Align.CENTER);
        }
        if (!xTitle.isEmpty()) {
            text(ax, xTitle, axisF, theme().ink(), (plotLeft + plotRight) / 2, xTitleTop, Align.CENTER);
        }
    }

    private void drawCurvePlot(GraphicsContext gc, List<Curve> drawable, Frame fr, double top, double bottom,
                               double[] yTicks, String[] yLabels, double[] xTicks, Font tickF, double tickLen,
                               double tickLh) {
        double left = fr.plotLeft();
        double right = fr.plotRight();
        double[] xr = fr.xRange();
        double[] yr = fr.yRange();
        // the plot area (background, grid, curves) is one image drawn here (see PlotRaster); it
        // clips the curves to the plot by itself
        int rx = (int) Math.floor(left);
        int ry = (int) Math.floor(top);
        if (isFirstPass()) {
            // down to the axis line's pixel row, not over it: the image lies above the canvas
            PlotRaster plot = plotRaster((int) Math.ceil(right) - rx, (int) Math.floor(bottom) - ry);
            plot.clear(theme().background());
            for (double t : xTicks) {
                plot.verticalLine((int) Math.floor(ChartAxes.xAt(t, xr, left, right)) - rx, theme().grid());
            }
            for (double t : yTicks) {
                plot.horizontalLine((int) Math.floor(ChartAxes.yAt(t, yr, top, bottom)) - ry,
                        t == 0 && yr[0] < 0 && yr[1] > 0 ? theme().zeroLine() : theme().grid());
            }
            for (Curve c : drawable) {
                CurveRaster.draw(this, plot, c, xr, yr, left, right, top, bottom, rx, ry);
            }
            plotLayer.show(plot.pixels(), PixelFormat.getIntArgbPreInstance(), plot.width(), plot.height(), rx, ry);
        }

        gc.setLineDashes((double[]) null);
        gc.setLineWidth(1);
        gc.setStroke(theme().axis());
        crispLine(gc, left - 1, top, left - 1, bottom);
        crispLine(gc, left - 1, bottom, right, bottom);
        for (int i = 0; i < yTicks.length; i++) {
            double py = ChartAxes.yAt(yTicks[i], yr, top, bottom);
            crispLine(gc, left - 1 - tickLen, py, left - 1, py);
            text(gc, yLabels[i], tickF, theme().ink(), left - tickLen - 3 * scale(), py - tickLh / 2, Align.RIGHT);
        }
    }

    /** The raster of the plot area, kept between redraws of the same size. */
    private PlotRaster plotRaster(int w, int h) {
        if (raster == null || raster.width() != Math.max(1, w) || raster.height() != Math.max(1, h)) {
            raster = new PlotRaster(w, h);
        }
        return raster;
    }

    /** Strokes the current path in this colour and style (with a darker casing for pale colours). */
    void strokeStyled(GraphicsContext gc, Color color, LineStyle style, double width) {
        strokeStyled(gc, color, style, width, width);
    }

    /**
     * As above, with the dash pattern of a line {@code dashWidth} wide: a legend sample keeps short
     * dashes however thick it is, so that its few pixels still show the pattern.
     */
    void strokeStyled(GraphicsContext gc, Color color, LineStyle style, double width, double dashWidth) {
        gc.setLineJoin(StrokeLineJoin.ROUND);
        gc.setLineDashes(style.dashes(dashWidth));
        if (theme().needsCasing(color)) {
            gc.setStroke(theme().outline(color));
            gc.setLineWidth(width + 2);
            gc.stroke();
        }
        gc.setStroke(color);
        gc.setLineWidth(width);
        gc.stroke();
        gc.setLineDashes((double[]) null);
    }

    // ---- legend -------------------------------------------------------------------------------------

    record LegendEntry(String label, Color color, LineStyle style, double width, String shortLabel) {
    }

    /** The legend entries (see {@link CurveLegend#entries}). */
    List<LegendEntry> legendEntries() {
        return CurveLegend.entries(curves);
    }

    /** A title cut to fewer than 5 characters ("run…") says nothing: leave it out. */
    private static List<String> dropIfStub(List<String> lines) {
        if (lines.isEmpty()) {
            return lines;
        }
        String last = lines.get(lines.size() - 1);
        return last.endsWith("…") && String.join(" ", lines).length() < 6 ? List.of() : lines;
    }

    private static String nonNull(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
