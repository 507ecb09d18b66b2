package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Node;
import javafx.scene.control.TextArea;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
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

/** The Explain pane and the code pane in the real window, driven by a robot. */
@ExtendWith(ApplicationExtension.class)
class ExplainWindowTest {

    private static final String RUNNING_VAR = "running_var \u2190 (1 \u2212 0.3)\u00b70.343 + 0.3\u00b70 = 0.2401";

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    private List<String> shownLines() {
        return fx(() -> model.explain().lines().stream().map(FormulaLine::plain).toList());
    }

    private void fourSteps() {
        for (int i = 0; i < 4; i++) {
            d.click("#step");
        }
        d.waitForText("#step-count", "step 4");
    }

    @Test
    void explainShowsTheNewestStepsFormulasTypesetAndTheCursorsStepWhenThereIsOne() {
        fourSteps();
        d.click("#show-explain");
        waitUntil("the running_var line", () -> shownLines().contains(RUNNING_VAR));
        assertThat(d.text("#explain-heading")).isEqualTo("Step 4 \u00b7 train \u00b7 channel 0 \u00b7 element 0 of 2");
        VBox row = d.node("#explain-running_var", VBox.class);
        ImageView formula = fx(() -> (ImageView) row.getChildren().stream().filter(n -> n instanceof ImageView)
                .findFirst().orElseThrow());
        assertThat(fx(() -> formula.getImage().getWidth())).isGreaterThan(100);
        assertThat(fx(() -> formula.isVisible() && formula.getScene() != null)).isTrue();
        Node histograms = d.node("#histograms", Node.class);
        assertThat(fx(() -> histograms.isVisible())).isFalse();

        fxRun(() -> model.time().point(2));
        waitUntil("step 2's update", () -> shownLines()
                .contains("running_mean \u2190 (1 \u2212 0.3)\u00b70.3 + 0.3\u00b71 = 0.5100"));
        assertThat(d.text("#explain-heading")).startsWith("Step 2 \u00b7 train");

        d.click("#show-last-batch");
        waitUntil("the histograms back", () -> fx(() -> d.node("#histograms", Node.class).isVisible()));
    }

    @Test
    void theCodeTabShowsTheSessionAsPyTorchCode() {
        fourSteps();
        d.click("#code-tab");
        TextArea code = d.node("#code", TextArea.class);
        waitUntil("the code of four steps", () -> fx(() -> code.getText()).contains("for _ in range(4):"));
        String text = fx(() -> code.getText());
        assertThat(text).startsWith("import torch").contains("nn.BatchNorm1d(4, eps=0.0, momentum=0.3)")
                .contains("x = torch.ones(2, 4, 1)");
        d.click("#step");
        waitUntil("the code of five steps", () -> fx(() -> code.getText()).contains("for _ in range(5):"));
    }
}
