package org.normscope.ui.view;

import javafx.scene.Node;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.normscope.ui.viewmodel.MainViewModel;

/**
 * The main window's keys, taken in a filter on its scene before any control: the ones that
 * work everywhere (F1, F5, text size, Run to…, undo and redo outside text fields) and the plain
 * letters that step and switch while no text field has the focus. Help → Keyboard shortcuts
 * lists them.
 */
final class WindowKeys {

    // Ctrl + is Ctrl = on many keyboards, and Ctrl with the keypad's + or − counts too
    // (with Shift or without: on a US keyboard Ctrl + is typed Ctrl Shift =)
    private static final KeyCombination[] BIGGER = {
        new KeyCodeCombination(KeyCode.PLUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
        new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
        new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY)};
    private static final KeyCombination[] SMALLER = {
        new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY),
        new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_ANY)};
    private static final KeyCombination NORMAL_SIZE = new KeyCodeCombination(KeyCode.DIGIT0,
            KeyCombination.SHORTCUT_DOWN);

    /** Run to step N… (also in the Run menu). */
    static final KeyCombination RUN_TO = new KeyCodeCombination(KeyCode.G, KeyCombination.SHORTCUT_DOWN);

    /**
     * Edit → Undo and Redo, handled in the key filter by who has the focus: an editable text field
     * keeps its own Ctrl+Z (undo the typing), anywhere else it undoes a change of the session. Not
     * menu accelerators: in JavaFX 21 a focused text field does get Ctrl+Z before the scene's
     * accelerators (checked with a robot), but which control takes the key first is then each
     * control's affair (a read-only text area such as the code pane is no field to type in, and a
     * native menu bar would take the key before any field); deciding here by the focus owner keeps
     * it one rule. The menu items show the keys in their text, as the View menu's filter keys do.
     */
    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination[] REDO = {
        new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
        new KeyCodeCombination(KeyCode.Y, KeyCombination.SHORTCUT_DOWN)};

    private final MainWindow window;
    private final MainViewModel model;

    WindowKeys(MainWindow window) {
        this.window = window;
        this.model = window.model();
    }

    private static boolean matchesAny(KeyCombination[] combinations, KeyEvent e) {
        for (KeyCombination k : combinations) {
            if (k.match(e)) {
                return true;
            }
        }
        return false;
    }

    void onKey(KeyEvent e) {
        if (model.presentation().blankedProperty().get()) { // any key shows the screen again
            model.presentation().unblank();
            e.consume();
            return;
        }
        if (e.getCode() == KeyCode.F5 && !e.isShortcutDown() && !e.isAltDown()) {
            model.presentation().toggle();
            e.consume();
            return;
        }
        if (e.getCode() == KeyCode.F1) {
            window.showShortcuts();
            e.consume();
            return;
        }
        if (matchesAny(BIGGER, e)) {
            model.fontSize().bigger();
            e.consume();
            return;
        }
        if (matchesAny(SMALLER, e)) {
            model.fontSize().smaller();
            e.consume();
            return;
        }
        if (NORMAL_SIZE.match(e)) {
            model.fontSize().reset();
            e.consume();
            return;
        }
        if (RUN_TO.match(e)) { // here too, so that it works while a text field has the focus
            e.consume();
            window.askRunTo();
            return;
        }
        Node focus = window.root().getScene() == null ? null : window.root().getScene().getFocusOwner();
        // Ctrl+Z in a text field undoes the typing (the field's own); elsewhere it undoes a change of the session
        boolean typing = focus instanceof TextInputControl t && t.isEditable();
        if (!typing && UNDO.match(e)) {
            e.consume();
            model.edits().undo();
            return;
        }
        if (!typing && matchesAny(REDO, e)) {
            e.consume();
            model.edits().redo();
            return;
        }
        // Plain keys act only when no text field has the focus: there they type. Escape leaves
        // the field (committing it), so that Space steps again.
        if (focus instanceof TextInputControl && e.getCode() == KeyCode.ESCAPE) {
            window.root().requestFocus();
            e.consume();
            return;
        }
        if (focus instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        boolean presenting = model.presentation().presentingProperty().get();
        switch (e.getCode()) {
            // long work or Play stops after the running step; else Esc leaves presentation mode
            case ESCAPE -> model.escape();
            case SPACE -> model.step();
            // a presentation remote's "next" and "previous": a step and the cursor a step back, and in a
            // lesson the next stage once the stage has taken its steps, the previous one from a stage's start
            case PAGE_DOWN -> model.remoteNext();
            case PAGE_UP -> model.remotePrevious();
            case RIGHT, LEFT, B -> { // while presenting only: elsewhere they move in the controls
                if (!presenting) {
                    return;
                }
                if (e.getCode() == KeyCode.RIGHT) {
                    model.step();
                } else if (e.getCode() == KeyCode.LEFT) {
                    model.time().stepBack();
                } else {
                    model.presentation().toggleBlank();
                }
            }
            case P -> model.playback().togglePlay();
            case T -> model.layer().train();
            case E -> model.layer().eval();
            case R -> model.layer().resetRunningStats();
            case Q -> model.predict().toggle();
            case N -> {
                if (e.isShiftDown()) {
                    model.lesson().previous();
                } else {
                    model.lesson().next();
                }
            }
            default -> {
                return;
            }
        }
        e.consume();
    }
}
