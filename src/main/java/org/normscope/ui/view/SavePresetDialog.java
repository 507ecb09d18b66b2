package org.normscope.ui.view;

import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.normscope.ui.viewmodel.UserPresetsViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * Presets → Save setup as preset…: asks for the preset's name. A bad one (empty, too long, a
 * name another preset has) is refused with its reason under the field, and OK changes nothing;
 * OK with a good one saves the setup and closes (the banner says where it went).
 */
final class SavePresetDialog {

    private SavePresetDialog() {
    }

    /** Shows the dialog on {@code presets}' {@link UserPresetsViewModel#name()} and waits for it to close. */
    static void ask(Window owner, UserPresetsViewModel presets) {
        presets.askName();
        TextInputDialog dialog = new TextInputDialog();
        TextField field = dialog.getEditor();
        field.setId("preset-name");
        field.setPrefColumnCount(28);
        field.setPromptText(UiText.get("preset.save.prompt"));
        field.textProperty().bindBidirectional(presets.name().textProperty());
        Label header = new Label(UiText.get("preset.save.header"));
        header.setWrapText(true);
        header.setPrefWidth(440); // wrapped at this width, and as tall as its lines (not cut with "...")
        header.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label label = new Label(UiText.get("preset.save.label"));
        label.setLabelFor(field);
        Label error = Fields.error(presets.name());
        error.setId("preset-name-error");
        error.setPrefWidth(440);
        error.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        dialog.getDialogPane().setContent(new VBox(6, header, label, field, error));
        // the dialog grows when a reason shows under the field (else the buttons would be pushed out of it)
        javafx.beans.InvalidationListener fit = o -> javafx.application.Platform.runLater(() -> {
            Window w = dialog.getDialogPane().getScene() == null ? null : dialog.getDialogPane().getScene().getWindow();
            if (w != null && w.isShowing()) {
                w.sizeToScene();
            }
        });
        error.visibleProperty().addListener(fit);
        error.textProperty().addListener(fit);
        dialog.setHeaderText(null);
        dialog.setGraphic(null);
        if (owner != null) {
            dialog.initOwner(owner);
            if (owner.getScene() != null) {
                dialog.getDialogPane().getStylesheets().addAll(owner.getScene().getRoot().getStylesheets());
            }
        }
        dialog.setTitle(UiText.get("preset.save.title"));
        dialog.getDialogPane().setId("preset-save-dialog");
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setId("preset-save-ok");
        ok.addEventFilter(ActionEvent.ACTION, e -> {
            if (!presets.commitSave()) {
                e.consume(); // a bad name: the dialog stays, with its reason under the field
            }
        });
        dialog.showAndWait();
        field.textProperty().unbindBidirectional(presets.name().textProperty());
    }
}
