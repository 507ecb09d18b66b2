package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class HeatMapRasterTest {

    @Test
    void cellsReachHalfWayToTheirNeighbours() {
        HeatMapData d = HeatMapData.of(new double[] {1, 2, 4}, new double[][] {{0, 1, 2}});
        assertThat(HeatMapRaster.extent(d)).containsExactly(0.5, 5);
        HeatMapData one = HeatMapData.of(new double[] {3}, new double[][] {{7}});
        assertThat(HeatMapRaster.extent(one)).containsExactly(2.5, 3.5);
    }

    @Test
    void fewColumnsAreWidenedToTheirCells() {
        // columns at x = 1, 2, 3 cover [0.5, 1.5), [1.5, 2.5), [2.5, 3.5); 30 pixels over [0.5, 3.5]
        HeatMapData d = HeatMapData.of(new double[] {1, 2, 3}, new double[][] {{0, 0.5, 1}, {1, Double.NaN, 0}});
        int[] px = HeatMapRaster.argb(d, 0.5, 3.5, 30, 0, 1);
        for (int p = 0; p < 30; p++) {
            int cell = p / 10;
            assertThat(px[p]).as("row 0 pixel %d", p).isEqualTo(Palette.heatArgb(cell / 2.0));
            int expected = cell == 1 ? Palette.heatArgb(Double.NaN) : Palette.heatArgb(cell == 0 ? 1 : 0);
            assertThat(px[30 + p]).as("row 1 pixel %d", p).isEqualTo(expected);
        }
    }

    @Test
    void manyColumnsAreAveragedPerPixel() {
        int n = 1000;
        double[] x = new double[n];
        double[][] v = new double[1][n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            v[0][i] = i % 2; // alternating 0, 1: every pixel of 10 columns averages to 0.5
        }
        int[] px = HeatMapRaster.argb(HeatMapData.of(x, v), -0.5, 999.5, 100, 0, 1);
        assertThat(px).containsOnly(Palette.heatArgb(0.5));
    }

    @Test
    void outsideTheCellsIsTransparentAndAConstantMapIsMidScale() {
        HeatMapData d = HeatMapData.of(new double[] {10, 11}, new double[][] {{4, 4}});
        int[] px = HeatMapRaster.argb(d, 0, 20, 20, 4, 4);
        for (int p = 0; p < 20; p++) {
            boolean inside = p >= 9 && p < 12; // [9.5, 11.5]: pixels 9 (centre 9.5), 10, 11
            assertThat(px[p]).as("pixel %d", p).isEqualTo(inside ? Palette.heatArgb(0.5) : 0);
        }
        assertThat(HeatMapRaster.valueRange(d)).containsExactly(4, 4);
        assertThat(HeatMapRaster.valueRange(HeatMapData.of(new double[] {1}, new double[][] {{Double.NaN}}))).isNull();
    }

    @Test
    void rowLabelsAreIndices() {
        HeatMapData d = HeatMapData.of(new double[] {0}, new double[][] {{1}, {2}, {3}});
        assertThat(d.rows()).isEqualTo(3);
        assertThat(d.rowLabel(2)).isEqualTo("2");
        assertThat(d.value(1, 0)).isCloseTo(2, within(0.0));
    }
}
