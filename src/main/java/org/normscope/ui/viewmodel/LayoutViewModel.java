package org.normscope.ui.viewmodel;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * How the window arranges itself for its size and text size, measured in "effective" pixels
 * (pixels divided by the text's scale, so that 1280 px at 150 % text count as 853):
 * <ul>
 * <li>on a <b>narrow</b> window (below {@value #NARROW_BELOW}) the settings panel folds away behind
 *     a button, so that the charts and the panes beside them keep their width;</li>
 * <li>where the charts' area is narrower than {@value #TABBED_BELOW} the right column (histograms,
 *     distributions, Explain, the table of values) goes into a <b>tab</b> beside the curves;</li>
 * <li>below {@value #VALUES_DOCKED_BELOW} high the table of values moves into a tab beside the
 *     console, so that the histograms keep their height;</li>
 * <li>on a <b>short</b> window (below {@value #SHORT_BELOW}) the console shrinks to its tab
 *     headers (a click opens it), so that the charts keep their height: the console gives way
 *     before the charts do.</li>
 * </ul>
 */
public final class LayoutViewModel {

    /**
     * Below this width (in px at the default text size; proportionally more for larger text)
     * the settings panel starts folded: with it, the charts' right column no longer fits.
     */
    public static final double NARROW_BELOW = 1240;
    /** Below this width of the charts' area (effective px) the right column goes into a tab. */
    public static final double TABBED_BELOW = 760;
    /** Below this window height (effective px) the console folds to its tab headers. */
    public static final double SHORT_BELOW = 640;
    /** Below this window height (effective px) the table of values leaves the histograms their height. */
    public static final double VALUES_DOCKED_BELOW = 800;

    private final ReadOnlyBooleanWrapper tabbed = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper shortWindow = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper valuesDocked = new ReadOnlyBooleanWrapper(false);

    private final ReadOnlyBooleanWrapper narrow = new ReadOnlyBooleanWrapper(false);
    private final BooleanProperty settingsShown = new SimpleBooleanProperty(true);
    /** While folded for a presentation: the window's own fold does not unfold them. */
    private boolean held;
    private boolean shownBeforeHold;
    private boolean narrowBeforeHold;

    /**
     * The window's width and base font size changed: fold or unfold the settings when the window
     * crosses the line. A width of 0 is a root not laid out yet (View → Language builds a new one),
     * not a narrow window: it changes nothing, or the settings would fold for one frame.
     */
    public void setWindow(double width, double fontSize) {
        if (width <= 0) {
            return;
        }
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

    /** The window's height and base font size changed: whether the console gives its height to the charts. */
    public void setHeight(double height, double fontSize) {
        double scale = fontSize / MainViewModel.DEFAULT_FONT;
        shortWindow.set(height > 0 && height < SHORT_BELOW * scale);
        valuesDocked.set(height > 0 && height < VALUES_DOCKED_BELOW * scale);
    }

    /** The charts' area's width and base font size changed: whether the right column goes into a tab. */
    public void setChartsWidth(double width, double fontSize) {
        tabbed.set(width > 0 && width < TABBED_BELOW * fontSize / MainViewModel.DEFAULT_FONT);
    }

    /** Whether the charts' right column is a tab beside the curves (a narrow charts' area). */
    public ReadOnlyBooleanProperty tabbedProperty() {
        return tabbed.getReadOnlyProperty();
    }

    /**
     * Whether the table of values goes into a tab beside the console (a window below
     * {@value #VALUES_DOCKED_BELOW} effective px high): under the histograms it left them too little
     * height to draw their bars.
     */
    public ReadOnlyBooleanProperty valuesDockedProperty() {
        return valuesDocked.getReadOnlyProperty();
    }

    /** Whether the window is short for its text size: the console folds to its tab headers. */
    public ReadOnlyBooleanProperty shortProperty() {
        return shortWindow.getReadOnlyProperty();
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
