package org.normscope.session;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's console: the last {@code capacity} entries, each numbered, so a reader on
 * another thread can ask for what it has not seen yet. Thread-safe.
 */
public final class ConsoleLog {

    /** What an entry reports. */
    public enum Kind { STEP, REFUSAL, NOTICE }

    /** One entry: its number (from 1), what it is, and its text (may span lines). */
    public record Entry(long seq, Kind kind, String text) {
    }

    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long lastSeq;
    private long restoredAt;

    public ConsoleLog(int capacity) {
        this.capacity = capacity;
    }

    /** Adds an entry, dropping the oldest past the capacity. */
    public synchronized void append(Kind kind, String text) {
        entries.addLast(new Entry(++lastSeq, kind, text));
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
    }

    /** The entries numbered after {@code seq}, oldest first (those dropped meanwhile are gone). */
    public synchronized List<Entry> since(long seq) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.seq() > seq) {
                out.add(e);
            }
        }
        return out;
    }

    /** The entries kept, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /**
     * Replaces every entry with {@code restored}'s kinds and texts (a session opened from a file;
     * an undo keeps the console as it is), numbered on from the newest number: a reader that sees
     * {@link #restoredAt()} grow starts over instead of appending.
     */
    public synchronized void replaceAll(List<Entry> restored) {
        entries.clear();
        restoredAt = lastSeq;
        for (Entry e : restored.subList(Math.max(0, restored.size() - capacity), restored.size())) {
            entries.addLast(new Entry(++lastSeq, e.kind(), e.text()));
        }
    }

    /** The number of the newest entry before the last {@link #replaceAll} (0 if there was none): older ones are gone. */
    public synchronized long restoredAt() {
        return restoredAt;
    }

    /** The number of the newest entry (0 before the first). */
    public synchronized long lastSeq() {
        return lastSeq;
    }
}
