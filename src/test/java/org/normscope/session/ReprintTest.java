package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;

/** Printing a step again gives exactly what was printed when it ran, whatever changed since. */
class ReprintTest {

    /** Every printed step's text, by step number. */
    private static List<String> printedSteps(Session s) {
        List<String> texts = new ArrayList<>();
        for (ConsoleLog.Entry e : s.console().since(0)) {
            if (e.kind() == ConsoleLog.Kind.STEP) {
                texts.add(e.text());
            }
        }
        return texts;
    }

    @Test
    void aReprintEqualsTheOriginalPrintoutAcrossChangesOfModeEpsWeightBatchesAndOutliers() {
        Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 3, 0, 1),
                Momentum.CUMULATIVE);
        List<String> original = new ArrayList<>();
        Runnable step = () -> {
            s.step();
            List<String> all = printedSteps(s);
            original.add(all.get(all.size() - 1));
        };
        step.run();
        step.run();
        s.setTraining(false);
        step.run();                                    // eval: normalized with the running stats
        s.setTraining(true);
        s.configure(s.config().withEps(0.5));
        step.run();
        s.setWeight(1, 2.5f);
        s.setBias(2, -1f);
        step.run();
        s.queueOutlier();
        step.run();                                    // an outlier batch
        s.setBatches(s.batches().withSource(0, new ChannelSource.Uniform(-3, 5)));
        step.run();
        s.resetRunningStats();
        step.run();
        for (int t = 1; t <= original.size(); t++) {
            assertThat(s.reprint(t)).as("step %d", t).isEqualTo(original.get(t - 1));
        }
    }

    @Test
    void quietStepsCanBePrintedAfterwards() {
        Session loud = Session.notebook();
        Session quiet = Session.notebook();
        for (int t = 0; t < 30; t++) {
            loud.step();
            quiet.stepQuietly();
        }
        List<String> texts = printedSteps(loud);
        for (int t = 1; t <= 30; t++) {
            assertThat(quiet.reprint(t)).isEqualTo(texts.get(t - 1));
        }
        assertThat(printedSteps(quiet)).isEmpty();
        quiet.printUnprinted();
        List<ConsoleLog.Entry> entries = quiet.console().since(0);
        assertThat(entries.get(entries.size() - 2).text()).isEqualTo("steps 1\u201329 ran without printing (playing fast)");
        assertThat(entries.get(entries.size() - 1).text()).isEqualTo(texts.get(29));
    }

    @Test
    void printAgainAppendsTheStepOrSaysItIsNoLongerKept() {
        Session s = Session.notebook();
        int exact = s.history().exactSteps();
        for (int t = 0; t < exact + 5; t++) {
            s.stepQuietly();
        }
        assertThat(s.reprint(5)).isNull();
        assertThat(s.printAgain(5)).isFalse();
        List<ConsoleLog.Entry> entries = s.console().since(0);
        assertThat(entries.get(entries.size() - 1).text()).contains("cannot be printed again");
        assertThat(s.printAgain(exact + 5)).isTrue();
        entries = s.console().since(0);
        assertThat(entries.get(entries.size() - 2).text()).isEqualTo("Step " + (exact + 5) + " again, as it ran:");
        assertThat(entries.get(entries.size() - 1).text()).startsWith("step " + (exact + 5) + " \u00b7 train");
        assertThat(s.reprint(0)).isNull();
        assertThat(s.reprint(exact + 6)).isNull();
    }

    @Test
    void aNewLayerForgetsTheOldSteps() {
        Session s = Session.notebook();
        s.step();
        s.resetLayer();
        assertThat(s.reprint(1)).isNull();
        BatchSpec spec = s.batches();
        assertThat(spec.channels()).isEqualTo(4);
    }
}
