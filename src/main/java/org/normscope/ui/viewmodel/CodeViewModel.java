package org.normscope.ui.viewmodel;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normscope.session.Session;
import org.normscope.session.SessionSnapshot;

/**
 * The code pane's state: the PyTorch code of the session so far, as a teacher would type it
 * into a notebook. It is written on the session's thread whenever the session changed (at most
 * one request at a time, so playing fast asks about once per snapshot) and taken in
 * {@link #pull()}, once per frame; nothing is asked while the pane is hidden.
 */
public final class CodeViewModel {

    private final ExplainViewModel.Asker asker;
    private final Function<Session, String> writer;
    private final ReadOnlyStringWrapper code = new ReadOnlyStringWrapper("");
    private boolean shown;
    private long version = -1;
    private long written = -2;
    private long asking = -2;
    private CompletableFuture<String> pending;

    /**
     * @param asker runs a query on the session's thread
     * @param writer the session's code
     */
    public CodeViewModel(ExplainViewModel.Asker asker, Function<Session, String> writer) {
        this.asker = Objects.requireNonNull(asker);
        this.writer = Objects.requireNonNull(writer);
    }

    /** Shows or hides the pane: while hidden nothing is asked. */
    public void setShown(boolean show) {
        shown = show;
        ask();
    }

    /** A new snapshot: the session may have changed. */
    public void show(SessionSnapshot s) {
        version = s.version();
        ask();
    }

    private void ask() {
        if (!shown || version < 0 || version == written || pending != null) {
            return;
        }
        asking = version;
        pending = asker.call(writer);
    }

    /** Takes the newest code, if it is ready: call once per frame on the UI thread. */
    public void pull() {
        CompletableFuture<String> p = pending;
        if (p == null || !p.isDone()) {
            return;
        }
        pending = null;
        written = asking;
        try {
            code.set(p.join());
        } catch (RuntimeException e) {
            code.set(UiText.get("code.failed", String.valueOf(e.getCause() == null ? e : e.getCause())));
        }
        ask(); // the session went on meanwhile
    }

    /** The code, ready to copy. */
    public ReadOnlyStringProperty codeProperty() {
        return code.getReadOnlyProperty();
    }
}
