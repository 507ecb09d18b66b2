package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;

/**
 * Small multiples of histograms: the top row each channel's input x, the bottom row its
 * output {@code y = BN(x)}, one column per channel (up to {@value #MAX_CHANNELS}), without a
 * count axis since the shape is what matters. Layout and ranges: {@code docs/CHARTS.md}.
 */
public class HistogramChart extends CanvasChart {

    /** At most this many channels (columns) are drawn. */
    public static final int MAX_CHANNELS = 8;

    /** Opacity of the bars' fill. */
    static final double FILL_OPACITY = 0.7;

    private final StringProperty inputTitle = new SimpleStringProperty(this, "inputTitle", "input x");
    private final StringProperty outputTitle = new SimpleStringProperty(this, "outputTitle", "output y = BN(x)");
    private List<HistogramData> inputs = List.of();
    private List<HistogramData> outputs = List.of();

    /** The plot rectangles of the last redraw, {x, y, w, h} per cell, inputs then outputs (for tests). */
    private final List<double[]> cellPlots = new ArrayList<>();

    public HistogramChart() {
        getStyleClass().add("histogram-chart");
        watch(inputTitle, outputTitle);
        addEventHandler(javafx.scene.input.MouseEvent.MOUSE_CLICKED, e -> {
            if (onBarPicked != null && e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                pickBar(e.getX(), e.getY());
            }
        });
    }

    /** Told which bar was clicked: the cell (0 = first channel shown), the row, and the bar's value range. */
    @FunctionalInterface
    public interface BarPick {
        /**
         * @param output false for the input row (x), true for the output row (y)
         * @param lo the bar's lower end (included)
         * @param hi the bar's upper end (excluded, but for the last bar)
         */
        void picked(int cell, boolean output, double lo, double hi);
    }

    /** Where a drawn cell's plot is, for finding the bar under a click. */
    private record PlotCell(int cell, boolean output, HistogramData data, double[] xr, double left, double right,
                            double top, double bottom) {
    }

    private final List<PlotCell> plotCells = new ArrayList<>();
    private BarPick onBarPicked;

    /** What a click on a bar does (null: nothing). */
    public void setOnBarPicked(BarPick handler) {
        onBarPicked = handler;
    }

    /** The bar at (x, y) in the chart's coordinates, if any, to {@link #onBarPicked}. */
    void pickBar(double x, double y) {
        for (PlotCell p : plotCells) {
            if (x < p.left() || x > p.right() || y < p.top() || y > p.bottom()) {
                continue;
            }
            HistogramData d = p.data();
            int bins = d.counts().length;
            if (bins == 0) {
                return;
            }
            if (!(d.hi() > d.lo())) {
                onBarPicked.picked(p.cell(), p.output(), d.lo(), d.hi());
                return;
            }
            double v = p.xr()[0] + (x - p.left()) / (p.right() - p.left()) * (p.xr()[1] - p.xr()[0]);
            double binW = (d.hi() - d.lo()) / bins;
            int b = (int) Math.floor((v - d.lo()) / binW);
            if (b < 0 || b >= bins || d.counts()[b] == 0) {
                return;
            }
            onBarPicked.picked(p.cell(), p.output(), d.lo() + b * binW, b == bins - 1 ? d.hi() : d.lo() + (b + 1) * binW);
            return;
        }
    }

    /** The title of the top row ("input x"). */
    public final StringProperty inputTitleProperty() {
        return inputTitle;
    }

    /** The title of the bottom row ("output y = BN(x)"). */
    public final StringProperty outputTitleProperty() {
        return outputTitle;
    }

    /**
     * The histograms per channel: {@code inputs.get(c)} over {@code outputs.get(c)}. Either list
     * may be shorter or empty (an empty row says "no data yet"); {@code null} means empty.
     * Histograms equal to the ones shown (see {@link HistogramData#equals}) are not drawn again.
     */
    public void setHistograms(List<HistogramData> inputs, List<HistogramData> outputs) {
        List<HistogramData> in = inputs == null ? List.of() : List.copyOf(inputs);
        List<HistogramData> out = outputs == null ? List.of() : List.copyOf(outputs);
        if (in.equals(this.inputs) && out.equals(this.outputs)) {
            return; // the same picture (the same batch again): not drawn again
        }
        this.inputs = in;
        this.outputs = out;
        invalidateChart();
    }

    public List<HistogramData> getInputs() {
        return inputs;
    }

    public List<HistogramData> getOutputs() {
        return outputs;
    }

    final List<double[]> cellPlots() {
        return List.copyOf(cellPlots);
    }

    @Override
    protected void draw(GraphicsContext gc, double w, double h, double top) {
        cellPlots.clear();
        plotCells.clear();
        double s = scale();
        double pad = pad();
        int n = Math.min(MAX_CHANNELS, Math.max(inputs.size(), outputs.size()));
        top += pad * 0.5;
        if (n == 0) {
            drawPlaceholder(gc, pad, top, w - 2 * pad, h - top - pad);
            return;
        }
        Font rowF = font(AXIS_PX + 1, true);
        double rowLh = lineHeight(rowF);
        double rowGap = pad * 1.5;
        double rowH = (h - pad * 0.6 - top - rowGap) / 2;
        double cellGap = 18 * s;
        double cellW = (w - 2 * pad - (n - 1) * cellGap) / n;
        if (rowH < rowLh * 3 || cellW < 30) {
            drawTooSmall(gc, pad, top, w - 2 * pad, h - top - pad * 0.6);
            return;
        }
        String[] titles = {inputTitle.get(), outputTitle.get()};
        List<List<HistogramData>> lists = List.of(inputs, outputs);
        for (int r = 0; r < 2; r++) {
            double y0 = top + r * (rowH + rowGap);
            if (r == 1) {
                gc.setStroke(theme().grid());
                gc.setLineWidth(1);
                gc.setLineDashes((double[]) null);
                crispLine(gc, pad, y0 - rowGap / 2, w - pad, y0 - rowGap / 2);
            }
            text(gc, fit(titles[r] == null ? "" : titles[r], rowF, w - 2 * pad), rowF, theme().ink(), pad, y0, Align.LEFT);
            double cellTop = y0 + rowLh + 4 * s;
            List<HistogramData> list = lists.get(r);
            if (list.isEmpty()) {
                drawPlaceholder(gc, pad, cellTop, w - 2 * pad, y0 + rowH - cellTop);
                continue;
            }
            // lay the row's cells out first, so that all plots of a row start at the same height
            CellLayout[] layouts = new CellLayout[n];
            int markLines = 0;
            for (int c = 0; c < n && c < list.size(); c++) {
                HistogramData d = list.get(c);
                if (d != null) {
                    layouts[c] = layoutCell(d, pad + c * (cellW + cellGap), cellW);
                    markLines = Math.max(markLines, layouts[c].markLines());
                }
            }
            for (int c = 0; c < n; c++) {
                if (layouts[c] != null && layouts[c].right() - layouts[c].left() >= 10) {
                    drawCell(gc, list.get(c), layouts[c], pad + c * (cellW + cellGap), cellTop, cellW,
                            y0 + rowH - cellTop, markLines);
                    if (cellPlots.size() > plotCells.size()) {
                        double[] plot = cellPlots.get(cellPlots.size() - 1);
                        plotCells.add(new PlotCell(c, r == 1, list.get(c), layouts[c].xr(), plot[0], plot[0] + plot[2],
                                plot[1], plot[1] + plot[3]));
                    }
                }
            }
        }
    }

    /** The horizontal layout of a cell: x range, ticks, plot left/right, marker label lines. */
    private record CellLayout(double[] xr, boolean single, double left, double right, double[] ticks,
                              String[] labels, List<HistogramData.Marker> markers, List<double[]> placed,
                              int markLines) {
    }

    private CellLayout layoutCell(HistogramData d, double x0, double cw) {
        double s = scale();
        Font tickF = font(TICK_PX, false);
        Font markF = font(TICK_PX - 1, false);
        double tickLh = lineHeight(tickF);

        List<HistogramData.Marker> markers = new ArrayList<>();
        for (HistogramData.Marker m : d.markers()) {
            if (Double.isFinite(m.x())) {
                markers.add(m);
            }
        }
        // x range
        double lo = d.lo();
        double hi = d.hi();
        boolean single = !(hi > lo);
        double xlo;
        double xhi;
        if (single) {
            double half = Math.max(0.5, 0.1 * Math.abs(lo));
            xlo = lo - half;
            xhi = lo + half;
        } else {
            xlo = lo;
            xhi = hi;
        }
        for (HistogramData.Marker m : markers) {
            xlo = Math.min(xlo, m.x());
            xhi = Math.max(xhi, m.x());
        }
        double[] xr = NiceTicks.range(xlo, xhi);
        if (!single) {
            xr = NiceTicks.padded(xr[0], xr[1], 0.04);
        }

        // ticks that fit, with the outer labels inside the cell: as many as fit up to 4, or 5 when 4 would give
        // fewer than 3 (1-2-5 steps jump: [-5.3, 4.4] has 2 ticks at step 5 and 5 at step 2)
        TickFit fit = null;
        for (int maxT = 4; maxT >= 2 && fit == null; maxT--) {
            TickFit f = fitTicks(xr, maxT, x0, cw, tickF, tickLh);
            if (f.fits() || maxT == 2) {
                fit = f;
            }
        }
        if (fit.ticks().length < 3) {
            TickFit more = fitTicks(xr, 5, x0, cw, tickF, tickLh);
            if (more.fits() && more.ticks().length > fit.ticks().length) {
                fit = more;
            }
        }
        double left = fit.left();
        double right = fit.right();
        double[] ticks = fit.ticks();
        String[] labels = fit.labels();

        // marker labels: centred on their line, kept in the cell, on the first of two lines where they
        // do not collide; left out if both collide
        List<double[]> placed = new ArrayList<>(); // {marker index, line, left, right}
        for (int i = 0; i < markers.size(); i++) {
            HistogramData.Marker m = markers.get(i);
            if (m.label().isBlank() || textWidth(m.label(), markF) > cw) {
                continue; // a label that does not fit the cell whole is left out; its line stays
            }
            double p = px(m.x(), xr, left, right);
            double lw = textWidth(fit(m.label(), markF, cw), markF);
            double l = Math.max(x0, Math.min(x0 + cw - lw, p - lw / 2));
            for (int line = 0; line < 2; line++) {
                boolean free = true;
                for (double[] q : placed) {
                    if (q[1] == line && l < q[3] + 4 * s && q[2] < l + lw + 4 * s) {
                        free = false;
                        break;
                    }
                }
                if (free) {
                    placed.add(new double[] {i, line, l, l + lw});
                    break;
                }
            }
        }
        int markLines = 0;
        for (double[] q : placed) {
            markLines = Math.max(markLines, (int) q[1] + 1);
        }
        return new CellLayout(xr, single, left, right, ticks, labels, markers, placed, markLines);
    }

    private void drawCell(GraphicsContext gc, HistogramData d, CellLayout lay, double x0, double y0, double cw, double ch,
                          int markLines) {
        double s = scale();
        Font headF = font(TICK_PX, true);
        Font tickF = font(TICK_PX, false);
        Font markF = font(TICK_PX - 1, false);
        double headLh = lineHeight(headF);
        double tickLh = lineHeight(tickF);
        double markLh = lineHeight(markF);
        double tickLen = 4 * s;

        // heading: swatch + title
        double sw = Math.round(headLh * 0.65);
        double swY = y0 + (headLh - sw) / 2;
        gc.setFill(d.color());
        gc.fillRect(x0, swY, sw, sw);
        gc.setStroke(theme().outline(d.color()));
        gc.setLineWidth(1);
        gc.strokeRect(Math.floor(x0) + 0.5, Math.floor(swY) + 0.5, sw - 1, sw - 1);
        double tx = x0 + sw + 6 * s;
        text(gc, shortTitle(d.title(), headF, x0 + cw - tx), headF, theme().ink(), tx, y0, Align.LEFT);

        double[] xr = lay.xr();
        boolean single = lay.single();
        double left = lay.left();
        double right = lay.right();
        double[] ticks = lay.ticks();
        String[] labels = lay.labels();
        List<HistogramData.Marker> markers = lay.markers();
        List<double[]> placed = lay.placed();
        double lo = d.lo();
        double hi = d.hi();
        double markTop = y0 + headLh + 3 * s;
        double plotTop = markTop + markLines * markLh + 3 * s;
        double tickTop = y0 + ch - tickLh;
        double plotBottom = tickTop - tickLen - 2 * s;
        // a short cell keeps its bars and drops the markers' labels (their lines stay): the bars are
        // what it is for (every cell of a row has the same height, so a row decides alike)
        boolean labelled = true;
        if (markLines > 0 && plotBottom - plotTop < 2 * tickLh) {
            plotTop = markTop + 3 * s;
            labelled = false;
        }
        // shorter still (a banner over a small window): the bars stay, the tick labels go
        boolean tickLabels = true;
        if (plotBottom - plotTop < 8) {
            plotBottom = y0 + ch - 2 * s;
            tickLabels = false;
        }
        if (plotBottom - plotTop < 8) {
            return;
        }
        cellPlots.add(new double[] {left, plotTop, right - left, plotBottom - plotTop});

        // bars
        long total = d.total();
        int[] counts = d.counts();
        int maxCount = 0;
        for (int c : counts) {
            maxCount = Math.max(maxCount, c);
        }
        double usable = (plotBottom - plotTop) * 0.95;
        Color fill = d.color().deriveColor(0, 1, 1, FILL_OPACITY);
        Color outline = theme().outline(d.color());
        if (total > 0) {
            gc.beginPath();
            if (single) {
                double cx = px(lo, xr, left, right);
                double bw = Math.max(6 * s, 0.04 * (right - left));
                gc.moveTo(cx - bw / 2, plotBottom);
                gc.lineTo(cx - bw / 2, plotBottom - usable);
                gc.lineTo(cx + bw / 2, plotBottom - usable);
                gc.lineTo(cx + bw / 2, plotBottom);
            } else {
                int bins = counts.length;
                double binW = (hi - lo) / bins;
                gc.moveTo(px(lo, xr, left, right), plotBottom);
                for (int b = 0; b < bins; b++) {
                    double yTop = plotBottom - usable * counts[b] / maxCount;
                    gc.lineTo(px(lo + b * binW, xr, left, right), yTop);
                    gc.lineTo(px(b == bins - 1 ? hi : lo + (b + 1) * binW, xr, left, right), yTop);
                }
                gc.lineTo(px(hi, xr, left, right), plotBottom);
            }
            gc.closePath();
            gc.setFill(fill);
            gc.fill();
            gc.setStroke(outline);
            gc.setLineWidth(lineWeight(1.5));
            gc.setLineJoin(StrokeLineJoin.MITER);
            gc.setLineDashes((double[]) null);
            gc.stroke();
        } else {
            Font f = font(TICK_PX - 1, false);
            text(gc, fit(ChartWords.current().noValues(), f, right - left), f, theme().muted(), (left + right) / 2,
                    (plotTop + plotBottom) / 2 - lineHeight(f) / 2, Align.CENTER);
        }

        // axis line, ticks and labels
        gc.setStroke(theme().axis());
        gc.setLineWidth(1);
        gc.setLineDashes((double[]) null);
        crispLine(gc, left, plotBottom, right, plotBottom);
        for (int i = 0; i < ticks.length && tickLabels; i++) {
            double p = px(ticks[i], xr, left, right);
            crispLine(gc, p, plotBottom, p, plotBottom + tickLen);
            text(gc, labels[i], tickF, theme().ink(), p, tickTop, Align.CENTER);
        }

        // markers
        for (HistogramData.Marker m : markers) {
            double p = px(m.x(), xr, left, right);
            gc.beginPath();
            gc.moveTo(Math.round(p) + 0.5, plotTop);
            gc.lineTo(Math.round(p) + 0.5, plotBottom);
            gc.setStroke(theme().ink());
            double lw = markerSize(2);
            gc.setLineWidth(lw);
            gc.setLineDashes(m.style().dashes(lw));
            gc.stroke();
            gc.setLineDashes((double[]) null);
        }
        for (double[] q : labelled ? placed : List.<double[]>of()) {
            String label = fit(markers.get((int) q[0]).label(), markF, cw);
            text(gc, label, markF, theme().ink(), q[2], markTop + q[1] * markLh, Align.LEFT);
        }
    }

    /** The title if it fits, else its last word ("channel 12" → "12", next to the colour swatch), else cut. */
    private String shortTitle(String title, Font f, double maxWidth) {
        if (textWidth(title, f) <= maxWidth) {
            return title;
        }
        String last = title.strip().substring(title.strip().lastIndexOf(' ') + 1);
        return textWidth(last, f) <= maxWidth ? last : fit(last, f, maxWidth);
    }

    private record TickFit(double left, double right, double[] ticks, String[] labels, boolean fits) {
    }

    /** Ticks for at most {@code maxT}, with the plot narrowed so that the outer labels stay in the cell. */
    private TickFit fitTicks(double[] xr, int maxT, double x0, double cw, Font tickF, double tickLh) {
        double left = x0;
        double right = x0 + cw;
        double[] ticks = NiceTicks.ticks(xr[0], xr[1], maxT);
        String[] labels = NiceTicks.labels(ticks);
        if (ticks.length > 0) {
            double fl = (ticks[0] - xr[0]) / (xr[1] - xr[0]);
            double half = textWidth(labels[0], tickF) / 2;
            if (left + fl * (right - left) < x0 + half && fl < 1) {
                left = (x0 + half - fl * right) / (1 - fl);
            }
            int k = ticks.length - 1;
            double fr = (ticks[k] - xr[0]) / (xr[1] - xr[0]);
            double halfR = textWidth(labels[k], tickF) / 2;
            double limit = x0 + cw - halfR;
            if (left + fr * (right - left) > limit && fr > 0) {
                right = left + (limit - left) / fr;
            }
        }
        return new TickFit(left, right, ticks, labels, right - left >= 10 && fits(ticks, labels, xr, left, right, tickF, tickLh));
    }

    private boolean fits(double[] ticks, String[] labels, double[] xr, double left, double right, Font f, double lh) {
        for (int i = 1; i < ticks.length; i++) {
            double gap = px(ticks[i], xr, left, right) - px(ticks[i - 1], xr, left, right);
            if (gap < (textWidth(labels[i], f) + textWidth(labels[i - 1], f)) / 2 + lh * 0.8) {
                return false;
            }
        }
        return true;
    }

    private static double px(double x, double[] xr, double left, double right) {
        return left + (x - xr[0]) / (xr[1] - xr[0]) * (right - left);
    }
}
