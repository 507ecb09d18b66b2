package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import java.util.stream.Collectors;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.lesson.LessonLibrary;
import org.normscope.preset.PresetLibrary;
import org.normscope.preset.UserPresets;
import org.normscope.scenario.LayerKind;
import org.normscope.session.SessionSnapshot;
import org.normscope.testing.ManualTime;
import org.normscope.ui.app.Figures;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window on Monocle's headless platform, driven by a robot as a user would. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    private static final String N1_MESSAGE = "Expected more than 1 value per channel when training, "
            + "got input size torch.Size([1, 4])";

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel model;
    private MainWindow window;

    /**
     * The session's thread holds playing's ticks until the test runs them, on a clock that runs as
     * the system's and that the test moves on: the rest (commands, a long command's progress) runs
     * as in the app.
     */
    private final ManualTime time = ManualTime.followingSystemClock();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn(), LessonLibrary.builtIn(), new UserPresets(), time::runner,
                time.clock);
        window = WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        List<Window> dialogs = fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage && w != stage && w.isShowing()).toList());
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
        assertThat(dialogs).as("error dialogs left open").isEmpty();
    }

    /** Lets time pass for playing, 200 ms of the clock and its ticks at a time, each followed by frames, until {@code condition}. */
    private void playUntil(String what, java.util.concurrent.Callable<Boolean> condition) {
        for (int i = 0; i < 100; i++) {
            time.pass(200);
            WindowDriver.waitFrames(2);
            if (fx(condition)) {
                return;
            }
        }
        throw new AssertionError("no " + what + " after 20 s of playing");
    }

    private static String textOf(javafx.scene.control.Labeled l) {
        return fx(l::getText);
    }

    private static String textOf(TextInputControl f) {
        return fx(f::getText);
    }

    private long shownSteps() {
        String t = d.text("#step-count");
        return Long.parseLong(t.substring("step ".length()));
    }

    private SessionSnapshot snapshot() {
        return fx(() -> model.snapshotProperty().get());
    }

    /** Everything the console list holds, entry after entry (what "Copy all" copies). */
    private String console() {
        @SuppressWarnings("unchecked")
        ListView<Object> list = d.node("#console", ListView.class);
        return fx(() -> list.getItems().stream().map(l -> ((ConsolePane.Line) l).text())
                .collect(Collectors.joining("\n")));
    }

    private void waitForConsole(String text) {
        waitUntil("the console to show " + text, () -> console().contains(text));
    }

    private List<Label> visibleErrors() {
        return fx(() -> robot.lookup(".field-error").queryAllAs(Label.class).stream()
                .filter(l -> l.isVisible() && l.getScene() != null && !l.getText().isEmpty()).toList());
    }

    /** Puts the focus where plain keys act (not in a text field). */
    private void focusOffFields() {
        fxRun(() -> window.root().requestFocus());
        waitUntil("the focus to leave the text fields",
                () -> !(stage.getScene().getFocusOwner() instanceof TextInputControl));
    }

    @Test
    void opensOnTheNotebook() {
        assertThat(fx(stage::getTitle)).startsWith("NormScope");
        assertThat(d.text("#step-count")).isEqualTo("step 0");
        assertThat(d.text("#status-mode")).isEqualTo("mode: train");
        TextField eps = d.node("#eps", TextField.class);
        assertThat(textOf(eps)).isEqualTo("0.0");
        assertThat(fx(() -> d.node("#momentum", TextField.class).getText())).isEqualTo("0.3");
        assertThat(fx(() -> d.node("#num-features", TextField.class).getText())).isEqualTo("4");
        @SuppressWarnings("unchecked")
        ComboBox<Object> preset = d.node("#preset", ComboBox.class);
        assertThat(fx(() -> preset.getValue())).isSameAs(PresetLibrary.first());
        assertThat(fx(() -> d.node("#train", ToggleButton.class).isSelected())).isTrue();
        assertThat(fx(() -> d.node("#banner", HBox.class).isVisible())).isFalse();
        assertThat(robot.lookup("#weight-3").tryQuery()).isPresent();
        assertThat(robot.lookup("#weight-4").tryQuery()).isEmpty();
    }

    /** (a) The notebook and four clicks on Step. */
    @Test
    void fourStepsShowTheNotebooksRunningStats() {
        for (int i = 0; i < 4; i++) {
            d.click("#step");
        }
        d.waitForText("#step-count", "step 4");
        waitForConsole("running_var = tensor([0.2401, 0.2401, 0.2401, 0.2401])");
        assertThat(console())
                .contains("running_mean = tensor([0.7599, 0.7599, 0.7599, 0.7599])")
                .contains("running_var = tensor([0.2401, 0.2401, 0.2401, 0.2401])")
                .contains("step 1 · train")
                .contains("running_mean = tensor([0.3000, 0.3000, 0.3000, 0.3000])");
        d.waitForText("#status-tracked", "num_batches_tracked = 4");
        assertThat(d.text("#status-factor")).isEqualTo("factor = momentum = 0.3");
        assertThat(d.text("#status-n")).startsWith("n = 2");
        SessionSnapshot s = snapshot();
        assertThat(s.step()).isEqualTo(4);
        assertThat((double) s.runningMean()[0]).isCloseTo(0.7599, org.assertj.core.data.Offset.offset(1e-4));
    }

    /** (b) Eval, then Step: the output 0.4900. */
    @Test
    void evalThenStepShowsTheNormalizedOutput() {
        for (int i = 0; i < 4; i++) {
            d.click("#step");
        }
        d.waitForText("#step-count", "step 4");
        d.click("#eval");
        d.waitForText("#status-mode", "mode: eval");
        assertThat(fx(() -> d.node("#eval", ToggleButton.class).isSelected())).isTrue();
        assertThat(fx(() -> d.node("#train", ToggleButton.class).isSelected())).isFalse();
        d.click("#step");
        d.waitForText("#step-count", "step 5");
        waitForConsole("step 5 · eval");
        String last = console().substring(console().lastIndexOf("step 5 · eval"));
        assertThat(last).contains("y = tensor([[[0.4900],").contains("0.4900");
        assertThat(d.text("#status-tracked")).isEqualTo("num_batches_tracked = 4");
        // a click on the selected mode keeps it
        d.click("#eval");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> d.node("#eval", ToggleButton.class).isSelected())).isTrue();
        d.click("#train");
        d.waitForText("#status-mode", "mode: train");
    }

    /** (c) A bad eps shows a message and leaves the layer as it was. */
    @Test
    void aBadEpsShowsAMessageAndChangesNothing() {
        d.click("#step");
        d.click("#step");
        d.waitForText("#step-count", "step 2");
        long version = snapshot().version();
        TextField eps = d.typeInto("#eps", "abc");
        waitUntil("an error message under a field", () -> !visibleErrors().isEmpty());
        List<Label> shown = visibleErrors();
        assertThat(shown).hasSize(1);
        assertThat(fx(() -> shown.get(0).getText())).contains("\u201cabc\u201d is not a number");
        assertThat(textOf(eps)).isEqualTo("abc");
        model.awaitIdle();
        WindowDriver.waitFrames(2);
        SessionSnapshot s = snapshot();
        assertThat(s.layer().eps()).isEqualTo(0.0);
        assertThat(s.version()).isEqualTo(version);
        assertThat(s.step()).isEqualTo(2);
        assertThat(d.text("#step-count")).isEqualTo("step 2");

        // leaving the field does not apply it either
        d.click("#step");
        d.waitForText("#step-count", "step 3");
        assertThat(snapshot().layer().eps()).isEqualTo(0.0);

        // a good value: the message goes, eps applies, the layer is the same one
        d.typeInto("#eps", "0.001");
        waitUntil("eps 0.001 in the model", () -> model.snapshotProperty().get().layer().eps() == 0.001);
        waitUntil("the message to go", () -> visibleErrors().isEmpty());
        assertThat(d.text("#step-count")).isEqualTo("step 3");
        waitForConsole(">>> layer.eps = 0.001");
    }

    /** (d) N = 1 in train: PyTorch's refusal in the banner, and the window goes on. */
    @Test
    void aBatchOfOneIsRefusedWithPyTorchsMessage() {
        d.typeInto("#batch-size", "1");
        d.typeInto("#dim-0", "");
        waitUntil("the input (1, 4)", () -> model.input().shapeTextProperty().get().startsWith("x: (1, 4)"));
        d.click("#step");
        Label banner = d.node("#banner-text", Label.class);
        waitUntil("the refusal in the banner", () -> banner.getText().contains(N1_MESSAGE));
        assertThat(textOf(banner)).isEqualTo("ValueError: " + N1_MESSAGE);
        HBox bannerBox = d.node("#banner", HBox.class);
        assertThat(fx(bannerBox::isVisible)).isTrue();
        assertThat(fx(() -> List.copyOf(bannerBox.getStyleClass()))).contains("error");
        assertThat(d.text("#step-count")).isEqualTo("step 0");
        waitForConsole("refused\nValueError: " + N1_MESSAGE);

        // the window still responds: eval takes a batch of one
        d.click("#eval");
        d.waitForText("#status-mode", "mode: eval");
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        waitUntil("the red banner to go", () -> !bannerBox.isVisible());
        assertThat(fx(() -> List.copyOf(bannerBox.getStyleClass()))).doesNotContain("error");

        // and train with N = 2 again
        d.click("#train");
        d.typeInto("#batch-size", "2");
        waitUntil("the input (2, 4)", () -> model.input().shapeTextProperty().get().startsWith("x: (2, 4)"));
        d.click("#step");
        d.waitForText("#step-count", "step 2");
        assertThat(snapshot().refusal()).isNull();
    }

    @Test
    void theBannerCanBeDismissed() {
        d.typeInto("#num-features", "6");
        HBox bannerBox = d.node("#banner", HBox.class);
        waitUntil("the new-layer banner", () -> bannerBox.isVisible());
        assertThat(d.text("#banner-text")).contains("start again");
        d.click("#banner-dismiss");
        waitUntil("the banner to go", () -> !bannerBox.isVisible());
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        assertThat(fx(bannerBox::isVisible)).isFalse();
    }

    /** (e) Play, then Pause: the step count stops. */
    @Test
    void playThenPauseStopsTheStepCount() {
        Button play = d.node("#play", Button.class);
        assertThat(textOf(play)).isEqualTo("Play");
        d.click("#play");
        waitUntil("Play to become Pause", () -> play.getText().equals("Pause"));
        playUntil("three steps while playing", () -> model.stepCountProperty().get() >= 3);
        d.click("#play");
        waitUntil("Pause to become Play", () -> play.getText().equals("Play"));
        model.awaitIdle();
        WindowDriver.waitFrames(3);
        long first = shownSteps();
        assertThat(first).isGreaterThanOrEqualTo(3);
        time.pass(600); // at 5 steps/s three more would be due
        assertThat(time.engine.liveTicks()).as("ticks left to run after Pause").isZero();
        WindowDriver.waitFrames(2);
        assertThat(shownSteps()).isEqualTo(first);
        assertThat(snapshot().step()).isEqualTo(first);
    }

    @Test
    void keysStepSwitchModePlayAndResetStats() {
        focusOffFields();
        robot.type(KeyCode.SPACE);
        d.waitForText("#step-count", "step 1");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.SPACE);
        d.waitForText("#step-count", "step 3");
        d.waitForText("#status-tracked", "num_batches_tracked = 3");

        robot.type(KeyCode.E);
        d.waitForText("#status-mode", "mode: eval");
        assertThat(fx(() -> d.node("#eval", ToggleButton.class).isSelected())).isTrue();
        robot.type(KeyCode.T);
        d.waitForText("#status-mode", "mode: train");
        assertThat(fx(() -> d.node("#train", ToggleButton.class).isSelected())).isTrue();

        robot.type(KeyCode.R);
        d.waitForText("#status-tracked", "num_batches_tracked = 0");
        assertThat(d.text("#step-count")).isEqualTo("step 3");
        waitForConsole(">>> layer.reset_running_stats()");

        Button play = d.node("#play", Button.class);
        robot.type(KeyCode.P);
        waitUntil("playing", () -> play.getText().equals("Pause"));
        playUntil("step while playing", () -> model.stepCountProperty().get() >= 4);
        robot.type(KeyCode.P);
        waitUntil("paused", () -> play.getText().equals("Play"));
        assertThat(fx(() -> model.playingProperty().get())).isFalse();
    }

    @Test
    void aHundredStepsOnALargeBatchShowProgressAndEscapeStopsThem() {
        // the notebook's layer on 256 × 4 × 8192 values: a printed step takes tens of milliseconds
        d.typeInto("#batch-size", "256");
        d.typeInto("#dim-0", "8192");
        waitUntil("the large batch", () -> java.util.Arrays.equals(model.snapshotProperty().get().batches().shape(), new int[] {256, 4, 8192}));
        focusOffFields();
        Label progress = d.node("#status-progress", Label.class);
        Button cancel = d.node("#progress-cancel", Button.class);
        assertThat(fx(progress::isVisible)).isFalse();
        d.click("#step100");
        waitUntil("progress in the status bar", () -> progress.isVisible() && progress.getText().contains(" / 100 steps")
                && shownSteps() > 0);
        assertThat(fx(cancel::isVisible)).isTrue();
        assertThat(textOf(progress)).matches("\\d+ / 100 steps \u00b7 .*");
        robot.type(KeyCode.ESCAPE);
        waitUntil("the progress gone", () -> !progress.isVisible() && !cancel.isVisible());
        model.awaitIdle();
        WindowDriver.waitFrames(2);
        long stopped = snapshot().step();
        assertThat(stopped).isBetween(1L, 99L);
        assertThat(shownSteps()).isEqualTo(stopped);
        assertThat(snapshot().refusal()).isNull();
    }

    @Test
    void keysTypeIntoTextFieldsInsteadOfActing() {
        TextField eps = d.typeInto("#eps", "0");
        assertThat(fx(eps::isFocused)).isTrue();
        robot.type(KeyCode.E);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(textOf(eps)).isEqualTo("0e");
        assertThat(d.text("#status-mode")).isEqualTo("mode: train");
        robot.type(KeyCode.BACK_SPACE);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(d.text("#step-count")).isEqualTo("step 0");
    }

    @Test
    void escapeLeavesATextFieldSoThatSpaceStepsAgain() {
        TextField eps = d.typeInto("#eps", "0.001");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(eps::isFocused)).isFalse();
        robot.type(KeyCode.SPACE);
        waitUntil("a step after Escape and Space", () -> d.text("#step-count").equals("step 1"));
        assertThat(snapshot().layer().eps()).isEqualTo(0.001);
    }

    @Test
    void ctrlPlusGrowsTheFont() {
        focusOffFields();
        robot.push(KeyCode.CONTROL, KeyCode.PLUS);
        waitUntil("a larger font", () -> model.fontSizeProperty().get() == MainViewModel.DEFAULT_FONT + 2);
        assertThat(fx(() -> window.root().getStyle())).contains("-fx-font-size: 17px");
        robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
        waitUntil("a larger font again", () -> model.fontSizeProperty().get() == MainViewModel.DEFAULT_FONT + 4);
        robot.push(KeyCode.CONTROL, KeyCode.MINUS);
        waitUntil("a smaller font", () -> model.fontSizeProperty().get() == MainViewModel.DEFAULT_FONT + 2);
        robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
        waitUntil("the default font", () -> model.fontSizeProperty().get() == MainViewModel.DEFAULT_FONT);
        assertThat(fx(() -> window.root().getStyle())).contains("-fx-font-size: 15px");
        // the font keys also work from a text field
        d.typeInto("#eps", "0");
        robot.push(KeyCode.CONTROL, KeyCode.PLUS);
        waitUntil("a larger font from a field", () -> model.fontSizeProperty().get() == MainViewModel.DEFAULT_FONT + 2);
    }

    @Test
    void settingsChangeTheLayer() {
        // C: a new layer, one parameter row per channel
        d.typeInto("#num-features", "6");
        waitUntil("six parameter rows", () -> robot.lookup("#weight-5").tryQuery().isPresent());
        d.waitForText("#step-count", "step 0");
        assertThat(robot.lookup("#weight-6").tryQuery()).isEmpty();

        // momentum None: the field is disabled, the factor is 1/k
        d.click("#momentum-none");
        waitUntil("momentum None", () -> model.snapshotProperty().get().layer().momentum().isCumulative());
        assertThat(fx(() -> d.node("#momentum", TextField.class).isDisabled())).isTrue();
        d.click("#step");
        d.click("#step");
        d.waitForText("#step-count", "step 2");
        d.waitForText("#status-factor", "factor = 1/2 = 0.5 (momentum=None)");
        d.click("#momentum-none");
        waitUntil("momentum 0.3 again", () -> !model.snapshotProperty().get().layer().momentum().isCumulative());
        assertThat(fx(() -> d.node("#momentum-none", CheckBox.class).isSelected())).isFalse();

        // a weight: applies at once
        d.typeInto("#weight-1", "2");
        waitUntil("weight[1] = 2", () -> model.snapshotProperty().get().weight()[1] == 2f);
        waitForConsole(">>> layer.weight.data[1] = 2.0");

        // affine off: no parameter fields
        d.click("#affine");
        waitUntil("no parameter rows", () -> robot.lookup("#weight-0").tryQuery().isEmpty());
        assertThat(snapshot().weight()).isNull();

        // the kind: BatchNorm2d takes H and W
        @SuppressWarnings("unchecked")
        ComboBox<LayerKind> kind = d.node("#kind", ComboBox.class);
        d.click("#kind");
        robot.clickOn("BatchNorm2d");
        waitUntil("BatchNorm2d", () -> model.snapshotProperty().get().layer().kind() == LayerKind.BATCH_NORM_2D);
        assertThat(fx(kind::getValue)).isEqualTo(LayerKind.BATCH_NORM_2D);
        Node dim1 = d.node("#dim-1", Node.class);
        waitUntil("a W field", () -> dim1.getParent().isVisible());
        assertThat(fx(() -> d.node("#dim-2", Node.class).getParent().isVisible())).isFalse();
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        waitForConsole("torch.Size([2, 6, 4, 4])");
    }

    @Test
    void theSecondPresetLoadsFromTheChooser() {
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        d.click("#preset");
        robot.clickOn(PresetLibrary.builtIn().get(3).name());
        waitUntil("the eval-untracked preset", () -> !model.snapshotProperty().get().training());
        d.waitForText("#step-count", "step 0");
        d.waitForText("#status-mode", "mode: eval");
        d.waitForText("#status-tracked", "num_batches_tracked = None (track_running_stats=False)");
        assertThat(fx(() -> d.node("#track", CheckBox.class).isSelected())).isFalse();
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        waitForConsole("running_mean = None");
    }

    /**
     * Opens File and clicks an item. The pointer goes straight down into the menu first: on its
     * way across the menu bar it would open the next menu (Presets) instead.
     */
    private void chooseFromFileMenu(String item) {
        robot.clickOn("#file-menu");
        waitUntil("the File menu to open", () -> robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class)
                .getMenus().get(0).isShowing());
        robot.moveBy(0, 30);
        robot.clickOn(item);
    }

    @Test
    void fileExportWritesAPng(@TempDir Path dir) throws Exception {
        File out = Files.createDirectories(dir.resolve("figures")).resolve("window.png").toFile();
        AtomicReference<Node> exported = new AtomicReference<>();
        fxRun(() -> window.setFigureExporter(node -> {
            try {
                Figures.writePng(node, out);
                exported.set(node);
            } catch (Exception e) {
                errors.add(e);
            }
        }));
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        chooseFromFileMenu("Export figure: the whole window\u2026");
        waitUntil("the export", () -> exported.get() != null);
        assertThat(exported.get()).isSameAs(window.root());
        assertThat(errors).isEmpty();
        BufferedImage image = ImageIO.read(out);
        assertThat(image).isNotNull();
        double width = fx(() -> window.root().getLayoutBounds().getWidth());
        double height = fx(() -> window.root().getLayoutBounds().getHeight());
        assertThat((double) image.getWidth()).isCloseTo(width, org.assertj.core.data.Offset.offset(1.0));
        assertThat((double) image.getHeight()).isCloseTo(height, org.assertj.core.data.Offset.offset(1.0));
        assertThat(Files.size(out.toPath())).isGreaterThan(1000);

        exported.set(null);
        chooseFromFileMenu("Export figure: running_mean chart\u2026");
        waitUntil("the chart export", () -> exported.get() != null);
        assertThat(exported.get()).isSameAs(window.meanChart());
        BufferedImage chart = ImageIO.read(out);
        double chartWidth = fx(() -> window.meanChart().getLayoutBounds().getWidth());
        assertThat((double) chart.getWidth()).isCloseTo(chartWidth, org.assertj.core.data.Offset.offset(1.0));
        assertThat(chart.getWidth()).isLessThan(image.getWidth());
    }
}
