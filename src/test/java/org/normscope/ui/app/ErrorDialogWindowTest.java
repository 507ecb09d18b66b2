package org.normscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.view.WindowDriver;
import org.normscope.ui.viewmodel.MainViewModel;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An exception thrown inside a pulse (an animation frame, a layout) shows the error dialog: JavaFX
 * refuses a dialog that waits during animation or layout processing, so the dialog comes after the
 * pulse; the window goes on.
 */
@ExtendWith(ApplicationExtension.class)
class ErrorDialogWindowTest {

    private MainViewModel model;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
    }

    @AfterEach
    void close() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : Window.getWindows().toArray(Window[]::new)) {
                if (w != stage) {
                    w.hide();
                }
            }
        }).get(10, TimeUnit.SECONDS);
        model.close();
    }

    /** The text of the open error dialog, or null. */
    private static String dialogText() throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : Window.getWindows()) {
                if (w.getScene() != null && w.getScene().getRoot() instanceof DialogPane pane && w.isShowing()) {
                    return pane.getContentText();
                }
            }
            return null;
        }).get(10, TimeUnit.SECONDS);
    }

    private static void waitForDialog(String text) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> text.equals(dialogText()));
    }

    @Test
    void anExceptionInAnAnimationFrameShowsTheDialog() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                stop();
                throw new IllegalStateException("thrown in a frame");
            }
        }.start()).get(10, TimeUnit.SECONDS);
        waitForDialog("IllegalStateException: thrown in a frame");
        assertThat(ErrorDialog.isShowing()).isTrue();
    }

    @Test
    void anExceptionInALayoutShowsTheDialogAndTheWindowGoesOn() throws Exception {
        boolean[] thrown = {false};
        WaitForAsyncUtils.asyncFx(() -> {
            Region failing = new Region() {
                @Override
                protected void layoutChildren() {
                    if (!thrown[0]) {
                        thrown[0] = true;
                        throw new IllegalStateException("thrown in a layout");
                    }
                }
            };
            ((Pane) stage.getScene().getRoot()).getChildren().add(failing);
            failing.requestLayout();
        }).get(10, TimeUnit.SECONDS);
        waitForDialog("IllegalStateException: thrown in a layout");
        // the window still steps
        model.step();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> model.stepCountProperty().get() == 1);
    }
}
