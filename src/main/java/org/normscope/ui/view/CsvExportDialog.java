package org.normscope.ui.view;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;
import org.normscope.ui.viewmodel.UiText;

/** Asks which statistic to export as CSV, and at what resolution. */
final class CsvExportDialog {

    /** What to export: every channel's {@code stat}, one row per {@code stepsPerRow} steps (from {@code fromStep}). */
    record Choice(Stat stat, long stepsPerRow, boolean exactOnly) {
    }

    /** A resolution the dialog offers. */
    private record Resolution(String label, long stepsPerRow, boolean exactOnly) {
        @Override
        public String toString() {
            return label;
        }
    }

    private CsvExportDialog() {
    }

    /** The user's choice, or empty if cancelled. */
    static Optional<Choice> ask(Window owner, long steps, int exactSteps) {
        ComboBox<Stat> stat = new ComboBox<>();
        stat.getItems().setAll(SessionHistory.exportable());
        stat.setValue(Stat.RUNNING_MEAN);
        stat.setId("csv-stat");
        stat.setButtonCell(new StatCell());
        stat.setCellFactory(l -> new StatCell());
        long auto = Math.max(1, (steps + 999) / 1000);
        ComboBox<Resolution> resolution = new ComboBox<>();
        resolution.setId("csv-resolution");
        resolution.getItems().setAll(List.of(
                new Resolution(UiText.get("csv.resolution.auto", String.format("%,d", auto)), auto, false),
                new Resolution(UiText.get("csv.resolution.exact", String.format("%,d", exactSteps)), 1, true),
                new Resolution(UiText.get("csv.resolution.steps", "10"), 10, false),
                new Resolution(UiText.get("csv.resolution.steps", "100"), 100, false),
                new Resolution(UiText.get("csv.resolution.steps", "1,000"), 1000, false),
                new Resolution(UiText.get("csv.resolution.steps", "10,000"), 10_000, false)));
        resolution.setValue(resolution.getItems().get(0));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, new Label(UiText.get("csv.statistic")), stat);
        grid.addRow(1, new Label(UiText.get("csv.resolution")), resolution);
        Label note = new Label(UiText.get("csv.note", String.format("%,d", exactSteps)));
        note.setWrapText(true);
        note.setMaxWidth(460);
        grid.add(note, 0, 2, 2, 1);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(UiText.get("csv.title"));
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).map(b -> new Choice(stat.getValue(),
                resolution.getValue().stepsPerRow(), resolution.getValue().exactOnly()));
    }

    /** A statistic by its name in the current language (running_mean and running_var as PyTorch names them). */
    private static final class StatCell extends ListCell<Stat> {
        @Override
        protected void updateItem(Stat stat, boolean empty) {
            super.updateItem(stat, empty);
            setText(empty || stat == null ? null
                    : UiText.get("charts.stat." + stat.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
