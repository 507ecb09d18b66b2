package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;
import org.normscope.testing.Gen;

/** The session model: stepping, refusals, changes and what its snapshots show. */
class SessionTest {

    private static final String REFUSAL_1x4 =
            "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])";

    private static BatchSpec oneRowOf4() {
        return new BatchSpec(1, new int[0], Collections.nCopies(4, new ChannelSource.Normal(2, 1)), 0, 7, true);
    }

    // =========================================================================================
    @Nested
    class Refusals {

        @Test
        void aBatchOfOneValuePerChannelIsRefusedInTrainAsPyTorchDoes() {
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), oneRowOf4(), null);
            long version = s.version();
            long seq = s.console().lastSeq();

            assertThat(s.step()).isFalse();

            assertThat(s.refusal()).isEqualTo(REFUSAL_1x4);
            assertThat(s.stepCount()).isZero();
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.refusal()).isEqualTo(REFUSAL_1x4);
            assertThat(snap.step()).isZero();
            assertThat(snap.runningMean()).containsOnly(0f);
            assertThat(snap.runningVar()).containsOnly(1f);
            assertThat(snap.numBatchesTracked()).as("PyTorch counts the batch before it checks it").isEqualTo(1);
            assertThat(snap.history().steps()).isZero();
            assertThat(snap.lastN()).isZero();
            assertThat(snap.lastFactor()).isNaN();
            assertThat(snap.batchMean()).isNull();
            assertThat(snap.inputHistograms()).isEmpty();
            assertThat(s.version()).isGreaterThan(version);

            List<ConsoleLog.Entry> added = s.console().since(seq);
            assertThat(added).hasSize(1);
            assertThat(added.get(0).kind()).isEqualTo(ConsoleLog.Kind.REFUSAL);
            assertThat(added.get(0).text())
                    .startsWith("step 1 · train · x: torch.Size([1, 4]) · refused\n" + REFUSAL_1x4)
                    .contains("num_batches_tracked is now 1");

            // refused again: counted again, still no step
            assertThat(s.step()).isFalse();
            assertThat(s.snapshot().numBatchesTracked()).isEqualTo(2);
            assertThat(s.stepCount()).isZero();
            assertThat(Fixtures.lastEntry(s).text()).contains("num_batches_tracked is now 2");
        }

        @Test
        void theNextSuccessfulStepClearsTheRefusal() {
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), oneRowOf4(), null);
            assertThat(s.step()).isFalse();

            BatchSpec two = new BatchSpec(2, new int[0], Collections.nCopies(4, new ChannelSource.Normal(2, 1)), 0, 7,
                    true);
            s.setBatches(two);
            assertThat(s.refusal()).as("a new batch spec alone does not clear it").isEqualTo(REFUSAL_1x4);
            assertThat(s.step()).isTrue();

            assertThat(s.refusal()).isNull();
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.refusal()).isNull();
            assertThat(snap.step()).isEqualTo(1);
            assertThat(snap.numBatchesTracked()).isEqualTo(2);
            assertThat(snap.lastN()).isEqualTo(2);
            assertThat(Fixtures.lastEntry(s).kind()).isEqualTo(ConsoleLog.Kind.STEP);
            // the running stats start from the defaults: 0.1 of the batch's mean
            double[] mean = Fixtures.means(Fixtures.batch(two, 1, false));
            for (int c = 0; c < 4; c++) {
                assertThat(snap.runningMean()[c]).isCloseTo((float) (0.1 * mean[c]), within(1e-6f));
            }
        }

        @Test
        void inEvalWithTrackedStatsOneValuePerChannelIsAccepted() {
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), oneRowOf4(), null);
            s.setTraining(false);

            assertThat(s.step()).isTrue();

            SessionSnapshot snap = s.snapshot();
            assertThat(snap.refusal()).isNull();
            assertThat(snap.step()).isEqualTo(1);
            assertThat(snap.numBatchesTracked()).isZero();
            assertThat(snap.runningMean()).containsOnly(0f);
            assertThat(snap.runningVar()).containsOnly(1f);
            assertThat(snap.lastN()).isEqualTo(1);
            // y = (x − 0)/sqrt(1 + eps) ≈ x
            Tensor x = Fixtures.batch(s.batches(), 1, false);
            for (int c = 0; c < 4; c++) {
                assertThat(snap.outputHistograms().get(c).lo()).isCloseTo(x.data()[c], within(1e-4));
                assertThat(snap.inputHistograms().get(c).lo()).isEqualTo(x.data()[c]);
            }
        }

        @Test
        void inEvalWithoutTrackedStatsOneValuePerChannelIsRefused() {
            LayerConfig untracked = Fixtures.bn1d(4, Momentum.of(0.1)).withTrackRunningStats(false);
            Session s = new Session(untracked, oneRowOf4(), null);
            s.setTraining(false);

            assertThat(s.step()).isFalse();
            assertThat(s.refusal()).isEqualTo(REFUSAL_1x4);
            assertThat(s.snapshot().numBatchesTracked()).isZero();
            assertThat(Fixtures.lastEntry(s).kind()).isEqualTo(ConsoleLog.Kind.REFUSAL);
            assertThat(Fixtures.lastEntry(s).text()).contains("· eval ·").doesNotContain("num_batches_tracked");
        }

        @Test
        void theComparisonLayerCountsTheRefusedBatchToo() {
            // both cumulative: the refused batch counts, so the first real batch gets factor 1/2
            Session s = new Session(Fixtures.bn1d(4, Momentum.CUMULATIVE), oneRowOf4(), Momentum.CUMULATIVE);
            assertThat(s.step()).isFalse();
            BatchSpec two = new BatchSpec(3, new int[0], Collections.nCopies(4, new ChannelSource.Normal(2, 1)), 0, 7,
                    true);
            s.setBatches(two);
            assertThat(s.step()).isTrue();

            SessionSnapshot snap = s.snapshot();
            assertThat(snap.numBatchesTracked()).isEqualTo(2);
            assertThat(snap.lastFactor()).isEqualTo(0.5);
            double[] mean = Fixtures.means(Fixtures.batch(two, 1, false));
            for (int c = 0; c < 4; c++) {
                assertThat(snap.runningMean()[c]).isCloseTo((float) (0.5 * mean[c]), within(1e-6f));
                assertThat(snap.compareRunningMean()[c]).isEqualTo(snap.runningMean()[c]);
            }
        }

        @Test
        void aQueuedOutlierWaitsForAStepThatRuns() {
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), oneRowOf4(), null);
            s.queueOutlier();
            assertThat(s.step()).isFalse();
            assertThat(s.snapshot().outlierQueued()).isTrue();
        }
    }

    // =========================================================================================
    @Nested
    class Configure {

        @Test
        void momentumChangeKeepsTheLayerAndAppliesFromTheNextStep() {
            Session s = Session.notebook();
            s.step();
            s.step();
            float rm = s.snapshot().runningMean()[0];
            float rv = s.snapshot().runningVar()[0];
            BatchNorm layerBefore = (BatchNorm) s.layer();

            s.configure(s.config().withMomentum(Momentum.of(0.5)));

            assertThat(s.layer()).as("no rebuild").isSameAs(layerBefore);
            assertThat(((BatchNorm) s.layer()).momentum()).isEqualTo(Momentum.of(0.5));
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.step()).isEqualTo(2);
            assertThat(snap.history().steps()).isEqualTo(2);
            assertThat(snap.numBatchesTracked()).isEqualTo(2);
            assertThat(snap.runningMean()).containsOnly(rm);
            assertThat(snap.runningVar()).containsOnly(rv);
            assertThat(snap.layer().momentum()).isEqualTo(Momentum.of(0.5));
            assertThat(Fixtures.lastEntry(s).text())
                    .isEqualTo(">>> layer.momentum = 0.5\n(applies from the next step, as in PyTorch)");
            assertThat(snap.notice()).as("a plain attribute change is no banner").isNull();
            assertThat(snap.lastFactor()).as("the last step still used 0.3").isCloseTo(0.3, within(1e-12));

            s.step();
            float f = 0.5f;
            float expectedMean = (1 - f) * rm + f * 1f;
            float expectedVar = (1 - f) * rv + f * 0f;
            snap = s.snapshot();
            assertThat(snap.step()).isEqualTo(3);
            assertThat(snap.history().steps()).isEqualTo(3);
            assertThat(snap.lastFactor()).isCloseTo(0.5, within(1e-12));
            for (int c = 0; c < 4; c++) {
                assertThat(snap.runningMean()[c]).isCloseTo(expectedMean, within(1e-6f));
                assertThat(snap.runningVar()[c]).isCloseTo(expectedVar, within(1e-6f));
                assertThat(snap.history().valueAt(Stat.RUNNING_MEAN, c, (1) + 1)).isCloseTo(0.51f, within(1e-6f));
            }
            assertThat(expectedMean).isCloseTo(0.755f, within(1e-6f));
        }

        @Test
        void epsChangeKeepsTheLayerAndAppliesFromTheNextStep() {
            Session s = Session.notebook();
            for (int t = 0; t < 4; t++) {
                s.step();
            }
            long nbt = s.snapshot().numBatchesTracked();
            s.configure(s.config().withEps(0.01));

            assertThat(s.layer().eps()).isEqualTo(0.01);
            assertThat(s.stepCount()).isEqualTo(4);
            assertThat(s.snapshot().history().steps()).isEqualTo(4);
            assertThat(s.snapshot().numBatchesTracked()).isEqualTo(nbt);
            assertThat(Fixtures.lastEntry(s).text()).startsWith(">>> layer.eps = 0.01\n");

            s.setTraining(false);
            s.step();
            // y = (1 − 0.7599)/sqrt(0.2401 + 0.01)
            double expected = (1 - 0.7599) / Math.sqrt(0.2401 + 0.01);
            for (ChannelHistogram out : s.snapshot().outputHistograms()) {
                assertThat(out.lo()).isCloseTo(expected, within(1e-6));
            }
        }

        @Test
        void epsAndMomentumTogetherGiveTwoLines() {
            Session s = Session.notebook();
            s.configure(s.config().withEps(1e-5).withMomentum(Momentum.CUMULATIVE));
            assertThat(Fixtures.lastEntry(s).text()).isEqualTo(">>> layer.eps = 1e-05\n>>> layer.momentum = None\n"
                    + "(applies from the next step, as in PyTorch)");
            assertThat(((BatchNorm) s.layer()).momentum().isCumulative()).isTrue();
        }

        @Test
        void anUnchangedConfigChangesNothing() {
            Session s = Session.notebook();
            s.step();
            long version = s.version();
            long seq = s.console().lastSeq();
            BatchNorm layer = (BatchNorm) s.layer();
            s.configure(LayerConfig.notebook());
            assertThat(s.version()).isEqualTo(version);
            assertThat(s.console().lastSeq()).isEqualTo(seq);
            assertThat(s.layer()).isSameAs(layer);
            assertThat(s.stepCount()).isEqualTo(1);
        }

        @Test
        void changingCRebuildsAndResizesTheBatches() {
            Session s = Session.notebook();
            s.setWeight(0, 3f);
            for (int t = 0; t < 3; t++) {
                s.step();
            }
            long version = s.version();

            s.configure(s.config().withNumFeatures(6));

            assertThat(s.version()).isGreaterThan(version);
            assertThat(s.stepCount()).isZero();
            assertThat(s.refusal()).isNull();
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.step()).isZero();
            assertThat(snap.history().steps()).isZero();
            assertThat(snap.history().channels()).isEqualTo(6);
            assertThat(snap.numBatchesTracked()).isZero();
            assertThat(snap.runningMean()).hasSize(6).containsOnly(0f);
            assertThat(snap.runningVar()).hasSize(6).containsOnly(1f);
            assertThat(snap.weight()).hasSize(6).containsOnly(1f);
            assertThat(snap.bias()).hasSize(6).containsOnly(0f);
            assertThat(snap.batchMean()).isNull();
            assertThat(snap.inputHistograms()).isEmpty();
            assertThat(snap.channels()).isEqualTo(6);
            assertThat(s.batches().channels()).isEqualTo(6);
            assertThat(s.batches().shape()).containsExactly(2, 6, 1);
            assertThat(s.batches().sources()).containsOnly(new ChannelSource.Constant(1));
            assertThat(((BatchNorm) s.layer()).numFeatures()).isEqualTo(6);
            assertThat(snap.notice()).contains("BatchNorm1d(6,").contains("start again");
            assertThat(snap.noticeId()).isPositive();
            assertThat(Fixtures.lastEntry(s).kind()).isEqualTo(ConsoleLog.Kind.NOTICE);
            assertThat(Fixtures.lastEntry(s).text()).startsWith(">>> layer = nn.BatchNorm1d(6, eps=0.0, momentum=0.3,")
                    .contains("start again");

            assertThat(s.step()).isTrue();
            assertThat(s.snapshot().inputHistograms()).hasSize(6);
            assertThat(s.snapshot().runningMean()).hasSize(6).containsOnly(0.3f);
        }

        @Test
        void fewerChannelsKeepTheFirstSources() {
            BatchSpec spec = Fixtures.normal(4, new int[] {3}, 4, 0, 1);
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), spec, null);
            s.configure(s.config().withNumFeatures(2));
            assertThat(s.batches().sources()).containsExactlyElementsOf(spec.sources().subList(0, 2));
            assertThat(s.batches().spatial()).containsExactly(3);
            assertThat(s.batches().batchSize()).isEqualTo(4);
            assertThat(s.batches().seed()).isEqualTo(1);
        }

        @Test
        void changingTheKindReplacesASpatialShapeItDoesNotTake() {
            Session s = Session.notebook();
            s.step();

            s.configure(s.config().withKind(LayerKind.BATCH_NORM_2D));
            assertThat(s.batches().spatial()).containsExactly(Session.defaultSpatial(LayerKind.BATCH_NORM_2D));
            assertThat(s.batches().spatial()).containsExactly(4, 4);
            assertThat(s.batches().channels()).isEqualTo(4);
            assertThat(s.stepCount()).isZero();
            assertThat(s.layer().kind()).isEqualTo("BatchNorm2d");
            assertThat(s.step()).isTrue();
            assertThat(s.snapshot().lastN()).isEqualTo(2 * 4 * 4);

            s.configure(s.config().withKind(LayerKind.BATCH_NORM_3D));
            assertThat(s.batches().spatial()).containsExactly(2, 4, 4);
            assertThat(s.step()).isTrue();
            assertThat(s.snapshot().lastN()).isEqualTo(2 * 2 * 4 * 4);

            s.configure(s.config().withKind(LayerKind.BATCH_NORM_1D));
            assertThat(s.batches().spatial()).containsExactly(4);
            assertThat(s.step()).isTrue();
            assertThat(s.snapshot().lastN()).isEqualTo(2 * 4);
        }

        @Test
        void changingTheKindKeepsASpatialShapeItTakes() {
            // (N, C) fits BatchNorm1d only; a 1d (N, C, L) stays as it is when only C changes
            BatchSpec nc = Fixtures.normal(5, new int[0], 3, 0, 2);
            Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), nc, null);
            s.configure(s.config().withNumFeatures(4));
            assertThat(s.batches().spatial()).isEmpty();
            s.configure(s.config().withKind(LayerKind.BATCH_NORM_2D));
            assertThat(s.batches().spatial()).containsExactly(4, 4);
            s.setBatches(s.batches().withSpatial(new int[] {3, 5}));
            s.configure(s.config().withAffine(false));
            assertThat(s.batches().spatial()).as("the 2d shape fits the rebuilt 2d layer").containsExactly(3, 5);
        }

        @Test
        void changingAffineOrTrackingRebuilds() {
            Session s = Session.notebook();
            s.step();
            s.step();
            s.configure(s.config().withAffine(false));
            assertThat(s.stepCount()).isZero();
            assertThat(s.snapshot().weight()).isNull();
            assertThat(s.snapshot().bias()).isNull();
            assertThat(s.snapshot().history().steps()).isZero();
            assertThat(s.snapshot().notice()).contains("affine=False").contains("start again");

            s.step();
            s.configure(s.config().withTrackRunningStats(false));
            assertThat(s.stepCount()).isZero();
            assertThat(s.snapshot().runningMean()).isNull();
            assertThat(s.snapshot().runningVar()).isNull();
            assertThat(s.snapshot().history().steps()).isZero();
            assertThat(s.snapshot().notice()).contains("track_running_stats=False").contains("start again");
        }

        @Test
        void aRebuildRestartsTheComparisonToo() {
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 2, 0, 3),
                    Momentum.of(0.5));
            s.step();
            assertThat(s.snapshot().compareRunningMean()).doesNotContain(0f);
            s.configure(s.config().withNumFeatures(3));
            assertThat(s.snapshot().compareRunningMean()).containsExactly(0f, 0f, 0f);
            assertThat(s.snapshot().compareRunningVar()).containsExactly(1f, 1f, 1f);
            assertThat(s.snapshot().compareMomentum()).isEqualTo(Momentum.of(0.5));
        }
    }

    // =========================================================================================
    @Nested
    class CumulativeMomentum {

        @Test
        void runningMeanIsThePlainMeanOfTheBatchMeans() {
            checkCumulative(30, 41L);
        }
    }

    static LongStream tries25() {
        return Gen.tries(25);
    }

    /** Cumulative momentum on 1 to 40 steps of a generated batch stream. */
    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries25")
    void cumulativeRunningStatsArePlainMeansOfBatchStats(long trial) {
        Gen g = Gen.of(20240601L, trial);
        int steps = g.intIn(1, 40);
        long seed = g.anyLong();
        checkCumulative(steps, seed);
    }

    private static void checkCumulative(int steps, long seed) {
        BatchSpec spec = Fixtures.normal(8, new int[] {3}, 3, 0.05, seed);
        Session s = new Session(Fixtures.bn1d(3, Momentum.CUMULATIVE), spec, null);
        double[] sumMeans = new double[3];
        double[] sumVars = new double[3];
        for (int k = 1; k <= steps; k++) {
            assertThat(s.step()).isTrue();
            Tensor x = Fixtures.batch(spec, k, false);
            double[] m = Fixtures.means(x);
            double[] v = Fixtures.vars(x, true);
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.lastFactor()).isEqualTo(1.0 / k);
            assertThat(snap.numBatchesTracked()).isEqualTo(k);
            for (int c = 0; c < 3; c++) {
                sumMeans[c] += m[c];
                sumVars[c] += v[c];
                double expectedMean = sumMeans[c] / k;
                double expectedVar = sumVars[c] / k;
                assertThat((double) snap.runningMean()[c]).as("running_mean[%d] after %d", c, k)
                        .isCloseTo(expectedMean, within(2e-5 * (1 + Math.abs(expectedMean))));
                assertThat((double) snap.runningVar()[c]).as("running_var[%d] after %d", c, k)
                        .isCloseTo(expectedVar, within(2e-5 * (1 + expectedVar)));
            }
        }
    }

    // =========================================================================================
    @Nested
    class UntrackedStats {

        @Test
        void noRunningStatsAndEvalStillNormalizesWithTheBatch() {
            LayerConfig config = new LayerConfig(LayerKind.BATCH_NORM_1D, 3, 1e-5, Momentum.of(0.1), true, false);
            BatchSpec spec = Fixtures.normal(16, new int[] {4}, 3, 0.5, 9);
            Session s = new Session(config, spec, null);
            for (int t = 0; t < 3; t++) {
                assertThat(s.step()).isTrue();
            }
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.runningMean()).isNull();
            assertThat(snap.runningVar()).isNull();
            assertThat(snap.numBatchesTracked()).isZero();
            assertThat(snap.lastFactor()).isNaN();
            assertThat(snap.lastN()).isEqualTo(64);
            for (int i = 0; i < snap.history().steps(); i++) {
                for (int c = 0; c < 3; c++) {
                    assertThat(snap.history().valueAt(Stat.RUNNING_MEAN, c, (i) + 1)).isNaN();
                    assertThat(snap.history().valueAt(Stat.RUNNING_VAR, c, (i) + 1)).isNaN();
                    assertThat(snap.history().valueAt(Stat.BATCH_MEAN, c, (i) + 1)).isNotNaN();
                }
            }
            assertThat(Fixtures.lastEntry(s).text()).contains("running_mean = None\nrunning_var = None");

            s.setTraining(false);
            assertThat(s.step()).isTrue();
            snap = s.snapshot();
            Tensor x = Fixtures.batch(spec, 4, false);
            double[] mean = Fixtures.means(x);
            for (int c = 0; c < 3; c++) {
                ChannelHistogram out = snap.outputHistograms().get(c);
                assertThat(out.mean()).as("eval output mean, channel %d", c).isCloseTo(0.0, within(1e-5));
                assertThat(out.lo()).isLessThan(-0.5);
                assertThat(out.hi()).isGreaterThan(0.5);
                // the batch mean (with its drift), not the default running mean 0, is taken off
                assertThat(snap.inputHistograms().get(c).mean()).isCloseTo(mean[c], within(1e-4));
                assertThat(Math.abs(mean[c])).isGreaterThan(0.2);
            }
            assertThat(snap.numBatchesTracked()).isZero();
        }
    }

    // =========================================================================================
    @Nested
    class Comparison {

        @Test
        void theComparisonLayerTakesTheSameBatches() {
            BatchSpec spec = Fixtures.normal(8, new int[] {2}, 3, 0.2, 17);
            Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), spec, Momentum.CUMULATIVE);
            BatchNorm ema = new BatchNorm1d(3, 1e-5, Momentum.of(0.1), true, true);
            BatchNorm cumulative = new BatchNorm1d(3, 1e-5, Momentum.CUMULATIVE, true, true);
            BatchSource source = new BatchSource(spec);
            int steps = 40;
            for (int t = 1; t <= steps; t++) {
                assertThat(s.step()).isTrue();
                Tensor x = source.batch(t, false);
                ema.forward(x);
                cumulative.forward(x);
                SessionSnapshot snap = s.snapshot();
                assertThat(snap.runningMean()).containsExactly(ema.runningMean());
                assertThat(snap.runningVar()).containsExactly(ema.runningVar());
                assertThat(snap.compareRunningMean()).containsExactly(cumulative.runningMean());
                assertThat(snap.compareRunningVar()).containsExactly(cumulative.runningVar());
            }
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.compareMomentum()).isEqualTo(Momentum.CUMULATIVE);
            SessionHistory h = snap.history();
            assertThat(h.steps()).isEqualTo(steps);
            for (int c = 0; c < 3; c++) {
                // on drifting data the cumulative mean lags far behind the EMA
                float last = h.valueAt(Stat.RUNNING_MEAN, c, (steps - 1) + 1);
                float lastCompare = h.valueAt(Stat.COMPARE_MEAN, c, (steps - 1) + 1);
                assertThat(lastCompare).isEqualTo(cumulative.runningMean()[c]);
                assertThat(last).isEqualTo(ema.runningMean()[c]);
                assertThat(last - lastCompare).as("channel %d", c).isGreaterThan(1f);
                assertThat(h.valueAt(Stat.COMPARE_VAR, c, (steps - 1) + 1)).isEqualTo(cumulative.runningVar()[c]);
            }
            assertThat(Fixtures.lastEntry(s).text()).contains("\ncompare (momentum=None): running_mean = tensor([");
            assertThat(Fixtures.lastEntry(s).text()).contains("\ncompare (momentum=None): running_var = tensor([");
        }

        @Test
        void historyRowsHoldTheComparisonOfThatStep() {
            BatchSpec spec = Fixtures.normal(4, new int[] {3}, 2, 0.1, 5);
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), spec, Momentum.of(0.9));
            BatchNorm other = new BatchNorm1d(2, 1e-5, Momentum.of(0.9), true, true);
            List<float[]> expected = new ArrayList<>();
            for (int t = 1; t <= 10; t++) {
                s.step();
                other.forward(Fixtures.batch(spec, t, false));
                expected.add(other.runningMean());
            }
            SessionHistory h = s.snapshot().history();
            for (int i = 0; i < 10; i++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(h.valueAt(Stat.COMPARE_MEAN, c, (i) + 1)).isEqualTo(expected.get(i)[c]);
                }
            }
        }

        @Test
        void setCompareMomentumStartsFromFreshStatsAndNullRemovesIt() {
            BatchSpec spec = Fixtures.normal(4, new int[] {3}, 2, 0, 5);
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), spec, null);
            for (int t = 0; t < 5; t++) {
                s.step();
            }
            assertThat(s.snapshot().compareRunningMean()).isNull();
            assertThat(s.snapshot().history().valueAt(Stat.COMPARE_MEAN, 0, (4) + 1)).isNaN();

            s.setCompareMomentum(Momentum.of(0.5));
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.compareMomentum()).isEqualTo(Momentum.of(0.5));
            assertThat(snap.compareRunningMean()).containsExactly(0f, 0f);
            assertThat(snap.compareRunningVar()).containsExactly(1f, 1f);
            assertThat(snap.notice()).contains("momentum=0.5");
            assertThat(snap.step()).isEqualTo(5);

            s.step();
            double[] m = Fixtures.means(Fixtures.batch(spec, 6, false));
            for (int c = 0; c < 2; c++) {
                assertThat(s.snapshot().compareRunningMean()[c]).isCloseTo((float) (0.5 * m[c]), within(1e-6f));
                assertThat(s.snapshot().history().valueAt(Stat.COMPARE_MEAN, c, (5) + 1))
                        .isEqualTo(s.snapshot().compareRunningMean()[c]);
            }

            s.setCompareMomentum(null);
            assertThat(s.snapshot().compareMomentum()).isNull();
            assertThat(s.snapshot().compareRunningMean()).isNull();
            assertThat(s.snapshot().notice()).isEqualTo("No comparison layer.");
            s.step();
            assertThat(s.snapshot().history().valueAt(Stat.COMPARE_MEAN, 0, (6) + 1)).isNaN();
        }
    }

    // =========================================================================================
    @Nested
    class AffineParameters {

        @Test
        void weightAndBiasChangeTheOutputAffinely() {
            BatchSpec spec = Fixtures.normal(6, new int[] {5}, 3, 0, 23);
            Session plain = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), spec, null);
            Session scaled = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), spec, null);
            scaled.setWeight(1, 2.5f);
            scaled.setBias(1, -3f);
            scaled.setWeight(2, -1f);
            assertThat(scaled.snapshot().weight()).containsExactly(1f, 2.5f, -1f);
            assertThat(scaled.snapshot().bias()).containsExactly(0f, -3f, 0f);
            assertThat(Fixtures.lastEntry(scaled).text()).isEqualTo(">>> layer.weight.data[2] = -1.0");
            assertThat(scaled.console().since(0)).extracting(ConsoleLog.Entry::text)
                    .contains(">>> layer.weight.data[1] = 2.5", ">>> layer.bias.data[1] = -3.0");

            for (int round = 0; round < 2; round++) {
                plain.step();
                scaled.step();
                List<ChannelHistogram> y = plain.snapshot().outputHistograms();
                List<ChannelHistogram> z = scaled.snapshot().outputHistograms();
                assertThat(z.get(0).lo()).isEqualTo(y.get(0).lo());
                assertThat(z.get(0).hi()).isEqualTo(y.get(0).hi());
                assertThat(z.get(1).lo()).isCloseTo(2.5 * y.get(1).lo() - 3, within(1e-5));
                assertThat(z.get(1).hi()).isCloseTo(2.5 * y.get(1).hi() - 3, within(1e-5));
                assertThat(z.get(1).mean()).isCloseTo(2.5 * y.get(1).mean() - 3, within(1e-5));
                if (round == 0) {
                    assertThat(z.get(1).mean()).as("train: the output mean is the bias").isCloseTo(-3, within(1e-5));
                }
                assertThat(z.get(2).lo()).isCloseTo(-y.get(2).hi(), within(1e-6));
                assertThat(z.get(2).hi()).isCloseTo(-y.get(2).lo(), within(1e-6));
                // the running stats do not depend on the affine parameters
                assertThat(scaled.snapshot().runningMean()).containsExactly(plain.snapshot().runningMean());
                plain.setTraining(false);
                scaled.setTraining(false);
            }
        }

        @Test
        void theComparisonLayerFollowsTheParameters() {
            BatchSpec spec = Fixtures.normal(6, new int[] {5}, 2, 0, 23);
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), spec, Momentum.of(0.3));
            s.setWeight(0, 4f);
            s.setBias(1, 2f);
            // weight and bias do not change the stats; the comparison still sees the same batches
            s.step();
            assertThat(s.snapshot().weight()).containsExactly(4f, 1f);
            assertThat(s.snapshot().bias()).containsExactly(0f, 2f);
            double[] m = Fixtures.means(Fixtures.batch(spec, 1, false));
            assertThat(s.snapshot().compareRunningMean()[0]).isCloseTo((float) (0.3 * m[0]), within(1e-6f));
        }

        @Test
        void anEditForAChannelTheLayerNoLongerHasIsDroppedWithANote() {
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 2, 0, 1), null);
            s.setWeight(5, 3f);
            assertThat(Fixtures.lastEntry(s).text())
                    .isEqualTo("The edit of weight[5] was dropped: the layer has 2 channels now.");
            s.setBias(-1, 3f);
            assertThat(Fixtures.lastEntry(s).text())
                    .isEqualTo("The edit of bias[-1] was dropped: the layer has 2 channels now.");
            assertThat(s.snapshot().weight()).containsExactly(1f, 1f);
            assertThat(s.snapshot().bias()).containsExactly(0f, 0f);
        }

        @Test
        void withoutAffineThereIsNoWeightOrBias() {
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)).withAffine(false),
                    Fixtures.normal(4, new int[] {2}, 2, 0, 1), null);
            // an edit queued before affine went off is dropped with a note, not an exception
            s.setWeight(0, 2f);
            assertThat(Fixtures.lastEntry(s).text())
                    .isEqualTo("The edit of weight[0] was dropped: the layer has no weight now (affine=False).");
            s.setBias(1, 2f);
            assertThat(Fixtures.lastEntry(s).text())
                    .isEqualTo("The edit of bias[1] was dropped: the layer has no bias now (affine=False).");
            assertThat(s.snapshot().weight()).isNull();
            assertThat(s.snapshot().bias()).isNull();
            s.step();
            assertThat(Fixtures.lastEntry(s).text()).doesNotContain("grad_fn");
        }
    }

    // =========================================================================================
    @Nested
    class Outliers {

        @Test
        void theNextStepIsShiftedAndTheOneAfterIsNormal() {
            List<ChannelSource> sources = List.of(new ChannelSource.Normal(1, 2), new ChannelSource.Constant(-3),
                    new ChannelSource.Uniform(0, 0.5));
            BatchSpec spec = new BatchSpec(8, new int[] {4}, sources, 0, 99, true);
            Session s = new Session(Fixtures.bn1d(3, Momentum.of(0.1)), spec, null);
            BatchSource source = new BatchSource(spec);
            s.step();
            assertThat(s.snapshot().outlierQueued()).isFalse();

            long version = s.version();
            s.queueOutlier();
            assertThat(s.version()).isGreaterThan(version);
            assertThat(s.snapshot().outlierQueued()).isTrue();
            assertThat(s.snapshot().notice()).contains("outlier");

            s.step();
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.outlierQueued()).isFalse();
            double[] normal = Fixtures.means(source.batch(2, false));
            double[] shifted = Fixtures.means(source.batch(2, true));
            assertThat(source.outlierShift(0)).isEqualTo(20.0);
            assertThat(source.outlierShift(1)).isEqualTo(10.0);
            assertThat(source.outlierShift(2)).isEqualTo(10.0);
            for (int c = 0; c < 3; c++) {
                assertThat(snap.batchMean()[c]).isEqualTo((float) shifted[c]);
                assertThat((double) snap.batchMean()[c]).isCloseTo(normal[c] + source.outlierShift(c), within(1e-4));
                assertThat(snap.history().valueAt(Stat.BATCH_MEAN, c, (1) + 1)).isEqualTo(snap.batchMean()[c]);
                // the true mean is the distribution's, without the outlier's shift
                assertThat(snap.history().valueAt(Stat.TRUE_MEAN, c, (1) + 1)).isEqualTo((float) sources.get(c).mean());
            }

            s.step();
            snap = s.snapshot();
            double[] third = Fixtures.means(source.batch(3, false));
            for (int c = 0; c < 3; c++) {
                assertThat(snap.batchMean()[c]).isEqualTo((float) third[c]);
            }
            assertThat(snap.outlierQueued()).isFalse();
        }
    }

    // =========================================================================================
    @Nested
    class Resets {

        @Test
        void resetRunningStatsKeepsHistoryAndSteps() {
            BatchSpec spec = Fixtures.normal(4, new int[] {3}, 2, 0, 8);
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), spec, Momentum.of(0.5));
            s.setWeight(0, 2f);
            for (int t = 0; t < 5; t++) {
                s.step();
            }
            s.resetRunningStats();
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.step()).isEqualTo(5);
            assertThat(snap.history().steps()).isEqualTo(5);
            assertThat(snap.runningMean()).containsOnly(0f);
            assertThat(snap.runningVar()).containsOnly(1f);
            assertThat(snap.compareRunningMean()).containsOnly(0f);
            assertThat(snap.compareRunningVar()).containsOnly(1f);
            assertThat(snap.numBatchesTracked()).isZero();
            assertThat(snap.weight()).containsExactly(2f, 1f);
            assertThat(Fixtures.lastEntry(s).text()).startsWith(">>> layer.reset_running_stats()\n");
            assertThat(snap.notice()).contains("reset");

            s.step();
            snap = s.snapshot();
            assertThat(snap.step()).isEqualTo(6);
            assertThat(snap.history().steps()).isEqualTo(6);
            assertThat(snap.numBatchesTracked()).isEqualTo(1);
            double[] m = Fixtures.means(Fixtures.batch(spec, 6, false));
            for (int c = 0; c < 2; c++) {
                assertThat(snap.runningMean()[c]).isCloseTo((float) (0.1 * m[c]), within(1e-6f));
                assertThat(snap.history().valueAt(Stat.RUNNING_MEAN, c, (5) + 1)).isEqualTo(snap.runningMean()[c]);
            }
        }

        @Test
        void resetLayerClearsEverything() {
            BatchSpec spec = Fixtures.normal(4, new int[] {3}, 2, 0, 8);
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), spec, Momentum.of(0.5));
            s.setWeight(0, 2f);
            s.setBias(1, 5f);
            s.step();
            float[] firstMean = s.snapshot().batchMean();
            for (int t = 0; t < 4; t++) {
                s.step();
            }
            s.queueOutlier();

            s.resetLayer();

            SessionSnapshot snap = s.snapshot();
            assertThat(snap.step()).isZero();
            assertThat(snap.history().steps()).isZero();
            assertThat(snap.numBatchesTracked()).isZero();
            assertThat(snap.runningMean()).containsOnly(0f);
            assertThat(snap.runningVar()).containsOnly(1f);
            assertThat(snap.compareRunningMean()).containsOnly(0f);
            assertThat(snap.weight()).containsOnly(1f);
            assertThat(snap.bias()).containsOnly(0f);
            assertThat(snap.batchMean()).isNull();
            assertThat(snap.inputHistograms()).isEmpty();
            assertThat(snap.outlierQueued()).isFalse();
            assertThat(snap.batches()).isEqualTo(spec);
            assertThat(snap.compareMomentum()).isEqualTo(Momentum.of(0.5));
            assertThat(snap.notice()).contains("everything starts again");
            assertThat(Fixtures.lastEntry(s).text()).startsWith(">>> layer = nn.BatchNorm1d(2,")
                    .contains("everything starts again");

            // the batches start again too: step 1's batch
            s.step();
            assertThat(s.snapshot().batchMean()).containsExactly(firstMean);
        }

        @Test
        void loadStartsOverWithAPreset() {
            Session s = Session.notebook();
            s.step();
            LayerConfig config = new LayerConfig(LayerKind.BATCH_NORM_2D, 3, 1e-3, Momentum.of(0.2), false, true);
            BatchSpec spec = Fixtures.normal(2, new int[] {3, 3}, 3, 0, 4);
            s.load(config, spec, Momentum.CUMULATIVE, false);

            assertThat(s.config()).isEqualTo(config);
            assertThat(s.batches()).isEqualTo(spec);
            assertThat(s.isTraining()).isFalse();
            assertThat(s.layer().isTraining()).isFalse();
            assertThat(s.stepCount()).isZero();
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.compareMomentum()).isEqualTo(Momentum.CUMULATIVE);
            assertThat(snap.history().steps()).isZero();
            assertThat(snap.weight()).isNull();
            assertThat(snap.notice()).contains("BatchNorm2d(3").contains("eval");
            assertThat(Fixtures.lastEntry(s).text()).startsWith(">>> layer = nn.BatchNorm2d(3, eps=0.001, momentum=0.2,")
                    .contains("\n>>> layer.eval()").contains("momentum=None");

            s.step();
            assertThat(s.snapshot().numBatchesTracked()).isZero();
            assertThat(s.snapshot().runningMean()).containsOnly(0f);
        }

        @Test
        void loadRefusesBatchesThatDoNotFitAndChangesNothing() {
            Session s = Session.notebook();
            s.step();
            long version = s.version();
            LayerConfig config = new LayerConfig(LayerKind.BATCH_NORM_2D, 3, 1e-3, Momentum.of(0.2), false, true);
            assertThatThrownBy(() -> s.load(config, Fixtures.normal(2, new int[] {3}, 3, 0, 4), null, true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(s.config()).isEqualTo(LayerConfig.notebook());
            assertThat(s.stepCount()).isEqualTo(1);
            assertThat(s.version()).isEqualTo(version);
        }
    }

    // =========================================================================================
    @Nested
    class SetBatches {

        @Test
        void wrongChannelCountIsRefusedAndNothingChanges() {
            Session s = Session.notebook();
            s.step();
            BatchSpec before = s.batches();
            long version = s.version();
            long seq = s.console().lastSeq();

            assertThatThrownBy(() -> s.setBatches(BatchSpec.ones(5))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("5 channels").hasMessageContaining("4");

            assertThat(s.batches()).isEqualTo(before);
            assertThat(s.version()).isEqualTo(version);
            assertThat(s.console().lastSeq()).isEqualTo(seq);
            assertThat(s.step()).isTrue();
            assertThat(s.snapshot().inputHistograms()).hasSize(4);
        }

        @Test
        void aShapeTheKindRefusesIsRefusedAndNothingChanges() {
            Session s = Session.notebook();
            BatchSpec before = s.batches();
            long version = s.version();
            assertThatThrownBy(() -> s.setBatches(BatchSpec.ones(4).withSpatial(new int[] {2, 2})))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("BatchNorm1d");
            assertThat(s.batches()).isEqualTo(before);
            assertThat(s.version()).isEqualTo(version);

            Session s2 = new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 2, 1e-5, Momentum.DEFAULT, true, true),
                    Fixtures.normal(2, new int[] {2, 2}, 2, 0, 1), null);
            for (int[] bad : new int[][] {{}, {4}, {2, 2, 2}}) {
                assertThatThrownBy(() -> s2.setBatches(Fixtures.normal(2, bad, 2, 0, 1)))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(s2.batches().spatial()).containsExactly(2, 2);
        }

        @Test
        void theConstructorRefusesBatchesThatDoNotFit() {
            assertThatThrownBy(() -> new Session(LayerConfig.notebook(), BatchSpec.ones(3), null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Session(LayerConfig.notebook(),
                    BatchSpec.ones(4).withSpatial(new int[] {1, 1, 1}), null))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void aFittingSpecAppliesFromTheNextStep() {
            Session s = Session.notebook();
            s.step();
            long version = s.version();
            BatchSpec wide = Fixtures.normal(3, new int[] {7}, 4, 0, 2);
            s.setBatches(wide);
            assertThat(s.version()).isGreaterThan(version);
            assertThat(s.batches()).isEqualTo(wide);
            assertThat(s.snapshot().lastN()).as("the last step was the old batch").isEqualTo(2);
            s.step();
            assertThat(s.snapshot().lastN()).isEqualTo(21);
            // step 2 of the new spec
            assertThat(s.snapshot().batchMean()[3]).isEqualTo((float) Fixtures.means(Fixtures.batch(wide, 2, false))[3]);

            s.setBatches(Fixtures.normal(3, new int[0], 4, 0, 2));
            s.step();
            assertThat(s.snapshot().lastN()).isEqualTo(3);
        }
    }

    // =========================================================================================
    @Nested
    class Snapshots {

        @Test
        void histogramsCountEveryValueBetweenTheMinAndMax() {
            List<ChannelSource> sources = List.of(new ChannelSource.Uniform(-1, 1), new ChannelSource.Normal(5, 3),
                    new ChannelSource.Uniform(10, 10.5));
            BatchSpec spec = new BatchSpec(5, new int[] {3, 2}, sources, 0, 31, true);
            Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 3, 1e-5, Momentum.DEFAULT, true, true),
                    spec, null);
            s.step();
            SessionSnapshot snap = s.snapshot();
            Tensor x = Fixtures.batch(spec, 1, false);
            assertThat(snap.inputHistograms()).hasSize(3);
            assertThat(snap.outputHistograms()).hasSize(3);
            for (int c = 0; c < 3; c++) {
                double[] values = Fixtures.channel(x, c);
                ChannelHistogram in = snap.inputHistograms().get(c);
                assertThat(in.total()).isEqualTo(5 * 3 * 2);
                assertThat(in.counts()).hasSize(Session.HISTOGRAM_BINS);
                assertThat(in.nonFinite()).isZero();
                assertThat(in.lo()).isEqualTo(Fixtures.min(values));
                assertThat(in.hi()).isEqualTo(Fixtures.max(values));
                assertThat(in.mean()).isCloseTo(Fixtures.mean(values), within(1e-9));
                assertThat(in.counts()[0]).isPositive();
                assertThat(in.counts()[Session.HISTOGRAM_BINS - 1]).isPositive();

                ChannelHistogram out = snap.outputHistograms().get(c);
                assertThat(out.total()).isEqualTo(30);
                assertThat(out.mean()).isCloseTo(0, within(1e-5));
                // the normalization is affine and increasing: the extremes map to the extremes
                double invstd = 1 / Math.sqrt(Fixtures.vars(x, false)[c] + 1e-5);
                assertThat(out.lo()).isCloseTo((in.lo() - Fixtures.mean(values)) * invstd, within(1e-4));
                assertThat(out.hi()).isCloseTo((in.hi() - Fixtures.mean(values)) * invstd, within(1e-4));
                // and keeps the shape of the histogram
                assertThat(out.counts()).containsExactly(in.counts());
                // the batch statistics in the snapshot
                assertThat((double) snap.batchMean()[c]).isCloseTo(Fixtures.mean(values), within(1e-5));
                assertThat((double) snap.batchVar()[c]).isCloseTo(Fixtures.vars(x, false)[c],
                        within(1e-5 * (1 + Fixtures.vars(x, false)[c])));
            }
        }

        @Test
        void constantInputGivesOneBin() {
            List<ChannelSource> sources = List.of(new ChannelSource.Constant(0.3), new ChannelSource.Constant(-2));
            BatchSpec spec = new BatchSpec(3, new int[] {2, 2}, sources, 0, 1, true);
            Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 2, 1e-5, Momentum.DEFAULT, true, true),
                    spec, null);
            s.step();
            for (int c = 0; c < 2; c++) {
                ChannelHistogram in = s.snapshot().inputHistograms().get(c);
                assertThat(in.counts()).containsExactly(12);
                assertThat(in.lo()).isEqualTo(in.hi()).isEqualTo((double) (float) sources.get(c).mean());
                assertThat(in.total()).isEqualTo(12);
                ChannelHistogram out = s.snapshot().outputHistograms().get(c);
                assertThat(out.counts()).containsExactly(12);
                assertThat(out.lo()).isCloseTo(0, within(1e-5));
            }
        }

        @Test
        void trueMeanIncludesTheDrift() {
            List<ChannelSource> sources = List.of(new ChannelSource.Normal(1, 2), new ChannelSource.Uniform(0, 6));
            BatchSpec spec = new BatchSpec(4, new int[] {3}, sources, 0.25, 3, true);
            Session s = new Session(Fixtures.bn1d(2, Momentum.DEFAULT), spec, null);
            SessionSnapshot before = s.snapshot();
            assertThat(before.trueMean()).containsExactly(1.0, 3.0);
            assertThat(before.trueVar()).containsExactly(4.0, 3.0);
            for (int t = 0; t < 3; t++) {
                s.step();
            }
            SessionSnapshot snap = s.snapshot();
            assertThat(snap.trueMean()).containsExactly(1.5, 3.5);
            assertThat(snap.trueVar()).containsExactly(4.0, 3.0);
            for (int i = 0; i < 3; i++) {
                assertThat(snap.history().valueAt(Stat.TRUE_MEAN, 0, (i) + 1)).isEqualTo((float) (1 + 0.25 * i));
                assertThat(snap.history().valueAt(Stat.TRUE_MEAN, 1, (i) + 1)).isEqualTo((float) (3 + 0.25 * i));
                assertThat(snap.history().valueAt(Stat.TRUE_VAR, 1, (i) + 1)).isEqualTo(3f);
            }
        }

        @Test
        void versionGrowsWithEveryChange() {
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 4, 0, 1),
                    null);
            List<Runnable> changes = List.of(
                    s::step,
                    () -> s.setTraining(false),
                    s::step,
                    () -> s.setTraining(true),
                    () -> s.configure(s.config().withEps(0.5)),
                    () -> s.configure(s.config().withMomentum(Momentum.CUMULATIVE)),
                    () -> s.setWeight(1, 3f),
                    () -> s.setBias(2, 1f),
                    s::queueOutlier,
                    s::step,
                    () -> s.setCompareMomentum(Momentum.of(0.9)),
                    s::resetRunningStats,
                    () -> s.setBatches(oneRowOf4()),
                    s::step, // refused
                    () -> s.setBatches(Fixtures.normal(4, new int[] {2}, 4, 0, 1)),
                    s::resetLayer,
                    () -> s.configure(s.config().withNumFeatures(4).withKind(LayerKind.BATCH_NORM_3D)),
                    () -> s.load(LayerConfig.notebook(), BatchSpec.ones(4), null, true));
            long version = s.version();
            assertThat(s.snapshot().version()).isEqualTo(version);
            for (int i = 0; i < changes.size(); i++) {
                changes.get(i).run();
                assertThat(s.version()).as("change %d", i).isGreaterThan(version);
                assertThat(s.snapshot().version()).isEqualTo(s.version());
                version = s.version();
            }
            // reading changes nothing
            s.snapshot();
            s.refusal();
            assertThat(s.version()).isEqualTo(version);
        }

        @Test
        void noticesAreForNotableChangesOnly() {
            Session s = new Session(Fixtures.bn1d(4, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 4, 0, 1),
                    null);
            SessionSnapshot start = s.snapshot();
            assertThat(start.notice()).isNull();
            long id = start.noticeId();

            // plain commands: echoed in the console, no banner
            s.step();
            s.setTraining(false);
            s.setTraining(true);
            s.configure(s.config().withEps(0.1).withMomentum(Momentum.of(0.2)));
            s.setWeight(0, 2f);
            s.setBias(0, 1f);
            s.setBatches(Fixtures.normal(4, new int[] {3}, 4, 0, 1));
            assertThat(s.snapshot().noticeId()).isEqualTo(id);
            assertThat(s.snapshot().notice()).isNull();

            // notable ones: each a new notice, even with the same text
            List<Runnable> notable = List.of(s::queueOutlier, s::queueOutlier, s::resetRunningStats,
                    () -> s.setCompareMomentum(Momentum.CUMULATIVE), s::resetLayer,
                    () -> s.configure(s.config().withNumFeatures(3)),
                    () -> s.load(LayerConfig.notebook(), BatchSpec.ones(4), null, false));
            for (Runnable r : notable) {
                r.run();
                SessionSnapshot snap = s.snapshot();
                assertThat(snap.noticeId()).isGreaterThan(id);
                assertThat(snap.notice()).isNotBlank();
                id = snap.noticeId();
            }
            assertThat(s.snapshot().notice()).contains("eval");
        }

        @Test
        void aSnapshotIsACopy() {
            Session s = new Session(Fixtures.bn1d(2, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 2, 0, 1),
                    Momentum.of(0.5));
            s.step();
            SessionSnapshot snap = s.snapshot();
            float[] mean = snap.runningMean().clone();
            float[] weight = snap.weight().clone();
            float[] batchMean = snap.batchMean().clone();
            float[] compare = snap.compareRunningMean().clone();
            long historySize = snap.history().steps();
            float firstRow = snap.history().valueAt(Stat.RUNNING_MEAN, 0, (0) + 1);

            snap.runningMean()[0] = 42f;
            snap.weight()[0] = 42f;
            snap.batchMean()[0] = 42f;
            snap.compareRunningMean()[0] = 42f;
            assertThat(s.layer().runningMean()).containsExactly(mean);
            assertThat(s.layer().weight()).containsExactly(weight);
            assertThat(s.snapshot().batchMean()).containsExactly(batchMean);
            assertThat(s.snapshot().compareRunningMean()).containsExactly(compare);

            for (int t = 0; t < 10; t++) {
                s.step();
            }
            s.setWeight(0, 7f);
            assertThat(snap.step()).isEqualTo(1);
            assertThat(snap.weight()[0]).isEqualTo(42f); // our own write, nobody else's
            // the history is the session's own, shared by every snapshot: it grows, but what it recorded stays
            assertThat(snap.history().steps()).isEqualTo(historySize + 10);
            assertThat(snap.history().valueAt(Stat.RUNNING_MEAN, 0, (0) + 1)).isEqualTo(firstRow);
        }

        @Test
        void theConsoleKeepsItsLastEntries() {
            Session s = Session.notebook();
            for (int t = 0; t < Session.CONSOLE_ENTRIES + 50; t++) {
                s.step();
            }
            List<ConsoleLog.Entry> all = s.console().since(0);
            assertThat(all).hasSize(Session.CONSOLE_ENTRIES);
            assertThat(s.console().lastSeq()).isEqualTo(Session.CONSOLE_ENTRIES + 51);
            assertThat(all.get(all.size() - 1).text()).startsWith("step " + (Session.CONSOLE_ENTRIES + 50) + " ·");
        }

        @Test
        void aLongRunKeepsTheLastStepsExactlyAndTheOlderOnesAsBucketMeans() {
            Session s = Session.notebook();
            int exact = s.history().exactSteps();
            int steps = exact + 100;
            double[] mean = new double[steps + 1];
            float[] torch = new float[steps + 1];
            for (int t = 1; t <= steps; t++) {
                s.stepQuietly();
                torch[t] = s.layer().runningMean()[0];
                mean[t] = torch[t];
            }
            SessionHistory h = s.snapshot().history();
            assertThat(h.steps()).isEqualTo(steps);
            assertThat(h.exactFrom()).isEqualTo(steps - exact + 1);
            for (long t = h.exactFrom(); t <= steps; t++) {
                assertThat(h.valueAt(Stat.RUNNING_MEAN, 0, t)).isEqualTo(torch[(int) t]);
            }
            long[] bucket = h.bucketAt(3);
            assertThat(bucket[0]).isEqualTo(1);
            assertThat(bucket[1]).isGreaterThan(3);
            double sum = 0;
            for (long t = bucket[0]; t <= bucket[1]; t++) {
                sum += mean[(int) t];
            }
            assertThat(h.valueAt(Stat.RUNNING_MEAN, 0, 3))
                    .isCloseTo((float) (sum / (bucket[1] - bucket[0] + 1)), within(1e-6f));
        }
    }

    // =========================================================================================
    @Nested
    class Configs {

        @Test
        void layerConfigValidatesItsArguments() {
            assertThatThrownBy(() -> new LayerConfig(LayerKind.BATCH_NORM_1D, 0, 1e-5, Momentum.DEFAULT, true, true))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LayerConfig(LayerKind.BATCH_NORM_1D, LayerConfig.MAX_FEATURES + 1, 1e-5,
                    Momentum.DEFAULT, true, true)).isInstanceOf(IllegalArgumentException.class);
            for (double eps : new double[] {-1e-5, Double.NaN, Double.POSITIVE_INFINITY}) {
                assertThatThrownBy(() -> new LayerConfig(LayerKind.BATCH_NORM_1D, 2, eps, Momentum.DEFAULT, true, true))
                        .isInstanceOf(IllegalArgumentException.class);
            }
            assertThatThrownBy(() -> new LayerConfig(null, 2, 0, Momentum.DEFAULT, true, true))
                    .isInstanceOf(NullPointerException.class);
            assertThatThrownBy(() -> new LayerConfig(LayerKind.BATCH_NORM_1D, 2, 0, null, true, true))
                    .isInstanceOf(NullPointerException.class);
            new LayerConfig(LayerKind.BATCH_NORM_3D, LayerConfig.MAX_FEATURES, 0, Momentum.CUMULATIVE, false, false);
        }

        @Test
        void onlyConstructorArgumentsNeedARebuild() {
            LayerConfig c = LayerConfig.notebook();
            assertThat(c.needsRebuildFor(c.withEps(0.1))).isFalse();
            assertThat(c.needsRebuildFor(c.withMomentum(Momentum.CUMULATIVE))).isFalse();
            assertThat(c.needsRebuildFor(c.withKind(LayerKind.BATCH_NORM_2D))).isTrue();
            assertThat(c.needsRebuildFor(c.withNumFeatures(5))).isTrue();
            assertThat(c.needsRebuildFor(c.withAffine(false))).isTrue();
            assertThat(c.needsRebuildFor(c.withTrackRunningStats(false))).isTrue();
        }

        @ParameterizedTest
        @EnumSource(value = LayerKind.class, names = {"BATCH_NORM_1D", "BATCH_NORM_2D", "BATCH_NORM_3D"})
        void buildMakesThePyTorchLayer(LayerKind kind) {
            LayerConfig c = new LayerConfig(kind, 3, 1e-3, Momentum.of(0.2), false, true);
            BatchNorm layer = (BatchNorm) c.build(new int[] {4});
            assertThat(layer.kind()).isEqualTo(kind.torchName());
            assertThat(layer.numFeatures()).isEqualTo(3);
            assertThat(layer.eps()).isEqualTo(1e-3);
            assertThat(layer.momentum()).isEqualTo(Momentum.of(0.2));
            assertThat(layer.affine()).isFalse();
            assertThat(layer.trackRunningStats()).isTrue();
            assertThat(layer.isTraining()).isTrue();
            assertThat(LayerKind.ofTorchName(kind.torchName())).isEqualTo(kind);
            assertThat(kind.accepts(Session.defaultSpatial(kind))).isTrue();
            assertThat(kind.spatialNames()).hasSize(Session.defaultSpatial(kind).length);
        }

        @Test
        void kindsAcceptTheirShapes() {
            assertThat(LayerKind.BATCH_NORM_1D.accepts(new int[0])).isTrue();
            assertThat(LayerKind.BATCH_NORM_1D.accepts(new int[] {5})).isTrue();
            assertThat(LayerKind.BATCH_NORM_1D.accepts(new int[] {5, 5})).isFalse();
            assertThat(LayerKind.BATCH_NORM_2D.accepts(new int[0])).isFalse();
            assertThat(LayerKind.BATCH_NORM_2D.accepts(new int[] {5})).isFalse();
            assertThat(LayerKind.BATCH_NORM_2D.accepts(new int[] {5, 5})).isTrue();
            assertThat(LayerKind.BATCH_NORM_3D.accepts(new int[] {5, 5})).isFalse();
            assertThat(LayerKind.BATCH_NORM_3D.accepts(new int[] {1, 5, 5})).isTrue();
            assertThat(LayerKind.INSTANCE_NORM_1D.accepts(new int[0])).isFalse();
            assertThat(LayerKind.INSTANCE_NORM_2D.accepts(new int[] {5, 5})).isTrue();
            for (int rank = 0; rank <= 3; rank++) {
                assertThat(LayerKind.LAYER_NORM.accepts(new int[rank])).isTrue();
                assertThat(LayerKind.GROUP_NORM.accepts(new int[rank])).isTrue();
            }
            assertThat(LayerKind.GROUP_NORM.accepts(new int[4])).isFalse();
            assertThat(LayerKind.ofTorchName("LayerNorm")).isEqualTo(LayerKind.LAYER_NORM);
            assertThatThrownBy(() -> LayerKind.ofTorchName("LayerNorm2d")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
