package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.session.SessionJournal.Entry;

/** The journal: what happened to the layer, with runs of like steps merged and its size bounded. */
class SessionJournalTest {

    @Test
    void runsOfLikeStepsAreOneEntryWhateverTheirLength() {
        Session s = Session.notebook();
        for (int i = 0; i < 5000; i++) {
            s.stepQuietly();
        }
        List<Entry> entries = s.journal().entries();
        StepSetup setup = s.history().setupAt(5000);
        assertThat(entries).containsExactly(
                new SessionJournal.Built(LayerConfig.notebook(), true, BatchSpec.ones(4)),
                new SessionJournal.Steps(1, 5000, setup, false, 0));
        assertThat(((SessionJournal.Steps) entries.get(1)).trackedBefore(4000)).isEqualTo(3999);
    }

    @Test
    void aStepThatGoesOnARunAllocatesNothing() {
        SessionJournal j = new SessionJournal();
        j.restart(LayerConfig.notebook(), true, BatchSpec.ones(4));
        StepSetup setup = new StepSetup(LayerConfig.notebook(), true, new float[4], new float[4], BatchSpec.ones(4), null);
        long t = 1;
        for (; t <= 50_000; t++) { // let the JIT compile the path
            j.stepped(t, setup, false, t - 1);
        }
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 10_000; i++, t++) {
            j.stepped(t, setup, false, t - 1);
        }
        assertThat((bean.getCurrentThreadAllocatedBytes() - before) / 10_000).as("bytes per step").isZero();
        assertThat(j.size()).isEqualTo(2);
        assertThat(j.last()).isEqualTo(new SessionJournal.Steps(1, 60_000, setup, false, 0));
    }

    @Test
    void everyActionIsAnEntryInOrder() {
        Session s = Session.notebook();
        s.step();
        s.step();
        s.setTraining(false);
        s.step();
        s.setCompareMomentum(Momentum.of(0.5));      // the comparison layer is no part of the journal
        s.step();                                     // so this step joins the run before
        s.setTraining(true);
        s.configure(s.config().withEps(1e-3).withMomentum(Momentum.CUMULATIVE));
        s.setWeight(1, 2f);
        s.setBias(0, -0.5f);
        s.queueOutlier();
        s.step();
        s.step();
        s.resetRunningStats();
        s.setBatches(SessionDriver.oneRow(4));
        s.step();
        List<Entry> entries = s.journal().entries();
        StepSetup train = s.history().setupAt(1);
        StepSetup eval = s.history().setupAt(3);
        StepSetup changed = s.history().setupAt(5);
        assertThat(s.history().setupAt(6)).isSameAs(changed);
        SessionJournal.Refused refused = (SessionJournal.Refused) entries.get(entries.size() - 1);
        assertThat(entries).containsExactly(
                new SessionJournal.Built(LayerConfig.notebook(), true, BatchSpec.ones(4)),
                new SessionJournal.Steps(1, 2, train, false, 0),
                new SessionJournal.ModeSet(false),
                new SessionJournal.Steps(3, 4, eval, false, 2),
                new SessionJournal.ModeSet(true),
                new SessionJournal.EpsSet(1e-3),
                new SessionJournal.MomentumSet(Momentum.CUMULATIVE),
                new SessionJournal.WeightSet(1, 2f),
                new SessionJournal.BiasSet(0, -0.5f),
                new SessionJournal.OutlierQueued(),
                new SessionJournal.Steps(5, 5, changed, true, 2),
                new SessionJournal.Steps(6, 6, changed, false, 3),
                new SessionJournal.ResetRunningStats(),
                new SessionJournal.BatchesSet(SessionDriver.oneRow(4)),
                refused);
        assertThat(refused.step()).isEqualTo(7);
        assertThat(refused.setup().batches()).isEqualTo(SessionDriver.oneRow(4));
        assertThat(refused.errorType()).isEqualTo("ValueError");
        assertThat(refused.message()).isEqualTo(
                "Expected more than 1 value per channel when training, got input size torch.Size([1, 4])");
        assertThat(refused.trackedBefore()).isZero();
        assertThat(refused.trackedAfter()).isEqualTo(1);
        assertThat(s.journal().last()).isEqualTo(refused);
        assertThat(s.journal().dropped()).isZero();
    }

    @Test
    void aNewLayerStartsTheJournalAgain() {
        Session s = Session.notebook();
        s.step();
        s.configure(s.config().withNumFeatures(2));
        assertThat(s.journal().entries()).containsExactly(
                new SessionJournal.Built(s.config(), true, s.batches()));
        s.load(s.config(), s.batches(), null, false);
        assertThat(s.journal().entries()).containsExactly(
                new SessionJournal.Built(s.config(), false, s.batches()));
    }

    @Test
    void pastItsCapTheOldestEntriesAfterTheLayersConstructionAreDroppedAndCounted() {
        SessionJournal j = new SessionJournal(20);
        j.restart(LayerConfig.notebook(), true, BatchSpec.ones(4));
        for (int i = 0; i < 25; i++) {
            j.add(new SessionJournal.ModeSet(i % 2 == 0));
        }
        // the 20th entry (19 changes after Built) is dropped with the next: two changes at a time
        assertThat(j.dropped()).isEqualTo(8);
        assertThat(j.size()).isEqualTo(26 - 8);
        List<Entry> entries = j.entries();
        assertThat(entries.get(0)).isInstanceOf(SessionJournal.Built.class);
        assertThat(entries.get(1)).isEqualTo(new SessionJournal.ModeSet(true)); // change 8 (from 0)
        assertThat(entries.get(entries.size() - 1)).isEqualTo(new SessionJournal.ModeSet(true)); // change 24
        assertThat(j.size()).isLessThan(20);
    }
}
