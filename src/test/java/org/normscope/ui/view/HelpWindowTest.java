package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.NormScope;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.viewmodel.HelpContent;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Help → Keyboard shortcuts (also F1) and Help → About in the real window. */
@ExtendWith(ApplicationExtension.class)
class HelpWindowTest {

    private final FxRobot robot = new FxRobot();
    private MainViewModel model;
    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        window = WindowDriver.show(stage, model);
    }

    @AfterEach
    void close() {
        fxRun(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).toList()
                .forEach(Window::hide));
        model.close();
    }

    @Test
    void f1ShowsEveryShortcutInATable() {
        fxRun(() -> window.root().requestFocus());
        robot.press(KeyCode.F1).release(KeyCode.F1);
        waitUntil("the shortcuts table", () -> robot.lookup("#shortcuts").tryQuery().isPresent());
        TableView<?> table = robot.lookup("#shortcuts").queryAs(TableView.class);
        List<HelpContent.Shortcut> rows = HelpContent.shortcuts();
        assertThat(fx(() -> table.getItems().size())).isEqualTo(rows.size());
        assertThat(rows).extracting(HelpContent.Shortcut::keys).contains("Space", "P", "T", "E", "R", "F1");
        assertThat(rows).allMatch(r -> !r.keys().isBlank() && !r.action().isBlank());
    }

    @Test
    void aboutGivesTheVersionFromTheBuildAndTheLicences() {
        fxRun(() -> HelpDialogs.about(stage).show());
        waitUntil("the about text", () -> robot.lookup("#about-text").tryQuery().isPresent());
        String text = fx(() -> robot.lookup("#about-text").queryAs(Label.class).getText());
        assertThat(text).contains(NormScope.NAME_AND_VERSION).contains("JLaTeXMath").contains("Classpath Exception");
        // UiText doubles the bundle's apostrophes itself: a bundle's '' would show as two
        assertThat(text).contains("PyTorch's normalization layers").doesNotContain("''");
    }
}
