package org.normscope.ui.view;

import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.chart.Curve;
import org.normscope.ui.chart.CurveChart;
import org.normscope.ui.chart.HeatMapData;
import org.normscope.ui.viewmodel.ChartContent;
import org.normscope.ui.viewmodel.ChartsViewModel;
import org.normscope.ui.viewmodel.GroupCharts;
import org.normscope.ui.viewmodel.UiText;

/**
 * The left column: the picked channels (past eight), the sample chooser of the group charts,
 * the running_mean and running_var charts and the time bar; a thin view that puts the
 * {@link ChartContent} its view model reads on the two charts.
 */
final class CurveCharts extends VBox {

    private final ChartsViewModel model;
    private final CurveChart meanChart = new CurveChart("running_mean", UiText.get("charts.step"), "running_mean");
    private final CurveChart varChart = new CurveChart("running_var", UiText.get("charts.step"), "running_var");
    private final Tooltip meanTip = Explanations.tooltip("chart_mean");
    private final Tooltip varTip = Explanations.tooltip("chart_var");
    private final ComboBox<Integer> groupSample = new ComboBox<>();
    private final HBox groupRow = new HBox(8, new Label(UiText.get("groups.chooser")), groupSample);

    /** @param redraw redraws the charts (after a choice of channels or samples) */
    CurveCharts(ChartsViewModel model, ValidationSupport validation, TimeBar timeBar, Runnable redraw) {
        super(4);
        this.model = model;
        meanChart.setId("mean-chart");
        meanChart.setIntegerXTicks(true);
        varChart.setIntegerXTicks(true);
        varChart.setId("var-chart");
        meanChart.setPlaceholder(UiText.get("charts.placeholder.curves"));
        varChart.setPlaceholder(UiText.get("charts.placeholder.curves"));
        Tooltip.install(meanChart, meanTip);
        Tooltip.install(varChart, varTip);

        TextField picked = Fields.field(model.picked(), validation, 10, "picked-channels", "picked");
        HBox pickedRow = new HBox(8, new Label(UiText.get("charts.picked")), picked, Fields.error(model.picked()));
        pickedRow.setAlignment(Pos.CENTER_LEFT);
        pickedRow.visibleProperty().bind(model.heatMapProperty());
        pickedRow.managedProperty().bind(pickedRow.visibleProperty());
        model.picked().valueProperty().addListener((o, a, b) -> redraw.run());

        groupSample.setId("group-sample");
        groupSample.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return GroupCharts.choiceText(n);
            }

            @Override
            public Integer fromString(String text) {
                return null;
            }
        });
        groupSample.valueProperty().addListener((o, a, n) -> {
            if (n != null && n != model.groupSampleProperty().get()) {
                model.groupSampleProperty().set(n);
                redraw.run();
            }
        });
        groupRow.setAlignment(Pos.CENTER_LEFT);
        groupRow.setVisible(false);
        groupRow.managedProperty().bind(groupRow.visibleProperty());
        getChildren().setAll(pickedRow, groupRow, meanChart, varChart, timeBar);
        VBox.setVgrow(meanChart, Priority.ALWAYS);
        VBox.setVgrow(varChart, Priority.ALWAYS);
        meanChart.setMinSize(200, 120);
        varChart.setMinSize(200, 120);
    }

    CurveChart meanChart() {
        return meanChart;
    }

    CurveChart varChart() {
        return varChart;
    }

    /** The group's chart and its tooltip. */
    private CurveChart chart(boolean mean) {
        return mean ? meanChart : varChart;
    }

    private Tooltip tip(boolean mean) {
        return mean ? meanTip : varTip;
    }

    /** What puts {@code content} on its chart (run on the FX thread); built here, on any thread. */
    Runnable shower(ChartContent.Group content, ChartTheme theme) {
        if (content instanceof ChartContent.StatCurves c) {
            List<Curve> curves = ChartData.curves(c.lines(), theme);
            HeatMapData heatMap = ChartData.heatMap(c.heatMap());
            return () -> showStat(c, curves, heatMap);
        }
        if (content instanceof ChartContent.GroupDots c) {
            List<Curve> curves = ChartData.curves(c.lines(), theme);
            return () -> showGroups(c, curves);
        }
        ChartContent.NoGroups c = (ChartContent.NoGroups) content;
        return () -> {
            model.setGroupsShown(true);
            groupRow.setVisible(false);
            CurveChart chart = chart(c.mean());
            chart.setTitle(c.title());
            chart.setHeatMap(null);
            chart.setCurves(List.of());
            chart.setAutoXRange();
        };
    }

    private void showStat(ChartContent.StatCurves c, List<Curve> curves, HeatMapData heatMap) {
        tip(c.mean()).setText(Explanations.text(c.tipKey()));
        model.setGroupsShown(false);
        groupRow.setVisible(false);
        meanChart.setXLabel(c.xLabel());
        varChart.setXLabel(c.xLabel());
        CurveChart chart = chart(c.mean());
        ChartData.setRange(chart, c.range());
        chart.setTitle(c.title());
        chart.setYLabel(c.yLabel());
        chart.setHeatMapLabel(c.heatMapLabel());
        chart.setRowAxisLabel(c.rowAxisLabel());
        chart.setHeatMap(heatMap);
        chart.setCurves(curves);
    }

    private void showGroups(ChartContent.GroupDots c, List<Curve> curves) {
        model.setGroupsShown(true);
        int samples = c.samples();
        if (c.chooser() && groupSample.getItems().size() != samples + 1) {
            groupSample.getItems().setAll(GroupCharts.choices(samples));
            groupSample.setValue(GroupCharts.choice(model.groupSampleProperty().get(), samples));
        }
        groupRow.setVisible(c.chooser());
        tip(c.mean()).setText(Explanations.text(c.tipKey()));
        CurveChart chart = chart(c.mean());
        chart.setTitle(c.title());
        chart.setYLabel(c.yLabel());
        chart.setXLabel(c.xLabel());
        chart.setHeatMap(null);
        chart.setCurves(curves);
        ChartData.setRange(chart, c.range());
    }

    void setChartTheme(ChartTheme theme) {
        meanChart.chartThemeProperty().set(theme);
        varChart.chartThemeProperty().set(theme);
    }

    void setFontScale(double scale) {
        meanChart.setFontScale(scale);
        varChart.setFontScale(scale);
    }
}
