package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;

/**
 * Distributions over time, like TensorBoard's "distributions": for each {@link Panel} (a
 * channel's input x and its output y, say), nested bands between quantiles of a
 * {@link BandData} against x, and the median as a line. Layout, bands and ranges:
 * {@code docs/CHARTS.md}.
 */
public class BandChart extends XAxisCanvasChart {

    /** The default colours of the input and output panels: Okabe–Ito blue and vermillion. */
    public static final Color INPUT_COLOR = Palette.channel(0);
    public static final Color OUTPUT_COLOR = Palette.channel(5);
    /** The theme's channel colours the window draws x and y with ({@link #INPUT_COLOR} and {@link #OUTPUT_COLOR} in the light theme). */
    public static final int INPUT_CHANNEL = 0;
    public static final int OUTPUT_CHANNEL = 5;

    /** Opacity over white of the outermost band, and of the innermost where all bands overlap. */
    static final double OUTER_OPACITY = 0.2;
    static final double INNER_OPACITY = 0.5;

    /** The colour of the legend's samples. */

    /**
     * One distribution, drawn as a panel.
     *
     * @param title the panel's heading, e.g. "x (input), channel 3"
     * @param color the colour of its bands and median, e.g. {@link #INPUT_COLOR}
     * @param data  the quantiles; {@code null} for none yet (the placeholder is shown)
     */
    public record Panel(String title, Color color, BandData data) {
        public Panel {
            title = title == null ? "" : title;
            Objects.requireNonNull(color, "color");
        }
    }

    /** One panel's part of the last redraw: its plot's top and bottom, its y range, whether it had a plot. */
    record PanelFrame(double top, double bottom, double[] yRange, boolean plotted) {
    }

    /** What the last redraw laid out (for tests). */
    record Frame(double plotLeft, double plotRight, double[] xRange, List<PanelFrame> panels) {
    }

    private List<Panel> panels = List.of();
    private Frame lastFrame;

    public BandChart() {
        super("step", true);
        getStyleClass().add("band-chart");
        setPlaceholder("no samples yet");
    }

    // ---- properties -------------------------------------------------------------------------------------

    /** The panels, top to bottom. */
    public void setPanels(List<Panel> panels) {
        this.panels = panels == null ? List.of() : List.copyOf(panels);
        invalidateChart();
    }

    public List<Panel> getPanels() {
        return panels;
    }

    /** The layout of the last redraw (null before the first, and when nothing was plotted). */
    final Frame lastFrame() {
        return lastFrame;
    }

    // ---- drawing ----------------------------------------------------------------------------------------

    @Override
    protected void draw(GraphicsContext gc, double w, double h, double top) {
        lastFrame = null;
        interaction.clearPlot();
        double s = scale();
        double pad = pad();
        Font tickF = font(TICK_PX, false);
        Font axisF = font(AXIS_PX, false);
        Font headF = font(TICK_PX, true);
        double tickLh = lineHeight(tickF);
        double axisLh = lineHeight(axisF);
        double headLh = lineHeight(headF);
        double tickLen = 5 * s;
        top += pad * 0.5;
        int n = panels.size();
        if (n == 0) {
            drawPlaceholder(gc, pad, top, w - 2 * pad, h - top - pad);
            return;
        }
        boolean[] has = new boolean[n];
        double[] levels = null;
        for (int p = 0; p < n; p++) {
            BandData d = panels.get(p).data();
            has[p] = d != null && d.levels().length > 0 && firstValid(d) >= 0;
            if (has[p] && levels == null) {
                levels = d.levels();
            }
        }
        boolean any = levels != null;

        // ---- vertical layout: legend, panels, x axis. When a panel's plot would get less than
        // max(2 lines, a tenth of the height) (a small window, a large font scale), leave out the
        // x axis title, then the legend, then both (the order of CurveChart).
        double legendRowH = tickLh + 4 * s;
        double legendH = any ? legendRowH + pad * 0.3 : 0;
        String xTitle = any ? fit(Objects.requireNonNullElse(getXLabel(), ""), axisF, w - 2 * pad) : "";
        double xTitleH = xTitle.isEmpty() ? 0 : axisLh + 3 * s;
        double belowGap = Math.max(tickLen + 2 * s, tickLh / 2 + 3 * s);
        double xAxisH = any ? tickLh + belowGap : 0;
        double panelGap = tickLh * 0.6 + 8 * s;
        double headH = headLh + 3 * s + tickLh / 2;
        double legendTop = top;
        double bottom = h - pad * 0.6;
        double minPlot = Math.max(2 * tickLh, 0.1 * h);
        boolean showLegend = false;
        boolean showXTitle = false;
        for (boolean[] o : new boolean[][] {{true, true}, {true, false}, {false, true}, {false, false}}) {
            showLegend = o[0] && legendH > 0;
            showXTitle = o[1] && xTitleH > 0;
            double avail = bottom - top - (showLegend ? legendH : 0) - (showXTitle ? xTitleH : 0) - xAxisH;
            if ((avail - (n - 1) * panelGap) / n - headH >= minPlot) {
                break;
            }
        }
        if (showLegend) {
            top += legendH;
        }
        double xTitleTop = bottom - axisLh;
        if (showXTitle) {
            bottom = xTitleTop - 3 * s;
        } else {
            xTitle = "";
        }
        double xTicksTop = bottom - tickLh;
        double plotsBottom = any ? xTicksTop - belowGap : bottom;
        double panelH = (plotsBottom - top - (n - 1) * panelGap) / n;
        if (panelH - headH < tickLh * 1.5 || w < 4 * pad + 40) {
            drawTooSmall(gc, pad, legendTop, w - 2 * pad, h - legendTop - pad * 0.6);
            return;
        }
        if (showLegend) {
            drawLegend(gc, levels, pad, legendTop, w - 2 * pad, legendRowH);
        }

        // ---- ranges and y ticks per panel
        double[] xr = xRange(has);
        double[][] yr = new double[n][];
        double[][] yTicks = new double[n][];
        String[][] yLabels = new String[n][];
        double labelsW = 0;
        for (int p = 0; p < n; p++) {
            if (!has[p]) {
                continue;
            }
            double pTop = top + p * (panelH + panelGap) + headH;
            double pBottom = top + p * (panelH + panelGap) + panelH;
            yr[p] = yRange(panels.get(p).data(), xr);
            yTicks[p] = ChartAxes.yTicks(yr[p], pBottom - pTop, tickLh);
            yLabels[p] = NiceTicks.labels(yTicks[p]);
            for (String l : yLabels[p]) {
                labelsW = Math.max(labelsW, textWidth(l, tickF));
            }
        }

        // ---- horizontal layout and x ticks
        double plotLeft = Math.round(pad + labelsW + tickLen + 3 * s);
        double plotRight = w - pad;
        ChartAxes.XTicks xt = any ? ChartAxes.layoutXTicks(this, xr, plotLeft, plotRight, w, integerXTicks, tickF, tickLh)
                : new ChartAxes.XTicks(plotLeft, plotRight, new double[0], new String[0]);
        plotLeft = xt.left();
        plotRight = xt.right();
        if (plotRight - plotLeft < 20) {
            drawTooSmall(gc, pad, legendTop, w - 2 * pad, h - legendTop - pad * 0.6);
            return;
        }

        // ---- panels
        List<PanelFrame> frames = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            Panel panel = panels.get(p);
            double y0 = top + p * (panelH + panelGap);
            double pTop = y0 + headH;
            double pBottom = y0 + panelH;
            drawHeading(gc, panel, pad, y0, w - 2 * pad, headF, headLh);
            if (!has[p]) {
                drawPlaceholder(gc, pad, pTop, w - 2 * pad, pBottom - pTop);
                frames.add(new PanelFrame(pTop, pBottom, null, false));
                continue;
            }
            drawPanel(gc, panel.data(), panel.color(), plotLeft, plotRight, pTop, pBottom, xr, yr[p], xt.ticks(),
                    yTicks[p], yLabels[p], tickF, tickLh, tickLen);
            frames.add(new PanelFrame(pTop, pBottom, yr[p], true));
            spans.add(new double[] {pTop, pBottom});
        }

        // ---- x axis under the panels
        if (any) {
            gc.setStroke(theme().axis());
            gc.setLineWidth(1);
            gc.setLineDashes((double[]) null);
            for (int i = 0; i < xt.ticks().length; i++) {
                double px = ChartAxes.xAt(xt.ticks()[i], xr, plotLeft, plotRight);
                crispLine(gc, px, plotsBottom, px, plotsBottom + tickLen);
                text(gc, xt.labels()[i], tickF, theme().ink(), px, xTicksTop, Align.CENTER);
            }
            if (!xTitle.isEmpty()) {
                text(gc, xTitle, axisF, theme().ink(), (plotLeft + plotRight) / 2, xTitleTop, Align.CENTER);
            }
            lastFrame = new Frame(plotLeft, plotRight, xr, List.copyOf(frames));
            interaction.setPlot(plotLeft, plotRight, xr, spans.toArray(new double[0][]));
        }
    }

    /** A swatch of the panel's colour and its title. */
    private void drawHeading(GraphicsContext gc, Panel panel, double x0, double y0, double width, Font headF,
                             double headLh) {
        double s = scale();
        double sw = Math.round(headLh * 0.65);
        double swY = y0 + (headLh - sw) / 2;
        gc.setFill(panel.color());
        gc.fillRect(x0, swY, sw, sw);
        gc.setStroke(theme().outline(panel.color()));
        gc.setLineWidth(1);
        gc.strokeRect(Math.floor(x0) + 0.5, Math.floor(swY) + 0.5, sw - 1, sw - 1);
        double tx = x0 + sw + 6 * s;
        text(gc, fit(panel.title(), headF, x0 + width - tx), headF, theme().ink(), tx, y0, Align.LEFT);
    }

    private void drawPanel(GraphicsContext gc, BandData d, Color color, double left, double right, double top,
                           double bottom, double[] xr, double[] yr, double[] xTicks, double[] yTicks, String[] yLabels,
                           Font tickF, double tickLh, double tickLen) {
        gc.setLineDashes((double[]) null);
        gc.setLineWidth(1);
        gc.setStroke(theme().grid());
        for (double t : xTicks) {
            double px = ChartAxes.xAt(t, xr, left, right);
            crispLine(gc, px, top, px, bottom);
        }
        for (double t : yTicks) {
            double py = ChartAxes.yAt(t, yr, top, bottom);
            gc.setStroke(t == 0 && yr[0] < 0 && yr[1] > 0 ? theme().zeroLine() : theme().grid());
            crispLine(gc, left, py, right, py);
        }

        // the points in view and one on each side, for the edges that leave the plot; a fixed range
        // needs a clip (see CurveChart: a clip is costly, so only then)
        int from = Math.max(0, lowerBound(d, xr[0]) - 1);
        int to = Math.min(d.size(), upperBound(d, xr[1]) + 1);
        boolean fixed = Double.isFinite(fixedXLo) && Double.isFinite(fixedXHi) && to > from
                && (d.x(from) < xr[0] || d.x(to - 1) > xr[1]); // only points outside need the costly clip
        int levelCount = d.levels().length;
        List<int[]> runs = runs(d, from, to, levelCount);
        gc.save();
        if (fixed) {
            gc.beginPath();
            gc.rect(left, top, right - left, bottom - top);
            gc.clip();
        }
        double[] alphas = layerOpacities(levelCount / 2);
        double lone = Math.max(2, 2 * scale()); // half the width of a point alone between gaps
        for (int b = 0; b < levelCount / 2; b++) {
            int lo = b;
            int hi = levelCount - 1 - b;
            gc.beginPath();
            for (int[] run : runs) {
                if (run[1] - run[0] == 1) {
                    double px = ChartAxes.xAt(d.x(run[0]), xr, left, right);
                    double y1 = ChartAxes.yAt(d.quantile(run[0], hi), yr, top, bottom);
                    double y0 = ChartAxes.yAt(d.quantile(run[0], lo), yr, top, bottom);
                    gc.rect(px - lone, y1, 2 * lone, Math.max(1, y0 - y1));
                    continue;
                }
                gc.moveTo(ChartAxes.xAt(d.x(run[0]), xr, left, right), ChartAxes.yAt(d.quantile(run[0], lo), yr, top, bottom));
                for (int i = run[0] + 1; i < run[1]; i++) {
                    gc.lineTo(ChartAxes.xAt(d.x(i), xr, left, right), ChartAxes.yAt(d.quantile(i, lo), yr, top, bottom));
                }
                for (int i = run[1] - 1; i >= run[0]; i--) {
                    gc.lineTo(ChartAxes.xAt(d.x(i), xr, left, right), ChartAxes.yAt(d.quantile(i, hi), yr, top, bottom));
                }
                gc.closePath();
            }
            gc.setFill(color.deriveColor(0, 1, 1, alphas[b]));
            gc.fill();
        }
        if (levelCount % 2 == 1) {
            int mid = levelCount / 2;
            double width = medianWidth();
            List<double[]> dots = new ArrayList<>();
            gc.beginPath();
            for (int[] run : runs) {
                double px = ChartAxes.xAt(d.x(run[0]), xr, left, right);
                double py = ChartAxes.yAt(d.quantile(run[0], mid), yr, top, bottom);
                gc.moveTo(px, py);
                if (run[1] - run[0] == 1) {
                    dots.add(new double[] {px, py});
                }
                for (int i = run[0] + 1; i < run[1]; i++) {
                    gc.lineTo(ChartAxes.xAt(d.x(i), xr, left, right), ChartAxes.yAt(d.quantile(i, mid), yr, top, bottom));
                }
            }
            Color line = theme().outline(color);
            gc.setLineJoin(StrokeLineJoin.ROUND);
            gc.setStroke(line);
            gc.setLineWidth(width);
            gc.stroke();
            gc.setFill(line);
            double r = width * 1.2;
            for (double[] p : dots) {
                gc.fillOval(p[0] - r, p[1] - r, 2 * r, 2 * r);
            }
        }
        gc.restore();

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

    private double medianWidth() {
        return lineWeight(2.5);
    }

    /**
     * The opacity of each band's own fill, outermost first, such that the stack of bands
     * {@code 0..b} shows over white as {@code OUTER + (INNER - OUTER)·b/(bands-1)}.
     */
    static double[] layerOpacities(int bands) {
        double[] out = new double[bands];
        double below = 0; // the opacity of what is already drawn
        for (int b = 0; b < bands; b++) {
            double target = stackedOpacity(b, bands);
            out[b] = 1 - (1 - target) / (1 - below);
            below = target;
        }
        return out;
    }

    /** The opacity over white where bands {@code 0..b} of {@code bands} overlap. */
    static double stackedOpacity(int b, int bands) {
        return bands == 1 ? (OUTER_OPACITY + INNER_OPACITY) / 2
                : OUTER_OPACITY + (INNER_OPACITY - OUTER_OPACITY) * b / (bands - 1);
    }

    /** One row, centred: a swatch per band (outermost first) with its levels, then the median's line sample. */
    private void drawLegend(GraphicsContext gc, double[] levels, double left, double top, double width, double rowH) {
        double s = scale();
        Font f = font(TICK_PX, false);
        double lh = lineHeight(f);
        double sampleW = 24 * s;
        double sampleGap = 6 * s;
        double itemGap = 20 * s;
        int bands = levels.length / 2;
        List<String> labels = new ArrayList<>();
        for (int b = 0; b < bands; b++) {
            labels.add(bandLabel(levels[b], levels[levels.length - 1 - b]));
        }
        if (levels.length % 2 == 1) {
            labels.add(levelLabel(levels[bands]));
        }
        double total = 0;
        for (String l : labels) {
            total += sampleW + sampleGap + textWidth(l, f);
        }
        total += itemGap * (labels.size() - 1);
        double x = left + Math.max(0, (width - total) / 2);
        double cy = top + rowH / 2;
        double itemMax = labels.isEmpty() ? width : width / labels.size() - itemGap;
        for (int i = 0; i < labels.size(); i++) {
            String l = total > width ? fit(labels.get(i), f, itemMax - sampleW - sampleGap) : labels.get(i);
            if (i < bands) {
                double sh = Math.round(lh * 0.7);
                gc.setFill(theme().over(theme().legendGrey(), stackedOpacity(i, bands)));
                gc.fillRect(Math.round(x), Math.round(cy - sh / 2), Math.round(sampleW), sh);
            } else {
                gc.setStroke(theme().outline(theme().legendGrey()));
                gc.setLineWidth(medianWidth());
                gc.strokeLine(x, Math.round(cy) + 0.5, x + sampleW, Math.round(cy) + 0.5);
            }
            text(gc, l, f, theme().ink(), x + sampleW + sampleGap, cy - lh / 2, Align.LEFT);
            x += sampleW + sampleGap + textWidth(l, f) + itemGap;
        }
    }

    /** "min–max" for levels 0 and 1, else "15.9–84.1 %". */
    static String bandLabel(double lo, double hi) {
        if (lo == 0 && hi == 1) {
            return ChartWords.current().min() + "–" + ChartWords.current().max();
        }
        return NiceTicks.format(lo * 100, 3) + "–" + NiceTicks.format(hi * 100, 3) + " %";
    }

    /** "median" for 0.5, "min" for 0, "max" for 1, else "30 %". */
    static String levelLabel(double level) {
        if (level == 0.5) {
            return ChartWords.current().median();
        }
        if (level == 0) {
            return ChartWords.current().min();
        }
        if (level == 1) {
            return ChartWords.current().max();
        }
        return NiceTicks.format(level * 100, 3) + " %";
    }

    // ---- data -------------------------------------------------------------------------------------------

    /** Whether point {@code i} has a finite x and finite quantiles at every level. */
    static boolean valid(BandData d, int i, int levels) {
        if (!Double.isFinite(d.x(i))) {
            return false;
        }
        for (int k = 0; k < levels; k++) {
            if (!Double.isFinite(d.quantile(i, k))) {
                return false;
            }
        }
        return true;
    }

    private static int firstValid(BandData d) {
        int levels = d.levels().length;
        for (int i = 0, n = d.size(); i < n; i++) {
            if (valid(d, i, levels)) {
                return i;
            }
        }
        return -1;
    }

    private static int lastValid(BandData d) {
        int levels = d.levels().length;
        for (int i = d.size() - 1; i >= 0; i--) {
            if (valid(d, i, levels)) {
                return i;
            }
        }
        return -1;
    }

    /** The runs of consecutive valid points among {@code from..to-1}, as {start, end (exclusive)}. */
    static List<int[]> runs(BandData d, int from, int to, int levels) {
        List<int[]> runs = new ArrayList<>();
        int start = -1;
        for (int i = from; i < to; i++) {
            if (valid(d, i, levels)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                runs.add(new int[] {start, i});
                start = -1;
            }
        }
        if (start >= 0) {
            runs.add(new int[] {start, to});
        }
        return runs;
    }

    private double[] xRange(boolean[] has) {
        if (Double.isFinite(fixedXLo) && Double.isFinite(fixedXHi)) {
            return NiceTicks.range(fixedXLo, fixedXHi);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int p = 0; p < panels.size(); p++) {
            if (has[p]) {
                BandData d = panels.get(p).data();
                lo = Math.min(lo, d.x(firstValid(d)));
                hi = Math.max(hi, d.x(lastValid(d)));
            }
        }
        return NiceTicks.range(lo, hi);
    }

    /** Every finite quantile of the points in view, padded by 5%. */
    private static double[] yRange(BandData d, double[] xr) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int levels = d.levels().length;
        for (int i = lowerBound(d, xr[0]), n = upperBound(d, xr[1]); i < n; i++) {
            if (!valid(d, i, levels)) {
                continue;
            }
            for (int k = 0; k < levels; k++) {
                double v = d.quantile(i, k);
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        return NiceTicks.padded(lo, hi, 0.05);
    }

    /** The first index whose x is at least {@code x}. */
    static int lowerBound(BandData d, double x) {
        return Envelope.lowerBound(d.size(), d::x, x);
    }

    /** The first index whose x is greater than {@code x}. */
    static int upperBound(BandData d, double x) {
        return Envelope.upperBound(d.size(), d::x, x);
    }

}
