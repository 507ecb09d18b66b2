package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class PaletteTest {

    /** Machado et al. (2009) severity-1 matrices on linear RGB. */
    static final double[][] DEUTAN = {{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413},
        {-0.011820, 0.042940, 0.968881}};
    static final double[][] PROTAN = {{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216},
        {-0.003882, -0.048116, 1.051998}};
    static final double[][] NORMAL = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    @Test
    void eightDistinctChannelColoursThatWrap() {
        assertThat(Palette.channelCount()).isEqualTo(8);
        for (int a = 0; a < 8; a++) {
            for (int b = a + 1; b < 8; b++) {
                assertThat(Palette.channel(a)).isNotEqualTo(Palette.channel(b));
            }
        }
        assertThat(Palette.channel(8)).isEqualTo(Palette.channel(0));
        assertThat(Palette.channel(13)).isEqualTo(Palette.channel(5));
        assertThat(Palette.channel(-1)).isEqualTo(Palette.channel(7));
        assertThat(Palette.channel(0)).isEqualTo(Color.web("#0072B2"));
        assertThat(Palette.channel(4)).as("black replaced by dark grey").isEqualTo(Color.web("#555555"));
    }

    @Test
    void anyTwoChannelColoursAreFarApartInCielab() {
        for (int a = 0; a < 8; a++) {
            for (int b = a + 1; b < 8; b++) {
                assertThat(deltaE(Palette.channel(a), Palette.channel(b), NORMAL)).as("ΔE(%d, %d)", a, b)
                        .isGreaterThan(25);
            }
        }
    }

    @Test
    void neighbouringChannelsStayApartForRedGreenColourBlindness() {
        for (int c = 0; c < 8; c++) {
            Color a = Palette.channel(c);
            Color b = Palette.channel(c + 1);
            for (double[][] vision : new double[][][] {NORMAL, DEUTAN, PROTAN}) {
                assertThat(deltaE(a, b, vision)).as("ΔE(%d, %d)", c, c + 1).isGreaterThan(45);
            }
        }
        // the first four, the common case, are pairwise distinct for everyone
        for (int a = 0; a < 4; a++) {
            for (int b = a + 1; b < 4; b++) {
                for (double[][] vision : new double[][][] {NORMAL, DEUTAN, PROTAN}) {
                    assertThat(deltaE(Palette.channel(a), Palette.channel(b), vision)).isGreaterThan(24);
                }
            }
        }
    }

    @Test
    void onlyThePaleYellowNeedsACasingOnWhite() {
        for (int c = 0; c < 7; c++) {
            assertThat(Palette.needsCasing(Palette.channel(c))).as("channel %d", c).isFalse();
        }
        assertThat(Palette.needsCasing(Palette.channel(7))).isTrue();
        assertThat(Palette.relativeLuminance(Color.WHITE)).isEqualTo(1.0);
        assertThat(Palette.relativeLuminance(Color.BLACK)).isEqualTo(0.0);
    }

    @Test
    void heatMapRisesInLuminanceFromDarkToLight() {
        // never darker than the entry before beyond 8-bit rounding (a 1e-4 dip is invisible), and
        // strictly lighter every 4 entries
        double[] y = new double[Palette.HEAT_SIZE];
        for (int i = 0; i < Palette.HEAT_SIZE; i++) {
            y[i] = Palette.relativeLuminance(Palette.heat(i / (Palette.HEAT_SIZE - 1.0)));
            if (i > 0) {
                assertThat(y[i]).as("entry %d", i).isGreaterThan(y[i - 1] - 1e-4);
            }
            if (i >= 4) {
                assertThat(y[i]).as("entry %d", i).isGreaterThan(y[i - 4]);
            }
        }
        assertThat(Palette.relativeLuminance(Palette.heat(0))).isLessThan(0.05);
        assertThat(Palette.relativeLuminance(Palette.heat(1))).isGreaterThan(0.7);
    }

    @Test
    void heatMapEndsAreViridisAndInputsAreClamped() {
        assertThat(Palette.heatArgb(0)).isEqualTo(0xFF440154);
        assertThat(Palette.heatArgb(1)).isEqualTo(0xFFFDE725);
        assertThat(Palette.heatArgb(0.5)).isEqualTo(0xFF21918C);
        assertThat(Palette.heatArgb(-3)).isEqualTo(Palette.heatArgb(0));
        assertThat(Palette.heatArgb(7)).isEqualTo(Palette.heatArgb(1));
        assertThat(Palette.heatArgb(Double.NaN)).isEqualTo(0xFFD0D0D0);
        assertThat(Palette.heat(Double.NaN)).isEqualTo(Palette.MISSING);
        Color c = Palette.heat(0.25);
        int argb = Palette.heatArgb(0.25);
        assertThat((int) Math.round(c.getRed() * 255)).isEqualTo((argb >> 16) & 0xFF);
        assertThat((int) Math.round(c.getBlue() * 255)).isEqualTo(argb & 0xFF);
    }

    @Test
    void everyThemesChannelsStayApartForColourBlindViewers() {
        for (ChartTheme t : ChartTheme.ALL) {
            assertThat(t.channelCount()).isEqualTo(8);
            for (double[][] vision : new double[][][] {NORMAL, DEUTAN, PROTAN}) {
                for (int c = 0; c < 8; c++) {
                    assertThat(deltaE(t.channel(c), t.channel(c + 1), vision)).as("%s ΔE(%d, %d)", t.name(), c, c + 1)
                            .isGreaterThan(40);
                }
                for (int a = 0; a < 4; a++) {
                    for (int b = a + 1; b < 4; b++) {
                        assertThat(deltaE(t.channel(a), t.channel(b), vision)).as("%s ΔE(%d, %d)", t.name(), a, b)
                                .isGreaterThan(24);
                    }
                }
            }
            for (int a = 0; a < 8; a++) {
                for (int b = a + 1; b < 8; b++) {
                    assertThat(deltaE(t.channel(a), t.channel(b), NORMAL)).as("%s ΔE(%d, %d)", t.name(), a, b)
                            .isGreaterThan(25);
                }
            }
        }
    }

    @Test
    void everyThemesChannelsStandOffItsBackground() {
        for (ChartTheme t : ChartTheme.ALL) {
            for (int c = 0; c < 8; c++) {
                Color colour = t.channel(c);
                for (double[][] vision : new double[][][] {NORMAL, DEUTAN, PROTAN}) {
                    assertThat(deltaE(colour, t.background(), vision)).as("%s channel %d", t.name(), c)
                            .isGreaterThan(t.needsCasing(colour) ? 10 : 30);
                }
                // a line is either clearly visible on the background or gets a casing that is
                if (t.needsCasing(colour)) {
                    assertThat(ChartTheme.contrast(t.outline(colour), t.background())).as("%s casing %d", t.name(), c)
                            .isGreaterThan(3);
                }
            }
            // on the dark background every channel is readable without a casing
            if (t.dark()) {
                for (int c = 0; c < 8; c++) {
                    assertThat(ChartTheme.contrast(t.channel(c), t.background())).as("%s channel %d", t.name(), c)
                            .isGreaterThan(4.5);
                }
            }
        }
    }

    // ---- CIELAB under a simulated colour vision ----

    static double deltaE(Color a, Color b, double[][] vision) {
        double[] la = lab(a, vision);
        double[] lb = lab(b, vision);
        return Math.sqrt(sq(la[0] - lb[0]) + sq(la[1] - lb[1]) + sq(la[2] - lb[2]));
    }

    static double[] lab(Color c, double[][] m) {
        double[] lin = {lin(c.getRed()), lin(c.getGreen()), lin(c.getBlue())};
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            v[i] = Math.max(0, Math.min(1, m[i][0] * lin[0] + m[i][1] * lin[1] + m[i][2] * lin[2]));
        }
        double x = (0.4124 * v[0] + 0.3576 * v[1] + 0.1805 * v[2]) / 0.95047;
        double y = 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
        double z = (0.0193 * v[0] + 0.1192 * v[1] + 0.9505 * v[2]) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        return new double[] {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
    }

    static double f(double t) {
        return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
    }

    static double lin(double u) {
        return u <= 0.04045 ? u / 12.92 : Math.pow((u + 0.055) / 1.055, 2.4);
    }

    static double sq(double v) {
        return v * v;
    }
}
