package org.normscope.ui.view;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.normscope.ui.viewmodel.HelpContent;
import org.normscope.ui.viewmodel.UiText;

/** Help → Keyboard shortcuts (F1) and Help → About. */
final class HelpDialogs {

    private HelpDialogs() {
    }

    static Dialog<ButtonType> shortcuts(Window owner) {
        TableView<HelpContent.Shortcut> table = new TableView<>(FXCollections.observableList(HelpContent.shortcuts()));
        table.setId("shortcuts");
        TableColumn<HelpContent.Shortcut, String> keys = new TableColumn<>(UiText.get("shortcuts.keys"));
        keys.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().keys()));
        keys.setPrefWidth(240);
        TableColumn<HelpContent.Shortcut, String> action = new TableColumn<>(UiText.get("shortcuts.action"));
        action.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().action()));
        action.setPrefWidth(520);
        table.getColumns().add(keys);
        table.getColumns().add(action);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPrefSize(800, 460);
        return dialog(owner, UiText.get("shortcuts.title"), table);
    }

    static Dialog<ButtonType> about(Window owner) {
        Label text = new Label(HelpContent.about());
        text.setId("about-text");
        text.setWrapText(true);
        text.setMaxWidth(620);
        return dialog(owner, UiText.get("about.title"), text);
    }

    private static Dialog<ButtonType> dialog(Window owner, String title, javafx.scene.Node content) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(title);
        d.setHeaderText(null);
        d.getDialogPane().setContent(content);
        d.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        d.setResizable(true);
        return d;
    }
}
