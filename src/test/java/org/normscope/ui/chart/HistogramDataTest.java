package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

class HistogramDataTest {

    @Test
    void binsFiniteValuesOverTheirRangeWithTheMaximumInTheLastBin() {
        HistogramData h = HistogramData.of("channel 0", Color.RED, new double[] {0, 1, 2, 3, 4, Double.NaN, 4}, 4, null);
        assertThat(h.lo()).isEqualTo(0);
        assertThat(h.hi()).isEqualTo(4);
        assertThat(h.counts()).containsExactly(1, 1, 1, 3);
        assertThat(h.total()).isEqualTo(6);
        assertThat(h.markers()).isEmpty();
    }

    @Test
    void equalValuesGiveAnEmptyRangeWithEverythingCounted() {
        HistogramData h = HistogramData.of("c", Color.RED, new double[] {2.5, 2.5, 2.5}, 10,
                List.of(new HistogramData.Marker(2.5, "mean", null)));
        assertThat(h.lo()).isEqualTo(2.5);
        assertThat(h.hi()).isEqualTo(2.5);
        assertThat(h.total()).isEqualTo(3);
        assertThat(h.markers().get(0).style()).isEqualTo(LineStyle.DASHED);
    }

    @Test
    void noFiniteValueGivesZeroCounts() {
        HistogramData h = HistogramData.of("c", Color.RED, new double[] {Double.NaN}, 3, List.of());
        assertThat(h.total()).isZero();
        assertThat(h.lo()).isEqualTo(0);
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> new HistogramData("c", Color.RED, 2, 1, new int[1], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HistogramData("c", Color.RED, 0, Double.NaN, new int[1], List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HistogramData.of("c", Color.RED, new double[] {1}, 0, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dashPatternsScaleWithTheWidth() {
        assertThat(LineStyle.SOLID.dashes(2)).isNull();
        assertThat(LineStyle.DASHED.dashes(2)).containsExactly(10, 6);
        assertThat(LineStyle.DOTTED.dashes(2)).containsExactly(2, 4);
        assertThat(LineStyle.DOTTED.dashes(0.5)).containsExactly(1.5, 3);
    }
}
