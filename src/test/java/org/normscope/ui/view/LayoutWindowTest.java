package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The window on a 1024×768 screen: the settings fold away and nothing is cut at the right edge. */
@ExtendWith(ApplicationExtension.class)
class LayoutWindowTest {

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private MainViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
    }

    @AfterEach
    void close() {
        model.close();
    }

    private Bounds inScene(String id) {
        Node n = d.node(id, Node.class);
        return fx(() -> n.localToScene(n.getLayoutBounds()));
    }

    @Test
    void at1024By768TheSettingsFoldAndTheToolbarAndTheRightColumnAreWhole() {
        fxRun(() -> {
            stage.setMinWidth(0);
            stage.setWidth(1024);
            stage.setHeight(768);
        });
        waitUntil("the settings to fold", () -> robot.lookup("#preset").tryQuery().map(n -> fx(() -> n.getScene() == null))
                .orElse(true));
        double width = fx(() -> stage.getScene().getWidth());
        for (String id : new String[] {"#reset-layer", "#reset-stats", "#histograms", "#show-explain", "#readout"}) {
            Bounds b = inScene(id);
            assertThat(b.getMaxX()).as(id + " right edge").isLessThanOrEqualTo(width);
            assertThat(b.getMinX()).as(id + " left edge").isGreaterThanOrEqualTo(0);
        }
        // the Settings button brings the panel back
        d.click("#show-settings");
        waitUntil("the settings back", () -> robot.lookup("#preset").tryQuery().map(n -> fx(() -> n.getScene() != null))
                .orElse(false));
        assertThat(model.layout().settingsShownProperty().get()).isTrue();
    }

    @Test
    void ctrlShiftEqualsAndCtrlWithTheWheelMakeTheTextLarger() {
        fxRun(() -> stage.getScene().getRoot().requestFocus());
        double before = fx(() -> model.fontSizeProperty().get());
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.SHIFT, javafx.scene.input.KeyCode.EQUALS)
                .release(javafx.scene.input.KeyCode.EQUALS, javafx.scene.input.KeyCode.SHIFT,
                        javafx.scene.input.KeyCode.CONTROL);
        waitUntil("larger text", () -> fx(() -> model.fontSizeProperty().get()) > before);
        double after = fx(() -> model.fontSizeProperty().get());
        fxRun(() -> javafx.event.Event.fireEvent(stage.getScene().getRoot(), new javafx.scene.input.ScrollEvent(
                javafx.scene.input.ScrollEvent.SCROLL, 10, 10, 10, 10, false, true, false, false, false, false, 0, -40,
                0, -40, javafx.scene.input.ScrollEvent.HorizontalTextScrollUnits.NONE, 0,
                javafx.scene.input.ScrollEvent.VerticalTextScrollUnits.NONE, 0, 0, null)));
        assertThat(fx(() -> model.fontSizeProperty().get())).isLessThan(after);
    }
}
