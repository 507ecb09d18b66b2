package org.normscope.ui.app;

import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** The look: AtlantaFX's Primer Light as the user-agent stylesheet; NormScope's own CSS sits on top. */
final class Theme {

    private Theme() {
    }

    static void apply() {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }
}
