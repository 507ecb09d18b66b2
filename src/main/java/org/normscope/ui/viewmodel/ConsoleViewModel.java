package org.normscope.ui.viewmodel;

import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.session.ConsoleLog;

/** The console: the newest entries of the session's log, at most {@link #MAX_ENTRIES}. */
public final class ConsoleViewModel {

    /** Entries kept on screen. */
    public static final int MAX_ENTRIES = 300;

    /** What an entry is: a step's printout, a refusal (PyTorch's error), or a notice (a change, a file). */
    public enum Kind { STEP, REFUSAL, NOTICE }

    /** One entry as the console shows it: its number (from 1), what it is, and its text (may span lines). */
    public record Entry(long seq, Kind kind, String text) {
        static Entry of(ConsoleLog.Entry e) {
            return new Entry(e.seq(), Kind.valueOf(e.kind().name()), e.text());
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
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
        List<ConsoleLog.Entry> logged = log.since(lastSeq);
        if (logged.isEmpty()) {
            return;
        }
        lastSeq = logged.get(logged.size() - 1).seq();
        List<ConsoleLog.Entry> kept = logged.subList(Math.max(0, logged.size() - MAX_ENTRIES), logged.size());
        List<Entry> fresh = kept.stream().map(Entry::of).toList();
        if (fresh.size() >= MAX_ENTRIES) {
            entries.setAll(fresh);
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

    public ObservableList<Entry> entries() {
        return entries;
    }
}
