package org.normscope.ui.view;

import java.text.MessageFormat;
import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** The tooltips that say in plain words what each setting does ({@code i18n/explanations.properties}). */
final class Explanations {

    private Explanations() {
    }

    /** The explanation under {@code key}, with {@code {0}}… filled in. */
    static String text(String key, Object... args) {
        String pattern = org.normscope.ui.viewmodel.UiLocale.bundle("i18n.explanations").getString(key);
        return args.length == 0 ? pattern : MessageFormat.format(pattern.replace("'", "''"), args);
    }

    /** Puts the explanation on a control as a tooltip that is quick to appear and stays long enough to read. */
    static <C extends Control> C explain(C control, String key, Object... args) {
        control.setTooltip(tooltip(key, args));
        return control;
    }

    static Tooltip tooltip(String key, Object... args) {
        Tooltip t = new Tooltip(text(key, args));
        t.setWrapText(true);
        t.setMaxWidth(460);
        t.setShowDelay(Duration.millis(350));
        t.setShowDuration(Duration.seconds(30));
        return t;
    }
}
