package org.normscope.ui.chart;

import javafx.scene.paint.Color;

/**
 * Colour-blind-safe colours for channels and heat maps, chosen for a white background and a
 * projector.
 *
 * <p><b>Channels.</b> The eight Okabe–Ito colours, with black replaced by a dark grey
 * ({@code #555555}) so that a curve never looks like an axis. The order was chosen by
 * brute force over all orders: with the colours simulated for deuteranopia and protanopia
 * (Machado et al. 2009) as well as normal vision, the CIELAB distance between adjacent
 * channels is at least 48 and between any two of the first four at least 25, so the
 * common small cases (1–4 channels) are the most distinct. Yellow, which is barely
 * visible on white (contrast 1.3:1), comes last; charts draw a darker casing under such
 * lines (see {@link #needsCasing(Color)}). Curves wrap after eight colours.
 *
 * <p><b>Heat maps.</b> Viridis (van der Walt &amp; Smith, matplotlib): a perceptually
 * uniform sequential map, readable with every common colour vision deficiency and in grey
 * scale, whose luminance increases monotonically from dark violet (0) to yellow (1). The
 * 256-entry table is built by linear interpolation in sRGB between eleven anchors,
 * {@code viridis(k/10)} for k = 0..10.
 */
public final class Palette {

    /** The channel colours, in order: blue, orange, bluish green, sky blue, dark grey, vermillion, reddish purple, yellow. */
    private static final Color[] CHANNELS = {
        Color.web("#0072B2"), Color.web("#E69F00"), Color.web("#009E73"), Color.web("#56B4E9"),
        Color.web("#555555"), Color.web("#D55E00"), Color.web("#CC79A7"), Color.web("#F0E442"),
    };

    /** viridis(k / 10), k = 0..10. */
    private static final int[] VIRIDIS_ANCHORS = {
        0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725,
    };

    /** Number of entries of the heat table. */
    public static final int HEAT_SIZE = 256;

    private static final int[] HEAT_ARGB = buildHeatTable();

    /** The colour of a heat map cell with no finite value. */
    public static final Color MISSING = Color.web("#D0D0D0");

    private Palette() {
    }

    /** Number of distinct channel colours (8). */
    public static int channelCount() {
        return CHANNELS.length;
    }

    /**
     * The colour of channel {@code c}; wraps after 8 ({@code channel(8) == channel(0)}),
     * negative indices wrap too.
     */
    public static Color channel(int c) {
        return CHANNELS[Math.floorMod(c, CHANNELS.length)];
    }

    /** A darker shade of {@code c} (same hue), for outlines and casings: brightness × 0.6. */
    public static Color darker(Color c) {
        return c.deriveColor(0, 1, 0.6, 1);
    }

    /**
     * Whether a line of this colour is hard to see on white and should get a darker casing:
     * its WCAG contrast ratio against white, {@code 1.05 / (L + 0.05)} with L the relative
     * luminance, is below 1.6.
     */
    public static boolean needsCasing(Color c) {
        return 1.05 / (relativeLuminance(c) + 0.05) < 1.6;
    }

    /**
     * Relative luminance (WCAG 2): {@code L = 0.2126 R + 0.7152 G + 0.0722 B} on linear RGB,
     * where each sRGB component {@code u} is linearised as {@code u / 12.92} for
     * {@code u <= 0.04045} and {@code ((u + 0.055) / 1.055)^2.4} otherwise.
     */
    public static double relativeLuminance(Color c) {
        return 0.2126 * linear(c.getRed()) + 0.7152 * linear(c.getGreen()) + 0.0722 * linear(c.getBlue());
    }

    private static double linear(double u) {
        return u <= 0.04045 ? u / 12.92 : Math.pow((u + 0.055) / 1.055, 2.4);
    }

    /** The heat map colour of {@code t} in [0, 1] (clamped; NaN gives {@link #MISSING}). */
    public static Color heat(double t) {
        if (Double.isNaN(t)) {
            return MISSING;
        }
        int argb = heatArgb(t);
        return Color.rgb((argb >> 16) & 0xFF, (argb >> 8) & 0xFF, argb & 0xFF);
    }

    /**
     * The heat map colour of {@code t} in [0, 1] as opaque ARGB, for a
     * {@link javafx.scene.image.PixelWriter}: entry {@code round(t · 255)} of the table
     * ({@code t} clamped; NaN gives the {@link #MISSING} grey).
     */
    public static int heatArgb(double t) {
        if (Double.isNaN(t)) {
            return 0xFFD0D0D0;
        }
        double clamped = Math.max(0, Math.min(1, t));
        return HEAT_ARGB[(int) Math.round(clamped * (HEAT_SIZE - 1))];
    }

    private static int[] buildHeatTable() {
        int[] table = new int[HEAT_SIZE];
        int segments = VIRIDIS_ANCHORS.length - 1;
        for (int i = 0; i < HEAT_SIZE; i++) {
            double pos = (double) i / (HEAT_SIZE - 1) * segments;
            int k = Math.min((int) Math.floor(pos), segments - 1);
            double f = pos - k;
            int a = VIRIDIS_ANCHORS[k];
            int b = VIRIDIS_ANCHORS[k + 1];
            int r = mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, f);
            int g = mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, f);
            int bl = mix(a & 0xFF, b & 0xFF, f);
            table[i] = 0xFF000000 | (r << 16) | (g << 8) | bl;
        }
        return table;
    }

    /**
     * ColorBrewer's PuOr (Brewer, colorbrewer2.org; marked colour-blind safe), 11 classes, from
     * dark purple (0) through near-white (0.5) to dark orange (1): a diverging map for values
     * about a centre (the axis explorer's cells).
     */
    private static final int[] PU_OR_ANCHORS = {
        0x2D004B, 0x542788, 0x8073AC, 0xB2ABD2, 0xD8DAEB, 0xF7F7F7, 0xFEE0B6, 0xFDB863, 0xE08214, 0xB35806, 0x7F3B08,
    };

    /**
     * The diverging colour of {@code t} in [0, 1] (clamped; NaN gives {@link #MISSING}): purple
     * below the centre 0.5, near-white at it, orange above, linear in sRGB between PuOr's eleven
     * anchors. Lightness falls on both sides, so the map also reads in grey scale as "far from
     * the centre".
     */
    public static Color diverging(double t) {
        if (Double.isNaN(t)) {
            return MISSING;
        }
        double pos = Math.max(0, Math.min(1, t)) * (PU_OR_ANCHORS.length - 1);
        int k = Math.min((int) Math.floor(pos), PU_OR_ANCHORS.length - 2);
        double f = pos - k;
        int a = PU_OR_ANCHORS[k];
        int b = PU_OR_ANCHORS[k + 1];
        return Color.rgb(mix((a >> 16) & 0xFF, (b >> 16) & 0xFF, f), mix((a >> 8) & 0xFF, (b >> 8) & 0xFF, f),
                mix(a & 0xFF, b & 0xFF, f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
