package org.normscope.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.session.ChannelHistogram;
import org.normscope.session.HistoryView;
import org.normscope.session.SessionSnapshot;
import org.normscope.session.Stat;
import org.normscope.ui.chart.Curve;
import org.normscope.ui.chart.CurveChart;
import org.normscope.ui.chart.HistogramChart;
import org.normscope.ui.chart.HistogramData;
import org.normscope.ui.chart.LineStyle;
import org.normscope.ui.chart.Palette;
import org.normscope.ui.chart.SeriesData;
import org.normscope.ui.viewmodel.ChartsViewModel;

/**
 * The charts: running_mean and running_var against the step (true values dashed, a
 * comparison layer dotted; a heat map past eight channels), and the histograms of the last
 * batch's input and output.
 */
final class ChartsPane extends HBox {

    private static final Color KEY = Color.web("#57606a");

    private final ChartsViewModel model;
    private final CurveChart meanChart = new CurveChart("running_mean", "step", "running_mean");
    private final CurveChart varChart = new CurveChart("running_var", "step", "running_var");
    private final HistogramChart histograms = new HistogramChart();
    private final ComboBox<Integer> histogramChannel = new ComboBox<>();
    private SessionSnapshot shown;
    private double fontScale = 1;
    private int fittingHistograms = -1;

    ChartsPane(ChartsViewModel model, ValidationSupport validation) {
        this.model = model;
        meanChart.setId("mean-chart");
        meanChart.setIntegerXTicks(true);
        varChart.setIntegerXTicks(true);
        varChart.setId("var-chart");
        histograms.setId("histograms");
        Explanations.explain(histogramChannel, "histogram_channel");
        meanChart.setPlaceholder("Press Step (Space) to run the first forward pass");
        varChart.setPlaceholder("Press Step (Space) to run the first forward pass");
        histograms.setPlaceholder("Histograms of x and y: after the first step");
        javafx.scene.control.Tooltip.install(meanChart, Explanations.tooltip("chart_mean"));
        javafx.scene.control.Tooltip.install(varChart, Explanations.tooltip("chart_var"));

        TextField picked = Fields.field(model.picked(), validation, 10, "picked-channels", "picked");
        HBox pickedRow = new HBox(8, new Label("curves for channels"), picked, Fields.error(model.picked()));
        pickedRow.setAlignment(Pos.CENTER_LEFT);
        pickedRow.visibleProperty().bind(model.heatMapProperty());
        pickedRow.managedProperty().bind(pickedRow.visibleProperty());
        model.picked().valueProperty().addListener((o, a, b) -> redraw());

        VBox curves = new VBox(4, pickedRow, meanChart, varChart);
        VBox.setVgrow(meanChart, Priority.ALWAYS);
        VBox.setVgrow(varChart, Priority.ALWAYS);
        meanChart.setMinSize(200, 150);
        varChart.setMinSize(200, 150);

        histogramChannel.setId("histogram-channel");
        histogramChannel.setButtonCell(new ChannelCell());
        histogramChannel.setCellFactory(l -> new ChannelCell());
        histogramChannel.valueProperty().addListener((o, a, c) -> {
            if (c != null) {
                model.histogramChannelProperty().set(c);
            }
        });
        model.histogramChannelProperty().addListener((o, a, c) -> {
            histogramChannel.setValue(c.intValue());
            redraw();
        });
        Label histogramsOf = new Label("histograms of");
        histogramsOf.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox histogramBar = new HBox(8, histogramsOf, histogramChannel);
        histogramBar.setAlignment(Pos.CENTER_LEFT);
        VBox histogramBox = new VBox(4, histogramBar, histograms);
        VBox.setVgrow(histograms, Priority.ALWAYS);
        histograms.setMinSize(200, 200);
        histograms.widthProperty().addListener((o, a, w) -> {
            if (histogramsThatFit() != fittingHistograms) {
                redraw();
            }
        });

        getChildren().addAll(curves, histogramBox);
        HBox.setHgrow(curves, Priority.ALWAYS);
        HBox.setHgrow(histogramBox, Priority.SOMETIMES);
        curves.prefWidthProperty().bind(widthProperty().multiply(0.6));
        histogramBox.prefWidthProperty().bind(widthProperty().multiply(0.4));
        setSpacing(8);
        setPadding(new Insets(6));
    }

    /** Every chart's font scale (Ctrl +/−). */
    void setFontScale(double scale) {
        fontScale = scale;
        meanChart.setFontScale(scale);
        varChart.setFontScale(scale);
        histograms.setFontScale(scale);
        if (histogramsThatFit() != fittingHistograms) {
            redraw();
        }
    }

    CurveChart meanChart() {
        return meanChart;
    }

    CurveChart varChart() {
        return varChart;
    }

    HistogramChart histograms() {
        return histograms;
    }

    /** Draws a new snapshot (called at most once per frame). */
    void show(SessionSnapshot s) {
        shown = s;
        int c = s.channels();
        if (histogramChannel.getItems().size() != c + 1) {
            int chosen = model.histogramChannelProperty().get();
            histogramChannel.getItems().clear();
            histogramChannel.getItems().add(ChartsViewModel.FIRST_CHANNELS);
            for (int i = 0; i < c; i++) {
                histogramChannel.getItems().add(i);
            }
            histogramChannel.setValue(chosen < c ? chosen : ChartsViewModel.FIRST_CHANNELS);
        }
        redraw();
    }

    private void redraw() {
        SessionSnapshot s = shown;
        if (s == null) {
            return;
        }
        boolean tracked = s.layer().trackRunningStats();
        drawStat(meanChart, s, tracked ? Stat.RUNNING_MEAN : Stat.BATCH_MEAN, Stat.TRUE_MEAN, Stat.COMPARE_MEAN,
                tracked ? "running_mean" : "batch mean (no running stats: track_running_stats=False)");
        drawStat(varChart, s, tracked ? Stat.RUNNING_VAR : Stat.BATCH_VAR, Stat.TRUE_VAR, Stat.COMPARE_VAR,
                tracked ? "running_var (unbiased)" : "batch var (biased; no running stats)");
        drawHistograms(s);
    }

    private void drawStat(CurveChart chart, SessionSnapshot s, Stat stat, Stat truth, Stat compare, String title) {
        HistoryView h = s.history();
        boolean heat = s.channels() > ChartsViewModel.MAX_CURVES;
        boolean comparing = s.compareMomentum() != null && s.layer().trackRunningStats();
        int paren = title.indexOf(" (");
        String name = paren < 0 ? title : title.substring(0, paren);
        String note = paren < 0 ? "" : title.substring(paren);
        chart.setTitle(name + (heat ? ", every channel" : " per channel") + note);
        String shortName = stat.label().contains("var") ? "var" : "mean";
        chart.setYLabel(heat ? shortName : stat.label());
        chart.setHeatMapLabel(shortName);
        chart.setRowAxisLabel("channel");
        chart.setHeatMap(heat && h.size() > 0 ? HistorySeries.heatMap(h, stat) : null);
        List<Curve> curves = new ArrayList<>();
        if (h.size() > 0) {
            for (int c : model.curveChannels()) {
                Color color = Palette.channel(c);
                curves.add(new Curve("channel " + c, color, HistorySeries.of(h, stat, c), LineStyle.SOLID, 2.5, true));
                curves.add(new Curve("", color, HistorySeries.of(h, truth, c), LineStyle.DASHED, 1.5, false));
                if (comparing) {
                    curves.add(new Curve("", color, HistorySeries.of(h, compare, c), LineStyle.DOTTED, 2.5, false));
                }
            }
            curves.add(new Curve(truth.label() + " (dashed)", KEY, SeriesData.of(new double[0], new double[0]), LineStyle.DASHED, 1.5, true));
            if (comparing) {
                curves.add(new Curve("momentum=" + s.compareMomentum() + " (dotted)", KEY, SeriesData.of(new double[0], new double[0]),
                        LineStyle.DOTTED, 2.5, true));
            }
        }
        chart.setCurves(curves);
    }

    private void drawHistograms(SessionSnapshot s) {
        if (s.inputHistograms().isEmpty()) {
            histograms.setHistograms(List.of(), List.of());
            return;
        }
        List<HistogramData> inputs = new ArrayList<>();
        List<HistogramData> outputs = new ArrayList<>();
        List<Integer> channels = model.histogramChannels();
        int fit = histogramsThatFit();
        fittingHistograms = fit;
        if (channels.size() > fit) {
            channels = channels.subList(0, fit);
        }
        for (int c : channels) {
            Color color = Palette.channel(c);
            String title = channels.size() > 2 ? "ch " + c : "channel " + c;
            inputs.add(histogram(s.inputHistograms().get(c), title, color,
                    new HistogramData.Marker(s.trueMean()[c], "true mean", LineStyle.DASHED)));
            outputs.add(histogram(s.outputHistograms().get(c), title, color, null));
        }
        histograms.setHistograms(inputs, outputs);
    }

    /** As many small multiples as fit (about 75 px each at the normal text size), up to eight. */
    private int histogramsThatFit() {
        int fit = Math.max(1, (int) (histograms.getWidth() / (75 * fontScale)));
        return Math.min(fit, ChartsViewModel.MAX_CURVES);
    }

    private static HistogramData histogram(ChannelHistogram h, String title, Color color, HistogramData.Marker extra) {
        List<HistogramData.Marker> markers = new ArrayList<>();
        if (h.counts().length == 0) {
            return new HistogramData(title + " (no finite values)", color, 0, 0, new int[0], markers);
        }
        markers.add(new HistogramData.Marker(h.mean(), "mean", LineStyle.SOLID));
        if (extra != null && Double.isFinite(extra.x())) {
            markers.add(extra);
        }
        String suffix = h.nonFinite() > 0 ? " (+" + h.nonFinite() + " NaN/inf)" : "";
        return new HistogramData(title + suffix, color, h.lo(), h.hi(), h.counts(), markers);
    }

    private String firstChannels() {
        int last = Math.min(histogramChannel.getItems().size() - 1, ChartsViewModel.MAX_CURVES) - 1;
        int channels = histogramChannel.getItems().size() - 1;
        if (channels <= 1) {
            return "channel 0";
        }
        return channels <= ChartsViewModel.MAX_CURVES ? "all channels" : "first channels (\u2264 " + (last + 1) + ")";
    }

    private final class ChannelCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null
                    : c == ChartsViewModel.FIRST_CHANNELS ? firstChannels() : "channel " + c);
        }
    }
}
