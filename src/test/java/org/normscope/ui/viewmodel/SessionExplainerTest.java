package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.explain.Explainer;
import org.normscope.explain.ExplanationLine;
import org.normscope.explain.ExplanationLines;
import org.normscope.explain.LayerSnapshot;
import org.normscope.python.SessionCode;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;

/** What the Explain pane shows of a real session: the engine's own lines, for the step under the cursor or the newest. */
class SessionExplainerTest {

    private static List<String> plain(ExplainViewModel.Explained e) {
        return e.lines().stream().map(FormulaLine::plain).toList();
    }

    private static Session notebookAfter(int steps) {
        Session s = Session.notebook();
        for (int i = 0; i < steps; i++) {
            s.step();
        }
        return s;
    }

    @Test
    void theNotebooksFourthStepShowsTheUpdateWithItsNumbers() {
        Session s = notebookAfter(4);
        ExplainViewModel.Explained e = SessionExplainer.explain(s, 4, 0, ExplainViewModel.Element.FIRST);
        assertThat(e.heading()).isEqualTo("Step 4 \u00b7 train \u00b7 channel 0 \u00b7 element 0 of 2");
        assertThat(plain(e)).contains("n = N\u00b7L = 2\u00b71 = 2", "\u03bc_B = \u03a3x/2 = 1",
                "running_mean \u2190 (1 \u2212 0.3)\u00b70.657 + 0.3\u00b71 = 0.7599",
                "running_var \u2190 (1 \u2212 0.3)\u00b70.343 + 0.3\u00b70 = 0.2401");
        assertThat(e.message()).isEmpty();
        // the newest step is the same step when no cursor is set
        assertThat(plain(SessionExplainer.explain(s, 0, 0, ExplainViewModel.Element.FIRST))).isEqualTo(plain(e));
        // an older step shows that step's numbers
        assertThat(plain(SessionExplainer.explain(s, 2, 0, ExplainViewModel.Element.FIRST)))
                .contains("running_mean \u2190 (1 \u2212 0.3)\u00b70.3 + 0.3\u00b71 = 0.5100");
    }

    @Test
    void anEvalStepShowsYFromTheRunningStats() {
        Session s = notebookAfter(4);
        s.setTraining(false);
        s.step();
        ExplainViewModel.Explained e = SessionExplainer.explain(s, 0, 0, ExplainViewModel.Element.FIRST);
        assertThat(e.heading()).startsWith("Step 5 \u00b7 eval");
        assertThat(plain(e)).contains("y = (1 \u2212 0.7599)/\u221a(0.2401 + 0)\u00b71 + 0 = 0.4900");
    }

    @Test
    void everyLineIsTheEnginesOwnForEveryKindOfStep() {
        List<Session> sessions = new ArrayList<>();
        BatchSpec normal = new BatchSpec(5, new int[] {3}, List.of(new ChannelSource.Normal(1, 2),
                new ChannelSource.Uniform(-1, 3)), 0.1, 7, true);
        for (Momentum m : new Momentum[] {Momentum.of(0.2), Momentum.CUMULATIVE}) {
            for (boolean track : new boolean[] {true, false}) {
                for (boolean train : new boolean[] {true, false}) {
                    Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, 2, 1e-3, m, true, track), normal,
                            null);
                    s.step();
                    s.setWeight(1, 1.5f);
                    s.setTraining(train);
                    s.step();
                    s.step();
                    sessions.add(s);
                }
            }
        }
        for (Session s : sessions) {
            for (long t = 1; t <= s.stepCount(); t++) {
                for (int c = 0; c < 2; c++) {
                    BatchNorm before = (BatchNorm) s.layerBefore(t);
                    Tensor x = s.batchAt(t);
                    List<String> expected = ExplanationLines.of(Explainer.explain(LayerSnapshot.of(before),
                            before.isTraining(), x, c, 3)).stream().map(ExplanationLine::formula).toList();
                    assertThat(plain(SessionExplainer.explain(s, t, c, ExplainViewModel.Element.at(3))))
                            .as("step %d channel %d", t, c).isEqualTo(expected);
                }
            }
        }
    }

    @Test
    void theNewestRefusalIsExplainedWithPyTorchsMessage() {
        BatchSpec one = new BatchSpec(1, new int[0], List.of(new ChannelSource.Constant(1), new ChannelSource.Constant(2)),
                0, 1, false);
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, 2, 1e-5, Momentum.DEFAULT, true, true), one,
                null);
        assertThat(s.step()).isFalse();
        ExplainViewModel.Explained e = SessionExplainer.explain(s, 0, 1, ExplainViewModel.Element.FIRST);
        assertThat(e.heading()).isEqualTo("Step 1, refused \u00b7 train \u00b7 channel 1");
        assertThat(String.join("\n", plain(e)))
                .contains("Expected more than 1 value per channel when training, got input size torch.Size([1, 2])");
    }

    @Test
    void aClickedBarExplainsTheFirstValueInItsRange() {
        BatchSpec spec = new BatchSpec(4, new int[] {2}, List.of(new ChannelSource.Normal(0, 1)), 0, 3, true);
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, 1, 1e-5, Momentum.DEFAULT, true, true), spec,
                null);
        s.step();
        float[] x = s.batchAt(1).data();
        int wanted = 5;
        double v = x[wanted];
        int expected = -1;
        for (int i = 0; i < x.length && expected < 0; i++) {
            if (x[i] >= v - 1e-6 && x[i] <= v + 1e-6) {
                expected = i;
            }
        }
        ExplainViewModel.Explained e = SessionExplainer.explain(s, 1, 0,
                ExplainViewModel.Element.inRange(false, v - 1e-6, v + 1e-6));
        assertThat(e.heading()).endsWith("element " + expected + " of 8");
        ExplainViewModel.Explained none = SessionExplainer.explain(s, 1, 0,
                ExplainViewModel.Element.inRange(true, 1e6, 2e6));
        assertThat(none.heading()).endsWith("element 0 of 8");
        assertThat(none.message()).contains("No value of channel 0 in step 1");
    }

    @Test
    void aStepNoLongerKeptExactlySaysSoAndNothingBefore1IsExplained() {
        Session s = Session.notebook();
        assertThat(SessionExplainer.explain(s, 0, 0, ExplainViewModel.Element.FIRST).message()).contains("Press Step");
        for (int i = 0; i < 10_002; i++) {
            s.stepQuietly();
        }
        ExplainViewModel.Explained e = SessionExplainer.explain(s, 1, 0, ExplainViewModel.Element.FIRST);
        assertThat(e.lines()).isEmpty();
        assertThat(e.message()).contains("Step 1 is no longer kept exactly").contains("last 9,999 steps");
    }

    @Test
    void theCodeIsTheSessionsCode() {
        Session s = notebookAfter(3);
        assertThat(SessionExplainer.code(s)).isEqualTo(SessionCode.of(s.journal()));
    }
}
