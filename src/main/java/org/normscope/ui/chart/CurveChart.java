package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javafx.scene.paint.CycleMethod;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Stop;
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
    private WritableImage heatImage;
    private WritableImage plotImage;
    private PlotRaster raster;
    private int[] heatPixels;
    private HeatMapData heatMap;
    private double fixedYLo = Double.NaN;
    private double fixedYHi = Double.NaN;

    /** What the last redraw laid out (for tests). */
    record Frame(double plotLeft, double plotRight, double curveTop, double curveBottom, double heatTop,
                 double heatBottom, double[] xRange, double[] yRange, int legendEntries, int legendRows) {
    }

    private Frame lastFrame;
    private final ImageView plotView = new ImageView();
    private final ImageView heatView = new ImageView();

    public CurveChart() {
        super("", false);
        getStyleClass().add("curve-chart");
        addLayer(plotView);
        addLayer(heatView);
        plotView.setVisible(false);
        heatView.setVisible(false);
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
            plotView.setVisible(false);
            heatView.setVisible(false);
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
            if (hasFinitePoint(c.data())) {
                drawable.add(c);
            }
        }
        HeatMapData heat = heatMap != null && heatMap.rows() > 0 && heatMap.columns() > 0 ? heatMap : null;

        top += pad * 0.5;
        List<LegendEntry> entries = legendEntries();
        int[] legendShape = {0, 0};
        double legendH = 0;
        int maxRows = 0;
        if (!entries.isEmpty()) {
            // the legend may take about a third of the height (the x title goes first), so that every entry
            // a teacher needs stays readable and a small window still keeps a plot
            double rowH = lineHeight(font(TICK_PX, false)) + 4 * s;
            maxRows = (int) Math.max(1, Math.min(MAX_LEGEND_ROWS, Math.floor(h * 0.34 / rowH)));
            legendH = CurveLegend.draw(this, gc, entries, pad, top, w - 2 * pad, maxRows, legendShape, true) - top + pad * 0.3;
            if (legendShape[0] < entries.size()) {
                // cut short: try the curves' short labels ("ch 3" for "channel 3"), then what the dashed and dotted lines mean first
                // (the channels' colours are named again above the histograms); keep the one that shows
                // every line style, and of those the most entries
                List<LegendEntry> compact = CurveLegend.compact(entries);
                List<LegendEntry> styledFirst = new ArrayList<>(compact);
                styledFirst.sort(java.util.Comparator.comparing(e -> e.style() == LineStyle.SOLID));
                for (List<LegendEntry> candidate : List.of(compact, styledFirst)) {
                    int[] shape = {0, 0};
                    double height = CurveLegend.draw(this, gc, candidate, pad, top, w - 2 * pad, maxRows, shape, true) - top
                            + pad * 0.3;
                    if (CurveLegend.rank(candidate, shape[0]) > CurveLegend.rank(entries, legendShape[0])) {
                        entries = candidate;
                        legendH = height;
                        legendShape = shape;
                    }
                }
            }
        }
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
        double[] xr = xRange(drawable, heat);
        double[] yr = null;
        double[] yTicks = new double[0];
        String[] yLabels = new String[0];
        if (!drawable.isEmpty()) {
            yr = yRange(drawable, xr);
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
            drawHeatMap(gc, heat, frame, heatTop, heatBottom, heatRange, rowStep, tickF, tickLen, tickLh);
            verticalLines(gc, rowTitle, axisF, theme().ink(), pad, (heatTop + heatBottom) / 2);
            double barX = plotRight + 12 * s;
            drawColourBar(gc, barX, heatTop, barW, heatBottom - heatTop, minLabel, maxLabel, tickF, tickLh);
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
            plotImage = sized(plotImage, plot.width(), plot.height());
            plotImage.getPixelWriter().setPixels(0, 0, plot.width(), plot.height(),
                    PixelFormat.getIntArgbPreInstance(), plot.pixels(), 0, plot.width());
            show(plotView, plotImage, rx, ry);
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

    /**
     * {@code image} if it is {@code w × h}, else a new image of that size: an image kept and
     * rewritten, since a new one each frame costs a new texture in the software pipeline.
     */
    private static WritableImage sized(WritableImage image, int w, int h) {
        return image != null && (int) image.getWidth() == w && (int) image.getHeight() == h ? image
                : new WritableImage(w, h);
    }

    /** A pixel array of at least {@code n} ints for the heat map, kept between redraws. */
    private int[] heatPixels(int n) {
        if (heatPixels == null || heatPixels.length < n) {
            heatPixels = new int[n];
        }
        return heatPixels;
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

    private void drawHeatMap(GraphicsContext gc, HeatMapData heat, Frame fr, double top, double bottom,
                             double[] range, int rowStep, Font tickF, double tickLen, double tickLh) {
        double left = fr.plotLeft();
        double right = fr.plotRight();
        int widthPx = Math.max(1, (int) Math.round(right - left));
        int rows = heat.rows();
        int x0 = (int) Math.floor(left);
        int y0 = (int) Math.floor(top);
        int heightPx = Math.max(1, (int) Math.floor(bottom) - y0);
        double rh = (bottom - top) / rows;
        if (isFirstPass()) {
            heatImage(heat, fr, range, widthPx, x0, y0, heightPx, rh);
        }

        gc.setLineDashes((double[]) null);
        gc.setLineWidth(1);
        gc.setStroke(theme().axis());
        crispLine(gc, left - 1, top, left - 1, bottom);
        crispLine(gc, left - 1, bottom, right, bottom);
        for (int r = 0; r < rows; r += rowStep) {
            double cy = top + (r + 0.5) * rh;
            crispLine(gc, left - 1 - tickLen, cy, left - 1, cy);
            text(gc, nonNull(heat.rowLabel(r)), tickF, theme().ink(), left - tickLen - 3 * scale(), cy - tickLh / 2, Align.RIGHT);
        }
    }

    /**
     * Writes the heat map's image and shows it at {@code (x0, y0)}. One image pixel per screen
     * pixel: a scaled image costs the software pipeline a resampling pass per pixel, several
     * times a plain copy (measured). Each row is repeated over its share of the height (the
     * pixel row whose middle falls in it), as the scaled image without smoothing showed it.
     */
    private void heatImage(HeatMapData heat, Frame fr, double[] range, int widthPx, int x0, int y0, int heightPx,
                           double rh) {
        int rows = heat.rows();
        double top = fr.heatTop();
        double vLo = range == null ? 0 : range[0];
        double vHi = range == null ? 1 : range[1];
        int[] argb = HeatMapRaster.argb(heat, fr.xRange()[0], fr.xRange()[1], widthPx, vLo, vHi);
        int[] pixels = heatPixels(widthPx * heightPx);
        for (int y = 0; y < heightPx; y++) {
            int r = Math.min(rows - 1, Math.max(0, (int) Math.floor((y0 + y + 0.5 - top) / rh)));
            System.arraycopy(argb, r * widthPx, pixels, y * widthPx, widthPx);
        }
        if (rh >= 10 && rows > 1) { // white lines between the rows when they are tall enough
            int white = 0xFFFFFFFF;
            for (int r = 1; r < rows; r++) {
                int y = (int) Math.floor(top + r * rh) - y0;
                if (y >= 0 && y < heightPx) {
                    java.util.Arrays.fill(pixels, y * widthPx, (y + 1) * widthPx, white);
                }
            }
        }
        heatImage = sized(heatImage, widthPx, heightPx);
        heatImage.getPixelWriter().setPixels(0, 0, widthPx, heightPx, PixelFormat.getIntArgbInstance(), pixels, 0,
                widthPx);
        show(heatView, heatImage, x0, y0);
    }

    private static void show(ImageView view, WritableImage image, int x, int y) {
        if (view.getImage() != image) {
            view.setImage(image);
        }
        // translated, not relocated: moving an unmanaged child's layoutX/Y asks the parents for a
        // layout, which inside the layout pass left the window's other charts undrawn
        view.setTranslateX(x);
        view.setTranslateY(y);
        view.setVisible(true);
    }

    private void drawColourBar(GraphicsContext gc, double x, double top, double barW, double height,
                               String minLabel, String maxLabel, Font tickF, double tickLh) {
        List<Stop> stops = new ArrayList<>();
        for (int i = 0; i <= 32; i++) {
            stops.add(new Stop(i / 32.0, Palette.heat(i / 32.0)));
        }
        gc.setFill(new LinearGradient(0, top + height, 0, top, false, CycleMethod.NO_CYCLE, stops));
        gc.fillRect(x, top, barW, height);
        gc.setStroke(theme().axis());
        gc.setLineWidth(1);
        gc.setLineDashes((double[]) null);
        gc.strokeRect(Math.floor(x) + 0.5, Math.floor(top) + 0.5, Math.round(barW), Math.round(height) - 1);
        double lx = x + barW + 5 * scale();
        text(gc, maxLabel, tickF, theme().ink(), lx, top, Align.LEFT);
        if (height >= 2 * tickLh + 2) {
            text(gc, minLabel, tickF, theme().ink(), lx, top + height - tickLh, Align.LEFT);
        }
    }

    // ---- legend -------------------------------------------------------------------------------------

    record LegendEntry(String label, Color color, LineStyle style, double width, String shortLabel) {
    }

    /** The legend entries (see the class comment for which curves are listed). */
    List<LegendEntry> legendEntries() {
        Map<String, LegendEntry> unique = new LinkedHashMap<>();
        Map<String, Boolean> important = new LinkedHashMap<>();
        for (Curve c : curves) {
            if (c.label().isBlank()) {
                continue;
            }
            String key = c.label() + "\u0000" + c.color() + "\u0000" + c.style();
            unique.putIfAbsent(key, new LegendEntry(c.label(), c.color(), c.style(), c.width(), c.shortLabel()));
            important.merge(key, c.showInLegend(), Boolean::logicalOr);
        }
        List<LegendEntry> all = new ArrayList<>(unique.values());
        if (all.size() <= FULL_LEGEND_LIMIT) {
            return all;
        }
        List<LegendEntry> some = new ArrayList<>();
        unique.forEach((k, e) -> {
            if (important.get(k)) {
                some.add(e);
            }
        });
        return some;
    }

    // ---- ranges and coordinates ---------------------------------------------------------------------

    private double[] xRange(List<Curve> drawable, HeatMapData heat) {
        if (Double.isFinite(fixedXLo) && Double.isFinite(fixedXHi)) {
            return NiceTicks.range(fixedXLo, fixedXHi);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Curve c : drawable) {
            // x increases: the first and the last point with a finite y are the ends
            SeriesData d = c.data();
            int n = d.size();
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(d.x(i)) && Double.isFinite(d.y(i))) {
                    lo = Math.min(lo, d.x(i));
                    break;
                }
            }
            for (int i = n - 1; i >= 0; i--) {
                if (Double.isFinite(d.x(i)) && Double.isFinite(d.y(i))) {
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

    private double[] yRange(List<Curve> drawable, double[] xr) {
        if (Double.isFinite(fixedYLo) && Double.isFinite(fixedYHi)) {
            return NiceTicks.range(fixedYLo, fixedYHi);
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

    /** A title cut to fewer than 5 characters ("run…") says nothing: leave it out. */
    private static List<String> dropIfStub(List<String> lines) {
        if (lines.isEmpty()) {
            return lines;
        }
        String last = lines.get(lines.size() - 1);
        return last.endsWith("…") && String.join(" ", lines).length() < 6 ? List.of() : lines;
    }

    private static boolean hasFinitePoint(SeriesData d) {
        for (int i = 0, n = d.size(); i < n; i++) {
            if (Double.isFinite(d.x(i)) && Double.isFinite(d.y(i))) {
                return true;
            }
        }
        return false;
    }

    private static String nonNull(String s) {
        return Objects.requireNonNullElse(s, "");
    }
}
