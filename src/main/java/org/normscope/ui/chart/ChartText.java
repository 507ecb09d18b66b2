package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * A chart's texts: its fonts, the widths and line heights of its texts, texts fit or wrapped
 * into a width, and texts drawn kept inside the canvas. Measuring lays a text out, which costs more than drawing it; a chart
 * redrawn every frame measures the same tick labels again and again, so fonts, widths and line
 * heights are remembered (the widths are forgotten when there are many).
 */
final class ChartText {

    private static final int MAX_CACHED_WIDTHS = 4096;

    /** The family of the charts' texts: null for JavaFX's default (a Chinese window sets a CJK family). */
    private static volatile String textFamily;

    private final Text measurer = new Text();
    private final Map<String, Font> fonts = new HashMap<>();
    private final Map<Measured, Double> widths = new HashMap<>();
    private final Map<Font, Double> lineHeights = new HashMap<>();

    private record Measured(String text, Font font) {
    }

    ChartText() {
        measurer.setTextAlignment(TextAlignment.LEFT);
    }

    /** Makes the charts built after this draw their texts in {@code family} (null: the default font). */
    static void setTextFamily(String family) {
        textFamily = family;
    }

    /** The font of {@code size} px, bold or not, in the charts' family. */
    Font font(double size, boolean bold) {
        String key = (bold ? "b" : "n") + size;
        String family = textFamily;
        return fonts.computeIfAbsent(key, k -> Font.font(family == null ? Font.getDefault().getFamily() : family,
                bold ? FontWeight.BOLD : FontWeight.NORMAL, size));
    }

    /** The width of {@code s} in {@code f}, whole pixels. */
    double width(String s, Font f) {
        if (widths.size() > MAX_CACHED_WIDTHS) {
            widths.clear();
        }
        return widths.computeIfAbsent(new Measured(s, f), m -> {
            measurer.setFont(f);
            measurer.setText(s);
            return Math.ceil(measurer.getLayoutBounds().getWidth());
        });
    }

    /** The height of a line of {@code f}, whole pixels. */
    double lineHeight(Font f) {
        return lineHeights.computeIfAbsent(f, font -> {
            measurer.setFont(font);
            measurer.setText("Ag");
            return Math.ceil(measurer.getLayoutBounds().getHeight());
        });
    }

    /** {@code s}, or its longest prefix plus "…" that fits in {@code maxWidth} (possibly just "…" or ""). */
    String fit(String s, Font f, double maxWidth) {
        if (s == null || s.isEmpty() || width(s, f) <= maxWidth) {
            return s == null ? "" : s;
        }
        int lo = 0;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (width(s.substring(0, mid) + "…", f) <= maxWidth) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == 0) {
            return width("…", f) <= maxWidth ? "…" : "";
        }
        return s.substring(0, lo).stripTrailing() + "…";
    }

    /** Whether wrapped lines end cut short (with an ellipsis). */
    static boolean isCut(List<String> lines) {
        return !lines.isEmpty() && lines.get(lines.size() - 1).endsWith("\u2026");
    }

    /**
     * {@code s} in at most {@code maxLines} lines of at most {@code maxWidth} each, broken at
     * spaces (greedily); what does not fit ends the last line with "…".
     */
    List<String> wrap(String s, Font f, double maxWidth, int maxLines) {
        List<String> lines = new ArrayList<>();
        if (s == null || s.isBlank()) {
            return lines;
        }
        String rest = s.strip();
        while (!rest.isEmpty()) {
            if (lines.size() == maxLines - 1 || width(rest, f) <= maxWidth) {
                lines.add(fit(rest, f, maxWidth));
                break;
            }
            int cut = -1;
            for (int i = rest.indexOf(' '); i > 0; i = rest.indexOf(' ', i + 1)) {
                if (width(rest.substring(0, i), f) <= maxWidth) {
                    cut = i;
                } else {
                    break;
                }
            }
            if (cut < 0) {
                lines.add(fit(rest, f, maxWidth));
                break;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut + 1).strip();
        }
        return lines;
    }

    /**
     * Draws {@code s} with its top at {@code y}, its left edge, centre or right edge at
     * {@code x}, shifted as needed to stay inside a canvas of {@code cw × ch}; returns its box.
     */
    CanvasChart.TextBox fill(GraphicsContext gc, String s, Font f, Color c, double x, double y,
                             CanvasChart.Align align, double cw, double ch) {
        double tw = width(s, f);
        double th = lineHeight(f);
        double left = switch (align) {
            case LEFT -> x;
            case CENTER -> x - tw / 2;
            case RIGHT -> x - tw;
        };
        left = Math.max(0, Math.min(cw - tw, left));
        double topY = Math.max(0, Math.min(ch - th, y));
        gc.setFont(f);
        gc.setFill(c);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(s, left, topY);
        return new CanvasChart.TextBox(s, left, topY, tw, th);
    }

    /**
     * Draws {@code s} rotated a quarter turn anticlockwise (read bottom to top), centred at
     * {@code (cx, cy)} and kept inside a canvas of {@code cw × ch}; returns its box.
     */
    CanvasChart.TextBox fillVertical(GraphicsContext gc, String s, Font f, Color c, double cx, double cy,
                                     double cw, double ch) {
        double tw = width(s, f);
        double th = lineHeight(f);
        double left = Math.max(0, Math.min(cw - th, cx - th / 2));
        double topY = Math.max(0, Math.min(ch - tw, cy - tw / 2));
        gc.save();
        gc.translate(left, topY + tw);
        gc.rotate(-90);
        gc.setFont(f);
        gc.setFill(c);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(s, 0, 0);
        gc.restore();
        return new CanvasChart.TextBox(s, left, topY, th, tw);
    }
}
