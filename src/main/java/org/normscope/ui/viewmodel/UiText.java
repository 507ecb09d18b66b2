package org.normscope.ui.viewmodel;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** The window's visible texts ({@code i18n/window.properties}), with {@code {0}}… filled in. */
public final class UiText {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("i18n.window");

    private UiText() {
    }

    public static String get(String key, Object... args) {
        String pattern = BUNDLE.getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern.replace("'", "''"), args);
    }
}
