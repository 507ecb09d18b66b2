package org.normscope.ui.viewmodel;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/** The window's base font size: Ctrl +, Ctrl −, Ctrl 0, and presentation mode's step up. */
public final class FontSizeViewModel {

    /** Font sizes offered by Ctrl +/−, in px; the default suits a laptop and a projector alike. */
    public static final double MIN = 11;
    public static final double MAX = 30;
    public static final double DEFAULT = 15;

    private final ReadOnlyDoubleWrapper size = new ReadOnlyDoubleWrapper(DEFAULT);

    /** Ctrl + */
    public void bigger() {
        set(size.get() + 2);
    }

    /** Ctrl − */
    public void smaller() {
        set(size.get() - 2);
    }

    /** Ctrl 0 */
    public void reset() {
        size.set(DEFAULT);
    }

    /** {@code px}, kept within {@link #MIN} and {@link #MAX}. */
    void set(double px) {
        size.set(Math.max(MIN, Math.min(MAX, px)));
    }

    /** The size in px. */
    public ReadOnlyDoubleProperty sizeProperty() {
        return size.getReadOnlyProperty();
    }
}
