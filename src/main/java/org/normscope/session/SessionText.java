package org.normscope.session;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * The words the session writes to its console and banner around PyTorch's own output (which
 * stays as PyTorch prints it): step headers, notes on changes, refusals' comments. They come
 * from {@code i18n/session} in the window's language; English by default, as the command line
 * prints.
 */
public final class SessionText {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static volatile Locale locale = Locale.ENGLISH;

    private SessionText() {
    }

    /** Makes the session's words come in {@code l}'s language from now on (English unless a bundle for it exists). */
    public static void setLocale(Locale l) {
        locale = l;
    }

    /** The text of {@code key} with its arguments ({@code {0}}, …) filled in. */
    static String get(String key, Object... args) {
        String pattern = ResourceBundle.getBundle("i18n.session", locale, NO_FALLBACK).getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern.replace("'", "''"), args);
    }
}
