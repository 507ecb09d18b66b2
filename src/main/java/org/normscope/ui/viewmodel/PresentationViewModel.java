package org.normscope.ui.viewmodel;

import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Presentation mode (F5, View → Presentation mode; Esc leaves it): the window goes full screen
 * (the view does that), the settings fold away (the Settings button brings them back), the text
 * steps up as Ctrl + does twice, and the everyday light theme becomes the projector theme; leaving
 * puts each back as it was. B blanks the screen while presenting. The theme is also chosen on its
 * own (View → Theme) and stays chosen.
 */
public final class PresentationViewModel {

    /** The window's looks: AtlantaFX's Primer Light, the same for a projector, and light on dark for one. */
    public enum Look {
        LIGHT, PROJECTOR_LIGHT, PROJECTOR_DARK;

        /** Whether this is a projector theme (thicker curves, larger markers). */
        public boolean projector() {
            return this != LIGHT;
        }
    }

    /** How much larger the text is while presenting (two steps of Ctrl +). */
    public static final double FONT_STEP_UP = 4;

    private final LayoutViewModel layout;
    private final DoubleSupplier font;
    private final DoubleConsumer setFont;
    private final ReadOnlyBooleanWrapper presenting = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper blanked = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Look> look = new SimpleObjectProperty<>(Look.LIGHT);
    private double fontBefore;
    private Look lookBefore;

    /**
     * @param font    reads the base font size
     * @param setFont sets it (clamped by the main view model)
     */
    public PresentationViewModel(LayoutViewModel layout, DoubleSupplier font, DoubleConsumer setFont) {
        this.layout = layout;
        this.font = font;
        this.setFont = setFont;
        look.addListener((o, a, l) -> {
            if (l == null) {
                look.set(Look.LIGHT);
            }
        });
    }

    /** Enters presentation mode (nothing if already in it). */
    public void enter() {
        if (presenting.get()) {
            return;
        }
        fontBefore = font.getAsDouble();
        lookBefore = look.get();
        layout.holdFolded();
        setFont.accept(fontBefore + FONT_STEP_UP);
        if (look.get() == Look.LIGHT) {
            look.set(Look.PROJECTOR_LIGHT);
        }
        presenting.set(true);
    }

    /** Leaves presentation mode: the settings, the text size and the theme come back as they were. */
    public void leave() {
        if (!presenting.get()) {
            return;
        }
        blanked.set(false);
        presenting.set(false);
        layout.release();
        setFont.accept(fontBefore);
        if (look.get() == Look.PROJECTOR_LIGHT && lookBefore == Look.LIGHT) {
            look.set(Look.LIGHT); // a theme chosen while presenting stays
        }
    }

    public void toggle() {
        if (presenting.get()) {
            leave();
        } else {
            enter();
        }
    }

    /** B: a black screen while presenting, or the window again (only while presenting). */
    public void toggleBlank() {
        blanked.set(presenting.get() && !blanked.get());
    }

    /** Any key shows the window again after a blank. */
    public void unblank() {
        blanked.set(false);
    }

    public ReadOnlyBooleanProperty presentingProperty() {
        return presenting.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty blankedProperty() {
        return blanked.getReadOnlyProperty();
    }

    /** The window's theme (View → Theme). */
    public ObjectProperty<Look> lookProperty() {
        return look;
    }
}
