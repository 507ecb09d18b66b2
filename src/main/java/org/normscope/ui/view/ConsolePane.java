package org.normscope.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import org.normscope.ui.viewmodel.ConsoleViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The console: each step as PyTorch prints it, refusals in red, changes in blue; it follows
 * the newest entry, and "Copy all" puts the whole text on the clipboard.
 *
 * <p>One list row per printed line, all rows the same height: the list then lays out only
 * the rows in view, whatever arrives. (A text area re-measured all its text every frame,
 * and a list of multi-line entries measured entry after entry: both held the UI thread
 * for most of a frame while playing fast.)
 */
final class ConsolePane extends BorderPane {

    /** Lines kept on screen; older ones scroll away. */
    static final int MAX_LINES = 5000;

    /** One printed line and what kind of entry it belongs to. */
    record Line(String text, ConsoleViewModel.Kind kind, boolean first) {
    }

    private final ListView<Line> list = new ListView<>();
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ConsoleViewModel model;

    ConsolePane(ConsoleViewModel model, ObservableDoubleValue fontSize) {
        this.model = model;
        getStyleClass().add("console");
        list.setId("console");
        list.setItems(lines);
        list.setCellFactory(l -> new LineCell());
        list.setFocusTraversable(false);
        // the cells' font is 0.85em of the window's; a line is about 1.3 of that, plus the padding
        list.fixedCellSizeProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> Math.ceil(fontSize.get() * 0.85 * 1.3) + 2, fontSize));
        model.entries().addListener(this::onChange);
        add(model.entries());
        Button copy = new Button(UiText.get("console.copy"));
        copy.setId("console-copy");
        copy.setFocusTraversable(false);
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(shownText());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button clear = new Button(UiText.get("console.clear"));
        clear.setId("console-clear");
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> model.clear());
        // beside the lines, not above them: a short console keeps its lines (the tab above names it)
        javafx.scene.layout.VBox side = new javafx.scene.layout.VBox(6, copy, clear);
        side.setAlignment(Pos.TOP_LEFT);
        side.setPadding(new Insets(4, 6, 4, 6));
        copy.setMaxWidth(Double.MAX_VALUE);
        clear.setMaxWidth(Double.MAX_VALUE);
        copy.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        side.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the console is never shorter than its buttons
        setRight(side);
        setCenter(list);
    }

    private void onChange(ListChangeListener.Change<? extends ConsoleViewModel.Entry> change) {
        if (model.entries().isEmpty()) {
            lines.clear();
            return;
        }
        while (change.next()) {
            if (change.wasAdded()) {
                add(change.getAddedSubList());
            }
        }
    }

    private void add(List<? extends ConsoleViewModel.Entry> entries) {
        List<Line> added = new ArrayList<>();
        for (ConsoleViewModel.Entry e : entries) {
            boolean first = true;
            for (String line : e.text().split("\n", -1)) {
                added.add(new Line(line, e.kind(), first));
                first = false;
            }
        }
        if (added.size() >= MAX_LINES) {
            lines.setAll(added.subList(added.size() - MAX_LINES, added.size()));
        } else {
            int overflow = lines.size() + added.size() - MAX_LINES;
            if (overflow > 0) {
                lines.remove(0, overflow);
            }
            lines.addAll(added);
        }
        if (!lines.isEmpty()) {
            scrollToEnd();
        }
    }

    /**
     * Puts the last line whole at the bottom, in this pulse. (ListView.scrollTo puts a row at the
     * top when it can and left the last line hidden below the edge; scrolling again after the
     * pulse painted the console twice per print.) The flow learns the new number of lines when
     * the list is laid out, so that is done first, then the flow goes to its very end.
     */
    private void scrollToEnd() {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
            list.layout();
            flow.setPosition(1);
        } else {
            list.scrollTo(lines.size() - 1); // not shown yet
        }
    }

    /** Every line shown, entries separated by a blank line, as "Copy all" gives it. */
    String shownText() {
        StringBuilder b = new StringBuilder();
        for (Line l : lines) {
            if (l.first() && b.length() > 0) {
                b.append('\n');
            }
            b.append(l.text()).append('\n');
        }
        return b.toString();
    }

    private static final class LineCell extends ListCell<Line> {
        private static final PseudoClass REFUSAL = PseudoClass.getPseudoClass("refusal");
        private static final PseudoClass NOTICE = PseudoClass.getPseudoClass("notice");
        private static final PseudoClass ENTRY_START = PseudoClass.getPseudoClass("entry-start");

        // Pseudo-classes, not style classes: rows are reused for other lines every frame while
        // playing, and a style class change makes JavaFX look the cell's whole style up again.
        @Override
        protected void updateItem(Line line, boolean empty) {
            super.updateItem(line, empty);
            boolean present = !empty && line != null;
            setText(present ? line.text() : null);
            pseudoClassStateChanged(REFUSAL, present && line.kind() == ConsoleViewModel.Kind.REFUSAL);
            pseudoClassStateChanged(NOTICE, present && line.kind() == ConsoleViewModel.Kind.NOTICE);
            pseudoClassStateChanged(ENTRY_START, present && line.first());
        }
    }
}
