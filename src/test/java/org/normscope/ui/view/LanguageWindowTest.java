package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.UiLocale;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** View → Language: 简体中文 at once, without a restart, the session kept; and real glyphs, not boxes. */
@ExtendWith(ApplicationExtension.class)
class LanguageWindowTest {

    private final FxRobot robot = new FxRobot();
    private Stage stage;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        UiLocale.set(UiLocale.ENGLISH);
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
    }

    @AfterEach
    void back() {
        model.close();
        UiLocale.set(UiLocale.ENGLISH);
    }

    private String text(String id) {
        return fx(() -> ((javafx.scene.control.Labeled) stage.getScene().lookup(id)).getText());
    }

    private String menu(int index) {
        return fx(() -> ((MenuBar) stage.getScene().lookup(".menu-bar")).getMenus().get(index).getText());
    }

    /** Chooses View → Language → the item {@code id}, as a click on it would. */
    private void choose(String id) {
        fx(() -> {
            MenuBar bar = (MenuBar) stage.getScene().lookup(".menu-bar");
            Menu view = bar.getMenus().stream().filter(m -> "view-menu".equals(m.getId())).findFirst().orElseThrow();
            Menu language = (Menu) view.getItems().stream().filter(m -> "language-menu".equals(m.getId()))
                    .findFirst().orElseThrow();
            MenuItem item = language.getItems().stream().filter(m -> id.equals(m.getId())).findFirst().orElseThrow();
            item.fire();
            return null;
        });
    }

    @Test
    void chineseAtOnceAndBackKeepingTheSession() {
        model.step(3);
        waitUntil("three steps", () -> fx(() -> model.stepCountProperty().get()) == 3);
        assertThat(text("#step")).isEqualTo("Step");

        choose("language-zh-CN");
        assertThat(text("#step")).isEqualTo("单步");
        assertThat(text("#train")).isEqualTo("训练");
        assertThat(text("#eval")).isEqualTo("评估");
        assertThat(menu(0)).isEqualTo("文件");
        assertThat(text("#step-count")).isEqualTo("第 3 步");
        assertThat(fx(() -> model.stepCountProperty().get())).isEqualTo(3L);
        assertThat(fx(() -> stage.getTitle())).contains("BatchNorm").contains("PyTorch 的");
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).contains("lang-zh");

        // the new window steps the same session
        robot.clickOn("#step");
        waitUntil("a fourth step", () -> fx(() -> model.stepCountProperty().get()) == 4);
        waitUntil("the count to show it", () -> "第 4 步".equals(text("#step-count")));

        choose("language-en");
        assertThat(text("#step")).isEqualTo("Step");
        assertThat(text("#train")).isEqualTo("Train");
        assertThat(menu(0)).isEqualTo("File");
        assertThat(text("#step-count")).isEqualTo("step 4");
        assertThat(fx(() -> stage.getScene().getRoot().getStyleClass())).doesNotContain("lang-zh");
    }

    /** Renders one character as the Chinese window would (its stylesheet and font fallback). */
    private static WritableImage render(String character) {
        return fx(() -> {
            CjkFont.family();
            Label l = new Label(character);
            l.setStyle("-fx-font-size: 48px;");
            StackPane root = new StackPane(l);
            root.getStyleClass().addAll("normscope", "lang-zh");
            root.getStylesheets().add(MainWindow.class.getResource("/css/normscope.css").toExternalForm());
            root.setStyle("-fx-background-color: white;");
            new Scene(root, 80, 80);
            return root.snapshot(null, null);
        });
    }

    private static int ink(PixelReader r, int x, int y) {
        return r.getColor(x, y).getBrightness() < 0.5 ? 1 : 0;
    }

    @Test
    void chineseLabelsDrawGlyphsNotBoxes() {
        WritableImage mean = render("均");
        WritableImage var = render("方");
        int inked = 0;
        int differing = 0;
        for (int y = 0; y < 80; y++) {
            for (int x = 0; x < 80; x++) {
                int a = ink(mean.getPixelReader(), x, y);
                int b = ink(var.getPixelReader(), x, y);
                inked += a;
                differing += a ^ b;
            }
        }
        assertThat(inked).as("dark pixels of 均").isGreaterThan(60);
        // two missing-glyph boxes would be the same picture; two glyphs differ in many pixels
        assertThat(differing).as("pixels where 均 and 方 differ").isGreaterThan(100);
    }

    @Test
    void theLessonPanelAndTheLessonsMenuFollowTheLanguage() {
        fx(() -> {
            model.lesson().open(org.normscope.lesson.LessonLibrary.find("notebook"));
            return null;
        });
        assertThat(text("#lesson-stage-title")).isEqualTo("eps and the formula");

        choose("language-zh-CN");
        assertThat(text("#lesson-title")).isEqualTo("笔记本：全 1 输入上的 BatchNorm1d");
        assertThat(text("#lesson-stage-title")).isEqualTo("eps 与公式");
        assertThat(text("#lesson-position")).isEqualTo("第 1 阶段，共 7 个");
        assertThat(lessonItem()).isEqualTo("笔记本：全 1 输入上的 BatchNorm1d");

        choose("language-en");
        assertThat(text("#lesson-stage-title")).isEqualTo("eps and the formula");
        assertThat(lessonItem()).isEqualTo("The notebook: BatchNorm1d on ones");
    }

    private String lessonItem() {
        return fx(() -> {
            MenuBar bar = (MenuBar) stage.getScene().lookup(".menu-bar");
            Menu lessons = bar.getMenus().stream().filter(m -> "lessons-menu".equals(m.getId())).findFirst().orElseThrow();
            return lessons.getItems().stream().filter(m -> "lesson-notebook".equals(m.getId())).findFirst()
                    .orElseThrow().getText();
        });
    }

    @Test
    void thePresetChooserAndItsDescriptionFollowTheLanguage() {
        assertThat(presetShown()).isEqualTo("Notebook: BatchNorm1d on ones");
        assertThat(text("#preset-description")).startsWith("The notebook's BatchNorm1d(4, eps=0, momentum=0.3)");

        choose("language-zh-CN");
        assertThat(presetShown()).isEqualTo("笔记本：全 1 输入上的 BatchNorm1d");
        assertThat(text("#preset-description")).startsWith("笔记本中的 BatchNorm1d(4, eps=0, momentum=0.3)");

        choose("language-en");
        assertThat(presetShown()).isEqualTo("Notebook: BatchNorm1d on ones");
        assertThat(text("#preset-description")).startsWith("The notebook's BatchNorm1d");
    }

    /** The text of the preset chooser's button cell. */
    private String presetShown() {
        return fx(() -> ((javafx.scene.control.ComboBox<?>) stage.getScene().lookup("#preset")).getButtonCell().getText());
    }

    @Test
    void theSpeedChoicesAndTheChartsHeadingsFollowTheLanguage() {
        assertThat(speedShown()).isEqualTo("5 steps/s");
        assertThat(histogramTitles()).isEqualTo("input x | output y = BN(x)");

        choose("language-zh-CN");
        assertThat(speedShown()).isEqualTo("5 步/秒");
        assertThat(histogramTitles()).isEqualTo("输入 x | 输出 y = BN(x)");

        choose("language-en");
        assertThat(speedShown()).isEqualTo("5 steps/s");
        assertThat(histogramTitles()).isEqualTo("input x | output y = BN(x)");
    }

    /** What the speed chooser shows for its value (its converter, as its button cell uses it). */
    @SuppressWarnings("unchecked")
    private String speedShown() {
        return fx(() -> {
            var speed = (javafx.scene.control.ComboBox<org.normscope.ui.viewmodel.Speed>) stage.getScene().lookup("#speed");
            return speed.getConverter().toString(speed.getValue());
        });
    }

    private String histogramTitles() {
        return fx(() -> {
            org.normscope.ui.chart.HistogramChart h =
                    (org.normscope.ui.chart.HistogramChart) stage.getScene().lookup("#histograms");
            return h.inputTitleProperty().get() + " | " + h.outputTitleProperty().get();
        });
    }
}
