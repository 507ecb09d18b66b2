package org.normscope.ui.view;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javax.swing.JLabel;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Formulas typeset by JLaTeXMath: painted headless (AWT, no window) into an image, whose pixels
 * are copied into a JavaFX image. Images are cached by formula and size, so scrolling or a
 * repeated step typesets nothing again.
 */
final class FormulaImages {

    private static final int CACHE_SIZE = 256;
    private static final Map<String, Image> CACHE = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Image> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    private FormulaImages() {
    }

    /**
     * The formula typeset at {@code sizePx} pixels per em, in {@code argb} ink on a transparent
     * background.
     *
     * @throws org.scilab.forge.jlatexmath.ParseException if {@code tex} is not a formula
     */
    static synchronized Image render(String tex, double sizePx, int argb) {
        String key = argb + "|" + Math.round(sizePx * 4) + "|" + tex;
        Image cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        TeXIcon icon = new TeXFormula(tex).createTeXIcon(TeXConstants.STYLE_DISPLAY, (float) sizePx);
        icon.setInsets(new Insets(2, 2, 2, 2));
        int w = Math.max(1, icon.getIconWidth());
        int h = Math.max(1, icon.getIconHeight());
        BufferedImage awt = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = awt.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            JLabel ink = new JLabel();
            ink.setForeground(new Color(argb, true));
            icon.paintIcon(ink, g, 0, 0);
        } finally {
            g.dispose();
        }
        int[] pixels = awt.getRGB(0, 0, w, h, null, 0, w);
        WritableImage image = new WritableImage(w, h);
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), pixels, 0, w);
        CACHE.put(key, image);
        return image;
    }
}
