package org.normscope.ui.view;

import java.util.List;
import java.util.Optional;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;

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
        long auto = Math.max(1, (steps + 999) / 1000);
        ComboBox<Resolution> resolution = new ComboBox<>();
        resolution.setId("csv-resolution");
        resolution.getItems().setAll(List.of(
                new Resolution(String.format("about 1,000 rows (%,d steps per row)", auto), auto, false),
                new Resolution(String.format("every step of the last %,d (kept exactly)", exactSteps), 1, true),
                new Resolution("10 steps per row", 10, false),
                new Resolution("100 steps per row", 100, false),
                new Resolution("1,000 steps per row", 1000, false),
                new Resolution("10,000 steps per row", 10_000, false)));
        resolution.setValue(resolution.getItems().get(0));
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.addRow(0, new Label("Statistic"), stat);
        grid.addRow(1, new Label("Resolution"), resolution);
        Label note = new Label("One row per range of steps, with every channel's min, max and mean there.\n"
                + "Steps older than the last " + String.format("%,d", exactSteps) + " are kept as summaries, "
                + "so finer rows than those summaries stay empty.");
        note.setWrapText(true);
        note.setMaxWidth(460);
        grid.add(note, 0, 2, 2, 1);
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Export history as CSV");
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        return dialog.showAndWait().filter(b -> b == ButtonType.OK).map(b -> new Choice(stat.getValue(),
                resolution.getValue().stepsPerRow(), resolution.getValue().exactOnly()));
    }
}
