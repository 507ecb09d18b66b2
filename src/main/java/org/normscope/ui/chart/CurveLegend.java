package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import org.normscope.ui.chart.CurveChart.LegendEntry;

/**
 * A curve chart's legend: which curves it lists, above the plot in centred rows (with "+N more"
 * when they do not all fit), or beside it in columns; measured first, then drawn, with the
 * chart's fonts and theme.
 */
final class CurveLegend {

    private CurveLegend() {
    }

    /**
     * The legend above the plot as it fits: its entries (maybe the short ones, maybe reordered),
     * shape = {entries shown, rows}, its height (0 for none) and the most rows it may take.
     */
    record Fitted(List<LegendEntry> entries, int[] shape, double height, int maxRows) {
    }

    /**
     * Every labelled curve once (same label, colour and style), in order; with more than
     * {@link CurveChart#FULL_LEGEND_LIMIT}, only the curves marked to be shown.
     */
    static List<LegendEntry> entries(List<Curve> curves) {
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
        if (all.size() <= CurveChart.FULL_LEGEND_LIMIT) {
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

    /** Measures the legend of {@code entries} above a plot from {@code top} in a chart {@code w × h} (see {@link Fitted}). */
    static Fitted fit(CurveChart c, GraphicsContext gc, List<LegendEntry> entries, double pad, double top, double w,
                      double h) {
        int[] legendShape = {0, 0};
        double legendH = 0;
        int maxRows = 0;
        if (!entries.isEmpty()) {
            // the legend may take about a third of the height (the x title goes first), so that every entry
            // a teacher needs stays readable and a small window still keeps a plot
            double rowH = c.lineHeight(c.font(CurveChart.TICK_PX, false)) + 4 * c.scale();
            maxRows = (int) Math.max(1, Math.min(CurveChart.MAX_LEGEND_ROWS, Math.floor(h * 0.34 / rowH)));
            legendH = draw(c, gc, entries, pad, top, w - 2 * pad, maxRows, legendShape, true) - top + pad * 0.3;
            if (legendShape[0] < entries.size()) {
                // cut short: try the curves' short labels ("ch 3" for "channel 3"), then what the dashed and dotted lines mean first
                // (the channels' colours are named again above the histograms); keep the one that shows
                // every line style, and of those the most entries
                List<LegendEntry> compact = compact(entries);
                List<LegendEntry> styledFirst = new ArrayList<>(compact);
                styledFirst.sort(java.util.Comparator.comparing(e -> e.style() == LineStyle.SOLID));
                for (List<LegendEntry> candidate : List.of(compact, styledFirst)) {
                    int[] shape = {0, 0};
                    double height = draw(c, gc, candidate, pad, top, w - 2 * pad, maxRows, shape, true) - top
                            + pad * 0.3;
                    if (rank(candidate, shape[0]) > rank(entries, legendShape[0])) {
                        entries = candidate;
                        legendH = height;
                        legendShape = shape;
                    }
                }
            }
        }
        return new Fitted(entries, legendShape, legendH, maxRows);
    }

    /** How good a legend is that shows the first {@code shown} of {@code entries}: every style shown first, then more entries. */
    static int rank(List<LegendEntry> entries, int shown) {
        boolean everyStyle = entries.subList(shown, entries.size()).stream().allMatch(e -> e.style() == LineStyle.SOLID);
        return (everyStyle ? 1_000_000 : 0) + shown;
    }

    /** The entries with their curves' short labels ("ch 3" for "channel 3"). */
    static List<LegendEntry> compact(List<LegendEntry> entries) {
        List<LegendEntry> out = new ArrayList<>(entries.size());
        for (LegendEntry e : entries) {
            out.add(new LegendEntry(e.shortLabel(), e.color(), e.style(), e.width(), e.shortLabel()));
        }
        return out;
    }

    /**
     * Lays the legend out in centred rows from {@code top} and draws it (unless {@code measureOnly});
     * returns the y below it. shape = {entries shown, rows}.
     */
    static double draw(CurveChart c, GraphicsContext gc, List<LegendEntry> entries, double left, double top,
            double width, int maxRows, int[] shape, boolean measureOnly) {
        double s = c.scale();
        Font f = c.font(CurveChart.TICK_PX, false);
        double lh = c.lineHeight(f);
        double sampleW = 30 * s;
        double sampleGap = 6 * s;
        double itemGap = 20 * s;
        double rowH = lh + 4 * s;

        List<List<Integer>> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        List<Double> widths = new ArrayList<>();
        for (LegendEntry e : entries) {
            String t = c.fit(e.label(), f, width - sampleW - sampleGap);
            texts.add(t);
            widths.add(sampleW + sampleGap + c.textWidth(t, f));
        }
        List<Integer> row = new ArrayList<>();
        double used = 0;
        int shown = 0;
        for (int i = 0; i < entries.size(); i++) {
            double need = (row.isEmpty() ? 0 : itemGap) + widths.get(i);
            if (!row.isEmpty() && used + need > width) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
                need = widths.get(i);
                if (rows.size() == maxRows) {
                    break;
                }
            }
            row.add(i);
            used += need;
            shown++;
        }
        if (!row.isEmpty() && rows.size() < maxRows) {
            rows.add(row);
        }
        String more = null;
        if (shown < entries.size()) {
            List<Integer> last = rows.get(rows.size() - 1);
            while (true) {
                more = ChartWords.current().more(entries.size() - shown);
                double lastW = 0;
                for (int k = 0; k < last.size(); k++) {
                    lastW += (k == 0 ? 0 : itemGap) + widths.get(last.get(k));
                }
                if (last.size() <= 1 || lastW + itemGap + c.textWidth(more, f) <= width) {
                    break;
                }
                last.remove(last.size() - 1);
                shown--;
            }
        }

        shape[0] = shown;
        shape[1] = rows.size();
        if (measureOnly) {
            return top + rows.size() * rowH;
        }
        double y = top;
        for (int r = 0; r < rows.size(); r++) {
            List<Integer> items = rows.get(r);
            boolean lastRow = r == rows.size() - 1;
            double rowW = 0;
            for (int k = 0; k < items.size(); k++) {
                rowW += (k == 0 ? 0 : itemGap) + widths.get(items.get(k));
            }
            if (lastRow && more != null) {
                rowW += itemGap + c.textWidth(more, f);
            }
            double x = left + Math.max(0, (width - rowW) / 2);
            double cy = y + rowH / 2;
            for (int k = 0; k < items.size(); k++) {
                LegendEntry e = entries.get(items.get(k));
                gc.beginPath();
                gc.moveTo(x, Math.round(cy) + 0.5);
                gc.lineTo(x + sampleW, Math.round(cy) + 0.5);
                c.strokeStyled(gc, e.color(), e.style(), c.lineWeight(Math.max(2, Math.min(4, e.width()))), 2);
                c.text(gc, texts.get(items.get(k)), f, c.theme().ink(), x + sampleW + sampleGap, cy - lh / 2, CanvasChart.Align.LEFT);
                x += widths.get(items.get(k)) + itemGap;
            }
            if (lastRow && more != null) {
                c.text(gc, more, f, c.theme().muted(), x, cy - lh / 2, CanvasChart.Align.LEFT);
            }
            y += rowH;
        }
        return y;
    }

    /**
     * The legend beside the plot: entries top to bottom in columns of {@code rows}, each column as
     * wide as its widest entry; draws it from ({@code left}, {@code top}) unless {@code measureOnly}.
     * Returns its width.
     */
    static double side(CurveChart c, GraphicsContext gc, List<LegendEntry> entries, double left, double top, int rows,
            boolean measureOnly) {
        double s = c.scale();
        Font f = c.font(CurveChart.TICK_PX, false);
        double lh = c.lineHeight(f);
        double sampleW = 28 * s; // long enough to show two dashes
        double sampleGap = 6 * s;
        double columnGap = 10 * s;
        double rowH = lh + 4 * s;
        double x = left;
        for (int first = 0; first < entries.size(); first += rows) {
            List<LegendEntry> column = entries.subList(first, Math.min(entries.size(), first + rows));
            if (first > 0) {
                x += columnGap;
            }
            double widest = 0;
            for (LegendEntry e : column) {
                widest = Math.max(widest, c.textWidth(e.label(), f));
            }
            if (!measureOnly) {
                double y = top;
                for (LegendEntry e : column) {
                    double cy = Math.round(y + rowH / 2) + 0.5;
                    gc.beginPath();
                    gc.moveTo(x, cy);
                    gc.lineTo(x + sampleW, cy);
                    c.strokeStyled(gc, e.color(), e.style(), c.lineWeight(Math.max(2, Math.min(4, e.width()))), 2);
                    c.text(gc, e.label(), f, c.theme().ink(), x + sampleW + sampleGap, y + rowH / 2 - lh / 2, CanvasChart.Align.LEFT);
                    y += rowH;
                }
            }
            x += sampleW + sampleGap + widest;
        }
        return x - left;
    }
}
