package org.normscope.ui.view;

import org.normscope.ui.viewmodel.UiText;

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
import org.normscope.session.SessionHistory;
import org.normscope.session.SessionSnapshot;
import org.normscope.session.Stat;
import javafx.scene.control.Button;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.normscope.ui.chart.BandChart;
import org.normscope.ui.chart.Curve;
import org.normscope.ui.chart.XAxisChart;
import org.normscope.ui.chart.CurveChart;
import org.normscope.ui.chart.HistogramChart;
import org.normscope.ui.chart.HeatMapData;
import org.normscope.ui.chart.HistogramData;
import org.normscope.ui.chart.LineStyle;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.chart.SeriesData;
import org.normscope.ui.viewmodel.ChartsViewModel;
import org.normscope.ui.viewmodel.GroupCharts;
import org.normscope.ui.viewmodel.TimeTravelViewModel;

/**
 * The charts: running_mean and running_var against the step (true values dashed, a
 * comparison layer dotted; a heat map past eight channels), and the histograms of the last
 * batch's input and output.
 */
final class ChartsPane extends HBox {

    /** The charts' colours and stroke weights (read where the curves are built, maybe off the FX thread). */
    private volatile ChartTheme chartTheme = ChartTheme.LIGHT;
    /** Columns to ask the history for before the charts have a width. */
    private static final int DEFAULT_COLUMNS = 800;

    private final ChartsViewModel model;
    private final CurveChart meanChart = new CurveChart("running_mean", UiText.get("charts.step"), "running_mean");
    private final CurveChart varChart = new CurveChart("running_var", UiText.get("charts.step"), "running_var");
    private final HistogramChart histograms = new HistogramChart();
    private final BandChart bands = new BandChart();
    private final TimeTravelViewModel time;
    private final Slider slider = new Slider(1, 1, 1);
    private final ToggleButton follow = new ToggleButton(UiText.get("charts.follow"));
    private final Button whole = new Button(UiText.get("charts.whole"));
    private final Button printAgain = new Button(UiText.get("charts.print"));
    private final Label rangeLabel = new Label();
    private final ToggleButton lastBatch = new ToggleButton(UiText.get("charts.last.batch"));
    private final ToggleButton overTime = new ToggleButton(UiText.get("charts.over.time"));
    /** Presentation mode: fewer, larger things (the table of values folds away). */
    private final javafx.beans.property.BooleanProperty compact = new javafx.beans.property.SimpleBooleanProperty();
    private final ToggleButton explaining = new ToggleButton(UiText.get("explain.toggle"));
    private boolean syncingSlider;
    private static final int MEAN = 0;
    private static final int VAR = 1;
    private final boolean[] stale = new boolean[3];
    private int nextGroup;
    private final ComboBox<Integer> histogramChannel = new ComboBox<>();
    private final ComboBox<Integer> groupSample = new ComboBox<>();
    private final javafx.scene.control.Tooltip meanTip = Explanations.tooltip("chart_mean");
    private final javafx.scene.control.Tooltip varTip = Explanations.tooltip("chart_var");
    private final HBox groupRow = new HBox(8, new Label(UiText.get("groups.chooser")), groupSample);
    /** Whether the two charts show the last batch's groups (no running stats, a within-sample layer), not steps. */
    private volatile boolean groupMode;
    private SessionSnapshot shown;
    /** Frames to come that draw no chart (see {@link #frame()}). */
    private int restFrames;
    /** Whether the groups of the snapshot shown are drawn every other frame (see {@link #frame()}). */
    private boolean spaced;
    /** The next group's data, being read off the FX thread; null if none (see {@link #frame()}). */
    private java.util.concurrent.Future<Runnable> prepared;
    private int preparedGroup = -1;
    /** Reads the history for the charts while playing flat out, so that the FX thread does not. */
    private static final java.util.concurrent.ExecutorService READER = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "normscope-chart-reader");
                t.setDaemon(true);
                return t;
            });
    private String firstChannelsShown = "";
    private double fontScale = 1;
    private int fittingHistograms = -1;
    /** The channel of each histogram cell drawn, in order. */
    private List<Integer> histogramCells = List.of();

    ChartsPane(ChartsViewModel model, TimeTravelViewModel time, Runnable printCursorStep, ValidationSupport validation,
               org.normscope.ui.viewmodel.ExplainViewModel explain, javafx.beans.value.ObservableDoubleValue fontSize) {
        this.model = model;
        this.time = time;
        meanChart.setId("mean-chart");
        meanChart.setIntegerXTicks(true);
        varChart.setIntegerXTicks(true);
        varChart.setId("var-chart");
        histograms.setId("histograms");
        Explanations.explain(histogramChannel, "histogram_channel");
        meanChart.setPlaceholder(UiText.get("charts.placeholder.curves"));
        varChart.setPlaceholder(UiText.get("charts.placeholder.curves"));
        histograms.setPlaceholder(UiText.get("charts.placeholder.histograms"));
        histograms.inputTitleProperty().set(UiText.get("charts.histogram.input"));
        histograms.outputTitleProperty().set(UiText.get("charts.histogram.output"));
        javafx.scene.control.Tooltip.install(meanChart, meanTip);
        javafx.scene.control.Tooltip.install(varChart, varTip);

        TextField picked = Fields.field(model.picked(), validation, 10, "picked-channels", "picked");
        HBox pickedRow = new HBox(8, new Label(UiText.get("charts.picked")), picked, Fields.error(model.picked()));
        pickedRow.setAlignment(Pos.CENTER_LEFT);
        pickedRow.visibleProperty().bind(model.heatMapProperty());
        pickedRow.managedProperty().bind(pickedRow.visibleProperty());
        model.picked().valueProperty().addListener((o, a, b) -> redraw());

        for (XAxisChart chart : List.<XAxisChart>of(meanChart, varChart, bands)) {
            // in the group charts x counts groups, not steps: the time cursor stays where it is
            chart.setOnZoom((x, f) -> {
                if (!groupMode || chart == bands) {
                    time.zoom(x, f);
                }
            });
            chart.setOnPan(dx -> {
                if (!groupMode || chart == bands) {
                    time.pan(dx);
                }
            });
            chart.setOnPoint(x -> {
                if (!groupMode || chart == bands) {
                    time.point(x);
                }
            });
        }
        groupSample.setId("group-sample");
        groupSample.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : n == GroupCharts.FIRST_SAMPLES ? UiText.get("groups.chooser.first")
                        : UiText.get("groups.sample", n);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        groupSample.valueProperty().addListener((o, a, n) -> {
            if (n != null && n != model.groupSampleProperty().get()) {
                model.groupSampleProperty().set(n);
                redraw();
            }
        });
        groupRow.setAlignment(Pos.CENTER_LEFT);
        groupRow.setVisible(false);
        groupRow.managedProperty().bind(groupRow.visibleProperty());
        bands.setId("bands");
        bands.setIntegerXTicks(true);
        bands.setXLabel(UiText.get("charts.step"));
        bands.setPlaceholder(UiText.get("charts.placeholder.bands"));
        VBox curves = new VBox(4, pickedRow, groupRow, meanChart, varChart, timeBar(printCursorStep));
        VBox.setVgrow(meanChart, Priority.ALWAYS);
        VBox.setVgrow(varChart, Priority.ALWAYS);
        meanChart.setMinSize(200, 120);
        varChart.setMinSize(200, 120);

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
        Label histogramsOf = new Label();
        histogramsOf.textProperty().bind(javafx.beans.binding.Bindings.when(model.overTimeProperty())
                .then(UiText.get("charts.distribution.of")).otherwise(UiText.get("charts.histograms.of")));
        histogramsOf.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
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
        model.overTimeProperty().addListener((o, a, b) -> redraw());
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
        javafx.scene.layout.FlowPane histogramBar = new javafx.scene.layout.FlowPane(8, 4, views, chooser);
        histogramBar.setAlignment(Pos.CENTER_LEFT);
        histogramChannel.setMinWidth(Region.USE_PREF_SIZE);
        ExplainPane explainPane = new ExplainPane(explain, fontSize);
        ReadoutTable readoutBox = new ReadoutTable(time);
        VBox histogramBox = new VBox(4, histogramBar, histograms, bands, explainPane, readoutBox);
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
                redraw();
            }
        });

        this.curves = curves;
        this.histogramBox = histogramBox;
        this.readoutBox = readoutBox;
        histogramBar.prefWrapLengthProperty().bind(histogramBox.widthProperty());
        curvesTab.setId("curves-tab");
        sideTab.setId("side-tab");
        pages.setId("chart-pages");
        pages.getTabs().addAll(curvesTab, sideTab);
        pages.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox.setHgrow(pages, Priority.ALWAYS);
        HBox.setHgrow(curves, Priority.ALWAYS);
        HBox.setHgrow(histogramBox, Priority.SOMETIMES);
        setSideBySide();
        tabbed.addListener((o, a, on) -> {
            if (on) {
                setTabbed();
            } else {
                setSideBySide();
            }
        });
        compact.addListener((o, a, on) -> {
            if (on) {
                histogramBox.getChildren().remove(readoutBox);
            }
        });
        setSpacing(8);
        setPadding(new Insets(6));
    }

    private final VBox curves;
    private final VBox histogramBox;
    private final ReadoutTable readoutBox;
    private final javafx.scene.control.TabPane pages = new javafx.scene.control.TabPane();
    private final javafx.scene.control.Tab curvesTab = new javafx.scene.control.Tab(UiText.get("charts.tab.curves"));
    private final javafx.scene.control.Tab sideTab = new javafx.scene.control.Tab(UiText.get("charts.tab.side"));
    /** A narrow charts' area: the right column is a tab beside the curves. */
    private final javafx.beans.property.BooleanProperty tabbed = new javafx.beans.property.SimpleBooleanProperty();

    /** The curves on the left, the histograms (or distributions, or Explain) and the table on the right. */
    private void setSideBySide() {
        curvesTab.setContent(null);
        sideTab.setContent(null);
        curves.prefWidthProperty().bind(widthProperty().multiply(0.58));
        histogramBox.prefWidthProperty().bind(widthProperty().multiply(0.42));
        getChildren().setAll(curves, histogramBox);
    }

    /** The curves and the right column as two tabs, each the whole width. */
    private void setTabbed() {
        getChildren().clear();
        curves.prefWidthProperty().unbind();
        histogramBox.prefWidthProperty().unbind();
        curvesTab.setContent(curves);
        sideTab.setContent(histogramBox);
        getChildren().setAll(pages);
    }

    /** Whether the right column is a tab beside the curves (set by the window's layout). */
    javafx.beans.property.BooleanProperty tabbedProperty() {
        return tabbed;
    }

    /** Puts the table of values back under the histograms (the window no longer shows it elsewhere). */
    void restoreReadout() {
        if (!histogramBox.getChildren().contains(readoutBox)) {
            histogramBox.getChildren().add(readoutBox);
        }
    }

    /** The table of values at the cursor's step: while {@link #compactProperty() compact}, the window shows it elsewhere. */
    VBox readoutBox() {
        return readoutBox;
    }

    /** The compact layout (presenting, a short window): the table of values leaves the right column. */
    javafx.beans.property.BooleanProperty compactProperty() {
        return compact;
    }

    /** Shows the Explain pane in place of the histograms. */
    void showExplain() {
        explaining.setSelected(true);
        pages.getSelectionModel().select(sideTab);
    }

    /** Every chart's colours and stroke weights (View → Theme, presentation mode). */
    void setChartTheme(ChartTheme theme) {
        chartTheme = theme;
        meanChart.chartThemeProperty().set(theme);
        varChart.chartThemeProperty().set(theme);
        histograms.chartThemeProperty().set(theme);
        bands.chartThemeProperty().set(theme);
        if (shown != null) {
            redraw(); // the curves carry their channel's colour
        }
    }

    /** Every chart's font scale (Ctrl +/−). */
    void setFontScale(double scale) {
        fontScale = scale;
        meanChart.setFontScale(scale);
        varChart.setFontScale(scale);
        histograms.setFontScale(scale);
        bands.setFontScale(scale);
        readoutBox.setFontScale(scale);
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
        show(s, false);
    }

    /**
     * Draws a new snapshot (called at most once per frame); with {@code rest}, spread over the
     * frames to come, none of them drawing more than one chart group (playing flat out, when
     * snapshots come seldom: see {@link #frame()}).
     */
    void show(SessionSnapshot s, boolean rest) {
        shown = s;
        syncSlider(s.step());
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
        restFrames = rest ? 2 : 0;
        spaced = rest;
    }

    /** Marks every chart out of date; {@link #frame()} redraws them, one per frame. */
    private void redraw() {
        java.util.Arrays.fill(stale, true);
        if (prepared != null) {
            prepared.cancel(false); // read for what was shown before
            prepared = null;
        }
        String first = firstChannels();
        if (!first.equals(firstChannelsShown)) { // the chooser's "first channels" entry names what is shown
            firstChannelsShown = first;
            histogramChannel.setButtonCell(new ChannelCell());
        }
    }

    /**
     * Called once per frame: redraws the next out-of-date chart group (the running_mean chart,
     * the running_var chart, the histograms or distributions), one per frame in turn. A new
     * snapshot is drawn over three frames instead of one: in the software pipeline each group
     * costs about a frame's budget to render, so that no frame pays for all.
     *
     * <p>Playing flat out (see {@link #show(SessionSnapshot, boolean)}), a frame waits until
     * the previous one is rendered, so one that reads the history for 64 channels, draws a chart
     * and renders it easily takes longer than a display refresh while the engine plays on both
     * cores. Snapshots come every 200 ms then, so there is time to spread the work: the frame
     * that took the snapshot (which updates the time bar and the readout table) draws no chart;
     * the next one starts reading the history for the first group on a thread of its own
     * ({@link #reader}: 64 channels of a long history took the FX thread 3–10 ms), the one after
     * draws it (or a later one, if the reading has not finished), the next starts the reading for
     * the second group, and so on: seven frames a snapshot or a few more.
     */
    /** @param heavy run first in a frame that draws a chart group */
    void frame(Runnable heavy) {
        SessionSnapshot s = shown;
        if (s == null) {
            return;
        }
        if (restFrames > 0) {
            restFrames--;
            if (restFrames == 0 && spaced) {
                int group = nextStale();
                if (group >= 0) {
                    prepared = READER.submit(reader(group, s)::get);
                    preparedGroup = group;
                }
            }
            return;
        }
        int group = nextStale();
        if (group < 0) {
            return;
        }
        Runnable apply = null;
        if (prepared != null && preparedGroup == group) {
            if (!prepared.isDone()) {
                return; // still reading: draw it in a later frame
            }
            try {
                apply = prepared.get();
            } catch (java.util.concurrent.ExecutionException e) {
                apply = null; // read it again here, where a failure shows as it would have
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        heavy.run();
        prepared = null;
        stale[group] = false;
        nextGroup = (group + 1) % stale.length;
        (apply != null ? apply : reader(group, s).get()).run();
        if (spaced) {
            restFrames = 1;
        }
    }

    /** The next out-of-date group in turn, or -1 if none. */
    private int nextStale() {
        for (int i = 0; i < stale.length; i++) {
            int group = (nextGroup + i) % stale.length;
            if (stale[group]) {
                return group;
            }
        }
        return -1;
    }

    /**
     * Reads what a group shows from the snapshot and its history; the result puts it on the
     * chart (on the FX thread). The reading itself touches no node and no property: it may run
     * on any thread.
     */
    private java.util.function.Supplier<Runnable> reader(int group, SessionSnapshot s) {
        long from = time.fromProperty().get();
        long to = time.toProperty().get();
        int columns = (int) Math.max(meanChart.plotWidthPixels(), 0);
        boolean overTime = model.overTimeProperty().get();
        List<Integer> curveChannels = List.copyOf(model.curveChannels());
        int groupSampleNow = model.groupSampleProperty().get();
        int distributionChannel = model.distributionChannel();
        return () -> read(group, s, from, to, columns, overTime, curveChannels, distributionChannel, groupSampleNow);
    }

    private Runnable read(int group, SessionSnapshot s, long from, long to, int columns, boolean overTime,
                          List<Integer> curveChannels, int distributionChannel, int groupSampleNow) {
        HistorySeries data = HistorySeries.of(s.history(), from, Math.min(to, s.step()),
                columns > 0 ? columns : DEFAULT_COLUMNS);
        XAxisChart chart = group == MEAN ? meanChart : group == VAR ? varChart : bands;
        // from the first step on, the range shows step 0 too: the running stats' curves start there
        long left = from <= 1 ? 0 : from;
        Runnable range = s.step() > 0 ? () -> chart.setXRange(left - 0.5, Math.max(to, from + 1) + 0.5)
                : chart::setAutoXRange;
        boolean tracked = s.layer().trackRunningStats();
        Runnable content;
        boolean groups = !tracked && !s.layer().kind().isBatchNorm();
        if (groups && group <= VAR) {
            Runnable shown = groupCharts(s, group == MEAN ? meanChart : varChart, group == MEAN, groupSampleNow);
            return () -> {
                groupMode = true;
                shown.run();
            };
        }
        if (group == MEAN) {
            content = stat(meanChart, s, data, curveChannels, tracked ? Stat.RUNNING_MEAN : Stat.BATCH_MEAN,
                    Stat.TRUE_MEAN, Stat.COMPARE_MEAN,
                    tracked ? null : "charts.note.no.stats");
        } else if (group == VAR) {
            content = stat(varChart, s, data, curveChannels, tracked ? Stat.RUNNING_VAR : Stat.BATCH_VAR,
                    Stat.TRUE_VAR, Stat.COMPARE_VAR, tracked ? "charts.note.unbiased" : "charts.note.biased.no.stats");
        } else if (overTime) {
            content = bands(s, data, distributionChannel);
        } else {
            content = () -> drawHistograms(s);
        }
        return () -> {
            if (group <= VAR) {
                (group == MEAN ? meanTip : varTip).setText(Explanations.text(group == MEAN ? "chart_mean" : "chart_var"));
                groupMode = false;
                groupRow.setVisible(false);
                meanChart.setXLabel(UiText.get("charts.step"));
                varChart.setXLabel(UiText.get("charts.step"));
            }
            range.run();
            content.run();
        };
    }

    /** The last batch's group statistics on {@code chart} (see {@link GroupCharts}). */
    private Runnable groupCharts(SessionSnapshot s, CurveChart chart, boolean mean, int sample) {
        if (s.groups() == null || s.step() < 1) {
            return () -> {
                groupRow.setVisible(false);
                chart.setTitle(UiText.get(mean ? "groups.title.mean" : "groups.title.var", s.layer().kind()));
                chart.setHeatMap(null);
                chart.setCurves(List.of());
                chart.setAutoXRange();
            };
        }
        GroupCharts.Shown shown = GroupCharts.of(s.groups(), sample);
        List<Curve> curves = new ArrayList<>();
        for (GroupCharts.Series g : shown.series()) {
            curves.add(new Curve(g.label(), chartTheme.channel(g.sample()),
                    SeriesData.of(g.x(), mean ? g.mean() : g.var()), LineStyle.SOLID, 5, true, g.shortLabel()));
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
            curves.add(new Curve("", javafx.scene.paint.Color.TRANSPARENT,
                    SeriesData.of(new double[] {0, 0.25}, new double[] {lo - pad, hi + pad}), LineStyle.SOLID, 0.5,
                    false));
        }
        int samples = shown.samples();
        boolean chooser = shown.chooser();
        return () -> {
            if (chooser && groupSample.getItems().size() != samples + 1) {
                List<Integer> items = new ArrayList<>();
                items.add(GroupCharts.FIRST_SAMPLES);
                for (int n = 0; n < samples; n++) {
                    items.add(n);
                }
                groupSample.getItems().setAll(items);
                groupSample.setValue(model.groupSampleProperty().get() < samples ? model.groupSampleProperty().get()
                        : GroupCharts.FIRST_SAMPLES);
            }
            groupRow.setVisible(chooser);
            (mean ? meanTip : varTip).setText(Explanations.text("chart_groups"));
            chart.setTitle(mean ? shown.meanTitle() : shown.varTitle());
            chart.setYLabel(UiText.get(mean ? "charts.mean" : "charts.var"));
            chart.setXLabel(shown.xLabel());
            chart.setHeatMap(null);
            chart.setCurves(curves);
            chart.setXRange(-0.5, Math.max(maxX, 1) + 0.5);
        };
    }

    private Runnable stat(CurveChart chart, SessionSnapshot s, HistorySeries h, List<Integer> curveChannels, Stat stat,
                          Stat truth, Stat compare, String noteKey) {
        boolean any = s.step() > 0;
        boolean heat = s.channels() > ChartsViewModel.MAX_CURVES;
        boolean comparing = s.compareMomentum() != null && s.layer().trackRunningStats();
        String name = statLabel(stat);
        String title = noteKey == null
                ? UiText.get(heat ? "charts.title.every" : "charts.title.per", name)
                : UiText.get(heat ? "charts.title.every.note" : "charts.title.per.note", name, UiText.get(noteKey));
        String shortName = UiText.get(stat.label().contains("var") ? "charts.var" : "charts.mean");
        HeatMapData heatMap = heat && any ? h.heatMap(stat) : null;
        List<Curve> curves = new ArrayList<>();
        ChartTheme theme = chartTheme;
        Color key = theme.muted();
        if (any) {
            for (int c : curveChannels) {
                Color color = theme.channel(c);
                curves.add(new Curve(UiText.get("charts.channel", Integer.toString(c)), color, h.series(stat, c),
                        LineStyle.SOLID, 2.5, true, UiText.get("charts.ch", Integer.toString(c))));
                curves.add(new Curve("", color, h.series(truth, c), LineStyle.DASHED, 1.5, false));
                if (comparing) {
                    curves.add(new Curve("", color, h.series(compare, c), LineStyle.DOTTED, 2.5, false));
                }
            }
            // short labels (where the legend is tight) leave out "(dashed)": the line sample beside them shows it
            curves.add(new Curve(UiText.get("charts.dashed", statLabel(truth)), key, SeriesData.of(new double[0], new double[0]),
                    LineStyle.DASHED, 1.5, true, statLabel(truth)));
            if (comparing) {
                String other = UiText.get("charts.compare.short", String.valueOf(s.compareMomentum()));
                curves.add(new Curve(UiText.get("charts.dotted", String.valueOf(s.compareMomentum())), key,
                        SeriesData.of(new double[0], new double[0]), LineStyle.DOTTED, 2.5, true, other));
            }
        }
        return () -> {
            chart.setTitle(title);
            chart.setYLabel(heat ? shortName : statLabel(stat));
            chart.setHeatMapLabel(shortName);
            chart.setRowAxisLabel(UiText.get("charts.row.channel"));
            chart.setHeatMap(heatMap);
            chart.setCurves(curves);
        };
    }

    private void drawHistograms(SessionSnapshot s) {
        histograms.outputTitleProperty().set(s.layer().kind().isBatchNorm() ? UiText.get("charts.histogram.output")
                : UiText.get("charts.histogram.output.kind", s.layer().kind().torchName()));
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
            Color color = chartTheme.channel(c);
            String title = UiText.get(channels.size() > 2 ? "charts.ch" : "charts.channel", Integer.toString(c));
            inputs.add(histogram(s.inputHistograms().get(c), title, color,
                    new HistogramData.Marker(s.trueMean()[c], statLabel(Stat.TRUE_MEAN), LineStyle.DASHED)));
            outputs.add(histogram(s.outputHistograms().get(c), title, color, null));
        }
        histogramCells = List.copyOf(channels);
        histograms.setHistograms(inputs, outputs);
    }

    private Runnable bands(SessionSnapshot s, HistorySeries h, int distributionChannel) {
        int c = Math.min(distributionChannel, s.channels() - 1);
        List<BandChart.Panel> panels = new ArrayList<>();
        if (s.step() > 0) {
            panels.add(new BandChart.Panel(UiText.get("charts.band.input", Integer.toString(c)), chartTheme.channel(BandChart.INPUT_CHANNEL),
                    h.bands(c, SessionHistory.Side.INPUT)));
            panels.add(new BandChart.Panel(UiText.get("charts.band.output", Integer.toString(c)), chartTheme.channel(BandChart.OUTPUT_CHANNEL),
                    h.bands(c, SessionHistory.Side.OUTPUT)));
        }
        return () -> {
            bands.setTitle(UiText.get("charts.bands.title"));
            bands.setPanels(panels);
        };
    }

    /** The step slider, follow and whole-history buttons, the range shown and "print again". */
    private VBox timeBar(Runnable printCursorStep) {
        slider.setId("step-slider");
        slider.setBlockIncrement(1); // the arrow keys step through time one step at a time
        follow.setId("follow");
        whole.setId("whole-history");
        printAgain.setId("print-again");
        rangeLabel.setId("range");
        slider.setTooltip(new Tooltip(UiText.get("charts.slider.tip")));
        follow.setTooltip(new Tooltip(UiText.get("charts.follow.tip")));
        whole.setTooltip(new Tooltip(UiText.get("charts.whole.tip")));
        printAgain.setTooltip(new Tooltip(UiText.get("charts.print.tip")));
        follow.setSelected(time.followingProperty().get());
        time.followingProperty().addListener((o, a, b) -> follow.setSelected(b));
        follow.setOnAction(e -> {
            if (follow.isSelected()) {
                time.follow();
            } else {
                follow.setSelected(time.followingProperty().get()); // following stops by zooming or panning
            }
            redraw();
        });
        whole.setOnAction(e -> {
            time.showAll();
            redraw();
        });
        printAgain.setOnAction(e -> printCursorStep.run());
        printAgain.disableProperty().bind(time.reprintableProperty().not());
        rangeLabel.textProperty().bind(time.rangeTextProperty());
        rangeLabel.setMinWidth(40); // shortened with an ellipsis before anything else gives way
        slider.valueProperty().addListener((o, a, b) -> {
            if (!syncingSlider) {
                time.point(b.doubleValue());
            }
        });
        time.cursorProperty().addListener((o, a, b) -> {
            double x = b.longValue() < 1 ? Double.NaN : b.doubleValue();
            meanChart.setCursorX(x);
            varChart.setCursorX(x);
            bands.setCursorX(x);
            syncSlider(shown == null ? 0 : shown.step());
        });
        time.fromProperty().addListener((o, a, b) -> redraw());
        time.toProperty().addListener((o, a, b) -> redraw());
        for (javafx.scene.control.Control c : List.of(follow, whole, printAgain)) {
            c.setMinWidth(Region.USE_PREF_SIZE); // the slider gives way, not the buttons' words
        }
        slider.setMinWidth(120); // the range label is shortened first
        // Two rows: the slider spans the charts' width, with the range shown beside it, and the
        // buttons go below. In one row, at 1280×800 (a common projector size) the buttons left
        // the slider about 20 px, too short to scrub, and cut the range to "all ...".
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(8, slider, rangeLabel);
        top.setAlignment(Pos.CENTER_LEFT);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox buttons = new HBox(8, follow, whole, spring, printAgain);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(4, top, buttons);
    }

    private void syncSlider(long steps) {
        syncingSlider = true;
        try {
            slider.setMax(Math.max(1, steps));
            slider.setDisable(steps < 1);
            long c = time.cursorProperty().get();
            slider.setValue(c >= 1 ? c : Math.max(1, steps));
        } finally {
            syncingSlider = false;
        }
    }

    /** As many small multiples as fit (about 75 px each at the normal text size), up to eight. */
    private int histogramsThatFit() {
        int fit = Math.max(1, (int) (histograms.getWidth() / (75 * fontScale)));
        return Math.min(fit, ChartsViewModel.MAX_CURVES);
    }

    private static HistogramData histogram(ChannelHistogram h, String title, Color color, HistogramData.Marker extra) {
        List<HistogramData.Marker> markers = new ArrayList<>();
        if (h.counts().length == 0) {
            return new HistogramData(UiText.get("charts.no.finite", title), color, 0, 0, new int[0], markers);
        }
        markers.add(new HistogramData.Marker(h.mean(), UiText.get("charts.mean"), LineStyle.SOLID));
        if (extra != null && Double.isFinite(extra.x())) {
            markers.add(extra);
        }
        String shown = h.nonFinite() > 0 ? UiText.get("charts.non.finite", title, Long.toString(h.nonFinite())) : title;
        return new HistogramData(shown, color, h.lo(), h.hi(), h.counts(), markers);
    }

    /** A statistic's name in the current language (PyTorch's running_mean and running_var stay as they are). */
    private static String statLabel(Stat stat) {
        return UiText.get("charts.stat." + stat.name().toLowerCase(java.util.Locale.ROOT));
    }

    private String firstChannels() {
        if (model.overTimeProperty().get()) {
            // one channel's distributions are shown: say which
            return UiText.get("charts.channel", Integer.toString(model.distributionChannel()));
        }
        int last = Math.min(histogramChannel.getItems().size() - 1, ChartsViewModel.MAX_CURVES) - 1;
        int channels = histogramChannel.getItems().size() - 1;
        if (channels <= 1) {
            return UiText.get("charts.channel", "0");
        }
        return channels <= ChartsViewModel.MAX_CURVES ? UiText.get("charts.all.channels")
                : UiText.get("charts.first.channels", Integer.toString(last + 1));
    }

    private final class ChannelCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null
                    : c == ChartsViewModel.FIRST_CHANNELS ? firstChannels() : UiText.get("charts.channel", Integer.toString(c)));
        }
    }
}
