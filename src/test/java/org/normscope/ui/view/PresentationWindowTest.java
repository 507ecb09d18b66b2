package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.PresentationViewModel.Look;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Presentation mode with the keys of a presentation remote. */
@ExtendWith(ApplicationExtension.class)
class PresentationWindowTest {

    private final FxRobot robot = new FxRobot();
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
        fxRun(() -> stage.setFullScreen(false));
        model.close();
    }

    private void type(KeyCode key) {
        robot.type(key);
        WindowDriver.waitFrames(2);
    }

    private boolean settingsInWindow() {
        return robot.lookup("#preset").tryQuery().map(n -> fx(() -> n.getScene() != null)).orElse(false);
    }

    @Test
    void f5PresentsPageDownStepsPageUpGoesBackBBlanksAndEscLeaves() {
        fxRun(() -> stage.getScene().getRoot().requestFocus());
        double font = fx(() -> model.fontSizeProperty().get());
        type(KeyCode.F5);
        waitUntil("presentation mode", () -> fx(() -> model.presentation().presentingProperty().get()));
        assertThat(fx(stage::isFullScreen)).as("full screen requested").isTrue();
        assertThat(fx(stage::getFullScreenExitKeyCombination))
                .isEqualTo(javafx.scene.input.KeyCombination.NO_MATCH);
        waitUntil("the settings folded", () -> !settingsInWindow());
        assertThat(fx(() -> model.fontSizeProperty().get())).isGreaterThan(font);
        assertThat(fx(() -> model.presentation().lookProperty().get())).isEqualTo(Look.PROJECTOR_LIGHT);
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains("projector");

        for (int i = 0; i < 3; i++) {
            type(KeyCode.PAGE_DOWN);
        }
        waitUntil("three steps", () -> fx(() -> model.stepCountProperty().get()) == 3);
        type(KeyCode.RIGHT);
        waitUntil("four steps", () -> fx(() -> model.stepCountProperty().get()) == 4);
        type(KeyCode.PAGE_UP);
        waitUntil("the cursor a step back from the newest", () -> fx(() -> model.time().cursorProperty().get()) == 3);
        type(KeyCode.LEFT);
        assertThat(fx(() -> model.time().cursorProperty().get())).isEqualTo(2);

        Node blank = robot.lookup("#blank").query();
        type(KeyCode.B);
        assertThat(fx(blank::isVisible)).as("blanked").isTrue();
        assertThat(fx(() -> blank.getLayoutBounds().getWidth())).isEqualTo(fx(() -> stage.getScene().getWidth()));
        type(KeyCode.SPACE); // any key shows the screen again, and does nothing else
        assertThat(fx(blank::isVisible)).isFalse();
        assertThat(fx(() -> model.stepCountProperty().get())).isEqualTo(4);
        type(KeyCode.B);
        type(KeyCode.B);
        assertThat(fx(blank::isVisible)).as("B again unblanks").isFalse();

        // the Settings button still brings the settings back while presenting
        fxRun(() -> model.layout().settingsShownProperty().set(true));
        waitUntil("the settings back", this::settingsInWindow);

        type(KeyCode.ESCAPE);
        waitUntil("presentation mode left", () -> !fx(() -> model.presentation().presentingProperty().get()));
        assertThat(fx(stage::isFullScreen)).isFalse();
        assertThat(fx(() -> model.fontSizeProperty().get())).isEqualTo(font);
        assertThat(fx(() -> model.presentation().lookProperty().get())).isEqualTo(Look.LIGHT);
    }

    @Test
    void outsidePresentationModeTheArrowsAndBDoNothingAndEscDoesNotPresent() {
        fxRun(() -> stage.getScene().getRoot().requestFocus());
        type(KeyCode.B);
        type(KeyCode.RIGHT);
        assertThat(fx(() -> model.presentation().blankedProperty().get())).isFalse();
        type(KeyCode.PAGE_DOWN);
        waitUntil("Page Down steps anywhere", () -> fx(() -> model.stepCountProperty().get()) == 1);
        type(KeyCode.ESCAPE);
        assertThat(fx(() -> model.presentation().presentingProperty().get())).isFalse();
    }

    @Test
    void theRemoteKeysTypeInATextField() {
        fxRun(() -> model.presentation().enter());
        javafx.scene.control.TextInputControl field = robot.lookup(".text-field").queryAllAs(
                javafx.scene.control.TextInputControl.class).stream().findFirst().orElseThrow();
        fxRun(() -> {
            model.layout().settingsShownProperty().set(true);
        });
        waitUntil("the settings back", this::settingsInWindow);
        fxRun(field::requestFocus);
        long steps = fx(() -> model.stepCountProperty().get());
        type(KeyCode.B);
        type(KeyCode.PAGE_DOWN);
        assertThat(fx(() -> model.presentation().blankedProperty().get())).isFalse();
        assertThat(fx(() -> model.stepCountProperty().get())).isEqualTo(steps);
    }

    @Test
    void theThemeMenuChoosesTheDarkProjectorThemeForTheSceneAndTheCharts() {
        fxRun(() -> model.presentation().lookProperty().set(Look.PROJECTOR_DARK));
        assertThat(fx(() -> stage.getScene().getUserAgentStylesheet())).contains("primer-dark");
        assertThat(fx(() -> ((org.normscope.ui.chart.CanvasChart) robot.lookup(".curve-chart").query())
                .chartThemeProperty().get())).isEqualTo(org.normscope.ui.chart.ChartTheme.PROJECTOR_DARK);
        fxRun(() -> model.presentation().lookProperty().set(Look.LIGHT));
        assertThat(fx(() -> stage.getScene().getUserAgentStylesheet())).isNull();
    }
}
