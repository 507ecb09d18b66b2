package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.Session;
import org.normscope.sessionfile.SessionFile;
import org.normscope.sessionfile.SessionView;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A session opened into a window that shows another: every chart shows the opened one at once. */
@ExtendWith(ApplicationExtension.class)
class OpenSessionWindowTest {

    @TempDir
    Path tmp;

    private final FxRobot robot = new FxRobot();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private Stage stage;
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        try {
            java.lang.reflect.Method apply = Class.forName("org.normscope.ui.app.Theme").getDeclaredMethod("apply");
            apply.setAccessible(true);
            apply.invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        model.close();
        assertThat(errors).isEmpty();
    }

    @Test
    void aSessionOpenedOverAnotherShowsItsPresetBannerAndHistograms() throws Exception {
        Preset p = PresetLibrary.find("noisy-small-batches");
        Session s = Session.notebook();
        s.load(p.layer(), p.batches(), p.compareMomentum(), p.training());
        for (int i = 0; i < 2000; i++) {
            s.stepQuietly();
        }
        s.printUnprinted();
        Path file = tmp.resolve("s.normscope");
        SessionFile.save(file, new SessionFile.Saved(s.state(), SessionView.DEFAULT.withPreset(p.name())));
        fx(() -> model.files().open(file));
        waitUntil("the opened session", () -> model.stepCountProperty().get() == 2000);
        waitUntil("the opened session's view", () -> "Noisy small batches".equals(
                robot.lookup("#preset").queryComboBox().getValue() == null ? null
                        : ((Preset) robot.lookup("#preset").queryComboBox().getValue()).name()));
        assertThat(model.bannerProperty().get()).isEqualTo(org.normscope.ui.viewmodel.UiText.get("session.opened",
                "s.normscope"));
        assertThat(stage.getTitle() == null ? "" : stage.getTitle()).isNotNull();
        assertThat(model.snapshotProperty().get().inputHistograms()).hasSize(4);
    }
}
