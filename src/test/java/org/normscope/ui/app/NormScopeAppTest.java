package org.normscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.view.MainWindow;
import org.normscope.ui.view.WindowDriver;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Installing the window on a stage, writing figures, and the screenshot renderer beside TestFX's toolkit. */
@ExtendWith(ApplicationExtension.class)
class NormScopeAppTest {

    private Stage stage;
    private MainViewModel model;
    private MainWindow window;
    private Scene scene;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        window = WindowDriver.show(stage, model);
        scene = stage.getScene();
    }

    @AfterEach
    void closeModel() {
        model.close();
    }

    static <T> T fx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(20, TimeUnit.SECONDS);
    }

    @Test
    void installPutsTheWindowOnTheStage() throws Exception {
        assertThat(fx(stage::getScene)).isSameAs(scene);
        assertThat(scene.getRoot()).isSameAs(window.root());
        assertThat(fx(stage::getTitle)).isEqualTo("NormScope \u2014 PyTorch's BatchNorm, step by step");
        assertThat(fx(stage::getMinWidth)).isEqualTo(1024);
        assertThat(fx(stage::getMinHeight)).isEqualTo(700);
    }

    @Test
    void hidingTheStageStopsTheSession() throws Exception {
        model.step(2);
        model.awaitIdle();
        fx(() -> {
            stage.hide();
            return null;
        });
        assertThatThrownBy(model::awaitIdle).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingWhilePlayingStopsTheEngineThread() throws Exception {
        fx(() -> {
            model.speedProperty().set(org.normscope.ui.viewmodel.Speed.CHOICES.get(
                    org.normscope.ui.viewmodel.Speed.CHOICES.size() - 1));
            model.play();
            return null;
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> {
            model.pull();
            return model.stepCountProperty().get() > 50;
        }));
        long start = System.nanoTime();
        fx(() -> {
            stage.hide();
            return null;
        });
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("normscope-engine") && t.isAlive()));
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void anUnexpectedErrorShowsADialogWithCopyDetailsAndTheAppGoesOn() throws Exception {
        // an exception on the UI thread that nothing catches, as a bug in a handler would throw
        fx(() -> {
            model.step();
            return null;
        });
        javafx.application.Platform.runLater(() -> {
            throw new IllegalStateException("a bug in a command");
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> javafx.stage.Window.getWindows().stream()
                .anyMatch(w -> w.getScene() != null
                        && w.getScene().getRoot() instanceof javafx.scene.control.DialogPane)));
        javafx.scene.control.DialogPane pane = fx(() -> javafx.stage.Window.getWindows().stream()
                .map(w -> w.getScene().getRoot())
                .filter(r -> r instanceof javafx.scene.control.DialogPane)
                .map(r -> (javafx.scene.control.DialogPane) r).findFirst().orElseThrow());
        assertThat(fx(pane::getContentText)).isEqualTo("IllegalStateException: a bug in a command");
        javafx.scene.control.Button copy = fx(() -> pane.getButtonTypes().stream()
                .map(t -> (javafx.scene.control.Button) pane.lookupButton(t))
                .filter(b -> b.getText().equals("Copy details")).findFirst().orElseThrow());
        fx(() -> {
            copy.fire();
            return null;
        });
        String copied = fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertThat(copied).contains("IllegalStateException: a bug in a command").contains("at org.normscope");
        assertThat(fx(copy::getText)).isEqualTo("Copied");
        fx(() -> {
            ((javafx.stage.Stage) pane.getScene().getWindow()).close();
            return null;
        });
        // the app goes on: the session still steps
        model.step(2);
        model.awaitIdle();
        assertThat(fx(() -> {
            model.pull();
            return model.stepCountProperty().get();
        })).isEqualTo(3);
    }

    @Test
    void writePngWritesWhatTheWindowShows(@TempDir Path dir) throws Exception {
        model.step(4);
        model.awaitIdle();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> model.stepCountProperty().get() == 4));
        File out = Files.createDirectories(dir.resolve("a/b")).resolve("window.png").toFile();
        fx(() -> {
            Figures.writePng(window.root(), out);
            return null;
        });
        BufferedImage image = ImageIO.read(out);
        assertThat(image).isNotNull();
        assertThat(image.getWidth()).isEqualTo((int) Math.ceil(fx(() -> window.root().getLayoutBounds().getWidth())));
        assertThat(image.getHeight()).isEqualTo((int) Math.ceil(fx(() -> window.root().getLayoutBounds().getHeight())));
        // on white, with something drawn: not one colour
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < image.getHeight() && !varied; y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                if (image.getRGB(x, y) != first) {
                    varied = true;
                    break;
                }
            }
        }
        assertThat(varied).isTrue();

        File chart = dir.resolve("mean.png").toFile();
        fx(() -> {
            Figures.writePng(window.meanChart(), chart);
            return null;
        });
        assertThat(ImageIO.read(chart).getWidth())
                .isEqualTo((int) Math.ceil(fx(() -> window.meanChart().getLayoutBounds().getWidth())));
    }

    @Test
    void writePngRefusesAFolderThatDoesNotExistAndMakesNone(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        File out = file.resolve("window.png").toFile();
        Exception thrown = fx(() -> {
            try {
                Figures.writePng(window.root(), out);
                return null;
            } catch (Exception e) {
                return e;
            }
        });
        assertThat(thrown).isInstanceOf(IOException.class).hasMessage("cannot write " + out
                + ": the folder " + file + " does not exist");
        assertThat(out).doesNotExist();
        assertThat(Files.readString(file)).isEqualTo("x"); // the file in the folder's place is as it was
    }

    // Headless.start used to call Platform.startup unconditionally, so this threw "Toolkit already initialized".
    @Test
    void aSessionSavedAndOpenedAgainLooksTheSameToTheByte(@TempDir Path dir) throws Exception {
        Path session = dir.resolve("saved.normscope");
        org.normscope.preset.Preset p = org.normscope.preset.PresetLibrary.find("noisy-small-batches");
        org.normscope.session.Session s = org.normscope.session.Session.notebook();
        s.load(p.layer(), p.batches(), p.compareMomentum(), p.training());
        for (int i = 0; i < 12_345; i++) {
            s.stepQuietly();
        }
        s.printUnprinted();
        org.normscope.sessionfile.SessionFile.save(session, new org.normscope.sessionfile.SessionFile.Saved(s.state(),
                org.normscope.sessionfile.SessionView.DEFAULT.withPreset(p.name())));
        File straight = dir.resolve("straight.png").toFile();
        File opened = dir.resolve("opened.png").toFile();
        try {
            ScreenshotRenderer.render("noisy-small-batches", 12_345, null, 1280, 800, 0, straight);
            ScreenshotRenderer.render(null, session, 0, null, 1280, 800, 0, 0, false, -1, false, null, opened);
        } finally {
            fx(() -> {
                javafx.application.Application.setUserAgentStylesheet(null);
                return null;
            });
        }
        assertThat(java.nio.file.Files.readAllBytes(opened.toPath()))
                .isEqualTo(java.nio.file.Files.readAllBytes(straight.toPath()));
    }

    @Test
    void screenshotRendererWorksWhenJavaFxAlreadyRuns(@TempDir Path dir) throws Exception {
        File out = dir.resolve("shot.png").toFile();
        File small = dir.resolve("small.png").toFile();
        try {
            ScreenshotRenderer.render(null, 4, null, 1280, 800, 0, out);
            // a screenshot is exactly the size asked, as a screen of that size shows the window, even
            // with large text (the root alone would have grown to its minimum width, 1594 px)
            ScreenshotRenderer.render(null, 0, null, 1024, 768, 24, small);
        } finally {
            // the renderer sets the app's theme for the whole JVM: give the next tests JavaFX's default back
            fx(() -> {
                javafx.application.Application.setUserAgentStylesheet(null);
                return null;
            });
        }
        BufferedImage image = ImageIO.read(out);
        assertThat(image.getWidth()).isEqualTo(1280);
        assertThat(image.getHeight()).isEqualTo(800);
        BufferedImage smaller = ImageIO.read(small);
        assertThat(smaller.getWidth()).isEqualTo(1024);
        assertThat(smaller.getHeight()).isEqualTo(768);
    }
}
