package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/** {@link Palette#diverging(double)}: PuOr, light at the centre and darker towards both ends. */
class AxisGridPaletteTest {

    @Test
    void theCentreIsNearWhiteAndLightnessFallsTowardsBothEnds() {
        assertThat(Palette.diverging(0.5)).isEqualTo(Color.web("#F7F7F7"));
        double before = Palette.relativeLuminance(Palette.diverging(0.5));
        for (int i = 1; i <= 50; i++) {
            double up = Palette.relativeLuminance(Palette.diverging(0.5 + i / 100.0));
            double down = Palette.relativeLuminance(Palette.diverging(0.5 - i / 100.0));
            assertThat(up).isLessThanOrEqualTo(before + 1e-9);
            assertThat(down).isLessThan(0.95);
        }
        // the ends are far apart and far from the centre, so that the sign reads in grey scale too
        assertThat(Palette.relativeLuminance(Palette.diverging(0))).isLessThan(0.05);
        assertThat(Palette.relativeLuminance(Palette.diverging(1))).isLessThan(0.1);
    }

    @Test
    void outOfRangeClampsAndNaNIsMissing() {
        assertThat(Palette.diverging(-3)).isEqualTo(Palette.diverging(0));
        assertThat(Palette.diverging(7)).isEqualTo(Palette.diverging(1));
        assertThat(Palette.diverging(Double.NaN)).isEqualTo(Palette.MISSING);
        // purple below the centre, orange above
        Color low = Palette.diverging(0.2);
        Color high = Palette.diverging(0.8);
        assertThat(low.getBlue()).isGreaterThan(low.getRed());
        assertThat(high.getRed()).isGreaterThan(high.getBlue());
    }
}
