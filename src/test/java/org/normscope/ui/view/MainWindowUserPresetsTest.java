package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.application.Platform;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.layout.HBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.lesson.LessonLibrary;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetJson;
import org.normscope.preset.PresetLibrary;
import org.normscope.preset.UserPresets;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Presets → Save setup as preset… and Import preset… in the real window, on a folder of the test's own. */
@ExtendWith(ApplicationExtension.class)
class MainWindowUserPresetsTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel model;
    private MainWindow window;

    private Path folder() {
        return tmp.resolve("presets");
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn(), LessonLibrary.builtIn(), new UserPresets(folder()));
        window = WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        List<Window> dialogs = fx(() -> Window.getWindows().stream()
                .filter(w -> w instanceof Stage && w != stage && w.isShowing()).toList());
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
        assertThat(dialogs).as("dialogs left open").isEmpty();
    }

    // the helpers below read the window: call them on the FX thread (fx(...), or in waitUntil)

    private Menu presetsMenu() {
        MenuBar bar = robot.lookup(".menu-bar").queryAs(MenuBar.class);
        return bar.getMenus().stream().filter(m -> "presets-menu".equals(m.getId())).findFirst().orElseThrow();
    }

    /** The Presets menu as text: each item's text, "---" for a separator. */
    private List<String> menuTexts() {
        return presetsMenu().getItems().stream().map(i -> i instanceof SeparatorMenuItem ? "---" : i.getText())
                .toList();
    }

    private MenuItem item(String id) {
        return presetsMenu().getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
    }

    private List<String> chooserNames() {
        @SuppressWarnings("unchecked")
        ComboBox<Preset> chooser = robot.lookup("#preset").queryAs(ComboBox.class);
        return chooser.getItems().stream().map(Preset::name).toList();
    }

    private boolean shown(String query) {
        return fx(() -> robot.lookup(query).tryQuery().map(n -> n.getScene() != null && n.getScene().getWindow()
                .isShowing()).orElse(false));
    }

    @Test
    void thePresetsMenuEndsWithSaveAndImport() {
        List<String> builtIn = PresetLibrary.builtIn().stream().map(Preset::name).toList();
        assertThat(fx(this::menuTexts)).startsWith(builtIn.toArray(String[]::new))
                .endsWith("---", "Save setup as preset\u2026", "Import preset\u2026")
                .hasSize(builtIn.size() + 3);
    }

    @Test
    void saveAsksForANameRefusesAnEmptyOneAndThenListsTheSetupAsAPreset() throws Exception {
        d.click("#eval");
        d.waitForText("#status-mode", "mode: eval");

        MenuItem save = fx(() -> item("preset-save"));
        Platform.runLater(save::fire); // the dialog waits for its answer: not from a task the test waits for
        waitUntil("the Save dialog", () -> robot.lookup("#preset-name").tryQuery().isPresent());

        robot.clickOn("#preset-save-ok"); // no name yet
        WaitForAsyncUtils.waitForFxEvents();
        Label error = d.node("#preset-name-error", Label.class);
        waitUntil("the reason under the field", error::isVisible);
        assertThat(fx(error::getText)).isEqualTo("The name is empty: type a name for the preset");
        assertThat(shown("#preset-save-dialog")).isTrue();

        robot.clickOn("#preset-name");
        robot.write("Noisy small batches"); // a built-in's name
        waitUntil("the name taken", () -> error.getText().contains("is already the name of a preset"));
        robot.clickOn("#preset-save-ok");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown("#preset-save-dialog")).isTrue();

        fxRun(() -> model.userPresets().name().textProperty().set(""));
        robot.clickOn("#preset-name");
        robot.write("Notebook in eval");
        waitUntil("the name good", () -> !error.isVisible());
        robot.clickOn("#preset-save-ok");
        waitUntil("the dialog to close", () -> robot.lookup("#preset-save-dialog").tryQuery().isEmpty()
                || !robot.lookup("#preset-save-dialog").query().getScene().getWindow().isShowing());

        assertThat(Files.exists(folder().resolve("notebook-in-eval.json"))).isTrue();
        assertThat(fx(this::menuTexts)).endsWith("---", "Notebook in eval", "---", "Save setup as preset\u2026",
                "Import preset\u2026");
        assertThat(fx(this::chooserNames)).endsWith("Notebook in eval");
        assertThat(d.text("#banner-text")).startsWith("Saved the preset \u201cNotebook in eval\u201d in ");

        // the notebook again (train), then the saved preset from the chooser: eval on the notebook's layer
        d.click("#train");
        d.waitForText("#status-mode", "mode: train");
        d.click("#step");
        d.waitForText("#step-count", "step 1");
        d.click("#preset");
        robot.clickOn("Notebook in eval");
        d.waitForText("#step-count", "step 0");
        d.waitForText("#status-mode", "mode: eval");
    }

    @Test
    void importRefusesABadFileInTheBannerAndListsAGoodOne() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Preset noisy = PresetLibrary.find("noisy-small-batches");
        Files.writeString(bad, PresetJson.toJson(noisy).replace("\"Noisy small batches\"", "\"Mine\"")
                .replace("\"num_features\" : 4", "\"num_features\" : 3"));
        fxRun(() -> window.presetFileChooser = owner -> bad.toFile());

        fxRun(() -> item("preset-import").fire());

        waitUntil("the banner", () -> d.node("#banner", HBox.class).isVisible());
        assertThat(d.text("#banner-text")).isEqualTo("Preset not imported. bad.json: input.channels: 4 entries, "
                + "expected 1 entry (used for every channel) or 3 (one per channel: num_features is 3)");
        assertThat(fx(() -> d.node("#banner", HBox.class).getStyleClass())).contains("error");
        assertThat(folder()).doesNotExist();
        assertThat(fx(this::menuTexts)).hasSize(PresetLibrary.builtIn().size() + 3);

        Path good = tmp.resolve("good.json");
        Files.writeString(good, PresetJson.toJson(noisy).replace("\"Noisy small batches\"", "\"Colleague's noisy\"")
                .replace("\"name_zh-CN\" : \"含噪声的小批次\"", "\"name_zh-CN\" : \"同事的噪声批次\""));
        fxRun(() -> window.presetFileChooser = owner -> good.toFile());
        fxRun(() -> item("preset-import").fire());

        waitUntil("the new preset in the menu", () -> menuTexts().contains("Colleague's noisy"));
        assertThat(d.text("#banner-text")).startsWith("Imported the preset \u201cColleague's noisy\u201d as ");
        assertThat(fx(() -> d.node("#banner", HBox.class).getStyleClass())).doesNotContain("error");
        assertThat(fx(this::chooserNames)).endsWith("Colleague's noisy");
        assertThat(fx(() -> item("user-preset-0").getText())).isEqualTo("Colleague's noisy");

        fxRun(() -> item("user-preset-0").fire()); // chosen from the menu: loaded as a built-in one is
        waitUntil("the imported preset's layer", () -> model.snapshotProperty().get().batches().batchSize() == 4);
        d.waitForText("#step-count", "step 0");
    }
}
