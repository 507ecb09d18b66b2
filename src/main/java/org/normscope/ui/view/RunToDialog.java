package org.normscope.ui.view;

import javafx.application.Platform;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * Run → Run to step N… (Ctrl G): asks for the step, checked as the window's other fields are
 * (a bad value gets a red mark and a one-line reason, and OK changes nothing); OK with a good
 * one starts the run, whose progress the status bar shows.
 */
final class RunToDialog {

    private RunToDialog() {
    }

    /** Shows the dialog on {@code model}'s {@link MainViewModel#runToTarget()} and waits for it to close. */
    static void ask(Window owner, MainViewModel model) {
        TextField field = Fields.field(model.runToStep().target(), new ValidationSupport(), 14);
        field.setId("run-to-step");
        Label label = new Label(UiText.get("runto.label"));
        Label header = new Label(UiText.get("runto.header"));
        header.setWrapText(true);
        header.setMaxWidth(420);
        VBox content = new VBox(6, header, label, field, Fields.error(model.runToStep().target()));
        Dialog<ButtonType> dialog = new Dialog<>();
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
            }
        }
        dialog.setTitle(UiText.get("runto.title"));
        dialog.getDialogPane().setId("run-to-dialog");
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("run-to-ok");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!model.runToStep().commit()) {
                e.consume(); // a bad value: the dialog stays, with its reason under the field
            }
        });
        Platform.runLater(() -> {
            field.requestFocus();
            field.selectAll();
        });
        dialog.showAndWait();
    }
}
