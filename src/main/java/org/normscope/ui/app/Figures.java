package org.normscope.ui.app;

import java.io.File;
import java.io.IOException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import javax.imageio.ImageIO;

/** Writes what a node shows to a PNG file (File → Export figure, and the screenshot command). */
public final class Figures {

    private Figures() {
    }

    /** A snapshot of {@code node} as it is drawn now, on white. Call on the FX thread. */
    public static WritableImage snapshot(Node node) {
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.WHITE);
        return node.snapshot(p, null);
    }

    /** Writes {@code node}'s snapshot to {@code file} as a PNG. Call on the FX thread. */
    public static void writePng(Node node, File file) throws IOException {
        writePng(snapshot(node), file);
    }

    /**
     * Writes what {@code scene} shows to {@code file} as a PNG of exactly the scene's size: what
     * a screen of that size shows, so that a layout too wide for it is cut as on that screen (a
     * snapshot of the root would grow to the root's own minimum size). Call on the FX thread.
     */
    public static void writePng(javafx.scene.Scene scene, File file) throws IOException {
        writePng(scene.snapshot(null), file);
    }

    private static void writePng(WritableImage image, File file) throws IOException {
        java.awt.image.BufferedImage png = SwingFXUtils.fromFXImage(image, null);
        org.normscope.files.AtomicWrite.write(file.toPath(), out -> {
            if (!ImageIO.write(png, "png", out)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
