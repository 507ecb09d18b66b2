package org.normscope.ui.view;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Insets;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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

    private static boolean warm;

    /**
     * Loads JLaTeXMath's fonts and tables on a thread of its own: typesetting the first formula
     * takes about 0.4 s, which the FX thread should not spend when the Explain pane first shows.
     */
    static synchronized void warmUp() {
        if (warm) {
            return;
        }
        warm = true;
        Thread t = new Thread(() -> {
            try {
                render("\\mu_B = \\frac{\\sum x}{n}", 15, 0xff000000); // under the same lock as the FX thread's
            } catch (RuntimeException e) {
                // the FX thread typesets it later, and shows a formula it cannot as plain text
            }
        }, "normscope-formula-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The formula typeset at {@code sizePx} pixels per em, in {@code argb} ink on a transparent
     * background.
     *
     * @throws org.scilab.forge.jlatexmath.ParseException if {@code tex} is not a formula
     */
    static Image render(String tex, double sizePx, int argb) {
        return render(tex, sizePx, argb, 0);
    }

    /**
     * As {@link #render(String, double, int)}, broken into lines where it would be wider than
     * {@code maxWidthPx} (0: no limit): each {@code =} or {@code ←} at the formula's top level
     * may start a new, indented line, and a list ({@code a = 1,\ b = 2}) may go on after a comma. (JLaTeXMath's own line breaking breaks
     * inside numbers.) A part too wide on its own stays wider.
     */
    static synchronized Image render(String tex, double sizePx, int argb, double maxWidthPx) {
        Image whole = typeset(tex, sizePx, argb);
        if (maxWidthPx <= 0 || whole.getWidth() <= maxWidthPx) {
            return whole;
        }
        List<String> parts = relations(tex);
        if (parts.size() < 2) {
            return whole;
        }
        List<String> lines = new ArrayList<>();
        String line = parts.get(0);
        for (String part : parts.subList(1, parts.size())) {
            if (typeset(line + part, sizePx, argb).getWidth() <= maxWidthPx) {
                line += part;
            } else {
                lines.add(line);
                line = "\\quad " + part;
            }
        }
        lines.add(line);
        return typeset("\\begin{array}{l}" + String.join(" \\\\ ", lines) + "\\end{array}", sizePx, argb);
    }

    /**
     * {@code tex} cut before each {@code =} and {@code \leftarrow}, and after each {@code ,\ },
     * outside braces: where a formula may go on on a new line.
     */
    static List<String> relations(String tex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < tex.length(); i++) {
            char ch = tex.charAt(i);
            if (ch == '\\' && i + 1 < tex.length() && (tex.charAt(i + 1) == '{' || tex.charAt(i + 1) == '}')) {
                i++; // an escaped brace
            } else if (ch == '{') {
                depth++;
            } else if (ch == '}') {
                depth--;
            } else if (depth == 0 && tex.startsWith(",\\ ", i)) {
                parts.add(tex.substring(start, i + 3));
                start = i + 3;
                i += 2;
            } else if (depth == 0 && i > start && (ch == '=' || tex.startsWith("\\leftarrow", i))) {
                parts.add(tex.substring(start, i));
                start = i;
            }
        }
        parts.add(tex.substring(start));
        return parts;
    }

    private static Image typeset(String tex, double sizePx, int argb) {
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
