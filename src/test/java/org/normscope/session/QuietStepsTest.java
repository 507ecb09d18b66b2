package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;

/**
 * Quiet steps leave the output out until something looks at it (see
 * {@code BatchNorm.forwardWithoutOutput}): what they show must be what printed steps show.
 */
class QuietStepsTest {

    private static Session session(BatchSpec batches) {
        return new Session(Fixtures.bn1d(3, Momentum.of(0.2)), batches, Momentum.CUMULATIVE);
    }

    private static void assertSameView(Session quiet, Session loud) {
        SessionSnapshot q = quiet.snapshot();
        SessionSnapshot l = loud.snapshot();
        assertThat(q.step()).isEqualTo(l.step());
        assertThat(q.runningMean()).containsExactly(l.runningMean());
        assertThat(q.runningVar()).containsExactly(l.runningVar());
        assertThat(q.compareRunningMean()).containsExactly(l.compareRunningMean());
        for (int c = 0; c < q.channels(); c++) {
            assertThat(q.outputHistograms().get(c)).as("y of channel %d", c).usingRecursiveComparison().isEqualTo(l.outputHistograms().get(c));
            assertThat(q.inputHistograms().get(c)).as("x of channel %d", c).usingRecursiveComparison().isEqualTo(l.inputHistograms().get(c));
        }
    }

    @Test
    void quietStepsShowTheSameOutputsQuantilesAndPrintoutAsPrintedSteps() {
        BatchSpec batches = Fixtures.normal(40, new int[] {3}, 3, 0.01, 7);
        Session quiet = session(batches);
        Session loud = session(batches);
        assertThat(quiet.history().sampleEvery()).isGreaterThan(1); // some steps are never sampled
        for (int t = 0; t < 50; t++) {
            quiet.stepQuietly();
            loud.step();
            if (t % 7 == 0) {
                assertSameView(quiet, loud);
            }
        }
        assertSameView(quiet, loud);
        long every = quiet.history().sampleEvery();
        float[][] q = new float[SessionHistory.QUANTILES.length][10];
        float[][] l = new float[SessionHistory.QUANTILES.length][10];
        double[] xq = new double[10];
        double[] xl = new double[10];
        for (int c = 0; c < 3; c++) {
            quiet.history().quantileColumns(c, SessionHistory.Side.OUTPUT, 1, 50, 10, q, xq);
            loud.history().quantileColumns(c, SessionHistory.Side.OUTPUT, 1, 50, 10, l, xl);
            assertThat(q).as("y quantiles of channel %d, sampled every %d steps", c, every).isDeepEqualTo(l);
        }
        quiet.printUnprinted();
        List<ConsoleLog.Entry> entries = quiet.console().since(0);
        assertThat(entries.get(entries.size() - 1).text()).isEqualTo(Fixtures.lastEntry(loud).text());
    }

    @Test
    void aRefusedStepAfterQuietStepsStillShowsTheLastOutput() {
        // one value per channel: fine in eval, refused in training, with the very same shape,
        // so the refused batch is drawn into a buffer of the shape of the last step's input
        BatchSpec one = new BatchSpec(1, new int[] {1}, Fixtures.normal(1, new int[] {1}, 3, 0, 3).sources(), 0, 3, true);
        Session quiet = session(one);
        Session loud = session(one);
        quiet.setTraining(false);
        loud.setTraining(false);
        for (int t = 0; t < 5; t++) {
            assertThat(quiet.stepQuietly()).isTrue();
            assertThat(loud.step()).isTrue();
        }
        quiet.setTraining(true);
        loud.setTraining(true);
        assertThat(quiet.stepQuietly()).isFalse();
        assertThat(loud.step()).isFalse();
        assertThat(quiet.refusal()).isEqualTo(loud.refusal()).contains("Expected more than 1 value per channel");
        assertSameView(quiet, loud);
    }
}
