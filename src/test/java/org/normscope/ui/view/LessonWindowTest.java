package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.FormulaLine;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The notebook's lesson from the Lessons menu, with Predict on, in the real window driven by a robot. */
@ExtendWith(ApplicationExtension.class)
class LessonWindowTest {

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        window = WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    private void openTheNotebookLesson() {
        robot.clickOn("#lessons-menu");
        waitUntil("the Lessons menu to open", () -> robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus()
                .stream().filter(m -> "lessons-menu".equals(m.getId())).findFirst().orElseThrow().isShowing());
        robot.moveBy(0, 30);
        robot.clickOn("The notebook: BatchNorm1d on ones");
        d.waitForText("#lesson-stage-title", "eps and the formula");
        assertThat(fx(() -> d.node("#lesson-panel", Node.class).isVisible())).isTrue();
        assertThat(d.text("#lesson-position")).isEqualTo("Stage 1 of 7");
    }

    private void focusOffFields() {
        fxRun(() -> window.root().requestFocus());
        waitUntil("the focus to leave the text fields",
                () -> !(stage.getScene().getFocusOwner() instanceof TextInputControl));
    }

    @Test
    void theNotebookLessonWithPredictOnRevealsPointThreeThenPointFiveOneBesideATypedGuess() {
        openTheNotebookLesson();
        d.click("#lesson-next");
        d.waitForText("#lesson-stage-title", "momentum and the running stats");
        assertThat(d.text("#lesson-question")).startsWith("Ask: What is running_mean after the first step?");
        assertThat(fx(() -> d.node("#lesson-answer", Node.class).isVisible())).isFalse(); // not given away

        // the stage turns Predict on by itself
        waitUntil("the Predict box", () -> d.node("#predict-box", Node.class).isVisible());
        d.waitForText("#predict-question", "running_mean of channel 0 after step 1?");
        d.typeInto("#predict-guess", "0.25");
        d.waitForText("#predict-guesses", "Guesses: 0.25");

        d.click("#step");
        d.waitForText("#predict-reveal", "After step 1: running_mean of channel 0 = 0.3");
        d.waitForText("#predict-verdicts", "0.25: off by 0.05 (too low)");
        // the Explain pane is open on that step and channel
        waitUntil("the Explain pane", () -> d.node("#explain-heading", Node.class).isVisible());
        waitUntil("step 1 explained", () -> model.explain().lines().stream().map(FormulaLine::plain)
                .anyMatch(l -> l.startsWith("running_mean \u2190") && l.endsWith("= 0.3000")));
        d.waitForText("#explain-heading", "Step 1 \u00b7 train \u00b7 channel 0 \u00b7 element 0 of 2");

        TextField guess = d.typeInto("#predict-guess", "abc");
        d.waitForText("#predict-error", "\u201cabc\u201d is not a number: type e.g. 0.3, .51 or 1e-3");
        assertThat(fx(() -> guess.getText())).isEqualTo("abc");
        d.typeInto("#predict-guess", "0.5");
        d.waitForText("#predict-error", "");
        d.click("#step");
        d.waitForText("#predict-reveal", "After step 2: running_mean of channel 0 = 0.51");
        d.waitForText("#predict-verdicts", "0.5: off by 0.01 (too low)");
        d.waitForText("#step-count", "step 2");

        d.click("#lesson-show-answer");
        waitUntil("the answer", () -> d.node("#lesson-answer", Node.class).isVisible());
        assertThat(d.text("#lesson-answer")).startsWith("0.3, 0.51, 0.657, 0.7599");
    }

    @Test
    void keysQAndNAndShiftN() {
        openTheNotebookLesson();
        focusOffFields();
        robot.type(KeyCode.N);
        d.waitForText("#lesson-stage-title", "momentum and the running stats");
        robot.type(KeyCode.N);
        robot.type(KeyCode.N);
        d.waitForText("#lesson-stage-title", "Eval uses the running stats");
        d.waitForText("#step-count", "step 4");
        waitUntil("the Predict box the stage turned on", () -> d.node("#predict-box", Node.class).isVisible());
        d.waitForText("#predict-question", "The output y of element 0 of channel 0 after step 5 (eval)?");
        focusOffFields();
        robot.type(KeyCode.Q);
        waitUntil("Q turns it off", () -> !d.node("#predict-box", Node.class).isVisible());
        robot.type(KeyCode.Q);
        waitUntil("and on", () -> d.node("#predict-box", Node.class).isVisible());
        focusOffFields();
        robot.press(KeyCode.SHIFT).type(KeyCode.N).release(KeyCode.SHIFT);
        d.waitForText("#lesson-stage-title", "Why running_var shrinks");
        d.waitForText("#step-count", "step 0");
        d.click("#lesson-hide");
        waitUntil("the panel hidden", () -> !d.node("#lesson-panel", Node.class).isVisible());
        focusOffFields();
        robot.type(KeyCode.Q);
        waitUntil("the Predict box hidden", () -> !d.node("#predict-box", Node.class).isVisible());
    }
}
