package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.List;

/** What a chart drew in its last redraw, for the window tests outside this package (call on the FX thread). */
public final class ChartProbe {

    private ChartProbe() {
    }

    /** The texts drawn. */
    public static List<String> texts(CanvasChart chart) {
        return chart.drawnText().stream().map(CanvasChart.TextBox::text).toList();
    }

    /** Pairs of drawn texts whose boxes overlap, as "a / b". */
    public static List<String> overlaps(CanvasChart chart) {
        List<CanvasChart.TextBox> boxes = chart.drawnText().stream().filter(b -> !b.text().isBlank()).toList();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                if (boxes.get(i).overlaps(boxes.get(j))) {
                    out.add(boxes.get(i).text() + " / " + boxes.get(j).text());
                }
            }
        }
        return out;
    }

    /** Whether the curve chart's last redraw listed every legend entry it has (above or beside the plot). */
    public static boolean legendComplete(CurveChart chart) {
        CurveChart.Frame f = chart.lastFrame();
        return f != null && f.legendEntries() == chart.legendEntries().size();
    }

    /** The curve chart's legend entries listed in its last redraw (above or beside the plot). */
    public static int legendEntries(CurveChart chart) {
        CurveChart.Frame f = chart.lastFrame();
        return f == null ? 0 : f.legendEntries();
    }
}
