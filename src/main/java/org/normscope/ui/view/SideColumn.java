package org.normscope.ui.view;

import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.normscope.ui.chart.BandChart;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.chart.HistogramChart;
import org.normscope.ui.chart.HistogramData;
import org.normscope.ui.viewmodel.ChartContent;
import org.normscope.ui.viewmodel.ChartsViewModel;
import org.normscope.ui.viewmodel.ExplainViewModel;
import org.normscope.ui.viewmodel.TimeTravelViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The right column: "last batch", "over time" and "explain" with the channel chooser, then the
 * last batch's histograms, or one channel's distributions over time, or the Explain pane; and
 * the table of values at the cursor's step. A thin view of {@link ChartsViewModel}.
 */
final class SideColumn extends VBox {

    private final ChartsViewModel model;
    private final HistogramChart histograms = new HistogramChart();
    private final BandChart bands = new BandChart();
    private final ToggleButton lastBatch = new ToggleButton(UiText.get("charts.last.batch"));
    private final ToggleButton overTime = new ToggleButton(UiText.get("charts.over.time"));
    private final ToggleButton explaining = new ToggleButton(UiText.get("explain.toggle"));
    private final ComboBox<Integer> histogramChannel = new ComboBox<>();
    private final ReadoutTable readoutBox;
    private String firstChannelsShown = "";
    private double fontScale = 1;
    private int fittingHistograms = -1;
    /** The channel of each histogram cell drawn, in order. */
    private List<Integer> histogramCells = List.of();

    /**
     * @param compact the compact layout: the table of values leaves this column
     * @param redraw redraws the charts (after a choice here, or when the histograms that fit change)
     */
    SideColumn(ChartsViewModel model, TimeTravelViewModel time, ExplainViewModel explain, ObservableDoubleValue fontSize,
               BooleanProperty compact, Runnable redraw) {
        super(4);
        this.model = model;
        histograms.setId("histograms");
        Explanations.explain(histogramChannel, "histogram_channel");
        histograms.setPlaceholder(UiText.get("charts.placeholder.histograms"));
        histograms.inputTitleProperty().set(UiText.get("charts.histogram.input"));
        histograms.outputTitleProperty().set(UiText.get("charts.histogram.output"));
        bands.setId("bands");
        bands.setIntegerXTicks(true);
        bands.setXLabel(UiText.get("charts.step"));
        bands.setPlaceholder(UiText.get("charts.placeholder.bands"));

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
            redraw.run();
        });
        Label histogramsOf = new Label();
        histogramsOf.textProperty().bind(model.chooserWords());
        histogramsOf.setMinWidth(Region.USE_PREF_SIZE);
        ToggleGroup view = new ToggleGroup();
        lastBatch.setToggleGroup(view);
        overTime.setToggleGroup(view);
        lastBatch.setId("show-last-batch");
        overTime.setId("show-over-time");
        lastBatch.setTooltip(new Tooltip(UiText.get("charts.last.batch.tip")));
        overTime.setTooltip(new Tooltip(UiText.get("charts.over.time.tip")));
        (model.overTimeProperty().get() ? overTime : lastBatch).setSelected(true);
        view.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one of the two is always chosen
                return;
            }
            if (b != explaining) {
                model.overTimeProperty().set(b == overTime);
            }
        });
        model.overTimeProperty().addListener((o, a, b) -> redraw.run());
        histograms.managedProperty().bind(histograms.visibleProperty());
        bands.managedProperty().bind(bands.visibleProperty());
        lastBatch.setMinWidth(Region.USE_PREF_SIZE);
        overTime.setMinWidth(Region.USE_PREF_SIZE);
        explaining.setId("show-explain");
        explaining.setTooltip(new Tooltip(UiText.get("explain.toggle.tip")));
        explaining.setMinWidth(Region.USE_PREF_SIZE);
        HBox views = new HBox(0, lastBatch, overTime, explaining);
        views.getStyleClass().add("view-switch");
        // a flow: where the column is narrow the chooser goes on a second row, whole, rather than "a…"
        HBox chooser = new HBox(8, histogramsOf, histogramChannel);
        chooser.setAlignment(Pos.CENTER_LEFT);
        chooser.visibleProperty().bind(explaining.selectedProperty().not());
        chooser.managedProperty().bind(chooser.visibleProperty());
        FlowPane histogramBar = new FlowPane(8, 4, views, chooser);
        histogramBar.setAlignment(Pos.CENTER_LEFT);
        histogramChannel.setMinWidth(Region.USE_PREF_SIZE);
        ExplainPane explainPane = new ExplainPane(explain, fontSize);
        readoutBox = new ReadoutTable(time);
        getChildren().setAll(histogramBar, histograms, bands, explainPane, readoutBox);
        VBox.setVgrow(explainPane, Priority.ALWAYS);
        explaining.setToggleGroup(view);
        explaining.selectedProperty().addListener((o, a, on) -> explain.setShown(on));
        // a click on a bar explains one of its values, in the Explain pane
        histograms.setOnBarPicked((cell, output, lo, hi) -> {
            if (cell < histogramCells.size()) {
                explain.pickBar(histogramCells.get(cell), output, lo, hi);
                explaining.setSelected(true);
            }
        });
        // the Explain pane takes the place of the histograms, the distributions and the table
        // compact (presenting, a short window), the table of values gives its height to the histograms
        // and the window shows it in a tab beside the console
        readoutBox.visibleProperty().bind(explaining.selectedProperty().not().or(compact));
        readoutBox.managedProperty().bind(readoutBox.visibleProperty());
        explainPane.visibleProperty().bind(explaining.selectedProperty());
        explainPane.managedProperty().bind(explainPane.visibleProperty());
        histograms.visibleProperty().bind(explaining.selectedProperty().not().and(model.overTimeProperty().not()));
        bands.visibleProperty().bind(explaining.selectedProperty().not().and(model.overTimeProperty()));
        VBox.setVgrow(histograms, Priority.ALWAYS);
        VBox.setVgrow(bands, Priority.ALWAYS);
        // small minimums, so that on a short window the console's buttons and the status bar stay on screen
        histograms.setMinSize(200, 120);
        bands.setMinSize(200, 120);
        histograms.widthProperty().addListener((o, a, w) -> {
            if (histogramsThatFit() != fittingHistograms) {
                redraw.run();
            }
        });
        histogramBar.prefWrapLengthProperty().bind(widthProperty());
        compact.addListener((o, a, on) -> {
            if (on) {
                getChildren().remove(readoutBox);
            }
        });
    }

    HistogramChart histograms() {
        return histograms;
    }

    BandChart bands() {
        return bands;
    }

    /** The table of values at the cursor's step. */
    ReadoutTable readoutBox() {
        return readoutBox;
    }

    /** Puts the table of values back at the bottom (the window no longer shows it elsewhere). */
    void restoreReadout() {
        if (!getChildren().contains(readoutBox)) {
            getChildren().add(readoutBox);
        }
    }

    /** Shows the Explain pane in place of the histograms. */
    void showExplain() {
        explaining.setSelected(true);
    }

    /** Follows a snapshot of {@code c} channels: the chooser offers each. */
    void setChannels(int c) {
        if (histogramChannel.getItems().size() != c + 1) {
            int chosen = model.channelChoice(c);
            histogramChannel.getItems().clear();
            for (int choice : ChartsViewModel.channelChoices(c)) {
                histogramChannel.getItems().add(choice);
            }
            histogramChannel.setValue(chosen);
        }
    }

    /** The charts are about to be drawn again: the chooser's "first channels" entry names what is shown. */
    void redrawing() {
        String first = firstChannels();
        if (!first.equals(firstChannelsShown)) {
            firstChannelsShown = first;
            histogramChannel.setButtonCell(new ChannelCell());
        }
    }

    /** What puts {@code content} (the distributions or the last batch) on its chart (run on the FX thread). */
    Runnable shower(ChartContent.Group content, ChartTheme theme) {
        if (content instanceof ChartContent.Distributions d) {
            List<BandChart.Panel> panels = new java.util.ArrayList<>();
            for (ChartContent.BandPanel p : d.panels()) {
                panels.add(new BandChart.Panel(p.title(),
                        theme.channel(p.input() ? BandChart.INPUT_CHANNEL : BandChart.OUTPUT_CHANNEL),
                        ChartData.bands(p.bands())));
            }
            return () -> {
                ChartData.setRange(bands, d.range());
                bands.setTitle(d.title());
                bands.setPanels(panels);
            };
        }
        ChartContent.LastBatch last = (ChartContent.LastBatch) content;
        return () -> {
            ChartData.setRange(bands, last.range());
            int fit = histogramsThatFit();
            ChartContent.Histograms h = last.cells(fit);
            histograms.outputTitleProperty().set(h.outputTitle());
            if (h.channels().isEmpty()) {
                histograms.setHistograms(List.of(), List.of());
                return;
            }
            fittingHistograms = fit;
            List<HistogramData> inputs = ChartData.histograms(h.inputs(), theme);
            List<HistogramData> outputs = ChartData.histograms(h.outputs(), theme);
            histogramCells = h.channels();
            histograms.setHistograms(inputs, outputs);
        };
    }

    void setChartTheme(ChartTheme theme) {
        histograms.chartThemeProperty().set(theme);
        bands.chartThemeProperty().set(theme);
    }

    /** Sets the font scale; returns whether the histograms that fit changed (then the charts are drawn again). */
    boolean setFontScale(double scale) {
        fontScale = scale;
        histograms.setFontScale(scale);
        bands.setFontScale(scale);
        readoutBox.setFontScale(scale);
        return histogramsThatFit() != fittingHistograms;
    }

    private int histogramsThatFit() {
        return ChartsViewModel.histogramsThatFit(histograms.getWidth(), fontScale);
    }

    private String firstChannels() {
        return model.channelChoiceText(ChartsViewModel.FIRST_CHANNELS, histogramChannel.getItems().size() - 1);
    }

    private final class ChannelCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : model.channelChoiceText(c, histogramChannel.getItems().size() - 1));
        }
    }
}
