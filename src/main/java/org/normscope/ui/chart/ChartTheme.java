package org.normscope.ui.chart;

import java.util.List;
import javafx.scene.paint.Color;

/**
 * Every colour and stroke weight the charts draw with, in one object, so that the projector
 * themes change them in one place: a chart reads its colours only from its
 * {@link CanvasChart#chartThemeProperty() theme}, and the window builds its curves with the
 * theme's {@link #channel(int) channel colours}.
 *
 * <p>The colours are those of AtlantaFX's colour variables of the window's theme, so that the
 * charts sit on the same background as the panes around them: {@code background} is
 * {@code -color-bg-default}, {@code ink} {@code -color-fg-default}, {@code muted}
 * {@code -color-fg-muted}, {@code grid} {@code -color-border-muted}, {@code cursor}
 * {@code -color-fg-default} (Primer Light, or Primer Dark for {@link #PROJECTOR_DARK}). The
 * projector themes make the ink full black or white, the grid stronger, the curves thicker
 * ({@code lineScale}) and the markers larger ({@code markerScale}); the text is made larger
 * through the font scale, as Ctrl + does.
 *
 * @param background  the plot and chart background
 * @param ink         texts and tick labels
 * @param muted       secondary texts (placeholders, "+3 more")
 * @param axis        axis lines and ticks
 * @param grid        grid lines
 * @param zeroLine    the grid line at y = 0
 * @param cursor      the time-travel cursor line and its label's box
 * @param cursorText  the cursor label's text, on {@code cursor}
 * @param halo        the thin lines either side of the cursor, on any data
 * @param legendGrey  the neutral colour of the distributions' legend samples
 * @param lineScale   multiplies every curve's and outline's width
 * @param markerScale multiplies the size of markers (lone points, histogram markers)
 * @param channels    the channel colours, in order (wrap after their count)
 */
public record ChartTheme(String name, Color background, Color ink, Color muted, Color axis, Color grid,
                         Color zeroLine, Color cursor, Color cursorText, Color halo, Color legendGrey,
                         double lineScale, double markerScale, List<Color> channels) {

    /** Okabe–Ito, black replaced by dark grey, in the order of {@link Palette} (for a light background). */
    private static final List<Color> ON_LIGHT = java.util.stream.IntStream.range(0, Palette.channelCount())
            .mapToObj(Palette::channel).toList();

    /**
     * The same hues for a dark background, each at least 4.5:1 on Primer Dark's background: the
     * dark grey becomes a light grey, the blue, sky blue and vermillion are lightened (Okabe–Ito's
     * blue is 3.6:1 there), the blue and the sky blue kept apart for deuteranopes and protanopes
     * and the sky blue apart from the grey beside it (see PaletteTest).
     */
    private static final List<Color> ON_DARK = List.of(
            Color.web("#3D8BFF"), Color.web("#E69F00"), Color.web("#009E73"), Color.web("#47AEEA"),
            Color.web("#E8E8E8"), Color.web("#FF6A1A"), Color.web("#CC79A7"), Color.web("#F0E442"));

    /** The window's everyday look: Primer Light. */
    public static final ChartTheme LIGHT = new ChartTheme("light", Color.WHITE, Color.web("#1f1f1f"),
            Color.web("#555555"), Color.web("#4a4a4a"), Color.web("#e3e3e3"), Color.web("#bdbdbd"),
            Color.web("#24292f"), Color.WHITE, Color.rgb(255, 255, 255, 0.85), Color.web("#555555"), 1, 1, ON_LIGHT);

    /** For a projector, dark on light: black ink, a stronger grid, thicker curves, larger markers. */
    public static final ChartTheme PROJECTOR_LIGHT = new ChartTheme("projector", Color.WHITE, Color.BLACK,
            Color.web("#3b4148"), Color.BLACK, Color.web("#c8ccd1"), Color.web("#8c959f"),
            Color.BLACK, Color.WHITE, Color.rgb(255, 255, 255, 0.9), Color.web("#555555"), 1.8, 1.6, ON_LIGHT);

    /** For a projector, light on dark: Primer Dark's background, white ink, the channel colours for a dark background. */
    public static final ChartTheme PROJECTOR_DARK = new ChartTheme("dark", Color.web("#0d1117"), Color.WHITE,
            Color.web("#b1bac4"), Color.web("#e6edf3"), Color.web("#30363d"), Color.web("#6e7681"),
            Color.WHITE, Color.BLACK, Color.rgb(13, 17, 23, 0.9), Color.web("#b1bac4"), 1.8, 1.6, ON_DARK);

    /** Every theme, for the tests and the menus. */
    public static final List<ChartTheme> ALL = List.of(LIGHT, PROJECTOR_LIGHT, PROJECTOR_DARK);

    public ChartTheme {
        channels = List.copyOf(channels);
    }

    /** The colour of channel {@code c}; wraps after {@link #channelCount()}, negative indices too. */
    public Color channel(int c) {
        return channels.get(Math.floorMod(c, channels.size()));
    }

    public int channelCount() {
        return channels.size();
    }

    /** Whether the background is dark (light text on it). */
    public boolean dark() {
        return Palette.relativeLuminance(background) < 0.2;
    }

    /**
     * The outline or casing of a colour: darker on a light background, lighter on a dark one
     * (the same hue), so that it sets the colour off its background.
     */
    public Color outline(Color c) {
        return dark() ? c.deriveColor(0, 0.7, 1.35, 1) : Palette.darker(c);
    }

    /**
     * Whether a line of this colour is hard to see on the background and gets a casing: its
     * WCAG contrast ratio against the background is below 1.6.
     */
    public boolean needsCasing(Color c) {
        return contrast(c, background) < 1.6;
    }

    /** The WCAG contrast ratio of two opaque colours (1..21). */
    public static double contrast(Color a, Color b) {
        double la = Palette.relativeLuminance(a);
        double lb = Palette.relativeLuminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** {@code c} at opacity {@code alpha} over the background, as an opaque colour. */
    public Color over(Color c, double alpha) {
        return Color.color(alpha * c.getRed() + (1 - alpha) * background.getRed(),
                alpha * c.getGreen() + (1 - alpha) * background.getGreen(),
                alpha * c.getBlue() + (1 - alpha) * background.getBlue());
    }
}
