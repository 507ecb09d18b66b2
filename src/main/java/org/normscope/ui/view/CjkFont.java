package org.normscope.ui.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import javafx.scene.text.Font;

/**
 * The bundled CJK font (Debian's Droid Sans Fallback, Apache 2.0, {@code resources/fonts/}),
 * loaded once, so that 简体中文 shows glyphs, not boxes, on a machine with no CJK font. It is only
 * a fallback: the Chinese stylesheet lists the usual system CJK fonts before it.
 */
public final class CjkFont {

    private static final String RESOURCE = "/fonts/DroidSansFallbackFull.ttf";
    private static volatile String family;

    private CjkFont() {
    }

    /** The system CJK fonts the stylesheet prefers, in its order (the bundled one comes after them). */
    private static final java.util.List<String> SYSTEM_FAMILIES = java.util.List.of("Noto Sans CJK SC",
            "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC");

    /** The family for Chinese text drawn on a canvas: a system CJK font if there is one, else the bundled one. */
    public static String preferredFamily() {
        String bundled = family();
        java.util.List<String> installed = Font.getFamilies();
        return SYSTEM_FAMILIES.stream().filter(installed::contains).findFirst().orElse(bundled);
    }

    /** Loads the font (once) and returns its family name, e.g. "Droid Sans Fallback". */
    public static synchronized String family() {
        if (family == null) {
            try (InputStream in = CjkFont.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing " + RESOURCE);
                }
                Font f = Font.loadFont(in, 13);
                family = f == null ? Font.getDefault().getFamily() : f.getFamily();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return family;
    }
}
