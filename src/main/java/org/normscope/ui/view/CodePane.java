package org.normscope.ui.view;

import org.normscope.ui.viewmodel.UiText;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.normscope.ui.viewmodel.CodeViewModel;

/** The code pane: the session so far as PyTorch code (read-only, selectable), and a Copy button. */
final class CodePane extends BorderPane {

    CodePane(CodeViewModel model) {
        setId("code-pane");
        TextArea code = new TextArea();
        code.setId("code");
        code.getStyleClass().add("code-area");
        code.setEditable(false);
        code.setWrapText(false);
        code.textProperty().bind(model.codeProperty());
        Button copy = new Button(UiText.get("code.copy"));
        copy.setId("code-copy");
        copy.setTooltip(new Tooltip(UiText.get("code.copy.tip")));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.codeProperty().get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        copy.setMinWidth(Button.USE_PREF_SIZE);
        Label hint = new Label(UiText.get("code.hint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        HBox bar = new HBox(8, hint, copy);
        bar.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(hint, Priority.ALWAYS);
        setTop(bar);
        setCenter(code);
    }
}
