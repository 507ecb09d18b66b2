package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;

/** Each step into the history and the journal, its row held until the next forward or a read (see {@link StepRecorder}). */
class StepRecorderTest {

    private static final BatchSpec SMALL = Fixtures.normal(4, new int[] {3}, 2, 0.0, 5);
    private static final LayerConfig CONFIG = Fixtures.bn1d(2, Momentum.of(0.1));

    private static StepRecorder recorder(SessionJournal journal, NormLayer layer) {
        journal.restart(CONFIG, true, SMALL);
        // BatchNorm's y = fma(x, α, β): its quantiles follow from x's, the output is never asked for
        StepRecorder r = new StepRecorder(journal, () -> {
            throw new AssertionError("the output was asked for");
        });
        r.startHistory(2, SMALL, layer, null);
        return r;
    }

    private static void step(StepRecorder r, NormLayer layer, long t) {
        Tensor x = Fixtures.batch(SMALL, t, false);
        long tracked = layer.numBatchesTracked();
        layer.forwardWithoutOutput(x);
        r.measureBatch(layer, x);
        r.record(t, false, tracked, new StepSetup(CONFIG, true, layer.weight(), layer.bias(), SMALL, null), layer, null, x);
    }

    @Test
    void stepZeroIsTheLayerAsBuilt() {
        NormLayer layer = CONFIG.build(SMALL.spatial());
        StepRecorder r = recorder(new SessionJournal(), layer);
        assertThat(r.history().steps()).isZero();
        assertThat(r.history().initialValue(Stat.RUNNING_MEAN, 1)).isZero();
        assertThat(r.history().initialValue(Stat.RUNNING_VAR, 1)).isEqualTo(1f);
        assertThat(r.batchMean()).as("no batch yet").isNull();
    }

    @Test
    void aStepGoesIntoTheHistoryWhenFlushedOrRead() {
        NormLayer layer = CONFIG.build(SMALL.spatial());
        SessionJournal journal = new SessionJournal();
        StepRecorder r = recorder(journal, layer);
        SessionHistory h = r.history();
        step(r, layer, 1);
        assertThat(h.steps()).as("held until the next forward").isZero();
        r.flush();
        assertThat(h.steps()).isEqualTo(1);
        assertThat(h.valueAt(Stat.RUNNING_MEAN, 1, 1)).isEqualTo(layer.runningMean()[1]);
        r.flush();
        assertThat(h.steps()).as("nothing held twice").isEqualTo(1);
        step(r, layer, 2);
        assertThat(r.history().steps()).as("reading records it first").isEqualTo(2);
        assertThat(h.valueAt(Stat.RUNNING_VAR, 0, 2)).isEqualTo(layer.runningVar()[0]);
        assertThat(StepRebuild.indexOfStep(journal.entries(), 2)).as("in the journal").isPositive();
    }

    @Test
    void aNewHistoryDropsAStepNotRecordedYet() {
        NormLayer layer = CONFIG.build(SMALL.spatial());
        StepRecorder r = recorder(new SessionJournal(), layer);
        SessionHistory old = r.history();
        step(r, layer, 1);
        r.startHistory(2, SMALL, CONFIG.build(SMALL.spatial()), null);
        r.flush();
        assertThat(old.steps()).isZero();
        assertThat(r.history().steps()).isZero();
        assertThat(r.batchMean()).isNull();
    }

    @Test
    void aBatchNormInTrainingGivesItsOwnBatchStats() {
        NormLayer layer = CONFIG.build(SMALL.spatial());
        StepRecorder r = recorder(new SessionJournal(), layer);
        Tensor x = Fixtures.batch(SMALL, 1, false);
        layer.forwardWithoutOutput(x);
        r.measureBatch(layer, x);
        double[] mean = new double[2];
        double[] var = new double[2];
        assertThat(LayerOps.batchStatsInto(layer, mean, var)).isTrue();
        for (int c = 0; c < 2; c++) {
            assertThat(r.batchMean()[c]).isEqualTo((float) mean[c]);
            assertThat(r.batchVar()[c]).isEqualTo((float) var[c]);
        }
    }

    @Test
    void otherLayersBatchesAreMeasuredInDouble() {
        LayerConfig layerNorm = LayerConfig.defaults(LayerKind.LAYER_NORM, 2);
        NormLayer layer = layerNorm.build(SMALL.spatial());
        StepRecorder r = new StepRecorder(new SessionJournal(), () -> null);
        r.startHistory(2, SMALL, layer, null);
        Tensor x = Fixtures.batch(SMALL, 1, false);
        layer.forwardWithoutOutput(x);
        r.measureBatch(layer, x);
        double[] mean = Fixtures.means(x);
        double[] var = Fixtures.vars(x, false);
        for (int c = 0; c < 2; c++) {
            assertThat(r.batchMean()[c]).isEqualTo((float) mean[c]);
            assertThat(r.batchVar()[c]).isEqualTo((float) var[c]);
        }
    }
}
