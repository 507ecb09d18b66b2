package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;
import org.normscope.ui.viewmodel.ChartContent.Grid;
import org.normscope.ui.viewmodel.ChartContent.Points;

/** Step 0, the layer as built, is the first point of the running stats' curves: they do not start in mid-air. */
class StepZeroSeriesTest {

    private static Session stepped(int steps) {
        Session s = new Session(LayerConfig.notebook(), BatchSpec.ones(4), Momentum.of(0.1));
        for (int i = 0; i < steps; i++) {
            s.step();
        }
        return s;
    }

    @Test
    void theRunningStatsStartAtStepZeroWithTheLayerAsBuilt() {
        Session s = stepped(4);
        SessionHistory h = s.history();
        HistorySeries data = HistorySeries.of(h, 1, 4, 200);
        Points mean = data.series(Stat.RUNNING_MEAN, 0);
        assertThat(mean.x(0)).isEqualTo(0.0);
        assertThat(mean.y(0)).isEqualTo(0.0);
        assertThat(mean.x(1)).isEqualTo(1.0);
        assertThat(mean.y(1)).isEqualTo(0.3, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(mean.x(mean.size() - 1)).isEqualTo(4.0);
        assertThat(mean.y(mean.size() - 1)).isEqualTo(0.7599, org.assertj.core.data.Offset.offset(1e-6));
        Points var = data.series(Stat.RUNNING_VAR, 2);
        assertThat(var.x(0)).isEqualTo(0.0);
        assertThat(var.y(0)).isEqualTo(1.0);
        // the comparison layer was there from the start: its curve starts there too
        Points compare = data.series(Stat.COMPARE_MEAN, 1);
        assertThat(compare.x(0)).isEqualTo(0.0);
        assertThat(compare.y(0)).isEqualTo(0.0);
        // what has no value before a step does not get one
        assertThat(data.series(Stat.BATCH_MEAN, 0).x(0)).isEqualTo(1.0);
        assertThat(data.series(Stat.TRUE_MEAN, 0).x(0)).isEqualTo(1.0);
        // the history itself still starts at step 1: steps, time travel, CSV are as before
        assertThat(h.steps()).isEqualTo(4);
        assertThat(h.exactFrom()).isEqualTo(1);
        assertThat(h.initialValue(Stat.RUNNING_VAR, 3)).isEqualTo(1f);
        assertThat(h.initialValue(Stat.BATCH_VAR, 3)).isNaN();
    }

    @Test
    void aRangeAfterTheFirstStepHasNoStepZero() {
        Points mean = HistorySeries.of(stepped(6).history(), 3, 6, 200).series(Stat.RUNNING_MEAN, 0);
        assertThat(mean.x(0)).isEqualTo(3.0);
    }

    @Test
    void stepZeroIsTheLayerAsBuiltNotAsReset() {
        Session s = stepped(3);
        s.resetRunningStats();
        s.step();
        s.resetLayer(); // a new layer: step 0 is that one, with its own fresh stats
        s.step();
        Points var = HistorySeries.of(s.history(), 1, 1, 50).series(Stat.RUNNING_VAR, 0);
        assertThat(var.x(0)).isEqualTo(0.0);
        assertThat(var.y(0)).isEqualTo(1.0);
    }

    @Test
    void theHeatMapStartsWithAStepZeroColumn() {
        int channels = 12;
        BatchSpec spec = new BatchSpec(4, new int[] {2}, Collections.nCopies(channels, new ChannelSource.Normal(1, 1)),
                0, 7, true);
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, channels, 1e-5, Momentum.of(0.1), true, true),
                spec, null);
        for (int i = 0; i < 5; i++) {
            s.step();
        }
        Grid heat = HistorySeries.of(s.history(), 1, 5, 100).heatMap(Stat.RUNNING_VAR);
        assertThat(heat.columns()).isEqualTo(6);
        assertThat(heat.x(0)).isEqualTo(0.0);
        assertThat(heat.value(11, 0)).isEqualTo(1.0);
        assertThat(heat.x(1)).isEqualTo(1.0);
    }

    @Test
    void untrackedStatsHaveNoStepZero() {
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 1e-5, Momentum.of(0.1), true, false),
                BatchSpec.ones(4), null);
        s.step();
        s.step();
        assertThat(HistorySeries.of(s.history(), 1, 2, 50).series(Stat.RUNNING_MEAN, 0).size()).isZero();
        assertThat(HistorySeries.of(s.history(), 1, 2, 50).series(Stat.BATCH_MEAN, 0).x(0)).isEqualTo(1.0);
    }
}
