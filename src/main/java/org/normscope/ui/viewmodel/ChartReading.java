package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.normscope.session.ChannelHistogram;
import org.normscope.session.SessionHistory;
import org.normscope.session.SessionSnapshot;
import org.normscope.session.Stat;
import org.normscope.ui.viewmodel.ChartContent.Dash;
import org.normscope.ui.viewmodel.ChartContent.Ink;
import org.normscope.ui.viewmodel.ChartContent.Line;
import org.normscope.ui.viewmodel.ChartContent.Points;
import org.normscope.ui.viewmodel.ChartContent.XRange;

/**
 * What each chart group shows of a snapshot and its history, with the choices of
 * {@link ChartsViewModel} taken when the reading was asked for. Which statistic: the running
 * stats where the layer tracks them, else the batch's (with a note in the title); the group
 * charts for a layer without running stats that normalizes within a sample. It touches no node
 * and no property: {@link #read()} may run on any thread.
 */
final class ChartReading {

    /** Columns to ask the history for before the charts have a width. */
    static final int DEFAULT_COLUMNS = 800;

    private final int group;
    private final SessionSnapshot s;
    private final long from;
    private final long to;
    private final int columns;
    private final boolean overTime;
    private final List<Integer> curveChannels;
    private final int distributionChannel;
    private final int groupSample;
    private final ChartsViewModel model;

    /** Group {@code group} of {@code s} over steps {@code from..to} in {@code columns} pixel columns, as {@code model} chooses now. */
    ChartReading(int group, SessionSnapshot s, long from, long to, int columns, ChartsViewModel model) {
        this.group = group;
        this.s = s;
        this.from = from;
        this.to = to;
        this.columns = columns;
        this.model = model;
        this.overTime = model.overTimeProperty().get();
        this.curveChannels = List.copyOf(model.curveChannels());
        this.distributionChannel = model.distributionChannel();
        this.groupSample = model.groupSampleProperty().get();
    }

    ChartContent.Group read() {
        HistorySeries data = HistorySeries.of(s.history(), from, Math.min(to, s.step()),
                columns > 0 ? columns : DEFAULT_COLUMNS);
        // from the first step on, the range shows step 0 too: the running stats' curves start there
        long left = from <= 1 ? 0 : from;
        XRange range = s.step() > 0 ? new XRange(left - 0.5, Math.max(to, from + 1) + 0.5) : XRange.AUTO;
        boolean tracked = s.layer().trackRunningStats();
        boolean groups = !tracked && !s.layer().kind().isBatchNorm();
        if (groups && group <= ChartsViewModel.VAR) {
            return groupDots(group == ChartsViewModel.MEAN);
        }
        if (group == ChartsViewModel.MEAN) {
            return stat(true, range, data, tracked ? Stat.RUNNING_MEAN : Stat.BATCH_MEAN, Stat.TRUE_MEAN,
                    Stat.COMPARE_MEAN, tracked ? null : "charts.note.no.stats");
        } else if (group == ChartsViewModel.VAR) {
            return stat(false, range, data, tracked ? Stat.RUNNING_VAR : Stat.BATCH_VAR, Stat.TRUE_VAR,
                    Stat.COMPARE_VAR, tracked ? "charts.note.unbiased" : "charts.note.biased.no.stats");
        } else if (overTime) {
            return distributions(range, data);
        }
        return new ChartContent.LastBatch(range, this::histograms);
    }

    private ChartContent.Group stat(boolean mean, XRange range, HistorySeries h, Stat stat, Stat truth, Stat compare,
                                    String noteKey) {
        boolean any = s.step() > 0;
        boolean heat = s.channels() > ChartsViewModel.MAX_CURVES;
        boolean comparing = s.compareMomentum() != null && s.layer().trackRunningStats();
        String name = statLabel(stat);
        String title = noteKey == null
                ? UiText.get(heat ? "charts.title.every" : "charts.title.per", name)
                : UiText.get(heat ? "charts.title.every.note" : "charts.title.per.note", name, UiText.get(noteKey));
        String shortName = UiText.get(stat.label().contains("var") ? "charts.var" : "charts.mean");
        List<Line> lines = new ArrayList<>();
        if (any) {
            for (int c : curveChannels) {
                lines.add(new Line(UiText.get("charts.channel", Integer.toString(c)),
                        UiText.get("charts.ch", Integer.toString(c)), Ink.CHANNEL, c, h.series(stat, c), Dash.SOLID,
                        2.5, true));
                lines.add(new Line("", "", Ink.CHANNEL, c, h.series(truth, c), Dash.DASHED, 1.5, false));
                if (comparing) {
                    lines.add(new Line("", "", Ink.CHANNEL, c, h.series(compare, c), Dash.DOTTED, 2.5, false));
                }
            }
            // short labels (where the legend is tight) leave out "(dashed)": the line sample beside them shows it
            lines.add(new Line(UiText.get("charts.dashed", statLabel(truth)), statLabel(truth), Ink.KEY, -1,
                    Points.none(), Dash.DASHED, 1.5, true));
            if (comparing) {
                String other = UiText.get("charts.compare.short", String.valueOf(s.compareMomentum()));
                lines.add(new Line(UiText.get("charts.dotted", String.valueOf(s.compareMomentum())), other, Ink.KEY,
                        -1, Points.none(), Dash.DOTTED, 2.5, true));
            }
        }
        return new ChartContent.StatCurves(mean, range, mean ? "chart_mean" : "chart_var", title,
                UiText.get("charts.step"), heat ? shortName : statLabel(stat), shortName,
                UiText.get("charts.row.channel"), heat && any ? h.heatMap(stat) : null, lines);
    }

    /** The last batch's group statistics (see {@link GroupCharts}). */
    private ChartContent.Group groupDots(boolean mean) {
        if (s.groups() == null || s.step() < 1) {
            return new ChartContent.NoGroups(mean,
                    UiText.get(mean ? "groups.title.mean" : "groups.title.var", s.layer().kind()));
        }
        GroupCharts.Shown shown = GroupCharts.of(s.groups(), groupSample);
        List<Line> lines = new ArrayList<>();
        for (GroupCharts.Series g : shown.series()) {
            lines.add(new Line(g.label(), g.shortLabel(), Ink.CHANNEL, g.sample(),
                    new Points(g.x(), mean ? g.mean() : g.var()), Dash.SOLID, 5, true));
        }
        double[] xs = shown.series().isEmpty() ? new double[] {1} : shown.series().get(0).x();
        double maxX = xs[xs.length - 1];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (GroupCharts.Series g : shown.series()) {
            for (double v : mean ? g.mean() : g.var()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo <= hi) {
            // an unseen line a little beyond the dots: a dot on the top or bottom value is not cut in half
            double pad = Math.max(hi - lo, Math.abs(hi) * 1e-3 + 1e-6) * 0.08;
            lines.add(new Line("", "", Ink.NONE, -1, new Points(new double[] {0, 0.25}, new double[] {lo - pad, hi + pad}),
                    Dash.SOLID, 0.5, false));
        }
        return new ChartContent.GroupDots(mean, new XRange(-0.5, Math.max(maxX, 1) + 0.5), "chart_groups",
                mean ? shown.meanTitle() : shown.varTitle(), shown.xLabel(),
                UiText.get(mean ? "charts.mean" : "charts.var"), lines, shown.samples(), shown.chooser());
    }

    private ChartContent.Group distributions(XRange range, HistorySeries h) {
        int c = Math.min(distributionChannel, s.channels() - 1);
        List<ChartContent.BandPanel> panels = new ArrayList<>();
        if (s.step() > 0) {
            panels.add(new ChartContent.BandPanel(UiText.get("charts.band.input", Integer.toString(c)), true,
                    h.bands(c, SessionHistory.Side.INPUT)));
            panels.add(new ChartContent.BandPanel(UiText.get("charts.band.output", Integer.toString(c)), false,
                    h.bands(c, SessionHistory.Side.OUTPUT)));
        }
        return new ChartContent.Distributions(range, UiText.get("charts.bands.title"), panels);
    }

    /** The last batch's histograms of the channels chosen now, the first {@code fit} of them. */
    private ChartContent.Histograms histograms(int fit) {
        String outputTitle = s.layer().kind().isBatchNorm() ? UiText.get("charts.histogram.output")
                : UiText.get("charts.histogram.output.kind", s.layer().kind().torchName());
        List<ChartContent.Histogram> inputs = new ArrayList<>();
        List<ChartContent.Histogram> outputs = new ArrayList<>();
        if (s.inputHistograms().isEmpty()) {
            return new ChartContent.Histograms(outputTitle, List.of(), inputs, outputs);
        }
        List<Integer> channels = model.histogramChannels();
        if (channels.size() > fit) {
            channels = channels.subList(0, fit);
        }
        for (int c : channels) {
            String title = UiText.get(channels.size() > 2 ? "charts.ch" : "charts.channel", Integer.toString(c));
            inputs.add(histogram(s.inputHistograms().get(c), title, c,
                    new ChartContent.Marker(s.trueMean()[c], statLabel(Stat.TRUE_MEAN), Dash.DASHED)));
            outputs.add(histogram(s.outputHistograms().get(c), title, c, null));
        }
        return new ChartContent.Histograms(outputTitle, List.copyOf(channels), inputs, outputs);
    }

    private static ChartContent.Histogram histogram(ChannelHistogram h, String title, int channel,
                                                    ChartContent.Marker extra) {
        List<ChartContent.Marker> markers = new ArrayList<>();
        if (h.counts().length == 0) {
            return new ChartContent.Histogram(UiText.get("charts.no.finite", title), channel, 0, 0, new int[0],
                    markers);
        }
        markers.add(new ChartContent.Marker(h.mean(), UiText.get("charts.mean"), Dash.SOLID));
        if (extra != null && Double.isFinite(extra.x())) {
            markers.add(extra);
        }
        String shown = h.nonFinite() > 0 ? UiText.get("charts.non.finite", title, Long.toString(h.nonFinite())) : title;
        return new ChartContent.Histogram(shown, channel, h.lo(), h.hi(), h.counts(), markers);
    }

    /** A statistic's name in the current language (PyTorch's running_mean and running_var stay as they are). */
    static String statLabel(Stat stat) {
        return UiText.get("charts.stat." + stat.name().toLowerCase(Locale.ROOT));
    }
}
