package org.normscope.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Objects;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;

/**
 * The session's undo and redo stacks (see {@link Session#undo()}): what each user-level change
 * replaced, newest first. Owned and used by the session's thread only.
 *
 * <p>An entry puts back one of two things:
 * <ul>
 *   <li>{@link Restart}: a whole {@link SessionState}, for a change that starts the stats again
 *       (a new layer, {@code reset_running_stats()}): undoing it brings back the layer and the
 *       history the change discarded. Each stored state is installed at most once (its entry is
 *       popped when it is), so that no two live objects ever share a history.
 *   <li>{@link Adjust}: only the settings ({@link Settings}), for a change the history goes on
 *       through (eps, momentum, mode, γ/β, the input, the comparison's momentum): undoing it sets
 *       them back with the ordinary setters, logged and journaled as any change.
 * </ul>
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} undo entries, and the histories held by the entries of
 * both stacks together at most {@link #maxBytes()} ({@link #DEFAULT_MAX_BYTES}, or a quarter of
 * the heap if that is less: on a small heap the session itself must keep room to grow); past
 * either the oldest undo entries go first, then the farthest redo ones. The next undo and the next
 * redo always stay, whatever their size (one history is at most a few tens of MB).
 */
final class UndoStack {

    /** The most changes that can be undone. */
    static final int MAX_ENTRIES = 100;
    /** The most bytes the entries' histories hold together, on a heap of at least four times this. */
    static final long DEFAULT_MAX_BYTES = 256L << 20;

    /** What the layer's settings were: the part of a session an {@link Adjust} puts back. */
    record Settings(LayerConfig config, boolean training, float[] weight, float[] bias, BatchSpec batches,
                    Momentum compareMomentum) {

        Settings {
            Objects.requireNonNull(config);
            Objects.requireNonNull(batches);
            weight = weight == null ? null : weight.clone();
            bias = bias == null ? null : bias.clone();
        }

        @Override
        public float[] weight() {
            return weight == null ? null : weight.clone();
        }

        @Override
        public float[] bias() {
            return bias == null ? null : bias.clone();
        }
    }

    /** What an entry puts back. */
    sealed interface Saved permits Restart, Adjust {
    }

    /**
     * A whole session, its history included (not shared with the session: see the class
     * comment), but not its console: an undo keeps the console as it is, a transcript.
     */
    record Restart(SessionState state) implements Saved {
    }

    /** The settings only: the history goes on. */
    record Adjust(Settings settings) implements Saved {
    }

    /**
     * One change that can be undone (or redone).
     *
     * @param change what it was, in words
     * @param saved what undoing (or redoing) it puts back
     * @param bytes what its history holds, and its journal's list (0 for {@link Adjust})
     */
    record Entry(UndoableChange change, Saved saved, long bytes) {

        /** A reference and its share of an entry of the journal's list, roughly. */
        private static final long JOURNAL_ENTRY_BYTES = 16;

        static Entry restart(UndoableChange change, SessionState state) {
            return new Entry(change, new Restart(state),
                    state.history().bytes() + JOURNAL_ENTRY_BYTES * state.journal().size());
        }

        static Entry adjust(UndoableChange change, Settings settings) {
            return new Entry(change, new Adjust(settings), 0);
        }
    }

    private final Deque<Entry> undo = new ArrayDeque<>(); // newest first
    private final Deque<Entry> redo = new ArrayDeque<>(); // the next redo first
    private int maxEntries = MAX_ENTRIES;
    private long maxBytes = Math.min(DEFAULT_MAX_BYTES, Runtime.getRuntime().maxMemory() / 4);

    /** Other bounds (for tests). */
    void setLimits(int entries, long bytes) {
        if (entries < 1 || bytes < 0) {
            throw new IllegalArgumentException("keep at least one entry, got " + entries + " and " + bytes + " bytes");
        }
        maxEntries = entries;
        maxBytes = bytes;
        trim();
    }

    long maxBytes() {
        return maxBytes;
    }

    /** A new change: it can be undone, and what was undone before it can no longer be redone. */
    void record(Entry e) {
        redo.clear();
        undo.push(e);
        trim();
    }

    /** The change an undo would undo, or null. */
    Entry peekUndo() {
        return undo.peek();
    }

    /** The change a redo would redo, or null. */
    Entry peekRedo() {
        return redo.peek();
    }

    Entry popUndo() {
        return undo.poll();
    }

    Entry popRedo() {
        return redo.poll();
    }

    /** An undone change, to be redone. */
    void pushRedo(Entry e) {
        redo.push(e);
        trim();
    }

    /** A redone change, to be undone again (the rest of the redo stack stays). */
    void pushUndo(Entry e) {
        undo.push(e);
        trim();
    }

    /** Forgets everything (a session opened from a file). */
    void clear() {
        undo.clear();
        redo.clear();
    }

    int undoSize() {
        return undo.size();
    }

    int redoSize() {
        return redo.size();
    }

    /** The bytes the entries' histories (and journals) hold. */
    long bytes() {
        long total = 0;
        for (Entry e : undo) {
            total += e.bytes();
        }
        for (Entry e : redo) {
            total += e.bytes();
        }
        return total;
    }

    private void trim() {
        while (undo.size() > maxEntries) {
            undo.removeLast();
        }
        long total = bytes();
        while (total > maxBytes && undo.size() > 1) {
            total -= undo.removeLast().bytes();
        }
        while (total > maxBytes && redo.size() > 1) {
            total -= redo.removeLast().bytes();
        }
    }

    /** The undo entries, newest first (for tests). */
    Iterator<Entry> undoEntries() {
        return undo.iterator();
    }
}
