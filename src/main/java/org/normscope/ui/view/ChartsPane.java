package org.normscope.ui.view;

import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.value.ObservableDoubleValue;
import javafx.geometry.Insets;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.chart.CurveChart;
import org.normscope.ui.chart.HistogramChart;
import org.normscope.ui.chart.XAxisChart;
import org.normscope.ui.viewmodel.ChartContent;
import org.normscope.ui.viewmodel.ChartFramePacer;
import org.normscope.ui.viewmodel.ChartsViewModel;
import org.normscope.ui.viewmodel.ExplainViewModel;
import org.normscope.ui.viewmodel.TimeTravelViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The charts: running_mean and running_var against the step (true values dashed, a
 * comparison layer dotted; a heat map past eight channels) with the time bar on the left
 * ({@link CurveCharts}), and the histograms of the last batch's input and output, or their
 * distributions over time, and the table of values on the right ({@link SideColumn}); side by
 * side, or as two tabs where the area is narrow. What each chart shows is read by
 * {@link ChartsViewModel#reading}, one chart group a frame ({@link ChartFramePacer}).
 */
final class ChartsPane extends HBox {

    /** The charts' colours and stroke weights (read where the curves are built, maybe off the FX thread). */
    private volatile ChartTheme chartTheme = ChartTheme.LIGHT;

    private final ChartsViewModel model;
    private final TimeTravelViewModel time;
    private final TimeBar timeBar;
    private final CurveCharts curves;
    private final SideColumn side;
    private final ChartFramePacer pacer;
    /** Presentation mode: fewer, larger things (the table of values folds away). */
    private final BooleanProperty compact = new SimpleBooleanProperty();
    private final TabPane pages = new TabPane();
    private final Tab curvesTab = new Tab(UiText.get("charts.tab.curves"));
    private final Tab sideTab = new Tab(UiText.get("charts.tab.side"));
    /** A narrow charts' area: the right column is a tab beside the curves. */
    private final BooleanProperty tabbed = new SimpleBooleanProperty();

    ChartsPane(ChartsViewModel model, TimeTravelViewModel time, Runnable printCursorStep, ValidationSupport validation,
               ExplainViewModel explain, ObservableDoubleValue fontSize) {
        this.model = model;
        this.time = time;
        timeBar = new TimeBar(time, model::shownStep, printCursorStep, this::redraw);
        curves = new CurveCharts(model, validation, timeBar, this::redraw);
        side = new SideColumn(model, time, explain, fontSize, compact, this::redraw);
        time.cursorProperty().addListener((o, a, b) -> {
            double x = b.longValue() < 1 ? Double.NaN : b.doubleValue();
            meanChart().setCursorX(x);
            varChart().setCursorX(x);
            side.bands().setCursorX(x);
        });
        pacer = new ChartFramePacer(ChartsViewModel.GROUPS, ChartFramePacer.chartReader(), this::reading);
        followTime(meanChart(), false);
        followTime(varChart(), false);
        followTime(side.bands(), true);
        time.fromProperty().addListener((o, a, b) -> redraw());
        time.toProperty().addListener((o, a, b) -> redraw());

        curvesTab.setId("curves-tab");
        sideTab.setId("side-tab");
        pages.setId("chart-pages");
        pages.getTabs().addAll(curvesTab, sideTab);
        pages.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        HBox.setHgrow(pages, Priority.ALWAYS);
        HBox.setHgrow(curves, Priority.ALWAYS);
        HBox.setHgrow(side, Priority.SOMETIMES);
        setSideBySide();
        tabbed.addListener((o, a, on) -> {
            if (on) {
                setTabbed();
            } else {
                setSideBySide();
            }
        });
        setSpacing(8);
        setPadding(new Insets(6));
    }

    /** Zooming, panning and pointing in {@code chart} move through time, unless its x counts groups. */
    private void followTime(XAxisChart chart, boolean distributions) {
        chart.setOnZoom((x, f) -> {
            if (model.movesTime(distributions)) {
                time.zoom(x, f);
            }
        });
        chart.setOnPan(dx -> {
            if (model.movesTime(distributions)) {
                time.pan(dx);
            }
        });
        chart.setOnPoint(x -> {
            if (model.movesTime(distributions)) {
                time.point(x);
            }
        });
    }

    /** The curves on the left, the histograms (or distributions, or Explain) and the table on the right. */
    private void setSideBySide() {
        curvesTab.setContent(null);
        sideTab.setContent(null);
        curves.prefWidthProperty().bind(widthProperty().multiply(0.58));
        side.prefWidthProperty().bind(widthProperty().multiply(0.42));
        getChildren().setAll(curves, side);
    }

    /** The curves and the right column as two tabs, each the whole width. */
    private void setTabbed() {
        getChildren().clear();
        curves.prefWidthProperty().unbind();
        side.prefWidthProperty().unbind();
        curvesTab.setContent(curves);
        sideTab.setContent(side);
        getChildren().setAll(pages);
    }

    /** Whether the right column is a tab beside the curves (set by the window's layout). */
    BooleanProperty tabbedProperty() {
        return tabbed;
    }

    /** Puts the table of values back under the histograms (the window no longer shows it elsewhere). */
    void restoreReadout() {
        side.restoreReadout();
    }

    /** The table of values at the cursor's step: while {@link #compactProperty() compact}, the window shows it elsewhere. */
    VBox readoutBox() {
        return side.readoutBox();
    }

    /** The compact layout (presenting, a short window): the table of values leaves the right column. */
    BooleanProperty compactProperty() {
        return compact;
    }

    /** Shows the Explain pane in place of the histograms. */
    void showExplain() {
        side.showExplain();
        pages.getSelectionModel().select(sideTab);
    }

    /** Every chart's colours and stroke weights (View → Theme, presentation mode). */
    void setChartTheme(ChartTheme theme) {
        chartTheme = theme;
        curves.setChartTheme(theme);
        side.setChartTheme(theme);
        if (model.hasSnapshot()) {
            redraw(); // the curves carry their channel's colour
        }
    }

    /** Every chart's font scale (Ctrl +/−). */
    void setFontScale(double scale) {
        curves.setFontScale(scale);
        if (side.setFontScale(scale)) {
            redraw();
        }
    }

    CurveChart meanChart() {
        return curves.meanChart();
    }

    CurveChart varChart() {
        return curves.varChart();
    }

    HistogramChart histograms() {
        return side.histograms();
    }

    /**
     * Draws the snapshot the view model was given last (called at most once per frame); with
     * {@code rest}, spread over the frames to come (playing flat out: see {@link ChartFramePacer#show}).
     */
    void show(boolean rest) {
        timeBar.sync();
        side.setChannels(model.shownChannels());
        side.redrawing();
        pacer.show(rest);
    }

    /** Marks every chart out of date; {@link #frame} redraws them, one per frame. */
    private void redraw() {
        pacer.redraw();
        side.redrawing();
    }

    /** Called once per frame; {@code heavy} runs first in a frame that draws a chart group. */
    void frame(Runnable heavy) {
        pacer.frame(heavy);
    }

    /**
     * Reads what a group shows (on any thread) and gives what puts it on its chart (on the FX
     * thread); what the reading depends on is taken now, on the FX thread.
     */
    private Supplier<Runnable> reading(int group) {
        int columns = (int) Math.max(meanChart().plotWidthPixels(), 0);
        Supplier<ChartContent.Group> read = model.reading(group, time.fromProperty().get(), time.toProperty().get(),
                columns);
        return () -> {
            ChartContent.Group content = read.get();
            ChartTheme theme = chartTheme;
            return group == ChartsViewModel.SIDE ? side.shower(content, theme) : curves.shower(content, theme);
        };
    }
}
