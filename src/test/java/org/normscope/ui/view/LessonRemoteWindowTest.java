package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.MenuBar;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.UiLocale;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The notebook's lesson given start to finish with a presentation remote's keys alone (F5, Page
 * Down, Page Up, B), in English and in Chinese: each of 0.3, 0.51, 0.657, 0.7599 and 0.4900 is
 * hidden until the step that reveals it.
 */
@ExtendWith(ApplicationExtension.class)
class LessonRemoteWindowTest {

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MainViewModel model;
    private Stage stage;

    @AfterEach
    void close() {
        if (model != null) {
            fxRun(() -> model.presentation().leave());
            model.close();
        }
        if (stage != null) {
            fxRun(stage::hide);
        }
        UiLocale.set(Locale.ENGLISH);
        org.normscope.ui.chart.CanvasChart.setTextFamily(null); // a Chinese window set the charts' CJK font
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    private void key(KeyCode k) {
        fxRun(() -> stage.getScene().getRoot().requestFocus());
        robot.type(k);
    }

    private String reveal() {
        return fx(() -> model.predict().revealProperty().get());
    }

    private String stageTitle() {
        return fx(() -> model.lesson().titleProperty().get());
    }

    /** Page Down once: the value is not on screen before (Predict hides it), and is after, written as {@code value}. */
    private void revealWithPageDown(long step, String value) {
        assertThat(fx(() -> model.predict().onProperty().get())).as("Predict on before step " + step).isTrue();
        assertThat(reveal()).as("before step " + step).doesNotContain(" " + step + (UiLocale.chinese() ? " 步" : ":"));
        key(KeyCode.PAGE_DOWN);
        String expected = UiLocale.chinese() ? "第 " + step + " 步之后：" : "After step " + step + ": ";
        waitUntil("step " + step + " revealed", () -> reveal().startsWith(expected));
        assertThat(reveal()).endsWith(" = " + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "zh-CN"})
    void theWholeLessonWithTheRemoteKeysAlone(String lang) {
        UiLocale.set(UiLocale.parse(lang));
        boolean zh = lang.equals("zh-CN");
        model = fx(() -> new MainViewModel(PresetLibrary.builtIn()));
        model.setErrorHandler(errors::add);
        stage = fx(() -> {
            Stage s = new Stage();
            WindowDriver.show(s, model);
            return s;
        });
        // the Lessons menu, as the teacher opens it before the class
        robot.clickOn("#lessons-menu");
        waitUntil("the Lessons menu to open", () -> robot.lookup(".menu-bar").queryAs(MenuBar.class).getMenus()
                .stream().filter(m -> "lessons-menu".equals(m.getId())).findFirst().orElseThrow().isShowing());
        robot.clickOn("#lesson-notebook");
        waitUntil("stage 1", () -> model.lesson().indexProperty().get() == 0);
        key(KeyCode.F5);
        waitUntil("presenting", () -> model.presentation().presentingProperty().get());

        // 1. eps and the formula: one step, then on
        key(KeyCode.PAGE_DOWN);
        waitUntil("step 1", () -> model.stepCountProperty().get() == 1);
        key(KeyCode.PAGE_DOWN);
        waitUntil("stage 2", () -> model.lesson().indexProperty().get() == 1);
        assertThat(stageTitle()).isEqualTo(zh ? "动量与 running 统计量" : "momentum and the running stats");
        waitUntil("a fresh layer", () -> model.stepCountProperty().get() == 0);

        // 2. momentum: the running_mean of four steps, each hidden until its step
        revealWithPageDown(1, "0.3");
        revealWithPageDown(2, "0.51");
        revealWithPageDown(3, "0.657");
        revealWithPageDown(4, "0.7599");

        // Page Up at a stage's start goes back a stage; Page Down comes forward again
        key(KeyCode.PAGE_DOWN);
        waitUntil("stage 3", () -> model.lesson().indexProperty().get() == 2);
        waitUntil("stage 3's fresh layer", () -> model.stepCountProperty().get() == 0);
        key(KeyCode.PAGE_UP);
        waitUntil("back to stage 2", () -> model.lesson().indexProperty().get() == 1);
        waitUntil("stage 2 again", () -> model.stepCountProperty().get() == 0);
        for (int i = 0; i < 5; i++) { // four steps, then on
            long before = fx(() -> model.stepCountProperty().get());
            key(KeyCode.PAGE_DOWN);
            if (i < 4) {
                waitUntil("step " + (before + 1), () -> model.stepCountProperty().get() == before + 1);
            }
        }
        waitUntil("stage 3 again", () -> model.lesson().indexProperty().get() == 2);

        // 3. running_var shrinks: 0.7, 0.49, 0.343, 0.2401
        waitUntil("stage 3's fresh layer", () -> model.stepCountProperty().get() == 0);
        revealWithPageDown(1, "0.7");
        revealWithPageDown(2, "0.4900"); // 0.48999998 in float32: four digits, as PyTorch prints it
        revealWithPageDown(3, "0.343");
        revealWithPageDown(4, "0.2401");

        // 4. eval uses the running stats: four train steps, eval, and the output hidden until the step
        key(KeyCode.PAGE_DOWN);
        waitUntil("stage 4", () -> model.lesson().indexProperty().get() == 3);
        waitUntil("the stage's four train steps", () -> model.stepCountProperty().get() == 4
                && !model.layer().trainingProperty().get());
        revealWithPageDown(5, "0.49"); // exactly 0.49 in float32 (the console prints tensor([[[0.4900]]...)

        // B blanks the screen and brings it back
        key(KeyCode.B);
        waitUntil("blank", () -> model.presentation().blankedProperty().get());
        key(KeyCode.B);
        waitUntil("not blank", () -> !model.presentation().blankedProperty().get());

        // 5. to 7.: momentum=None, affine (γ = 2, β = 0.5 set by the stage), untracked
        key(KeyCode.PAGE_DOWN);
        waitUntil("stage 5", () -> model.lesson().indexProperty().get() == 4);
        waitUntil("stage 5's fresh layer", () -> model.stepCountProperty().get() == 0);
        revealWithPageDown(1, "1");
        key(KeyCode.PAGE_DOWN);
        waitUntil("stage 6", () -> model.lesson().indexProperty().get() == 5);
        waitUntil("stage 6's fresh layer", () -> model.stepCountProperty().get() == 0);
        key(KeyCode.PAGE_DOWN);
        waitUntil("step 1 of stage 6", () -> model.stepCountProperty().get() == 1);
        waitUntil("γ = 2, β = 0.5 and y = β = 0.5", () -> model.snapshotProperty().get().step() == 1
                && model.snapshotProperty().get().weight()[0] == 2f && model.snapshotProperty().get().bias()[0] == 0.5f
                && model.snapshotProperty().get().outputHistograms().get(0).mean() == 0.5);
        key(KeyCode.PAGE_DOWN);
        waitUntil("stage 7", () -> model.lesson().indexProperty().get() == 6);
        waitUntil("stage 7's fresh layer", () -> model.stepCountProperty().get() == 0);
        revealWithPageDown(1, "0");
        assertThat(fx(() -> model.lesson().positionProperty().get())).isEqualTo(zh ? "第 7 阶段，共 7 个" : "Stage 7 of 7");
        // Esc leaves presentation mode: the lesson panel is back, on the last stage
        key(KeyCode.ESCAPE);
        waitUntil("the lesson panel", () -> d.node("#lesson-panel", Node.class).getScene() != null
                && d.node("#lesson-panel", Node.class).isVisible());
    }
}
