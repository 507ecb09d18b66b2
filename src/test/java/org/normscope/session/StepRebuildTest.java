package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/** {@code layerBefore(t)} on {@code batchAt(t)} gives what step t gave, bit for bit, whatever changed. */
class StepRebuildTest {

    @Test
    void everyStepRunsAgainBitForBitAcrossEveryKindOfChange() {
        SessionDriver d = SessionDriver.everyChange();
        Session s = d.session;
        int checked = 0;
        for (SessionDriver.Outcome o : d.outcomes) {
            if (o.refusal() != null) {
                continue;
            }
            long t = o.step();
            BatchNorm layer = (BatchNorm) s.layerBefore(t);
            Tensor x = s.batchAt(t);
            assertThat(layer).as("step %d", t).isNotNull();
            Tensor y = layer.forward(x);
            assertThat(y.data()).as("y of step %d", t).isEqualTo(o.output().data());
            assertThat(y.shape()).isEqualTo(o.output().shape());
            assertThat(layer.runningMean()).as("running_mean after step %d", t).isEqualTo(o.runningMean());
            assertThat(layer.runningVar()).as("running_var after step %d", t).isEqualTo(o.runningVar());
            assertThat(layer.numBatchesTracked()).as("num_batches_tracked after step %d", t).isEqualTo(o.tracked());
            checked++;
        }
        assertThat(checked).isEqualTo(s.stepCount()).isEqualTo(22);
    }

    @Test
    void theLayerBeforeAStepHasTheEpsMomentumModeAndParametersItRanWith() {
        SessionDriver d = SessionDriver.everyChange();
        BatchNorm third = (BatchNorm) d.session.layerBefore(3);
        assertThat(third.isTraining()).isFalse();
        assertThat(third.eps()).isEqualTo(1e-5);
        BatchNorm sixth = (BatchNorm) d.session.layerBefore(6);
        assertThat(sixth.isTraining()).isTrue();
        assertThat(sixth.eps()).isEqualTo(0.5);
        assertThat(sixth.momentum()).isEqualTo(Momentum.CUMULATIVE);
        assertThat(d.session.layerBefore(9).weight()).containsExactly(1f, 2.5f, 1f);
        assertThat(d.session.layerBefore(9).bias()).containsExactly(0f, 0f, -1f);
        assertThat(d.session.layerBefore(9).numBatchesTracked()).isEqualTo(7);
        assertThat(d.session.layerBefore(16).runningMean()).as("after the reset").containsOnly(0f);
        assertThat(d.session.layerBefore(16).runningVar()).containsOnly(1f);
        assertThat(d.session.layerBefore(16).numBatchesTracked()).isZero();
        // step 19 ran after two refused attempts in train mode, each counted by PyTorch
        assertThat(d.session.layerBefore(19).numBatchesTracked()).isEqualTo(2 + 2);
        assertThat(d.session.layerBefore(0)).isNull();
        assertThat(d.session.layerBefore(23)).isNull();
        assertThat(d.session.batchAt(23)).isNull();
    }

    @Test
    void theNewestRefusedAttemptRaisesAgainAndLeavesTheLayerAsTheSessionsWasLeft() {
        Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.2)), Fixtures.normal(4, new int[0], 3, 0, 2), null);
        SessionDriver d = new SessionDriver(s);
        d.step(3);
        s.setBatches(SessionDriver.oneRow(3));
        assertThat(s.refusedAttempt()).isNull();
        d.step(1);
        RefusedAttempt r = s.refusedAttempt();
        assertThat(r.step()).isEqualTo(4);
        assertThat(r.training()).isTrue();
        assertThat(r.errorType() + ": " + r.message()).isEqualTo(s.refusal()).isEqualTo(
                "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 3])");
        assertThat(r.batch().shape()).containsExactly(1, 3);
        assertThat(r.layerBefore().numBatchesTracked()).isEqualTo(3);
        assertThatThrownBy(() -> r.layerBefore().forward(r.batch())).isInstanceOf(TorchError.class)
                .hasMessage(r.message());
        assertThat(r.layerBefore().runningMean()).isEqualTo(s.layer().runningMean());
        assertThat(r.layerBefore().runningVar()).isEqualTo(s.layer().runningVar());
        assertThat(r.layerBefore().numBatchesTracked()).isEqualTo(s.layer().numBatchesTracked()).isEqualTo(4);

        s.setTraining(false);
        assertThat(s.refusedAttempt()).as("something happened since").isNull();
    }

    @Test
    void aRefusalRightAfterTheLayerWasBuiltStartsFromANewLayer() {
        Session s = new Session(Fixtures.bn1d(2, Momentum.DEFAULT), SessionDriver.oneRow(2), null);
        s.step();
        s.step();
        RefusedAttempt r = s.refusedAttempt();
        assertThat(r.step()).isEqualTo(1);
        assertThat(r.layerBefore().runningMean()).containsOnly(0f);
        assertThat(r.layerBefore().numBatchesTracked()).isEqualTo(1);
    }

    @Test
    void aStepOutsideTheExactWindowCannotBeRebuilt() {
        Session s = Session.notebook();
        int exact = s.history().exactSteps();
        for (int i = 0; i < exact + 3; i++) {
            s.stepQuietly();
        }
        long from = s.history().exactFrom();
        assertThat(s.layerBefore(from - 1)).isNull();
        assertThat(s.layerBefore(from)).as("row from - 1 is gone").isNull();
        BatchNorm layer = (BatchNorm) s.layerBefore(from + 1);
        assertThat(layer.numBatchesTracked()).isEqualTo(from);
        Tensor y = layer.forward(s.batchAt(from + 1));
        assertThat(y.data()).containsOnly(0f);
        assertThat(layer.runningMean()).isEqualTo(s.history().exactRow(Stat.RUNNING_MEAN, from + 1));
        assertThat(List.of(s.journal().entries().size())).containsExactly(2);
    }
}
