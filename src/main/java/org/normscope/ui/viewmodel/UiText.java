package org.normscope.ui.viewmodel;

import java.text.MessageFormat;

/** The window's visible texts ({@code i18n/window.properties}) in the {@linkplain UiLocale current language}, with {@code {0}}… filled in. */
public final class UiText {

    private UiText() {
    }

    public static String get(String key, Object... args) {
        String pattern = UiLocale.bundle("i18n.window").getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern.replace("'", "''"), args);
    }
}
