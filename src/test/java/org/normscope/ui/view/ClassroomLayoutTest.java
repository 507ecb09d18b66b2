package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.fxRun;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.chart.ChartProbe;
import org.normscope.ui.chart.CurveChart;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.UiLocale;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The window at the sizes a classroom has, at the normal and at large text, in both languages and
 * presenting: nothing is cut, nothing is past the window's edge, no chart text overlaps another,
 * and both curve charts list their legend (issue 13, points 1 and 2).
 */
@ExtendWith(ApplicationExtension.class)
class ClassroomLayoutTest {

    private MainViewModel model;
    private Stage stage;

    @AfterEach
    void close() {
        if (stage != null) {
            fxRun(stage::hide);
        }
        if (model != null) {
            model.close();
        }
        UiLocale.set(Locale.ENGLISH);
        org.normscope.ui.chart.CanvasChart.setTextFamily(null); // a Chinese window set the charts' CJK font
    }

    @ParameterizedTest(name = "{0}×{1}, text {2} px, {3}, presenting {4}, {5}")
    @CsvSource({
            "1024, 768, 15, en, false, notebook",
            "1280, 720, 15, en, false, notebook",
            "1280, 800, 15, en, false, notebook",
            "1280, 800, 15, en, false, many-channels",
            "1280, 800, 15, zh-CN, false, many-channels",
            "1280, 720, 15, en, false, notebook-untracked",
            "1024, 768, 15, zh-CN, false, notebook-untracked",
            "1280, 720, 22, en, false, eval-untracked",
            "1280, 800, 15, en, false, noisy-small-batches",
            "1280, 800, 15, zh-CN, false, notebook-momentum-none",
            "1024, 768, 15, en, false, many-channels",
            "1280, 720, 0, en, true, many-channels",
            "1920, 1080, 15, en, false, notebook",
            "1280, 720, 22, en, false, notebook",
            "1280, 720, 22, en, false, drifting",
            "1024, 768, 22, en, false, notebook",
            "1024, 768, 15, zh-CN, false, notebook",
            "1024, 768, 15, zh-CN, false, drifting",
            "1920, 1080, 15, zh-CN, false, notebook",
            "1280, 720, 0, en, true, notebook",
            "1280, 720, 0, en, true, drifting",
            "1280, 720, 0, zh-CN, true, notebook",
            "1024, 768, 0, en, true, predicting",
            "1024, 768, 0, zh-CN, true, predicting"})
    void everyLabelIsWholeAndOnScreen(int width, int height, int font, String lang, boolean presenting, String preset)
            throws Exception {
        UiLocale.set(UiLocale.parse(lang));
        model = fx(() -> {
            MainViewModel m = new MainViewModel(PresetLibrary.builtIn());
            m.load(PresetLibrary.find(preset.equals("predicting") ? "notebook" : preset));
            m.predict().onProperty().set(preset.equals("predicting")); // the Predict box above the charts
            if (presenting) {
                m.presentation().enter();
            }
            if (font > 0) {
                while (m.fontSizeProperty().get() < font - 1) {
                    m.fontSize().bigger();
                }
            }
            return m;
        });
        model.awaitIdle();
        model.step(4);
        model.awaitIdle();
        MainWindow[] window = new MainWindow[1];
        stage = fx(() -> {
            window[0] = new MainWindow(model);
            Stage s = new Stage();
            s.setScene(window[0].createScene(width, height));
            s.show();
            return s;
        });
        waitUntil("four steps shown", () -> model.stepCountProperty().get() == 4);
        fxRun(model::dismissBanner); // the preset's notice
        WindowDriver.waitFrames(18); // a few frames: the charts draw on the next pulse
        Scene scene = fx(stage::getScene);
        waitUntil("the charts drawn", () -> !ChartProbe.texts((CurveChart) scene.lookup("#mean-chart")).isEmpty());
        List<String> problems = fx(() -> LayoutProblems.of(scene));
        assertThat(problems).as("what is wrong at %d×%d", width, height).isEmpty();
        // past eight channels the charts are heat maps with a colour bar at the right: the legend of the
        // few curves drawn over them may give way (their channels are named in the field above)
        for (String id : preset.equals("many-channels") ? new String[0] : new String[] {"#mean-chart", "#var-chart"}) {
            CurveChart chart = (CurveChart) scene.lookup(id);
            assertThat(fx(() -> ChartProbe.legendComplete(chart))).as(id + "'s legend whole").isTrue();
        }
        fxRun(window[0]::stop);
    }

    @org.junit.jupiter.api.Test
    void theCheckFindsACutLabelAndALabelPastTheEdge() {
        List<String> problems = fx(() -> {
            javafx.scene.control.Label cut = new javafx.scene.control.Label("running_mean per channel");
            cut.setMaxWidth(60);
            javafx.scene.control.Label past = new javafx.scene.control.Label("Reset layer");
            past.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(cut, past);
            row.setMaxWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.layout.Pane root = new javafx.scene.layout.Pane(row);
            row.relocate(40, 0);
            Scene scene = new Scene(root, 100, 40);
            Stage s = new Stage();
            s.setScene(scene);
            s.show();
            root.applyCss();
            root.layout();
            List<String> found = LayoutProblems.of(scene);
            s.hide();
            return found;
        });
        assertThat(problems).anyMatch(p -> p.startsWith("cut: \"running_mean per channel\""))
                .anyMatch(p -> p.startsWith("off screen: \"Reset layer\""));
    }
}
