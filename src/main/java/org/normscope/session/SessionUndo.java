package org.normscope.session;

import java.util.Objects;

/**
 * Undo and redo of a session's changes (see {@link Session#undo()}), over its {@link UndoStack}.
 * Before a change, the session's setter records here what the change replaces: the settings
 * ({@link #recordAdjust}) or, for a change that starts the stats again, the whole session
 * ({@link #recordRestart}). Undoing puts that back: a whole session with
 * {@link Session#restore(SessionState, boolean)}, settings with the session's ordinary setters,
 * which record nothing meanwhile ({@link #applying}). Owned by the session's thread.
 */
final class SessionUndo {

    private final Session session;
    private final UndoStack edits = new UndoStack();
    /** An undo or redo, or a change made of several setter calls, is applying settings: the setters record nothing. */
    private boolean applying;

    SessionUndo(Session session) {
        this.session = session;
    }

    /** See {@link Session#undo()}. */
    boolean undo() {
        UndoStack.Entry e = edits.popUndo();
        if (e == null) {
            return false;
        }
        edits.pushRedo(putBack(e, "undone"));
        return true;
    }

    /** See {@link Session#redo()}. */
    boolean redo() {
        UndoStack.Entry e = edits.popRedo();
        if (e == null) {
            return false;
        }
        edits.pushUndo(putBack(e, "redone"));
        return true;
    }

    /** What {@link #undo()} would undo, or null if nothing. */
    UndoableChange undoable() {
        UndoStack.Entry e = edits.peekUndo();
        return e == null ? null : e.change();
    }

    /** What {@link #redo()} would redo, or null if nothing. */
    UndoableChange redoable() {
        UndoStack.Entry e = edits.peekRedo();
        return e == null ? null : e.change();
    }

    /** Forgets every change; whether there was one. */
    boolean clear() {
        if (edits.undoSize() + edits.redoSize() > 0) {
            edits.clear();
            return true;
        }
        return false;
    }

    /** The undo and redo stacks (for tests: their bounds). */
    UndoStack edits() {
        return edits;
    }

    /**
     * Settings are being applied ({@code on}) or no longer: the setters record nothing while they
     * are. Gives what it was before, to be set back.
     */
    boolean applying(boolean on) {
        boolean was = applying;
        applying = on;
        return was;
    }

    /** Records, before an Adjust change, the settings it changes (not while settings are being applied). */
    void recordAdjust(UndoableChange change) {
        if (!applying) {
            edits.record(UndoStack.Entry.adjust(change, settings()));
        }
    }

    /**
     * Records, before a change that starts the stats again, the whole session. The state holds
     * the session's own history: a new layer leaves it behind for good, but
     * {@code reset_running_stats()} goes on recording into it, so then a copy is kept.
     */
    void recordRestart(UndoableChange change, boolean historyGoesOn) {
        if (!applying) {
            SessionState now = session.state(false);
            edits.record(UndoStack.Entry.restart(change, historyGoesOn ? now.detached() : now));
        }
    }

    private UndoStack.Settings settings() {
        return new UndoStack.Settings(session.config(), session.isTraining(), session.layer().weight(),
                session.layer().bias(), session.batches(), session.compareMomentum());
    }

    /**
     * Puts back what {@code e} saved, says so ({@code words}: "undone" or "redone"), and gives the
     * entry that puts back what is here now.
     */
    private UndoStack.Entry putBack(UndoStack.Entry e, String words) {
        session.printUnprinted();
        String text = ConsoleNotes.putBack(words, e.change());
        if (e.saved() instanceof UndoStack.Restart r) {
            // by reference: the session switches to the saved history and never touches this one again
            UndoStack.Entry back = UndoStack.Entry.restart(e.change(), session.state(false));
            session.restore(r.state(), false);
            session.announce(ConsoleNotes.backAt(text, session.layer(), session.stepCount()));
            return back;
        }
        UndoStack.Settings saved = ((UndoStack.Adjust) e.saved()).settings();
        UndoStack.Entry back = UndoStack.Entry.adjust(e.change(), settings());
        session.say(text);
        boolean was = applying(true);
        try {
            apply(saved);
        } finally {
            applying = was;
        }
        session.pointOut(text); // after the setters: the comparison's own notice must not take the banner
        return back;
    }

    /**
     * Sets the settings back with the ordinary setters. The layer is the one they were taken
     * from (every later change that built a new one was undone first), so only eps, momentum,
     * mode, weight, bias, batches and the comparison's momentum can differ.
     */
    private void apply(UndoStack.Settings s) {
        if (session.config().needsRebuildFor(s.config())) {
            throw new IllegalStateException("settings of " + s.config() + " put back on " + session.config());
        }
        session.configure(s.config());
        session.setTraining(s.training());
        float[] w = s.weight();
        float[] b = s.bias();
        float[] nowW = session.layer().weight();
        float[] nowB = session.layer().bias();
        for (int c = 0; w != null && c < w.length; c++) {
            if (Float.floatToRawIntBits(w[c]) != Float.floatToRawIntBits(nowW[c])) {
                session.setWeight(c, w[c]);
            }
        }
        for (int c = 0; b != null && c < b.length; c++) {
            if (Float.floatToRawIntBits(b[c]) != Float.floatToRawIntBits(nowB[c])) {
                session.setBias(c, b[c]);
            }
        }
        if (!s.batches().equals(session.batches())) {
            session.setBatches(s.batches());
        }
        if (!Objects.equals(s.compareMomentum(), session.compareMomentum())) {
            session.setCompareMomentum(s.compareMomentum());
        }
    }
}
