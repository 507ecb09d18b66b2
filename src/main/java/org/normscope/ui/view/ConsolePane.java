package org.normscope.ui.view;

import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import org.normscope.session.ConsoleLog;
import org.normscope.ui.viewmodel.ConsoleViewModel;

/**
 * The console: each step as PyTorch prints it, in a read-only text area the user can select
 * and copy from; it follows the newest entry. Entries arrive at most once per frame.
 */
final class ConsolePane extends BorderPane {

    private final TextArea text = new TextArea();
    private final ConsoleViewModel model;

    ConsolePane(ConsoleViewModel model) {
        this.model = model;
        getStyleClass().add("console");
        text.setId("console");
        text.setEditable(false);
        text.setWrapText(false);
        text.setFocusTraversable(false);
        model.entries().addListener((ListChangeListener<ConsoleLog.Entry>) this::onChange);
        Label title = Fields.section("Console");
        Button clear = new Button("Clear");
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> model.clear());
        HBox top = new HBox(10, title, clear);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(2, 6, 2, 6));
        setTop(top);
        setCenter(text);
        rewrite();
    }

    private void onChange(ListChangeListener.Change<? extends ConsoleLog.Entry> change) {
        boolean onlyAdded = true;
        StringBuilder added = new StringBuilder();
        while (change.next()) {
            if (change.wasRemoved() || !change.wasAdded()) {
                onlyAdded = false;
            } else {
                appendTo(added, change.getAddedSubList());
            }
        }
        if (onlyAdded) {
            text.appendText(added.toString());
        } else {
            rewrite();
        }
        text.positionCaret(text.getLength());
        text.setScrollTop(Double.MAX_VALUE);
    }

    private void rewrite() {
        StringBuilder all = new StringBuilder();
        appendTo(all, model.entries());
        text.setText(all.toString());
    }

    private static void appendTo(StringBuilder b, List<? extends ConsoleLog.Entry> entries) {
        for (ConsoleLog.Entry e : entries) {
            b.append(e.text()).append("\n\n");
        }
    }

    /** Everything shown (for tests). */
    String shownText() {
        return text.getText();
    }
}
