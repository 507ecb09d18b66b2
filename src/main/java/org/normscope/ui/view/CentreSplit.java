package org.normscope.ui.view;

import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.MouseEvent;
import org.normscope.ui.viewmodel.UiText;

/**
 * The charts above the console's tabs (console, PyTorch code and, in the compact layout, the
 * table of values). On a short window the tabs fold to their headers, so that the console gives
 * way before the charts do; a click on a header opens them, a click on the open tab's header
 * folds them again.
 */
final class CentreSplit extends SplitPane {

    /** The console's share of the height when open on a window of ordinary height. */
    private static final double CONSOLE_SHARE = 0.24;
    /** ... and when opened by a click on a short window. */
    private static final double OPENED_SHARE = 0.45;

    private final TabPane tabs;
    private final Tab values = new Tab(UiText.get("console.values.tab"));
    private final ObservableBooleanValue shortWindow;
    private boolean folded;

    CentreSplit(ChartsPane charts, TabPane tabs, ObservableBooleanValue shortWindow) {
        super(charts, tabs);
        this.tabs = tabs;
        this.shortWindow = shortWindow;
        setOrientation(Orientation.VERTICAL);
        setDividerPositions(1 - CONSOLE_SHARE);
        values.setId("values-tab");
        values.setClosable(false);
        // compact (presenting, a short window): the table of values is a tab here
        charts.compactProperty().addListener((o, a, on) -> dockValues(charts, on));
        dockValues(charts, charts.compactProperty().get());
        shortWindow.addListener((o, a, on) -> setFolded(on));
        heightProperty().addListener((o, a, h) -> {
            if (folded) {
                fold();
            }
        });
        tabs.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getY() > headerHeight()) {
                return; // in the content, not on a tab's header
            }
            if (folded) {
                setFolded(false);
                setDividerPositions(1 - OPENED_SHARE);
            } else if (shortWindow.get() && e.getPickResult().getIntersectedNode() != null
                    && isSelectedHeader(e.getPickResult().getIntersectedNode())) {
                setFolded(true);
                e.consume();
            }
        });
        setFolded(shortWindow.get());
    }

    @Override
    protected void layoutChildren() {
        // SplitPane keeps an item's minimum, and a tab pane's own minimum leaves out its content's: open,
        // the tabs are at least their headers and the open tab's minimum (the console's buttons); folded,
        // their headers alone
        Tab open = tabs.getSelectionModel().getSelectedItem();
        double content = folded || open == null || open.getContent() == null ? 0 : open.getContent().minHeight(-1);
        tabs.setMinHeight(headerHeight() + 4 + content);
        super.layoutChildren();
    }

    /** Whether the tabs are folded to their headers. */
    boolean isFolded() {
        return folded;
    }

    private void setFolded(boolean on) {
        folded = on;
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() != null) {
                t.getContent().setVisible(!on); // folded, nothing of the console shows under its headers
            }
        }
        if (on) {
            fold();
        } else {
            setDividerPositions(1 - CONSOLE_SHARE);
        }
    }

    private void fold() {
        double h = getHeight();
        if (h > 0) {
            setDividerPositions(Math.max(0.5, 1 - (headerHeight() + 4) / h));
        }
    }

    /** The tabs' header strip's height (its font's line and padding before the skin exists). */
    private double headerHeight() {
        Node header = tabs.lookup(".tab-header-area");
        return header != null && header.getLayoutBounds().getHeight() > 0 ? header.getLayoutBounds().getHeight()
                : javafx.scene.text.Font.getDefault().getSize() * 2.6;
    }

    private boolean isSelectedHeader(Node n) {
        for (Node p = n; p != null && p != tabs; p = p.getParent()) {
            if (p.getStyleClass().contains("tab")) {
                return p.getPseudoClassStates().stream().anyMatch(c -> c.getPseudoClassName().equals("selected"));
            }
        }
        return false;
    }

    private void dockValues(ChartsPane charts, boolean compact) {
        if (compact) {
            // in a holder: the box's own visibility is bound (it hides while explaining), the holder's is not
            values.setContent(new javafx.scene.layout.StackPane(charts.readoutBox()));
            values.getContent().setVisible(!folded);
            if (!tabs.getTabs().contains(values)) {
                tabs.getTabs().add(values);
            }
        } else {
            tabs.getTabs().remove(values);
            if (values.getContent() instanceof javafx.scene.layout.StackPane holder) {
                holder.getChildren().clear();
            }
            values.setContent(null);
            charts.restoreReadout();
        }
    }
}
