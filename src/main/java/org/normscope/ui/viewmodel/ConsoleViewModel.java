package org.normscope.ui.viewmodel;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.session.ConsoleLog;

/** The console: the newest entries of the session's log, at most {@link #MAX_ENTRIES}. */
public final class ConsoleViewModel {

    /** Entries kept on screen. */
    public static final int MAX_ENTRIES = 300;

    private final ObservableList<ConsoleLog.Entry> entries = FXCollections.observableArrayList();
    private long lastSeq;
    private long restoredAt;

    /**
     * Takes the entries logged since the last call, in one change of the list; after the log was
     * replaced (a session opened, an undo), starts over with its entries.
     */
    public void pull(ConsoleLog log) {
        long restored = log.restoredAt();
        if (restored != restoredAt) {
            restoredAt = restored;
            entries.clear();
            lastSeq = Math.max(lastSeq, restored);
        }
        List<ConsoleLog.Entry> fresh = log.since(lastSeq);
        if (fresh.isEmpty()) {
            return;
        }
        lastSeq = fresh.get(fresh.size() - 1).seq();
        if (fresh.size() >= MAX_ENTRIES) {
            entries.setAll(fresh.subList(fresh.size() - MAX_ENTRIES, fresh.size()));
            return;
        }
        int overflow = entries.size() + fresh.size() - MAX_ENTRIES;
        if (overflow > 0) {
            entries.remove(0, overflow);
        }
        entries.addAll(fresh);
    }

    /** Empties the console (the log itself keeps its entries). */
    public void clear() {
        entries.clear();
    }

    public ObservableList<ConsoleLog.Entry> entries() {
        return entries;
    }
}
