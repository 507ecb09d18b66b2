package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;

/**
 * Drawing the next batch ahead, while a step is recorded (see {@link BatchPrefetch}), changes
 * no result, and never lets a step run on a batch drawn for settings that changed since.
 */
class BatchPrefetchTest {

    /** 16 × 4 × 32 × 32 = 65,536 values: large enough to be drawn ahead. */
    private static final BatchSpec BIG = Fixtures.normal(16, new int[] {32, 32}, 4, 0.01, 11);

    private static Session session(boolean prefetching) {
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 4, 1e-5, Momentum.of(0.1), true, true), BIG,
                Momentum.CUMULATIVE);
        s.setPrefetching(prefetching);
        return s;
    }

    @Test
    void theBatchIsLargeEnoughToBeDrawnAhead() {
        assertThat(BIG.valuesPerChannel() * BIG.channels()).isGreaterThanOrEqualTo(BatchPrefetch.MIN_VALUES);
    }

    /** The same commands given to a session that draws ahead and to one that does not. */
    private static void script(Session s) {
        for (int t = 0; t < 30; t++) {
            s.stepQuietly();
        }
        s.step();
        s.queueOutlier();
        s.stepQuietly();
        s.stepQuietly();
        s.setBatches(s.batches().withSource(2, new ChannelSource.Uniform(-1, 3)));
        for (int t = 0; t < 10; t++) {
            s.stepQuietly();
        }
        s.setTraining(false);
        s.step();
        s.setTraining(true);
        s.resetLayer();
        for (int t = 0; t < 5; t++) {
            s.stepQuietly();
        }
        s.undo(); // back to before the reset: the steps run since are taken back, step 45 is next again
        for (int t = 0; t < 20; t++) {
            s.stepQuietly();
        }
        s.step();
    }

    private static String csv(Session s) throws IOException {
        StringBuilder out = new StringBuilder();
        for (Stat stat : SessionHistory.exportable()) {
            s.history().csvColumns(stat).write(out, 0, s.stepCount(), 1);
        }
        return out.toString();
    }

    @Test
    void aSessionThatDrawsAheadRecordsExactlyWhatOneThatDoesNotRecords() throws IOException {
        Session ahead = session(true);
        Session plain = session(false);
        script(ahead);
        script(plain);

        assertThat(ahead.prefetchedSteps()).as("steps that ran on a batch drawn ahead").isGreaterThan(40);
        assertThat(plain.prefetchedSteps()).isZero();
        assertThat(ahead.stepCount()).isEqualTo(plain.stepCount()).isEqualTo(65);
        assertThat(csv(ahead)).isEqualTo(csv(plain)).contains("\n65,");
        assertThat(ahead.lastInput().data()).containsExactly(plain.lastInput().data());
        SessionSnapshot a = ahead.snapshot();
        SessionSnapshot p = plain.snapshot();
        assertThat(a.runningMean()).containsExactly(p.runningMean());
        assertThat(a.runningVar()).containsExactly(p.runningVar());
        assertThat(a.compareRunningVar()).containsExactly(p.compareRunningVar());
        assertThat(a.batchMean()).containsExactly(p.batchMean());
        assertThat(a.inputHistograms()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(p.inputHistograms());
        assertThat(a.outputHistograms()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(p.outputHistograms());
        for (long t : new long[] {1, 31, 32, 45, 65}) {
            assertThat(ahead.batchAt(t).data()).as("step %d drawn again", t).containsExactly(plain.batchAt(t).data());
        }
    }

    @Test
    void everyStepRunsOnItsOwnBatchWhileTheNextIsDrawnAhead() {
        Session s = session(true);
        for (long t = 1; t <= 12; t++) {
            s.stepQuietly();
            assertThat(s.lastInput().data()).as("step %d", t).containsExactly(Fixtures.batch(BIG, t, false).data());
        }
        assertThat(s.prefetchedSteps()).isEqualTo(11); // every step but the first
    }

    /** Steps once (so that step 2 is drawn ahead), applies {@code edit}, steps again: the batch of the new settings. */
    private static void assertEditDropsTheBatchDrawnAhead(String what, java.util.function.Consumer<Session> edit,
                                                          BatchSpec expected, boolean outlier) {
        Session s = session(true);
        s.stepQuietly();
        Tensor first = s.lastInput();
        edit.accept(s);
        long before = s.prefetchedSteps();
        assertThat(s.stepQuietly()).isTrue();
        assertThat(s.prefetchedSteps()).as(what + ": the batch drawn ahead is dropped").isEqualTo(before);
        assertThat(s.lastInput().data()).as(what + ": step 2 is drawn with the new settings")
                .containsExactly(Fixtures.batch(expected, 2, outlier).data());
        assertThat(s.lastInput().data()).as(what).isNotEqualTo(Fixtures.batch(BIG, 2, false).data());
        assertThat(first).as("step 1's input is not written over").isNotSameAs(s.lastInput());
        s.stepQuietly();
        assertThat(s.prefetchedSteps()).as(what + ": the next steps are drawn ahead again").isEqualTo(before + 1);
        assertThat(s.lastInput().data()).containsExactly(Fixtures.batch(expected, 3, false).data());
    }

    @Test
    void editingAChannelsSourceBetweenStepsDropsTheBatchDrawnAhead() {
        BatchSpec edited = BIG.withSource(1, new ChannelSource.Normal(5, 0.5));
        assertEditDropsTheBatchDrawnAhead("source", s -> s.setBatches(edited), edited, false);
    }

    @Test
    void editingTheSeedBetweenStepsDropsTheBatchDrawnAhead() {
        BatchSpec reseeded = new BatchSpec(BIG.batchSize(), BIG.spatial(), BIG.sources(), BIG.driftPerStep(), 12,
                BIG.freshEachStep(), BIG.generator());
        assertEditDropsTheBatchDrawnAhead("seed", s -> s.setBatches(reseeded), reseeded, false);
    }

    @Test
    void anOutlierQueuedBetweenStepsDropsTheBatchDrawnAhead() {
        assertEditDropsTheBatchDrawnAhead("outlier", Session::queueOutlier, BIG, true);
    }

    @Test
    void otherGeneratorAndDriftDropTheBatchDrawnAhead() {
        BatchSpec polar = BIG.withGenerator(org.normscope.batch.Generator.SPLITTABLE_POLAR_1);
        assertEditDropsTheBatchDrawnAhead("generator", s -> s.setBatches(polar), polar, false);
        BatchSpec drift = new BatchSpec(BIG.batchSize(), BIG.spatial(), BIG.sources(), 0.5, BIG.seed(),
                BIG.freshEachStep(), BIG.generator());
        assertEditDropsTheBatchDrawnAhead("drift", s -> s.setBatches(drift), drift, false);
    }

    @Test
    void smallBatchesAndTheRepeatedBatchAreNotDrawnAhead() {
        Session small = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), Fixtures.normal(8, new int[] {4}, 3, 0, 1), null);
        BatchSpec same = new BatchSpec(BIG.batchSize(), BIG.spatial(), BIG.sources(), 0, 3, false);
        Session repeated = new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 4, 1e-5, Momentum.of(0.1), true, true),
                same, null);
        for (int t = 0; t < 5; t++) {
            small.stepQuietly();
            repeated.stepQuietly();
        }
        assertThat(small.prefetchedSteps()).isZero();
        assertThat(repeated.prefetchedSteps()).isZero();
        repeated.queueOutlier(); // an outlier of the repeated batch is drawn (and step 7 is the shared batch again)
        repeated.stepQuietly();
        repeated.stepQuietly();
        assertThat(repeated.lastInput().data()).containsExactly(Fixtures.batch(same, 1, false).data());
        assertThat(List.of(small.stepCount(), repeated.stepCount())).containsExactly(5L, 7L);
    }
}
