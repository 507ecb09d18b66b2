package org.normscope.ui.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Test helpers: start the (headless) toolkit, show a chart in a stage of a given size, snapshot it. */
final class FxCharts {

    private FxCharts() {
    }

    static void startToolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code task} on the JavaFX thread and waits for its result (rethrowing its exception). */
    static <T> T onFx(Callable<T> task) throws Exception {
        return WaitForAsyncUtils.asyncFx(task).get(30, TimeUnit.SECONDS);
    }

    /**
     * Returns after {@code n} pulses of the JavaFX toolkit (its frames, about 60 a second): to check
     * that nothing more was drawn "later", wait a number of frames, not a number of milliseconds.
     */
    static void pulses(int n) throws Exception {
        java.util.concurrent.CountDownLatch passed = new java.util.concurrent.CountDownLatch(1);
        javafx.application.Platform.runLater(() -> new javafx.animation.AnimationTimer() {
            private int seen;

            @Override
            public void handle(long now) {
                if (++seen >= n) {
                    stop();
                    passed.countDown();
                }
            }
        }.start());
        if (!passed.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError(n + " pulses did not pass in 30 s");
        }
    }

    /** Shows {@code chart} as the root of a {@code w × h} scene, snapshots it, closes the stage. */
    static WritableImage render(Region chart, double w, double h) throws Exception {
        Stage stage = onFx(() -> {
            Stage st = new Stage();
            st.setScene(new Scene(chart, w, h));
            st.show();
            return st;
        });
        WaitForAsyncUtils.waitForFxEvents();
        try {
            return onFx(() -> chart.snapshot(null, null));
        } finally {
            onFx(() -> {
                stage.close();
                stage.setScene(null);
                return null;
            });
        }
    }

    /**
     * Lays {@code root} out in a {@code w × h} scene that is never shown, and snapshots it (for pictures
     * larger than Monocle's headless screen, whose painter overflows on bigger windows).
     */
    static WritableImage renderOffscreen(Region root, double w, double h) throws Exception {
        return onFx(() -> {
            new Scene(root, w, h);
            return root.snapshot(null, null);
        });
    }

    /** Snapshots a node that is already showing. */
    static WritableImage snapshot(Region chart) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        return onFx(() -> chart.snapshot(null, null));
    }

    static void writePng(Image image, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
    }
}
