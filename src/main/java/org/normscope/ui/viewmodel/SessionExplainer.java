package org.normscope.ui.viewmodel;

import java.util.List;
import org.normscope.session.Session;

/** What the Explain and code panes ask of the session (on the session's thread). */
final class SessionExplainer {

    private SessionExplainer() {
    }

    static ExplainViewModel.Explained explain(Session s, long step, int channel, ExplainViewModel.Element element) {
        return new ExplainViewModel.Explained("", List.of(), "");
    }

    static String code(Session s) {
        return "";
    }
}
