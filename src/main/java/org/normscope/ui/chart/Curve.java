package org.normscope.ui.chart;

import java.util.Objects;
import javafx.scene.paint.Color;

/**
 * One line of a {@link CurveChart}.
 *
 * @param label        legend text (blank: never in the legend)
 * @param color        stroke colour, usually {@link Palette#channel(int)}
 * @param data         the points (x increasing, NaN y is a gap)
 * @param style        solid, dashed or dotted
 * @param width        stroke width in pixels (at font scale 1; not scaled)
 * @param showInLegend whether the curve is listed when the legend has to be cut down: with
 *                     more than {@link CurveChart#FULL_LEGEND_LIMIT} entries only these are shown
 * @param shortLabel   the legend text where the full one does not fit ("ch 3" for "channel 3")
 */
public record Curve(String label, Color color, SeriesData data, LineStyle style, double width, boolean showInLegend,
                    String shortLabel) {

    public Curve {
        Objects.requireNonNull(color, "color");
        Objects.requireNonNull(data, "data");
        label = label == null ? "" : label;
        shortLabel = shortLabel == null || shortLabel.isBlank() ? label : shortLabel;
        style = style == null ? LineStyle.SOLID : style;
        if (!(width > 0) || !Double.isFinite(width)) {
            width = 2;
        }
    }

    /** A curve whose legend text has no shorter form. */
    public Curve(String label, Color color, SeriesData data, LineStyle style, double width, boolean showInLegend) {
        this(label, color, data, style, width, showInLegend, label);
    }

    /** A solid 2.5 px line shown in the legend. */
    public static Curve solid(String label, Color color, SeriesData data) {
        return new Curve(label, color, data, LineStyle.SOLID, 2.5, true);
    }

    /** A dashed 2 px line (a reference) shown in the legend only while the legend is short. */
    public static Curve dashed(String label, Color color, SeriesData data) {
        return new Curve(label, color, data, LineStyle.DASHED, 2, false);
    }
}
