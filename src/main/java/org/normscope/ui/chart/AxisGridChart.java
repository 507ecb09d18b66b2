package org.normscope.ui.chart;

import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.StrokeLineJoin;
import javafx.scene.text.Font;

/**
 * The axis explorer's grid: one row per sample {@code n}, one block per channel {@code c}, one
 * cell per position {@code p} in the block, each cell coloured by its value on
 * {@link Palette#diverging(double) PuOr}. Every set of cells that shares one mean and variance
 * is outlined; the highlighted set keeps its colours under a thick ink outline while every
 * other cell is dimmed towards the background; the pointed cell gets a ring. Axis titles, row,
 * channel and position labels (those that fit without overlapping) and a colour legend go
 * around it.
 *
 * <p>Cells are as large as the space allows up to 88 px × the font scale, so that a small batch
 * reads from the back of a room: as wide as the blocks leave room for (at most three times as
 * wide as high), and up to 2.5 times as high as wide where the rows leave room; a gap separates
 * the channel blocks and the sample rows. The pointer reports the cell under it ({@link #setOnHover}).
 */
public final class AxisGridChart extends CanvasChart {

    private final ObjectProperty<AxisGridData> data = new SimpleObjectProperty<>();
    private Consumer<int[]> onHover = cell -> { };

    // the geometry of the last drawing, for the pointer
    private double x0;
    private double y0;
    private double cell;
    /** A cell's height: up to twice its width, so that a wide, flat batch still fills the room's view. */
    private double cellH;
    private double blockGap;
    private double rowGap;

    public AxisGridChart() {
        watch(data);
        setOnMouseMoved(e -> hit(e.getX(), e.getY()));
        setOnMouseDragged(e -> hit(e.getX(), e.getY()));
        setOnMousePressed(e -> hit(e.getX(), e.getY()));
    }

    public ObjectProperty<AxisGridData> dataProperty() {
        return data;
    }

    /** Called with {@code {n, c, p}} of the cell under the pointer. */
    public void setOnHover(Consumer<int[]> listener) {
        onHover = listener;
    }

    /** The cell at {@code (x, y)} of the last drawing, {@code {n, c, p}}, or null between cells and outside. */
    public int[] cellAt(double x, double y) {
        AxisGridData d = data.get();
        if (d == null || cell <= 0) {
            return null;
        }
        double block = d.positions() * cell + blockGap;
        double row = cellH + rowGap;
        int n = (int) Math.floor((y - y0) / row);
        int c = (int) Math.floor((x - x0) / block);
        if (y < y0 || x < x0 || n >= d.samples() || c >= d.channels() || (y - y0) - n * row > cellH) {
            return null;
        }
        int p = (int) Math.floor((x - x0 - c * block) / cell);
        return p < d.positions() ? new int[] {n, c, p} : null;
    }

    private void hit(double x, double y) {
        int[] at = cellAt(x, y);
        if (at != null) {
            onHover.accept(at);
        }
    }

    @Override
    protected void draw(GraphicsContext gc, double w, double h, double top) {
        AxisGridData d = data.get();
        if (d == null || d.samples() == 0) {
            cell = 0;
            drawPlaceholder(gc, 0, top, w, h - top);
            return;
        }
        ChartTheme th = theme();
        Font label = font(15, false);
        Font bold = font(16, true);
        double lh = lineHeight(label);
        double pad = pad();
        int rows = d.samples();
        int cols = d.channels() * d.positions();

        String lastRow = "n = " + (rows - 1);
        double left = pad + lineHeight(bold) + pad + textWidth(lastRow, label) + pad;
        double right = pad;
        double above = top + pad + lineHeight(bold) + 4 + lh + 4;
        double legendH = lh * 0.9;
        double below = 4 + lh + 4 + lineHeight(bold) + pad + legendH + 4 + lh + pad;
        // gaps narrower when there are many blocks or rows, so that the cells keep the room
        blockGap = Math.max(8, (d.channels() > 8 ? 10 : 16) * scale());
        rowGap = Math.max(4, (rows > 8 ? 6 : 12) * scale());
        double byW = (w - left - right - (d.channels() - 1) * blockGap) / cols;
        double byH = (h - above - below - (rows - 1) * rowGap) / rows;
        // a cell's width: the width the blocks leave, up to three times the height the rows leave
        cell = Math.floor(Math.min(88 * scale(), Math.min(byW, 3 * byH)));
        // rows at least 28 px × scale high where there is room: tiny cells of a wide batch stay readable as rows
        cellH = Math.floor(Math.min(Math.min(Math.max(2.5 * cell, 28 * scale()), 88 * scale()), byH));
        cellH = Math.max(cellH, Math.min(cell, byH));
        if (cell < 3) {
            cell = 0;
            drawTooSmall(gc, 0, top, w, h - top);
            return;
        }
        double gridW = cols * cell + (d.channels() - 1) * blockGap;
        double gridH = rows * cellH + (rows - 1) * rowGap;
        x0 = Math.floor(left + Math.max(0, (w - left - right - gridW) / 2));
        // the grid, its labels and the legend are centred in the height they have
        y0 = Math.floor(above + Math.max(0, (h - above - below - gridH) / 2));

        drawCells(gc, d, th);
        drawOutlines(gc, d, th);
        drawLabels(gc, d, th, label, bold, gridW, gridH);
        drawLegend(gc, d, th, label, bold, y0 + gridH + 4 + lh + 4 + lineHeight(bold) + pad, gridW, legendH, w);
    }

    private double cx(AxisGridData d, int c, int p) {
        return x0 + c * (d.positions() * cell + blockGap) + p * cell;
    }

    private double cy(int n) {
        return y0 + n * (cellH + rowGap);
    }

    private void drawCells(GraphicsContext gc, AxisGridData d, ChartTheme th) {
        Font valueFont = font(Math.min(16, Math.min(cell / 2.8, cellH / 2) / Math.max(0.5, scale())), false);
        double vh = lineHeight(valueFont);
        // the values are written in every cell or in none: a few numbers here and there would read as a pattern
        boolean writeValues = d.cellText() != null && cell >= 24 && vh <= cellH - 4;
        if (writeValues) {
            for (String t : d.cellText()) {
                if (textWidth(t, valueFont) > cell - 4) {
                    writeValues = false;
                    break;
                }
            }
        }
        for (int n = 0; n < d.samples(); n++) {
            for (int c = 0; c < d.channels(); c++) {
                for (int p = 0; p < d.positions(); p++) {
                    int i = d.at(n, c, p);
                    Color fill = Palette.diverging(d.colour()[i]);
                    boolean lit = d.highlighted() < 0 || d.set()[i] == d.highlighted();
                    Color shown = lit ? fill : blend(fill, th.background(), 0.72);
                    double x = cx(d, c, p);
                    double y = cy(n);
                    gc.setFill(shown);
                    gc.fillRect(x, y, cell, cellH);
                    if (cell >= 12) { // hairlines between the cells of a block, so that each value is a cell
                        gc.setStroke(blend(shown, th.background(), 0.5));
                        gc.setLineWidth(1);
                        gc.strokeRect(x + 0.5, y + 0.5, cell - 1, cellH - 1);
                    }
                    String s = writeValues ? d.cellText()[i] : null;
                    if (s != null) {
                        Color ink = Palette.relativeLuminance(shown) > 0.3 ? Color.BLACK : Color.WHITE;
                        if (!lit) {
                            ink = blend(ink, shown, 0.5);
                        }
                        text(gc, s, valueFont, ink, x + cell / 2, y + (cellH - vh) / 2, Align.CENTER);
                    }
                }
            }
        }
    }

    /** {@code a} mixed with {@code b}: {@code f} of {@code b}. */
    private static Color blend(Color a, Color b, double f) {
        return Color.color(a.getRed() * (1 - f) + b.getRed() * f, a.getGreen() * (1 - f) + b.getGreen() * f,
                a.getBlue() * (1 - f) + b.getBlue() * f);
    }

    /**
     * Each set's outline: the box around its cells in the grid (sets are boxes: runs of
     * consecutive positions of one channel, whole channel blocks of one or every sample, or whole
     * rows), found from the cells' set numbers; the highlighted set last, thick, in ink.
     */
    private void drawOutlines(GraphicsContext gc, AxisGridData d, ChartTheme th) {
        java.util.Map<Integer, double[]> boxes = new java.util.LinkedHashMap<>();
        for (int n = 0; n < d.samples(); n++) {
            for (int c = 0; c < d.channels(); c++) {
                for (int p = 0; p < d.positions(); p++) {
                    double x = cx(d, c, p);
                    double y = cy(n);
                    double[] b = boxes.computeIfAbsent(d.set()[d.at(n, c, p)],
                            k -> new double[] {x, y, x + cell, y + cellH});
                    b[0] = Math.min(b[0], x);
                    b[1] = Math.min(b[1], y);
                    b[2] = Math.max(b[2], x + cell);
                    b[3] = Math.max(b[3], y + cellH);
                }
            }
        }
        gc.setLineJoin(StrokeLineJoin.MITER);
        double thin = Math.max(1.5, lineWeight(1.5));
        boolean single = d.positions() == 1 && boxes.size() == d.samples() * d.channels();
        for (java.util.Map.Entry<Integer, double[]> e : boxes.entrySet()) {
            if (e.getKey() == d.highlighted() || (single && cell < 14)) {
                continue;
            }
            double[] b = e.getValue();
            gc.setStroke(th.muted());
            gc.setLineWidth(thin);
            gc.strokeRect(b[0] + thin / 2, b[1] + thin / 2, b[2] - b[0] - thin, b[3] - b[1] - thin);
        }
        double[] lit = boxes.get(d.highlighted());
        if (lit != null) {
            double thick = Math.max(4, lineWeight(3));
            double inset = -thick / 2 - 1; // outside the cells, so that the set's colours stay whole
            gc.setStroke(th.background());
            gc.setLineWidth(thick + 4);
            gc.strokeRect(lit[0] + inset, lit[1] + inset, lit[2] - lit[0] - 2 * inset, lit[3] - lit[1] - 2 * inset);
            gc.setStroke(th.ink());
            gc.setLineWidth(thick);
            gc.strokeRect(lit[0] + inset, lit[1] + inset, lit[2] - lit[0] - 2 * inset, lit[3] - lit[1] - 2 * inset);
        }
        if (d.hoverN() >= 0 && d.hoverN() < d.samples() && d.hoverC() < d.channels() && d.hoverP() < d.positions()) {
            double x = cx(d, d.hoverC(), d.hoverP());
            double y = cy(d.hoverN());
            double ring = Math.max(2, lineWeight(1.5));
            // inside a cell large enough, else around it: a cell of a few pixels keeps its colour
            double in = cell >= 4 * ring + 4 ? ring : -ring - 1;
            gc.setStroke(th.background());
            gc.setLineWidth(ring + 2);
            gc.strokeRect(x + in, y + in, cell - 2 * in, cellH - 2 * in);
            gc.setStroke(th.ink());
            gc.setLineWidth(ring);
            gc.strokeRect(x + in, y + in, cell - 2 * in, cellH - 2 * in);
        }
    }

    private void drawLabels(GraphicsContext gc, AxisGridData d, ChartTheme th, Font label, Font bold, double gridW,
                            double gridH) {
        double lh = lineHeight(label);
        double pad = pad();
        // the channel axis: its title, then c = k above each block (k alone, or every other, where narrow)
        double titleY = y0 - 4 - lh - 4 - lineHeight(bold);
        text(gc, d.channelTitle() + " \u2192", bold, th.ink(), x0 + gridW / 2, titleY, Align.CENTER);
        double blockW = d.positions() * cell;
        boolean longForm = textWidth("c = " + (d.channels() - 1), label) <= blockW + blockGap - 4;
        double widest = textWidth(longForm ? "c = " + (d.channels() - 1) : Integer.toString(d.channels() - 1), label);
        int every = 1;
        while (every * (blockW + blockGap) < widest + 6) {
            every++;
        }
        for (int c = 0; c < d.channels(); c += every) {
            text(gc, longForm ? "c = " + c : Integer.toString(c), label, th.ink(), cx(d, c, 0) + blockW / 2,
                    y0 - 4 - lh, Align.CENTER);
        }
        // the sample axis: its title read upwards, then n = k left of each row
        double rowLabels = textWidth("n = " + (d.samples() - 1), label);
        verticalText(gc, d.sampleTitle() + " \u2192", bold, th.ink(), x0 - pad - rowLabels - pad - lineHeight(bold) / 2,
                y0 + gridH / 2);
        int rowEvery = 1;
        while (rowEvery * (cellH + rowGap) < lh) {
            rowEvery++;
        }
        for (int n = 0; n < d.samples(); n += rowEvery) {
            text(gc, "n = " + n, label, th.ink(), x0 - pad, cy(n) + (cellH - lh) / 2, Align.RIGHT);
        }
        // the positions: p under each cell where the numbers fit, else under the first and last of a block
        double py = y0 + gridH + 4;
        if (d.positions() > 1) {
            boolean all = textWidth(Integer.toString(d.positions() - 1), label) + 4 <= cell;
            boolean ends = !all && textWidth("0", label) + textWidth(Integer.toString(d.positions() - 1), label) + 12
                    <= blockW;
            for (int c = 0; c < d.channels(); c++) {
                for (int p = 0; p < d.positions(); p++) {
                    if (all || (ends && (p == 0 || p == d.positions() - 1))) {
                        text(gc, Integer.toString(p), label, th.muted(), cx(d, c, p) + cell / 2, py, Align.CENTER);
                    }
                }
            }
        }
        text(gc, d.positionTitle(), bold, th.ink(), x0 + gridW / 2, py + lh + 4, Align.CENTER);
    }

    private void drawLegend(GraphicsContext gc, AxisGridData d, ChartTheme th, Font label, Font bold, double y,
                            double gridW, double barH, double w) {
        double titleW = textWidth(d.legendTitle(), bold);
        double barW = Math.max(60, Math.min(420 * scale(), w - titleW - 3 * pad()));
        double total = titleW + pad() + barW;
        // centred under the grid, kept inside the chart
        double x = Math.max(pad(), Math.min(w - pad() - total, x0 + (gridW - total) / 2));
        text(gc, d.legendTitle(), bold, th.ink(), x, y + (barH - lineHeight(bold)) / 2, Align.LEFT);
        double bx = x + titleW + pad();
        int steps = (int) Math.max(2, barW);
        for (int i = 0; i < steps; i++) {
            gc.setFill(Palette.diverging(i / (double) (steps - 1)));
            gc.fillRect(bx + i * barW / steps, y, barW / steps + 0.5, barH);
        }
        gc.setStroke(th.axis());
        gc.setLineWidth(1);
        gc.strokeRect(bx + 0.5, y + 0.5, barW - 1, barH - 1);
        String[] t = d.legendTexts();
        double ty = y + barH + 4;
        text(gc, t[0], label, th.ink(), bx, ty, Align.LEFT);
        text(gc, t[1], label, th.ink(), bx + barW / 2, ty, Align.CENTER);
        text(gc, t[2], label, th.ink(), bx + barW, ty, Align.RIGHT);
    }
}
