package org.normscope.ui.chart;

import java.nio.IntBuffer;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A picture over a chart's canvas (see {@link CanvasChart#addLayer}), one image pixel per
 * screen pixel at whole-pixel places. Its image is kept and rewritten while its size stays:
 * a new image each frame costs a new texture in the software pipeline.
 */
final class ImageLayer {

    private final ImageView view = new ImageView();
    private WritableImage image;

    ImageLayer() {
        view.setVisible(false);
    }

    /** The node to add to the chart. */
    ImageView view() {
        return view;
    }

    void hide() {
        view.setVisible(false);
    }

    /** Shows {@code pixels} ({@code w × h}, rows of {@code w}) with its top left corner at {@code (x, y)}. */
    void show(int[] pixels, PixelFormat<IntBuffer> format, int w, int h, int x, int y) {
        if (image == null || (int) image.getWidth() != w || (int) image.getHeight() != h) {
            image = new WritableImage(w, h);
        }
        image.getPixelWriter().setPixels(0, 0, w, h, format, pixels, 0, w);
        if (view.getImage() != image) {
            view.setImage(image);
        }
        // translated, not relocated: moving an unmanaged child's layoutX/Y asks the parents for a
        // layout, which inside the layout pass left the window's other charts undrawn
        view.setTranslateX(x);
        view.setTranslateY(y);
        view.setVisible(true);
    }
}
