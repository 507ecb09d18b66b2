package org.normscope.ui.view;

import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.normscope.ui.chart.ChartTheme;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.PresentationViewModel;
import org.normscope.ui.viewmodel.UiLocale;
import org.normscope.ui.viewmodel.UiText;

/**
 * View → Axis explorer…: the {@link AxisExplorerPane} in a window of its own beside the main
 * one, so that the grid has the whole screen on a projector. It follows the main window's text
 * size, theme and language, and the session's steps while it is open on the session's batch.
 */
public final class AxisExplorerWindow {

    private AxisExplorerWindow() {
    }

    /** The explorer's scene of {@code width × height}, styled as the main window is. */
    public static Scene scene(MainViewModel model, Consumer<Node> exporter, double width, double height) {
        AxisExplorerPane pane = new AxisExplorerPane(model.axes(), model.fontSizeProperty(), exporter);
        pane.getStyleClass().add("normscope");
        if (UiLocale.chinese()) {
            pane.getStyleClass().add("lang-zh");
        }
        pane.getStylesheets().add(AxisExplorerWindow.class.getResource("/css/normscope.css").toExternalForm());
        pane.styleProperty().bind(model.fontSizeProperty().asString(java.util.Locale.ROOT, "-fx-font-size: %.0fpx;"));
        Scene scene = new Scene(pane, width, height);
        Runnable look = () -> {
            PresentationViewModel.Look l = model.presentation().lookProperty().get();
            pane.getStyleClass().removeAll("projector", "projector-dark");
            if (l.projector()) {
                pane.getStyleClass().add("projector");
            }
            if (l == PresentationViewModel.Look.PROJECTOR_DARK) {
                pane.getStyleClass().add("projector-dark");
            }
            scene.setUserAgentStylesheet(l == PresentationViewModel.Look.PROJECTOR_DARK
                    ? new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet() : null);
            pane.setChartTheme(switch (l) {
                case LIGHT -> ChartTheme.LIGHT;
                case PROJECTOR_LIGHT -> ChartTheme.PROJECTOR_LIGHT;
                case PROJECTOR_DARK -> ChartTheme.PROJECTOR_DARK;
            });
        };
        look.run();
        model.presentation().lookProperty().addListener((o, a, l) -> look.run());
        return scene;
    }

    /** The explorer's window while it is open (one at a time), or null. */
    private static Stage shown;

    /**
     * Opens the explorer on the session's last batch with the main layer's type, in a window of
     * its own; if it is open already, it comes to the front, on the session's batch again.
     */
    public static Stage open(Window owner, MainViewModel model, Consumer<Node> exporter) {
        model.openAxes();
        if (shown != null && shown.isShowing()) {
            shown.toFront();
            return shown;
        }
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle(UiText.get("axes.title"));
        stage.setScene(scene(model, exporter, 1280, 800));
        stage.setOnHidden(e -> {
            model.axes().close();
            if (shown == stage) {
                shown = null;
            }
        });
        stage.show();
        shown = stage;
        return stage;
    }

    /**
     * View → Language rebuilt the main window: an open explorer is built again in the new
     * language, where it was, on what it showed (its view model keeps the choices).
     */
    static void rebuild(MainViewModel model, Consumer<Node> exporter) {
        Stage old = shown;
        if (old == null || !old.isShowing()) {
            return;
        }
        old.setTitle(UiText.get("axes.title"));
        old.setScene(scene(model, exporter, old.getScene().getWidth(), old.getScene().getHeight()));
    }
}
