package org.normscope.ui.chart;

import java.util.List;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;

/** What a chart says instead of a picture: "no data yet", or that its space is too small. */
final class ChartMessages {

    private ChartMessages() {
    }

    /** The {@link ChartWords#tooSmall()} message, wrapped and centred in the given area (smaller text if need be). */
    static void tooSmall(CanvasChart c, GraphicsContext gc, double x, double y, double w, double h) {
        for (double px = CanvasChart.MESSAGE_PX; px >= 8; px -= 2) {
            Font f = c.font(px, false);
            double lh = c.lineHeight(f);
            int maxLines = (int) Math.floor(h / lh);
            if (maxLines < 1) {
                continue;
            }
            List<String> lines = c.wrap(ChartWords.current().tooSmall(), f, w, maxLines);
            if (!String.join(" ", lines).contains("…") || px <= 9) {
                double top = y + (h - lines.size() * lh) / 2;
                for (String line : lines) {
                    c.text(gc, line, f, c.theme().muted(), x + w / 2, top, CanvasChart.Align.CENTER);
                    top += lh;
                }
                return;
            }
        }
    }

    /** {@code message} ("no data yet"), centred in the given area. */
    static void placeholder(CanvasChart c, GraphicsContext gc, String message, double x, double y, double w,
                            double h) {
        Font f = c.font(CanvasChart.MESSAGE_PX, false);
        double lh = c.lineHeight(f);
        // wrapped rather than cut: "Histograms of x and y: after the first…" read as a riddle
        List<String> lines = c.wrap(message, f, w, Math.max(1, Math.min(3, (int) (h / lh))));
        double top = y + h / 2 - lines.size() * lh / 2;
        for (String line : lines) {
            c.text(gc, line, f, c.theme().muted(), x + w / 2, top, CanvasChart.Align.CENTER);
            top += lh;
        }
    }
}
