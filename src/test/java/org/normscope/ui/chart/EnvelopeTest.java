package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopeTest {

    @Test
    void agreesWithBruteForceOnRandomSeriesWithGaps() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rnd.nextInt(5000);
            double[] x = new double[n];
            double[] y = new double[n];
            double t = rnd.nextGaussian() * 10;
            for (int i = 0; i < n; i++) {
                t += rnd.nextDouble() * (rnd.nextInt(20) == 0 ? 50 : 1); // uneven spacing, some jumps
                x[i] = t;
                y[i] = rnd.nextInt(30) == 0 ? Double.NaN : rnd.nextGaussian() * 100;
            }
            // a window that sometimes cuts the series at both ends
            double xLo = x[0] + (rnd.nextBoolean() ? 0 : (x[n - 1] - x[0]) * rnd.nextDouble() * 0.3);
            double xHi = x[n - 1] - (rnd.nextBoolean() ? 0 : (x[n - 1] - x[0]) * rnd.nextDouble() * 0.3);
            if (!(xHi > xLo)) {
                xHi = xLo + 1;
            }
            int width = 1 + rnd.nextInt(700);
            Envelope e = Envelope.columns(SeriesData.of(x, y), xLo, xHi, width);
            assertThat(e.width()).isEqualTo(width);
            checkAgainstBruteForce(e, x, y, xLo, xHi, width);
        }
    }

    private static void checkAgainstBruteForce(Envelope e, double[] x, double[] y, double xLo, double xHi, int width) {
        for (int c = 0; c < width; c++) {
            double min = Double.NaN;
            double max = Double.NaN;
            double first = Double.NaN;
            double last = Double.NaN;
            int firstIndex = -1;
            for (int i = 0; i < x.length; i++) {
                if (x[i] < xLo || x[i] > xHi || Double.isNaN(y[i])) {
                    continue;
                }
                int col = Math.min(width - 1, (int) Math.floor((x[i] - xLo) / (xHi - xLo) * width));
                if (col != c) {
                    continue;
                }
                if (firstIndex < 0) {
                    firstIndex = i;
                    first = y[i];
                    min = y[i];
                    max = y[i];
                }
                min = Math.min(min, y[i]);
                max = Math.max(max, y[i]);
                last = y[i];
            }
            assertThat(e.isEmpty(c)).isEqualTo(firstIndex < 0);
            if (firstIndex < 0) {
                continue;
            }
            assertThat(e.min(c)).isEqualTo(min);
            assertThat(e.max(c)).isEqualTo(max);
            assertThat(e.first(c)).isEqualTo(first);
            assertThat(e.last(c)).isEqualTo(last);
            // a gap: a NaN in view after an earlier finite point in view, before this column's first point
            boolean gap = false;
            boolean sawFinite = false;
            for (int i = 0; i < firstIndex; i++) {
                if (x[i] < xLo || x[i] > xHi) {
                    continue;
                }
                if (Double.isNaN(y[i])) {
                    gap |= sawFinite;
                } else {
                    sawFinite = true;
                    gap = false;
                }
            }
            assertThat(e.gapBefore(c)).as("gap before column %d", c).isEqualTo(gap);
        }
    }

    @Test
    void aMillionPointsInAThousandColumns() {
        int n = 1_000_000;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = Math.sin(i * 1e-4) + (i % 1000 == 0 ? 5 : 0);
        }
        Envelope e = Envelope.columns(SeriesData.of(0, 1, y), 0, n - 1, 1000);
        for (int c = 0; c < 1000; c++) {
            assertThat(e.isEmpty(c)).isFalse();
            // every column holds exactly one spike of +5 at i = 1000 c
            assertThat(e.max(c)).isEqualTo(Math.sin(1000L * c * 1e-4) + 5);
            assertThat(e.gapBefore(c)).isFalse();
        }
    }

    @Test
    void edgesAndGaps() {
        SeriesData d = SeriesData.of(new double[] {0, 1, 2, 3, 4, 10}, new double[] {1, Double.NaN, 3, 4, 5, 6});
        Envelope e = Envelope.columns(d, 0, 10, 5);
        assertThat(e.first(0)).isEqualTo(1);      // x = 0 and the NaN at x = 1
        assertThat(e.min(1)).isEqualTo(3);        // x = 2, 3
        assertThat(e.max(1)).isEqualTo(4);
        assertThat(e.gapBefore(1)).isTrue();
        assertThat(e.first(2)).isEqualTo(5);
        assertThat(e.gapBefore(2)).isFalse();
        assertThat(e.isEmpty(3)).isTrue();
        assertThat(e.last(4)).as("x = xHi is in the last column").isEqualTo(6);
        assertThat(e.isEmpty(4)).isFalse();
    }

    @Test
    void bisectionFindsTheFirstPointAtOrAfterAndTheFirstAfter() {
        SeriesData d = SeriesData.of(new double[] {0, 1, 1, 1, 2, 5}, new double[6]);
        assertThat(Envelope.lowerBound(d, 1)).isEqualTo(1);
        assertThat(Envelope.upperBound(d, 1)).isEqualTo(4);
        assertThat(Envelope.lowerBound(d, -3)).isEqualTo(0);
        assertThat(Envelope.upperBound(d, 5)).isEqualTo(6);
        assertThat(Envelope.lowerBound(d, 3)).isEqualTo(5);
        assertThat(Envelope.upperBound(d, 4.9)).isEqualTo(5);
        assertThat(Envelope.lowerBound(SeriesData.of(new double[0], new double[0]), 1)).isZero();
    }

    @Test
    void rejectsAnEmptyRangeOrNoColumns() {
        SeriesData d = SeriesData.of(new double[] {0}, new double[] {1});
        assertThatThrownBy(() -> Envelope.columns(d, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.columns(d, 1, 1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Envelope.columns(d, 0, Double.NaN, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
