package org.normscope.ui.view;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;
import org.normscope.ui.chart.CanvasChart;
import org.normscope.ui.chart.ChartProbe;

/**
 * What a teacher would see wrong in a window: a label shortened with an ellipsis, a control past
 * the window's edge, a chart's text cut or drawn over another, a window whose content needs more
 * room than it has. Read on the FX thread. (Scrolled content, the settings panel, and the rows
 * of lists and tables are left out: they scroll.)
 */
final class LayoutProblems {

    private LayoutProblems() {
    }

    static List<String> of(Scene scene) {
        List<String> out = new ArrayList<>();
        Parent root = scene.getRoot();
        if (root instanceof Region r) {
            if (r.minWidth(-1) > scene.getWidth() + 0.5) {
                out.add("the window needs " + Math.round(r.minWidth(-1)) + " px wide, has " + scene.getWidth());
            }
            if (r.minHeight(scene.getWidth()) > scene.getHeight() + 0.5) {
                out.add("the window needs " + Math.round(r.minHeight(scene.getWidth())) + " px high, has "
                        + scene.getHeight());
            }
        }
        visit(root, scene, out, false);
        return out;
    }

    /** {@code scrolled}: inside a scroll pane (the settings), where only cut texts count, not the edges. */
    private static void visit(Node n, Scene scene, List<String> out, boolean scrolled) {
        if (!n.isVisible() || n.getStyleClass().contains("virtual-flow")) {
            return;
        }
        scrolled = scrolled || n instanceof ScrollPane;
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isBlank()) {
            Text shown = (Text) l.lookup(".text");
            // JavaFX shortens with "..." (its default ellipsis string), the charts with "…"
            if (shown != null && !shown.getText().equals(l.getText())
                    && (shown.getText().contains("...") || shown.getText().contains("…"))) {
                out.add("cut: \"" + l.getText() + "\" shows \"" + shown.getText() + "\"");
            }
            Bounds b = l.localToScene(l.getLayoutBounds());
            if (!scrolled && b.getWidth() > 0 && (b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1
                    || b.getMinX() < -1 || b.getMinY() < -1)) {
                out.add("off screen: \"" + l.getText() + "\" at " + Math.round(b.getMinX()) + "," + Math.round(b.getMinY())
                        + " to " + Math.round(b.getMaxX()) + "," + Math.round(b.getMaxY()));
            }
        }
        if (n instanceof CanvasChart chart && chart.getWidth() > 0) {
            for (String t : ChartProbe.texts(chart)) {
                if (t.contains("…")) {
                    out.add("chart " + chart.getId() + " cut: \"" + t + "\"");
                }
            }
            String tooSmall = org.normscope.ui.chart.ChartWords.current().tooSmall().substring(0, 4);
            if (ChartProbe.texts(chart).stream().anyMatch(t -> t.startsWith(tooSmall))) {
                out.add("chart " + chart.getId() + " too small to draw");
            }
            for (String pair : ChartProbe.overlaps(chart)) {
                out.add("chart " + chart.getId() + " overlap: " + pair);
            }
            Bounds b = chart.localToScene(chart.getLayoutBounds());
            if (b.getMaxX() > scene.getWidth() + 1 || b.getMaxY() > scene.getHeight() + 1) {
                out.add("chart " + chart.getId() + " past the window's edge");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                visit(c, scene, out, scrolled);
            }
        }
    }
}
