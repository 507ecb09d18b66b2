package org.normscope.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.paint.Color;
import org.normscope.ui.chart.BandData;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.chart.Curve;
import org.normscope.ui.chart.HeatMapData;
import org.normscope.ui.chart.HistogramData;
import org.normscope.ui.chart.LineStyle;
import org.normscope.ui.chart.SeriesData;
import org.normscope.ui.chart.XAxisChart;
import org.normscope.ui.viewmodel.ChartContent;

/**
 * A view model's {@link ChartContent} in the chart package's types, coloured by a theme: a
 * conversion over the same arrays (nothing copied) that may run on any thread; and a range put
 * on a chart (on the FX thread).
 */
final class ChartData {

    private ChartData() {
    }

    static LineStyle style(ChartContent.Dash dash) {
        return switch (dash) {
            case SOLID -> LineStyle.SOLID;
            case DASHED -> LineStyle.DASHED;
            case DOTTED -> LineStyle.DOTTED;
        };
    }

    static Color color(ChartContent.Ink ink, int channel, ChartTheme theme) {
        return switch (ink) {
            case CHANNEL -> theme.channel(channel);
            case KEY -> theme.muted();
            case NONE -> Color.TRANSPARENT;
        };
    }

    static List<Curve> curves(List<ChartContent.Line> lines, ChartTheme theme) {
        List<Curve> curves = new ArrayList<>(lines.size());
        for (ChartContent.Line l : lines) {
            curves.add(new Curve(l.label(), color(l.ink(), l.channel(), theme), SeriesData.of(l.data().x(), l.data().y()),
                    style(l.dash()), l.width(), l.inLegend(), l.shortLabel()));
        }
        return curves;
    }

    /** The grid as a heat map (rows labelled by their index); null for none. */
    static HeatMapData heatMap(ChartContent.Grid grid) {
        return grid == null ? null : HeatMapData.of(grid.x(), grid.cells());
    }

    /** The bands; null for none. */
    static BandData bands(ChartContent.Bands bands) {
        return bands == null ? null : BandData.of(bands.x(), bands.levels(), bands.values());
    }

    static List<HistogramData> histograms(List<ChartContent.Histogram> histograms, ChartTheme theme) {
        List<HistogramData> out = new ArrayList<>(histograms.size());
        for (ChartContent.Histogram h : histograms) {
            List<HistogramData.Marker> markers = new ArrayList<>(h.markers().size());
            for (ChartContent.Marker m : h.markers()) {
                markers.add(new HistogramData.Marker(m.x(), m.label(), style(m.dash())));
            }
            out.add(new HistogramData(h.title(), theme.channel(h.channel()), h.lo(), h.hi(), h.counts(), markers));
        }
        return out;
    }

    /** Sets {@code chart}'s x range, or the automatic one. */
    static void setRange(XAxisChart chart, ChartContent.XRange range) {
        if (range.isAuto()) {
            chart.setAutoXRange();
        } else {
            chart.setXRange(range.lo(), range.hi());
        }
    }
}
