package org.normscope.ui.view;

import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.normscope.ui.viewmodel.CsvExportViewModel;
import org.normscope.ui.viewmodel.UiText;

/** Asks which statistic to export as CSV, and at what resolution (the choices are {@code model}'s). */
final class CsvExportDialog {

    private CsvExportDialog() {
    }

    /** Asks, and exports the user's choice through {@code exporter}; nothing if cancelled. */
    static void ask(Window owner, CsvExportViewModel model, CsvExportViewModel.Exporter exporter) {
        ComboBox<String> stat = new ComboBox<>();
        stat.getItems().setAll(model.statistics());
        stat.getSelectionModel().select(model.firstStatistic());
        stat.setId("csv-stat");
        ComboBox<CsvExportViewModel.Resolution> resolution = new ComboBox<>();
        resolution.setId("csv-resolution");
        resolution.getItems().setAll(model.resolutions());
        resolution.setValue(resolution.getItems().get(0));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, new Label(UiText.get("csv.statistic")), stat);
        grid.addRow(1, new Label(UiText.get("csv.resolution")), resolution);
        Label note = new Label(model.note());
        note.setWrapText(true);
        note.setMaxWidth(460);
        grid.add(note, 0, 2, 2, 1);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(UiText.get("csv.title"));
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.export(
                stat.getSelectionModel().getSelectedIndex(), resolution.getValue(), exporter));
    }
}
