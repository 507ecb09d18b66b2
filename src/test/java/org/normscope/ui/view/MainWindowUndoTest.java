package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Ctrl+Z and Edit → Undo in the real window: the session's changes, except while typing in a field. */
@ExtendWith(ApplicationExtension.class)
class MainWindowUndoTest {

    private static final KeyCodeCombination CTRL_Z = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCodeCombination CTRL_SHIFT_Z = new KeyCodeCombination(KeyCode.Z,
            KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    private static final KeyCodeCombination CTRL_Y = new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN);

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    private double eps() {
        return fx(() -> model.snapshotProperty().get().layer().eps());
    }

    private MenuItem editItem(String id) {
        return fx(() -> ((MenuBar) stage.getScene().lookup(".menu-bar")).getMenus().stream()
                .filter(m -> "edit-menu".equals(m.getId())).findFirst().orElseThrow()
                .getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow());
    }

    @Test
    void ctrlZOnTheChartsUndoesTheSessionAndInATextFieldUndoesTheTyping() {
        MenuItem undo = editItem("edit-undo");
        MenuItem redo = editItem("edit-redo");
        assertThat(fx(undo::isDisable)).as("nothing to undo yet").isTrue();
        assertThat(fx(undo::getText)).isEqualTo("Undo (Ctrl Z)");
        fxRun(() -> model.step(5));
        d.waitForText("#step-count", "step 5");

        TextField eps = d.typeInto("#eps", "0.5");
        assertThat(fx(eps::isFocused)).isTrue();
        waitUntil("eps to be 0.5", () -> model.snapshotProperty().get().layer().eps() == 0.5);
        waitUntil("Edit → Undo to name the change", () -> "Undo eps change (Ctrl Z)".equals(undo.getText()));
        assertThat(fx(undo::isDisable)).isFalse();

        // in a text field Ctrl+Z undoes the typing there, not the session's eps
        TextField momentum = d.node("#momentum", TextField.class);
        robot.clickOn(momentum);
        waitUntil("the momentum field to have the focus", momentum::isFocused);
        robot.type(KeyCode.END);
        robot.write("9");
        waitUntil("the field to show 0.39", () -> "0.39".equals(momentum.getText()));
        robot.push(CTRL_Z);
        waitUntil("the field's own undo", () -> "0.3".equals(momentum.getText()));
        WindowDriver.waitFrames(5);
        assertThat(eps()).as("the session's eps stays").isEqualTo(0.5);
        assertThat(fx(redo::isDisable)).as("nothing was undone in the session").isTrue();
        assertThat(fx(undo::getText)).isEqualTo("Undo eps change (Ctrl Z)");
        robot.push(CTRL_Z); // nothing left to undo in the field: still not the session's
        WindowDriver.waitFrames(5);
        assertThat(eps()).isEqualTo(0.5);
        assertThat(fx(redo::isDisable)).isTrue();

        // on the charts, Ctrl+Z undoes the change of eps
        robot.clickOn("#mean-chart");
        fxRun(() -> d.node("#mean-chart", javafx.scene.Node.class).requestFocus());
        waitUntil("the focus to leave the text fields",
                () -> !(stage.getScene().getFocusOwner() instanceof TextInputControl));
        robot.push(CTRL_Z);
        waitUntil("eps back to 0", () -> model.snapshotProperty().get().layer().eps() == 0.0);
        waitUntil("the eps field to follow", () -> "0.0".equals(eps.getText()));
        d.waitForText("#banner-text", "Undone: eps change");
        assertThat(d.text("#step-count")).as("steps are not undone").isEqualTo("step 5");
        assertThat(fx(undo::isDisable)).isTrue();
        assertThat(fx(redo::getText)).isEqualTo("Redo eps change (Ctrl Shift Z)");

        robot.push(CTRL_SHIFT_Z);
        waitUntil("eps 0.5 again", () -> model.snapshotProperty().get().layer().eps() == 0.5);
        robot.push(CTRL_Z);
        waitUntil("eps back to 0 again", () -> model.snapshotProperty().get().layer().eps() == 0.0);
        robot.push(CTRL_Y);
        waitUntil("Ctrl+Y redoes too", () -> model.snapshotProperty().get().layer().eps() == 0.5);
    }

    @Test
    void editUndoGivesBackTheLayerAResetDiscarded() {
        fxRun(() -> model.step(40));
        d.waitForText("#step-count", "step 40");
        float[] runningMean = fx(() -> model.snapshotProperty().get().runningMean());
        robot.clickOn("#reset-layer");
        d.waitForText("#step-count", "step 0");
        MenuItem undo = editItem("edit-undo");
        waitUntil("Edit → Undo to name Reset layer", () -> "Undo Reset layer (Ctrl Z)".equals(undo.getText()));

        fxRun(undo::fire);

        d.waitForText("#step-count", "step 40");
        assertThat(fx(() -> model.snapshotProperty().get().runningMean())).isEqualTo(runningMean);
        assertThat(fx(() -> model.snapshotProperty().get().history().steps())).isEqualTo(40);
    }
}
