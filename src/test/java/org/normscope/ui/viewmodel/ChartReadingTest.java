package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.ui.viewmodel.ChartContent.Dash;
import org.normscope.ui.viewmodel.ChartContent.Ink;
import org.normscope.ui.viewmodel.ChartContent.Line;

/**
 * What each chart group shows of a snapshot, decided without a screen: which statistic, the
 * titles, the legend's entries, the channels drawn, the x range, the last batch or over time.
 */
class ChartReadingTest {

    private static Session stepped(Session s, int steps) {
        for (int i = 0; i < steps; i++) {
            s.step();
        }
        return s;
    }

    private static Session preset(String name, int steps) {
        Preset p = PresetLibrary.find(name);
        return stepped(new Session(p.layer(), p.batches(), p.compareMomentum()), steps);
    }

    private static ChartsViewModel showing(Session s) {
        ChartsViewModel charts = new ChartsViewModel();
        charts.setChannels(s.snapshot().channels());
        charts.setSnapshot(s.snapshot());
        return charts;
    }

    private static ChartContent.Group read(ChartsViewModel charts, int group, long from, long to) {
        return charts.reading(group, from, to, 300).get();
    }

    private static List<String> legend(List<Line> lines) {
        return lines.stream().filter(l -> !l.label().isBlank()).map(Line::label).toList();
    }

    @Test
    void trackedStatsAreTheRunningOnesWithTheTruthDashed() {
        ChartsViewModel charts = showing(stepped(new Session(LayerConfig.notebook(), BatchSpec.ones(4), null), 5));
        assertThat(charts.hasSnapshot()).isTrue();
        assertThat(charts.shownStep()).isEqualTo(5);
        assertThat(charts.shownChannels()).isEqualTo(4);
        ChartContent.StatCurves mean = (ChartContent.StatCurves) read(charts, ChartsViewModel.MEAN, 1, 5);
        assertThat(mean.mean()).isTrue();
        assertThat(mean.title()).isEqualTo("running_mean per channel");
        assertThat(mean.yLabel()).isEqualTo("running_mean");
        assertThat(mean.xLabel()).isEqualTo("step");
        assertThat(mean.tipKey()).isEqualTo("chart_mean");
        assertThat(mean.heatMap()).isNull();
        // from the first step on, step 0 is in view: the running stats start there
        assertThat(mean.range()).isEqualTo(new ChartContent.XRange(-0.5, 5.5));
        assertThat(legend(mean.lines())).containsExactly("channel 0", "channel 1", "channel 2", "channel 3",
                "true mean (dashed)");
        Line first = mean.lines().get(0);
        assertThat(first.shortLabel()).isEqualTo("ch 0");
        assertThat(first.ink()).isEqualTo(Ink.CHANNEL);
        assertThat(first.dash()).isEqualTo(Dash.SOLID);
        assertThat(first.data().x(0)).isEqualTo(0.0);
        Line truth = mean.lines().get(1);
        assertThat(truth.channel()).isZero();
        assertThat(truth.dash()).isEqualTo(Dash.DASHED);
        assertThat(truth.label()).isEmpty();
        Line key = mean.lines().get(mean.lines().size() - 1);
        assertThat(key.ink()).isEqualTo(Ink.KEY);
        assertThat(key.shortLabel()).isEqualTo("true mean");
        assertThat(key.data().size()).isZero();

        ChartContent.StatCurves var = (ChartContent.StatCurves) read(charts, ChartsViewModel.VAR, 3, 5);
        assertThat(var.title()).isEqualTo("running_var per channel (unbiased)");
        assertThat(var.tipKey()).isEqualTo("chart_var");
        assertThat(var.range()).isEqualTo(new ChartContent.XRange(2.5, 5.5));
        assertThat(legend(var.lines())).endsWith("true var (dashed)");
    }

    @Test
    void aComparisonLayerIsDottedAndNamedByItsMomentum() {
        Session s = stepped(new Session(LayerConfig.notebook(), BatchSpec.ones(4), Momentum.of(0.5)), 3);
        ChartContent.StatCurves mean = (ChartContent.StatCurves) read(showing(s), ChartsViewModel.MEAN, 1, 3);
        assertThat(mean.lines()).filteredOn(l -> l.dash() == Dash.DOTTED).hasSize(5);
        assertThat(legend(mean.lines())).containsExactly("channel 0", "channel 1", "channel 2", "channel 3",
                "true mean (dashed)", "momentum=0.5 (dotted)");
        assertThat(mean.lines().get(mean.lines().size() - 1).shortLabel()).isEqualTo("momentum=0.5");
    }

    @Test
    void untrackedStatsAreTheBatchOnesWithANote() {
        Session s = stepped(new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 1e-5, Momentum.of(0.1), true,
                false), BatchSpec.ones(4), Momentum.of(0.5)), 2);
        ChartsViewModel charts = showing(s);
        ChartContent.StatCurves mean = (ChartContent.StatCurves) read(charts, ChartsViewModel.MEAN, 1, 2);
        assertThat(mean.title()).isEqualTo("batch mean per channel (no running stats)");
        assertThat(mean.yLabel()).isEqualTo("batch mean");
        // no running stats, so nothing to compare
        assertThat(mean.lines()).noneMatch(l -> l.dash() == Dash.DOTTED);
        ChartContent.StatCurves var = (ChartContent.StatCurves) read(charts, ChartsViewModel.VAR, 1, 2);
        assertThat(var.title()).isEqualTo("batch var per channel (biased; no running stats)");
    }

    @Test
    void pastEightChannelsAHeatMapWithThePickedChannelsAsCurves() {
        Session s = preset("many-channels", 6);
        ChartsViewModel charts = showing(s);
        assertThat(charts.heatMapProperty().get()).isTrue();
        Vm.type(charts.picked(), "2, 9");
        ChartContent.StatCurves var = (ChartContent.StatCurves) read(charts, ChartsViewModel.VAR, 1, 6);
        assertThat(var.title()).isEqualTo("running_var, every channel (unbiased)");
        assertThat(var.yLabel()).isEqualTo("var");
        assertThat(var.heatMapLabel()).isEqualTo("var");
        assertThat(var.rowAxisLabel()).isEqualTo("channel");
        assertThat(var.heatMap().rows()).isEqualTo(s.snapshot().channels());
        assertThat(legend(var.lines())).startsWith("channel 2", "channel 9");
    }

    @Test
    void beforeTheFirstStepNothingIsDrawnAndTheRangeIsAutomatic() {
        ChartsViewModel charts = showing(new Session(LayerConfig.notebook(), BatchSpec.ones(4), null));
        ChartContent.StatCurves mean = (ChartContent.StatCurves) read(charts, ChartsViewModel.MEAN, 1, 1);
        assertThat(mean.lines()).isEmpty();
        assertThat(mean.range().isAuto()).isTrue();
        ChartContent.LastBatch last = (ChartContent.LastBatch) read(charts, ChartsViewModel.SIDE, 1, 1);
        assertThat(last.cells(8).channels()).isEmpty();
    }

    @Test
    void theLastBatchHistogramsOfTheChosenChannelsThatFit() {
        ChartsViewModel charts = showing(preset("many-channels", 3));
        ChartContent.LastBatch last = (ChartContent.LastBatch) read(charts, ChartsViewModel.SIDE, 1, 3);
        ChartContent.Histograms h = last.cells(5);
        assertThat(h.channels()).containsExactly(0, 1, 2, 3, 4);
        assertThat(h.outputTitle()).isEqualTo("output y = BN(x)");
        assertThat(h.inputs()).extracting(ChartContent.Histogram::title).startsWith("ch 0", "ch 1");
        assertThat(h.inputs().get(0).markers()).extracting(ChartContent.Marker::label).contains("mean");
        assertThat(h.outputs()).hasSize(5);
        // one channel chosen: its name in full, read when drawn
        charts.histogramChannelProperty().set(7);
        h = last.cells(5);
        assertThat(h.channels()).containsExactly(7);
        assertThat(h.inputs().get(0).title()).isEqualTo("channel 7");
        assertThat(h.inputs().get(0).channel()).isEqualTo(7);
    }

    @Test
    void overTimeOneChannelsDistributionsOfXAndY() {
        Session s = preset("drifting", 0);
        int steps = (int) (3 * s.history().sampleEvery()); // the distributions are sampled every k steps
        ChartsViewModel charts = showing(stepped(s, steps));
        charts.overTimeProperty().set(true);
        charts.histogramChannelProperty().set(1);
        ChartContent.Distributions d = (ChartContent.Distributions) read(charts, ChartsViewModel.SIDE, 1, steps);
        assertThat(d.title()).isEqualTo("distribution over the steps in view");
        assertThat(d.panels()).extracting(ChartContent.BandPanel::title)
                .containsExactly("x (input), channel 1", "y (output), channel 1");
        assertThat(d.panels()).extracting(ChartContent.BandPanel::input).containsExactly(true, false);
        assertThat(d.panels().get(0).bands().x()).isNotEmpty();
        assertThat(d.range()).isEqualTo(new ChartContent.XRange(-0.5, steps + 0.5));
    }

    @Test
    void withoutRunningStatsWithinASampleTheGroupCharts() {
        ChartsViewModel charts = showing(preset("group-norm-groups", 3));
        ChartContent.GroupDots mean = (ChartContent.GroupDots) read(charts, ChartsViewModel.MEAN, 1, 3);
        assertThat(mean.title()).isEqualTo("Last batch: mean per sample \u00d7 group");
        assertThat(mean.xLabel()).isEqualTo("group g");
        assertThat(mean.yLabel()).isEqualTo("mean");
        assertThat(mean.tipKey()).isEqualTo("chart_groups");
        assertThat(mean.chooser()).isTrue();
        assertThat(legend(mean.lines())).startsWith("sample 0", "sample 1");
        // an unseen line keeps the dots off the plot's edges
        assertThat(mean.lines().get(mean.lines().size() - 1).ink()).isEqualTo(Ink.NONE);
        assertThat(mean.range().lo()).isEqualTo(-0.5);
        ChartContent.GroupDots var = (ChartContent.GroupDots) read(charts, ChartsViewModel.VAR, 1, 3);
        assertThat(var.title()).isEqualTo("Last batch: variance per sample \u00d7 group, biased");
        charts.groupSampleProperty().set(1);
        mean = (ChartContent.GroupDots) read(charts, ChartsViewModel.MEAN, 1, 3);
        assertThat(legend(mean.lines())).containsExactly("sample 1");

        ChartsViewModel before = showing(preset("group-norm-groups", 0));
        ChartContent.NoGroups none = (ChartContent.NoGroups) read(before, ChartsViewModel.MEAN, 1, 1);
        assertThat(none.title()).startsWith("Last batch: mean");
    }

    @Test
    void inTheGroupChartsZoomingDoesNotMoveThroughTime() {
        ChartsViewModel charts = new ChartsViewModel();
        assertThat(charts.movesTime(false)).isTrue();
        charts.setGroupsShown(true);
        assertThat(charts.movesTime(false)).isFalse();
        assertThat(charts.movesTime(true)).isTrue(); // the distributions' x is steps
    }

    @Test
    void theChoosersWords() {
        ChartsViewModel charts = new ChartsViewModel();
        assertThat(ChartsViewModel.channelChoices(3)).containsExactly(ChartsViewModel.FIRST_CHANNELS, 0, 1, 2);
        assertThat(charts.channelChoiceText(ChartsViewModel.FIRST_CHANNELS, 4)).isEqualTo("all channels");
        assertThat(charts.channelChoiceText(ChartsViewModel.FIRST_CHANNELS, 12)).isEqualTo("first channels (\u2264 8)");
        assertThat(charts.channelChoiceText(ChartsViewModel.FIRST_CHANNELS, 1)).isEqualTo("channel 0");
        assertThat(charts.channelChoiceText(2, 4)).isEqualTo("channel 2");
        assertThat(charts.chooserWords().get()).isEqualTo("histograms of");
        charts.overTimeProperty().set(true);
        assertThat(charts.chooserWords().get()).isEqualTo("distribution of");
        // over time one channel is shown: the first channels' entry names it
        assertThat(charts.channelChoiceText(ChartsViewModel.FIRST_CHANNELS, 4)).isEqualTo("channel 0");
        charts.setChannels(4);
        charts.histogramChannelProperty().set(3);
        assertThat(charts.channelChoice(4)).isEqualTo(3);
        assertThat(charts.channelChoice(2)).isEqualTo(ChartsViewModel.FIRST_CHANNELS);
        assertThat(GroupCharts.choices(2)).containsExactly(GroupCharts.FIRST_SAMPLES, 0, 1);
        assertThat(GroupCharts.choiceText(GroupCharts.FIRST_SAMPLES)).isEqualTo("the first samples");
        assertThat(GroupCharts.choiceText(3)).isEqualTo("sample 3");
        assertThat(GroupCharts.choiceText(null)).isEmpty();
        assertThat(GroupCharts.choice(5, 4)).isEqualTo(GroupCharts.FIRST_SAMPLES);
    }

    @Test
    void asManyHistogramsAsFitAboutSeventyFivePixelsEach() {
        assertThat(ChartsViewModel.histogramsThatFit(0, 1)).isEqualTo(1);
        assertThat(ChartsViewModel.histogramsThatFit(300, 1)).isEqualTo(4);
        assertThat(ChartsViewModel.histogramsThatFit(300, 2)).isEqualTo(2);
        assertThat(ChartsViewModel.histogramsThatFit(5000, 1)).isEqualTo(ChartsViewModel.MAX_CURVES);
    }
}
