package org.normscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** {@code screenshot --axes}: the axis explorer's window rendered at exactly the size asked. */
@ExtendWith(ApplicationExtension.class)
class AxisScreenshotTest {

    @Start
    void start(Stage stage) {
        // the renderer makes its own stages: TestFX's toolkit just runs
    }

    @Test
    void theExplorerIsRenderedOnTheSessionsBatchAndOnAnExample(@TempDir Path dir) throws Exception {
        File session = dir.resolve("session.png").toFile();
        File example = dir.resolve("example.png").toFile();
        try {
            ScreenshotRenderer.render(null, null, 4, null, 1280, 800, 0, 0, false, -1, false, null, null,
                    new ScreenshotRenderer.AxesShot("session", null, 0, 0, new int[] {1, 2, 0}), session);
            ScreenshotRenderer.render(null, null, 0, null, 1280, 800, 0, 0, false, -1, false, "dark", null,
                    new ScreenshotRenderer.AxesShot("nchw", "group", 4, 0, new int[] {0, 3, 8}), example);
        } finally {
            NormScopeAppTest.fx(() -> {
                javafx.application.Application.setUserAgentStylesheet(null);
                return null;
            });
        }
        for (File f : new File[] {session, example}) {
            BufferedImage image = ImageIO.read(f);
            assertThat(image.getWidth()).isEqualTo(1280);
            assertThat(image.getHeight()).isEqualTo(800);
            // the grid's diverging colours are there: some pixel is clearly orange or purple
            boolean coloured = false;
            for (int y = 0; y < 800 && !coloured; y += 3) {
                for (int x = 0; x < 1280 && !coloured; x += 3) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xFF;
                    int b = rgb & 0xFF;
                    coloured = Math.abs(r - b) > 60;
                }
            }
            assertThat(coloured).as(f.getName()).isTrue();
        }
    }
}
