package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the charts show: curves up to eight channels, a heat map with picked curves beyond. */
class ChartsViewModelTest {

    @Test
    void upToEightChannelsAreCurves() {
        ChartsViewModel charts = new ChartsViewModel();
        assertThat(charts.channels()).isEqualTo(4);
        assertThat(charts.heatMapProperty().get()).isFalse();
        assertThat(charts.curveChannels()).containsExactly(0, 1, 2, 3);
        charts.setChannels(8);
        assertThat(charts.heatMapProperty().get()).isFalse();
        assertThat(charts.curveChannels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(charts.histogramChannels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void moreThanEightChannelsAreAHeatMapWithPickedCurves() {
        ChartsViewModel charts = new ChartsViewModel();
        charts.setChannels(12);
        assertThat(charts.heatMapProperty().get()).isTrue();
        assertThat(charts.curveChannels()).isEqualTo(charts.picked().getValue()).containsExactly(0, 1, 2, 3);
        assertThat(charts.histogramChannels()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);

        assertThat(Vm.type(charts.picked(), "0, 5 11")).isTrue();
        assertThat(charts.curveChannels()).containsExactly(0, 5, 11);
        assertThat(charts.picked().textProperty().get()).isEqualTo("0, 5 11");
        // the same channel twice counts once
        assertThat(Vm.type(charts.picked(), "3,3, 4")).isTrue();
        assertThat(charts.curveChannels()).containsExactly(3, 4);
    }

    @Test
    void badPicksAreRefusedAndKeepTheCurves() {
        ChartsViewModel charts = new ChartsViewModel();
        charts.setChannels(12);
        Vm.type(charts.picked(), "1, 2");
        assertThat(Vm.type(charts.picked(), "99")).isFalse();
        assertThat(charts.picked().getError()).isEqualTo("a channel must be from 0 to 11, not 99");
        assertThat(Vm.type(charts.picked(), "a")).isFalse();
        assertThat(charts.picked().getError()).contains("\u201ca\u201d is not a whole number");
        assertThat(Vm.type(charts.picked(), "0 1 2 3 4 5 6 7 8")).isFalse();
        assertThat(charts.picked().getError()).contains("at most 8 channels");
        assertThat(Vm.type(charts.picked(), " , ")).isFalse();
        assertThat(charts.picked().getError()).contains("pick at least one channel");
        assertThat(Vm.type(charts.picked(), "-1")).isFalse();
        assertThat(charts.curveChannels()).containsExactly(1, 2);
        assertThat(Vm.type(charts.picked(), "0 1 2 3 4 5 6 7")).isTrue();
        assertThat(charts.curveChannels()).hasSize(8);
    }

    @Test
    void fewerChannelsDropThePicksBeyondThem() {
        ChartsViewModel charts = new ChartsViewModel();
        charts.setChannels(20);
        Vm.type(charts.picked(), "2, 15, 19");
        charts.setChannels(10);
        assertThat(charts.curveChannels()).containsExactly(2);
        charts.setChannels(20);
        Vm.type(charts.picked(), "15, 19");
        charts.setChannels(9);
        assertThat(charts.curveChannels()).containsExactly(0);
        charts.setChannels(3);
        assertThat(charts.heatMapProperty().get()).isFalse();
        assertThat(charts.curveChannels()).containsExactly(0, 1, 2);
    }

    @Test
    void histogramsOfOneChannelOrTheFirstOnes() {
        ChartsViewModel charts = new ChartsViewModel();
        charts.setChannels(12);
        assertThat(charts.histogramChannelProperty().get()).isEqualTo(ChartsViewModel.FIRST_CHANNELS);
        charts.histogramChannelProperty().set(10);
        assertThat(charts.histogramChannels()).containsExactly(10);
        charts.setChannels(6);
        assertThat(charts.histogramChannelProperty().get()).isEqualTo(ChartsViewModel.FIRST_CHANNELS);
        assertThat(charts.histogramChannels()).containsExactly(0, 1, 2, 3, 4, 5);
        charts.histogramChannelProperty().set(5);
        charts.setChannels(7);
        assertThat(charts.histogramChannels()).isEqualTo(List.of(5));
    }

    @Test
    void theMainViewModelFollowsC() {
        try (Vm m = new Vm()) {
            Vm.type(m.vm.layer().numFeatures(), "16");
            m.settle();
            ChartsViewModel charts = m.vm.charts();
            assertThat(charts.channels()).isEqualTo(16);
            assertThat(charts.heatMapProperty().get()).isTrue();
            assertThat(charts.curveChannels()).containsExactly(0, 1, 2, 3);
            Vm.type(charts.picked(), "15");
            assertThat(charts.curveChannels()).containsExactly(15);
            Vm.type(m.vm.layer().numFeatures(), "4");
            m.settle();
            assertThat(charts.heatMapProperty().get()).isFalse();
            assertThat(charts.curveChannels()).containsExactly(0, 1, 2, 3);
        }
    }
}
