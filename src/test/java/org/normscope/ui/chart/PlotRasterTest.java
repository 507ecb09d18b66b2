package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/** {@link PlotRaster}: lines against the distance from each pixel's centre to the segments, computed here in double. */
class PlotRasterTest {

    private static final int WHITE = 0xFFFFFFFF;
    private static final Color BLUE = Color.rgb(0, 114, 178);
    private static final int BLUE_ARGB = 0xFF0072B2;

    /** Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
    private static double distance(double px, double py, double x0, double y0, double x1, double y1) {
        double dx = x1 - x0;
        double dy = y1 - y0;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - x0) * dx + (py - y0) * dy) / len2));
        return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
    }

    static LongStream tries200() {
        return Gen.tries(200);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries200")
    void pixelsWellInsideAreTheColourAndPixelsOutsideStayWhite(long trial) {
        Gen g = Gen.of(60_40, trial);
        int points = g.intIn(2, 8);
        double width = g.doubleIn(1, 6);
        long seed = g.anyLong();
        java.util.Random rnd = new java.util.Random(seed);
        double[] xs = new double[points];
        double[] ys = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = rnd.nextDouble() * 80 - 10; // some points outside the raster: it clips
            ys[i] = rnd.nextDouble() * 50 - 5;
        }
        PlotRaster r = new PlotRaster(60, 40);
        r.polyline(xs, ys, points, BLUE, width, null);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 60; x++) {
                double d = Double.POSITIVE_INFINITY;
                for (int i = 1; i < points; i++) {
                    d = Math.min(d, distance(x + 0.5, y + 0.5, xs[i - 1], ys[i - 1], xs[i], ys[i]));
                }
                if (d <= width / 2 - 0.5) {
                    assertThat(r.pixel(x, y)).as("(%d, %d) at %.3f from the line", x, y, d).isEqualTo(BLUE_ARGB);
                } else if (d >= width / 2 + 0.5) {
                    assertThat(r.pixel(x, y)).as("(%d, %d) at %.3f from the line", x, y, d).isEqualTo(WHITE);
                } else {
                    assertThat(r.pixel(x, y)).as("edge (%d, %d)", x, y).isNotEqualTo(0); // opaque, in between
                    assertThat(r.pixel(x, y) >>> 24).isEqualTo(0xFF);
                }
            }
        }
    }

    @Test
    void aLineGoingBackOverItselfIsBlendedOnceNotTwice() {
        PlotRaster once = new PlotRaster(40, 20);
        once.polyline(new double[] {5, 35}, new double[] {10.2, 10.2}, 2, BLUE.deriveColor(0, 1, 1, 0.5), 3, null);
        PlotRaster twice = new PlotRaster(40, 20);
        twice.polyline(new double[] {5, 35, 5, 35}, new double[] {10.2, 10.2, 10.2, 10.2}, 4,
                BLUE.deriveColor(0, 1, 1, 0.5), 3, null);
        assertThat(twice.pixels()).containsExactly(once.pixels());
        assertThat(once.pixel(20, 10)).isNotEqualTo(WHITE).isNotEqualTo(BLUE_ARGB); // half transparent: a blend
    }

    @Test
    void aGapSplitsTheLine() {
        PlotRaster r = new PlotRaster(60, 20);
        r.polyline(new double[] {2, 20, Double.NaN, 40, 58}, new double[] {10.5, 10.5, Double.NaN, 10.5, 10.5}, 5,
                BLUE, 2, null);
        assertThat(r.pixel(10, 10)).isEqualTo(BLUE_ARGB);
        assertThat(r.pixel(50, 10)).isEqualTo(BLUE_ARGB);
        for (int x = 23; x < 38; x++) {
            assertThat(r.pixel(x, 10)).as("x=%d in the gap", x).isEqualTo(WHITE);
        }
    }

    @Test
    void aDashPatternLeavesItsGapsWhite() {
        PlotRaster r = new PlotRaster(100, 20);
        // on 10 px, off 5 px, from x = 0
        r.polyline(new double[] {0, 100}, new double[] {10.5, 10.5}, 2, BLUE, 2, new double[] {10, 5});
        for (int x = 0; x < 100; x++) {
            double phase = (x + 0.5) % 15;
            assertThat(r.pixel(x, 10)).as("x=%d", x).isEqualTo(phase < 10 ? BLUE_ARGB : WHITE);
        }
    }

    @Test
    void aDiskIsRoundAndGridLinesAreOnePixel() {
        PlotRaster r = new PlotRaster(30, 30);
        r.verticalLine(3, Color.BLACK);
        r.horizontalLine(4, Color.BLACK);
        r.verticalLine(-1, Color.BLACK); // outside: nothing
        r.horizontalLine(30, Color.BLACK);
        r.disk(15, 15, 5, BLUE);
        assertThat(r.pixel(3, 20)).isEqualTo(0xFF000000);
        assertThat(r.pixel(20, 4)).isEqualTo(0xFF000000);
        assertThat(r.pixel(4, 20)).isEqualTo(WHITE);
        assertThat(r.pixel(15, 15)).isEqualTo(BLUE_ARGB);
        assertThat(r.pixel(15, 11)).isEqualTo(BLUE_ARGB); // 3.5 px from the centre
        assertThat(r.pixel(19, 19)).isEqualTo(WHITE); // 5.66 px from the centre
        r.clear(Color.WHITE);
        assertThat(r.pixels()).containsOnly(WHITE);
    }
}
