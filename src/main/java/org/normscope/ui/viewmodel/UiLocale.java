package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.normscope.explain.ExplanationLines;

/**
 * The window's one current language: English or Simplified Chinese. Every bundle reader
 * ({@link UiText}, the view's tooltips, the explanations' captions) asks this class for its
 * bundle, so that a switch shows at once in whatever is built or re-read after it.
 */
public final class UiLocale {

    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    /** The languages offered, in the order of the View → Language menu. */
    public static final List<Locale> CHOICES = List.of(ENGLISH, CHINESE);

    /** No fallback to the JVM's default locale: English is the base bundle, whatever the system says. */
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static volatile Locale current = fromSystem(Locale.getDefault());

    static {
        ExplanationLines.setLocale(current);
        org.normscope.session.SessionText.setLocale(current);
    }

    private UiLocale() {
    }

    /** Chinese for a zh system locale, else English. */
    public static Locale fromSystem(Locale system) {
        return "zh".equals(system.getLanguage()) ? CHINESE : ENGLISH;
    }

    /** {@code en} or {@code zh-CN} (also {@code zh}, {@code zh_CN}); anything else is refused. */
    public static Locale parse(String tag) {
        String t = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
        return switch (t) {
            case "en", "en-us", "en-gb" -> ENGLISH;
            case "zh", "zh-cn", "zh-hans" -> CHINESE;
            default -> throw new IllegalArgumentException("unknown language \u201c" + tag + "\u201d: use en or zh-CN");
        };
    }

    /** The tag {@link #parse} reads back: {@code en} or {@code zh-CN}. */
    public static String tag(Locale locale) {
        return isChinese(locale) ? "zh-CN" : "en";
    }

    public static boolean isChinese(Locale locale) {
        return "zh".equals(locale.getLanguage());
    }

    public static Locale current() {
        return current;
    }

    public static boolean chinese() {
        return isChinese(current);
    }

    /** Makes {@code locale} the window's language (English for anything that is not Chinese). */
    public static void set(Locale locale) {
        current = isChinese(locale) ? CHINESE : ENGLISH;
        ExplanationLines.setLocale(current);
        org.normscope.session.SessionText.setLocale(current);
    }

    /** The bundle {@code name} (e.g. {@code i18n.window}) in the current language. */
    public static ResourceBundle bundle(String name) {
        return bundle(name, current);
    }

    public static ResourceBundle bundle(String name, Locale locale) {
        return ResourceBundle.getBundle(name, locale, NO_FALLBACK);
    }
}
