package org.normscope.ui.view;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.normscope.ui.viewmodel.TimeTravelViewModel;
import org.normscope.ui.viewmodel.UiText;

/** The table of every channel's values at the cursor's step, under its title. */
final class ReadoutTable extends VBox {

    private final Label readoutTitle = new Label();
    private final TableView<TimeTravelViewModel.ChannelValues> readout = new TableView<>();
    private TableColumn<TimeTravelViewModel.ChannelValues, String> channelColumn;

    ReadoutTable(TimeTravelViewModel time) {
        super(2);
        readout.setId("readout");
        readoutTitle.setId("readout-title");
        readoutTitle.textProperty().bind(time.readoutTitleProperty());
        readoutTitle.setWrapText(true);
        readoutTitle.setMinHeight(Region.USE_PREF_SIZE);
        readout.setItems(time.readout());
        // "running" and "batch" head two columns each, so that a column's own header is one short word
        channelColumn = column(UiText.get("charts.table.channel"), v -> Integer.toString(v.channel()));
        readout.getColumns().add(channelColumn);
        readout.getColumns().add(group(UiText.get("charts.table.running"), column(UiText.get("charts.table.mean"), v -> number(v.runningMean())),
                column(UiText.get("charts.table.var"), v -> number(v.runningVar()))));
        readout.getColumns().add(group(UiText.get("charts.table.batch"), column(UiText.get("charts.table.mean"), v -> number(v.batchMean())),
                column(UiText.get("charts.table.var"), v -> number(v.batchVar()))));
        scaleReadoutColumns(1);
        readout.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        readout.setPlaceholder(new Label(UiText.get("charts.table.empty")));
        readout.setFixedCellSize(24);
        readout.setPrefHeight(6 * 24 + 60); // six rows under a two-row header
        readout.setMinHeight(2 * 24 + 60);
        getChildren().addAll(readoutTitle, readout);
    }

    /** The text's scale (Ctrl +/−): row height and column widths follow it. */
    void setFontScale(double scale) {
        readout.setFixedCellSize(Math.round(24 * scale));
        scaleReadoutColumns(scale);
    }

    /** Column widths that follow the text size: the channel column fits "ch" and two digits, the others a number. */
    private void scaleReadoutColumns(double scale) {
        channelColumn.setMinWidth(Math.round(44 * scale));
        channelColumn.setMaxWidth(Math.round(64 * scale));
        for (TableColumn<TimeTravelViewModel.ChannelValues, ?> g : readout.getColumns()) {
            for (TableColumn<TimeTravelViewModel.ChannelValues, ?> c : g.getColumns()) {
                c.setMinWidth(Math.round(58 * scale)); // "-2.745" at the current size
            }
        }
    }

    @SafeVarargs
    private static TableColumn<TimeTravelViewModel.ChannelValues, String> group(String title,
            TableColumn<TimeTravelViewModel.ChannelValues, String>... columns) {
        TableColumn<TimeTravelViewModel.ChannelValues, String> g = new TableColumn<>(title);
        g.getColumns().addAll(columns);
        return g;
    }

    private static TableColumn<TimeTravelViewModel.ChannelValues, String> column(String title,
            java.util.function.Function<TimeTravelViewModel.ChannelValues, String> text) {
        TableColumn<TimeTravelViewModel.ChannelValues, String> col = new TableColumn<>(title);
        col.setCellValueFactory(d -> new ReadOnlyStringWrapper(text.apply(d.getValue())));
        col.setSortable(false);
        return col;
    }

    /** A float to four significant digits (the table is narrow; the console prints exactly), "–" for NaN. */
    private static String number(float v) {
        return Float.isNaN(v) ? "\u2013" : String.format(java.util.Locale.ROOT, "%.4g", v);
    }

}
