package org.normscope.ui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * How the window arranges itself for its size and text size: on a narrow window (a 1024×768
 * projector, or large text) the settings panel folds away behind a button, so that the charts
 * and the panes beside them keep their width; the button shows it again.
 */
public final class LayoutViewModel {

    /**
     * Below this width (in px at the default text size; proportionally more for larger text)
     * the settings panel starts folded: with it, the charts' right column no longer fits.
     */
    public static final double NARROW_BELOW = 1240;

    private final ReadOnlyBooleanWrapper narrow = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty settingsShown = new SimpleBooleanProperty(true);
    /** While folded for a presentation: the window's own fold does not unfold them. */
    private boolean held;
    private boolean shownBeforeHold;
    private boolean narrowBeforeHold;

    /** The window's width and base font size changed: fold or unfold the settings when the window crosses the line. */
    public void setWindow(double width, double fontSize) {
        boolean now = width < NARROW_BELOW * fontSize / MainViewModel.DEFAULT_FONT;
        if (now != narrow.get()) {
            narrow.set(now);
            if (!held) {
                settingsShown.set(!now);
            }
        }
    }

    /**
     * Folds the settings and keeps them folded whatever the window's size does (presentation mode:
     * going full screen widens the window); the Settings button still shows them.
     */
    public void holdFolded() {
        if (!held) {
            held = true;
            shownBeforeHold = settingsShown.get();
            narrowBeforeHold = narrow.get();
        }
        settingsShown.set(false);
    }

    /**
     * Ends {@link #holdFolded()}: the settings come back as they were before, or as the window's
     * width now wants them if it crossed the line meanwhile.
     */
    public void release() {
        if (held) {
            held = false;
            settingsShown.set(narrow.get() == narrowBeforeHold ? shownBeforeHold : !narrow.get());
        }
    }

    /** Whether the window is narrow for its text size. */
    public ReadOnlyBooleanProperty narrowProperty() {
        return narrow.getReadOnlyProperty();
    }

    /** Whether the settings panel is shown; the Settings button toggles it. */
    public BooleanProperty settingsShownProperty() {
        return settingsShown;
    }
}
