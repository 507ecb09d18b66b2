package org.normscope.ui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;
import org.normscope.session.SessionSnapshot;

/** Edit → Undo and Redo: what they would undo and redo, in the window's language, and doing it. */
public final class EditsViewModel {

    private final SessionRunner runner;
    private final Runnable pauseForNewSetup;
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(UiText.get("menu.edit.undo"));
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(UiText.get("menu.edit.redo"));
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);

    /** @param pauseForNewSetup pauses Play and drops a pending prediction */
    EditsViewModel(SessionRunner runner, Runnable pauseForNewSetup) {
        this.runner = runner;
        this.pauseForNewSetup = pauseForNewSetup;
    }

    /**
     * Edit → Undo (Ctrl+Z): undoes the newest change of the setup (see {@link Session#undo()}).
     * Playing pauses first, as loading a preset does: an undo that gives back a discarded history
     * must not be followed by steps the user did not ask for; a pending prediction is dropped.
     * With nothing to undo (the menu item is disabled) the key does nothing, Play goes on.
     */
    public void undo() {
        if (canUndo.get()) {
            pauseForNewSetup.run();
            runner.submit(Session::undo);
        }
    }

    /** Edit → Redo (Ctrl+Shift+Z, Ctrl+Y): redoes the newest undone change, as {@link #undo()}. */
    public void redo() {
        if (canRedo.get()) {
            pauseForNewSetup.run();
            runner.submit(Session::redo);
        }
    }

    /** The menu items as {@code s} has them (again after a change of language). */
    void show(SessionSnapshot s) {
        canUndo.set(s.undoable() != null);
        canRedo.set(s.redoable() != null);
        undoText.set(s.undoable() == null ? UiText.get("menu.edit.undo")
                : UiText.get("menu.edit.undo.named", s.undoable().text()));
        redoText.set(s.redoable() == null ? UiText.get("menu.edit.redo")
                : UiText.get("menu.edit.redo.named", s.redoable().text()));
    }

    /** Edit → Undo's text: what it would undo ("Undo eps change (Ctrl Z)"), or just "Undo (Ctrl Z)" when nothing. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /** Edit → Redo's text, as {@link #undoTextProperty()}. */
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** Whether there is a change to undo. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** Whether there is an undone change to redo. */
    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }
}
