package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.scenario.Replayer;
import org.normscope.scenario.Result;
import org.normscope.scenario.Step;
import org.normscope.scenario.StepResult;

/** The session as a scenario: replaying it gives what the session had, step by step, bit for bit. */
class SessionScenarioTest {

    /** Checks every forward of {@code export} against the outcomes it stands for (the newest ones). */
    private static void assertReplaysAsTheSessionRan(SessionScenario.Export export, List<SessionDriver.Outcome> all)
            throws Exception {
        Result result = Replayer.replay(export.scenario());
        List<Step> steps = export.scenario().steps();
        List<SessionDriver.Outcome> outcomes = all.subList(all.size() - export.forwards(), all.size());
        int k = 0;
        for (int i = 0; i < steps.size(); i++) {
            if (!(steps.get(i) instanceof Step.Forward)) {
                continue;
            }
            SessionDriver.Outcome want = outcomes.get(k++);
            StepResult got = result.steps().get(i);
            String as = "step " + want.step();
            if (want.refusal() == null) {
                assertThat(got.error()).as(as).isNull();
                assertThat(got.output().data()).as(as).isEqualTo(want.output().data());
            } else {
                assertThat(got.error().type() + ": " + got.error().message()).as(as).isEqualTo(want.refusal());
            }
            assertThat(got.runningMean()).as(as).isEqualTo(want.runningMean());
            assertThat(got.runningVar()).as(as).isEqualTo(want.runningVar());
            assertThat(got.numBatchesTracked()).as(as).isEqualTo(want.tracked());
        }
        assertThat(k).isEqualTo(export.forwards());
    }

    @Test
    void aWholeSessionReplaysBitForBitWithItsChangesResetsAndRefusals() throws Exception {
        SessionDriver d = SessionDriver.everyChange();
        SessionScenario.Export export = SessionScenario.of(d.session);

        assertThat(export.cut()).isFalse();
        assertThat(export.firstStep()).isEqualTo(1);
        assertThat(export.lastStep()).isEqualTo(22);
        assertThat(export.forwards()).isEqualTo(d.outcomes.size()).isEqualTo(24);
        assertThat(export.scenario().layer().type()).isEqualTo(LayerKind.BATCH_NORM_1D);
        assertThat(export.scenario().layer().runningMean()).containsOnly(0f);
        assertThat(export.scenario().layer().numBatchesTracked()).isZero();
        List<Step> steps = export.scenario().steps();
        assertThat(steps.stream().filter(s -> s instanceof Step.ResetRunningStats).count()).isEqualTo(1);
        assertThat(steps).contains(new Step.Set(0.5, null, null, null),
                new Step.Set(null, Momentum.CUMULATIVE, null, null),
                new Step.Set(null, null, new float[] {1f, 2.5f, 1f}, new float[] {0f, 0f, -1f}),
                new Step.Set(0.0, Momentum.of(0.7), null, null));
        assertThat(steps.stream().filter(s -> s instanceof Step.Forward f && f.mode() == Step.Mode.eval).count())
                .isEqualTo(2);
        assertReplaysAsTheSessionRan(export, d.outcomes);
    }

    @Test
    void aBoundOnTheValuesExportsFewerStepsFromTheLayerAsItWasThen() throws Exception {
        SessionDriver d = SessionDriver.everyChange();
        long perBatch = 2 * 3;                          // the last batches: (2, 3)
        SessionScenario.Export export = SessionScenario.of(d.session, 3 * perBatch + 5);

        assertThat(export.cut()).isTrue();
        assertThat(export.forwards()).isEqualTo(3);
        assertThat(export.firstStep()).isEqualTo(20);
        assertThat(export.lastStep()).isEqualTo(22);
        var layer = export.scenario().layer();
        assertThat(layer.eps()).isZero();
        assertThat(layer.momentum()).isEqualTo(Momentum.of(0.7));
        assertThat(layer.weight()).containsExactly(1f, 2.5f, 1f);
        assertThat(layer.runningMean()).isEqualTo(d.outcomes.get(d.outcomes.size() - 4).runningMean());
        assertThat(layer.numBatchesTracked()).isEqualTo(d.outcomes.get(d.outcomes.size() - 4).tracked());
        assertReplaysAsTheSessionRan(export, d.outcomes);
    }

    @Test
    void startingAtARefusalExportsItAsTheForwardItWas() throws Exception {
        SessionDriver d = SessionDriver.everyChange();
        // steps 19..22 take (2, 3) batches, the refused attempt 19 before them a (1, 3) one
        SessionScenario.Export export = SessionScenario.of(d.session, 4 * 6 + 3);
        assertThat(export.forwards()).isEqualTo(5);
        assertThat(export.firstStep()).isEqualTo(19);
        assertThat(((Step.Forward) export.scenario().steps().get(0)).input().shape()).containsExactly(1, 3);
        assertReplaysAsTheSessionRan(export, d.outcomes);
    }

    @Test
    void onlyTheStepsKeptExactlyAreExported() throws Exception {
        SessionDriver d = new SessionDriver(new Session(Fixtures.bn1d(2, Momentum.CUMULATIVE),
                Fixtures.normal(3, new int[0], 2, 0.001, 4), null));
        int exact = d.session.history().exactSteps();
        d.step(exact + 7, true);
        SessionScenario.Export export = SessionScenario.of(d.session);
        long from = d.session.history().exactFrom();
        assertThat(export.cut()).isTrue();
        assertThat(export.firstStep()).as("the row before exactFrom is gone").isEqualTo(from + 1);
        assertThat(export.lastStep()).isEqualTo(exact + 7);
        assertThat(export.forwards()).isEqualTo(exact - 1);
        assertReplaysAsTheSessionRan(export, d.outcomes);
    }
}
