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
        window = new MainWindow(model);
        scene = NormScopeApp.install(stage, model, window);
        stage.setX(0);
        stage.setY(0);
        stage.setWidth(1280);
        stage.setHeight(800);
        stage.show();
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
    void writePngWritesWhatTheWindowShows(@TempDir Path dir) throws Exception {
        model.step(4);
        model.awaitIdle();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> fx(() -> model.stepCountProperty().get() == 4));
        File out = dir.resolve("a/b/window.png").toFile();
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
    void writePngSaysWhenItCannotMakeTheFolder(@TempDir Path dir) throws Exception {
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
        assertThat(thrown).isInstanceOf(IOException.class).hasMessageContaining("cannot create the folder");
        assertThat(out).doesNotExist();
    }

    // Headless.start used to call Platform.startup unconditionally, so this threw "Toolkit already initialized".
    @Test
    void screenshotRendererWorksWhenJavaFxAlreadyRuns(@TempDir Path dir) throws Exception {
        File out = dir.resolve("shot.png").toFile();
        try {
            ScreenshotRenderer.render(null, 4, null, 1280, 800, 0, out);
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
    }
}
