package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.SessionSnapshot;

/** The main view model with no screen: the notebook story, mode, banner, playing, fonts, presets. */
class MainViewModelTest {

    private static final String N1_REFUSAL = "ValueError: Expected more than 1 value per channel when training, "
            + "got input size torch.Size([1, 4])";

    private Vm m;
    private MainViewModel vm;

    @BeforeEach
    void open() {
        m = new Vm();
        vm = m.vm;
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** The test plays at a pace: on a clock and a thread it drives ({@link Vm#manual()}) instead of the app's. */
    private void onTheManualClock() {
        m.close();
        m = Vm.manual();
        vm = m.vm;
    }

    @Test
    void opensOnTheNotebookPreset() {
        Preset notebook = PresetLibrary.builtIn().get(0);
        assertThat(vm.presetProperty().get()).isSameAs(notebook);
        assertThat(notebook.name()).startsWith("Notebook");
        SessionSnapshot s = m.snap();
        assertThat(s.layer()).isEqualTo(LayerConfig.notebook());
        assertThat(s.batches().shape()).containsExactly(2, 4, 1);
        assertThat(s.step()).isZero();
        assertThat(s.training()).isTrue();
        assertThat(vm.stepCountProperty().get()).isZero();
        assertThat(vm.layer().kindProperty().get()).isEqualTo(LayerKind.BATCH_NORM_1D);
        assertThat(vm.layer().numFeatures().textProperty().get()).isEqualTo("4");
        assertThat(vm.layer().eps().textProperty().get()).isEqualTo("0.0");
        assertThat(vm.layer().momentum().textProperty().get()).isEqualTo("0.3");
        assertThat(vm.layer().momentumNoneProperty().get()).isFalse();
        assertThat(vm.layer().parameters()).hasSize(4);
        assertThat(vm.status().modeProperty().get()).isEqualTo("mode: train");
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor: none yet");
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.presets()).hasSize(PresetLibrary.builtIn().size());
    }

    @Test
    void withoutPresetsOpensOnTheNotebookSession() {
        try (Vm none = new Vm(List.of())) {
            assertThat(none.vm.presetProperty().get()).isNull();
            assertThat(none.snap().layer()).isEqualTo(LayerConfig.notebook());
            none.vm.step(4);
            none.settle();
            Vm.assertAll(none.snap().runningMean(), 0.7599f, 1e-4);
        }
    }

    @Test
    void fourStepsGiveTheNotebooksRunningStats() {
        for (int i = 0; i < 4; i++) {
            vm.step();
        }
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.step()).isEqualTo(4);
        assertThat(vm.stepCountProperty().get()).isEqualTo(4);
        assertThat(s.runningMean()).hasSize(4);
        Vm.assertAll(s.runningMean(), 0.7599f, 1e-4);
        Vm.assertAll(s.runningVar(), 0.2401f, 1e-4);
        assertThat(s.numBatchesTracked()).isEqualTo(4);
        assertThat(vm.status().batchesTrackedProperty().get()).isEqualTo("num_batches_tracked = 4");
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor = momentum = 0.3");
        assertThat(vm.status().besselProperty().get()).startsWith("n = 2");
        assertThat(vm.status().stepProperty().get()).isEqualTo("step 4");
        assertThat(m.last(ConsoleViewModel.Kind.STEP))
                .startsWith("step 4 · train · x: torch.Size([2, 4, 1])")
                .contains("running_mean = tensor([0.7599, 0.7599, 0.7599, 0.7599])")
                .contains("running_var = tensor([0.2401, 0.2401, 0.2401, 0.2401])");
        // the history has one row per step
        assertThat(s.history().steps()).isEqualTo(4);
    }

    @Test
    void theStatusBarSaysWhenAnEvalStepUpdatesNothing() {
        vm.step(4);
        vm.layer().eval();
        vm.step();
        m.settle();
        assertThat(vm.status().modeProperty().get()).isEqualTo("mode: eval");
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor: none (eval: running stats unchanged)");
        assertThat(vm.status().besselProperty().get()).isEqualTo("n = 2 values per channel (running_var not updated)");
        vm.layer().train();
        vm.step();
        m.settle();
        assertThat(vm.status().besselProperty().get()).isEqualTo("n = 2: running_var takes var\u00b72/1");
    }

    @Test
    void momentumNoneShowsTheFactorOneOverK() {
        vm.layer().momentumNoneProperty().set(true);
        vm.step(3);
        m.settle();
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor = 1/3 = 0.33333334 (momentum=None)");
    }

    @Test
    void stepTenAndHundredRunThatManySteps() {
        vm.step(10);
        m.settle();
        assertThat(m.steps()).isEqualTo(10);
        vm.step(100);
        m.settle();
        assertThat(m.steps()).isEqualTo(110);
        assertThat(m.snap().numBatchesTracked()).isEqualTo(110);
    }

    @Test
    void evalThenStepNormalizesWithTheRunningStats() {
        vm.step(4);
        m.settle();
        vm.layer().eval();
        m.settle();
        assertThat(m.snap().training()).isFalse();
        assertThat(vm.layer().trainingProperty().get()).isFalse();
        assertThat(vm.status().modeProperty().get()).isEqualTo("mode: eval");
        assertThat(m.last(ConsoleViewModel.Kind.NOTICE)).contains("layer.eval()");
        vm.step();
        m.settle();
        assertThat(m.steps()).isEqualTo(5);
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).startsWith("step 5 · eval").contains("0.4900");
        // eval leaves the running stats and num_batches_tracked alone
        Vm.assertAll(m.snap().runningMean(), 0.7599f, 1e-4);
        assertThat(m.snap().numBatchesTracked()).isEqualTo(4);
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor: none (eval: running stats unchanged)");
        vm.layer().train();
        m.settle();
        assertThat(m.snap().training()).isTrue();
        assertThat(vm.status().modeProperty().get()).isEqualTo("mode: train");
    }

    @Test
    void aBatchOfOneValuePerChannelIsRefusedWithPyTorchsMessage() {
        vm.step(2);
        m.settle();
        assertThat(Vm.type(vm.input().batchSize(), "1")).isTrue();
        assertThat(Vm.type(vm.input().dim(0), "")).isTrue();
        m.settle();
        assertThat(m.snap().batches().shape()).containsExactly(1, 4);
        assertThat(vm.input().shapeTextProperty().get()).startsWith("x: (1, 4)");
        long historyBefore = m.snap().history().steps();

        vm.step();
        m.settle();
        assertThat(vm.bannerProperty().get()).isEqualTo(N1_REFUSAL);
        assertThat(vm.bannerIsErrorProperty().get()).isTrue();
        assertThat(m.steps()).isEqualTo(2);
        assertThat(m.snap().refusal()).isEqualTo(N1_REFUSAL);
        assertThat(m.snap().history().steps()).isEqualTo(historyBefore);
        assertThat(m.last(ConsoleViewModel.Kind.REFUSAL)).contains(N1_REFUSAL);
        // PyTorch counts the batch before it checks it; the running stats stay
        assertThat(m.snap().numBatchesTracked()).isEqualTo(3);
        Vm.assertAll(m.snap().runningMean(), 0.51f, 1e-5);

        // fixed: the model still steps, and the red banner goes with the next step
        assertThat(Vm.type(vm.input().batchSize(), "2")).isTrue();
        m.settle();
        vm.step();
        m.settle();
        assertThat(m.steps()).isEqualTo(3);
        assertThat(m.snap().refusal()).isNull();
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
    }

    @Test
    void aRefusedStepInEvalIsNotRefused() {
        Vm.type(vm.input().batchSize(), "1");
        Vm.type(vm.input().dim(0), "");
        vm.layer().eval();
        vm.step();
        m.settle();
        assertThat(m.steps()).isEqualTo(1);
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
    }

    @Test
    void aRefusalStopsPlaying() {
        onTheManualClock();
        Vm.type(vm.input().batchSize(), "1");
        Vm.type(vm.input().dim(0), "");
        m.settle();
        vm.play();
        m.pullUntil(15, "a refusal to stop playing", () -> !vm.playingProperty().get());
        m.settle();
        assertThat(vm.bannerProperty().get()).isEqualTo(N1_REFUSAL);
        assertThat(m.steps()).isZero();
    }

    @Test
    void dismissingTheBannerHidesItUntilSomethingNewHappens() {
        Vm.type(vm.input().batchSize(), "1");
        Vm.type(vm.input().dim(0), "");
        vm.step();
        m.settle();
        assertThat(vm.bannerProperty().get()).isEqualTo(N1_REFUSAL);
        vm.dismissBanner();
        assertThat(vm.bannerProperty().get()).isEmpty();
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
        m.settle();
        assertThat(vm.bannerProperty().get()).isEmpty();
        // refused again: shown again
        vm.step();
        m.settle();
        assertThat(vm.bannerProperty().get()).isEqualTo(N1_REFUSAL);
        assertThat(vm.bannerIsErrorProperty().get()).isTrue();

        // a notice (reset stats) is shown, dismissed, and not shown again by later steps
        Vm.type(vm.input().batchSize(), "2");
        vm.step();
        vm.layer().resetRunningStats();
        m.settle();
        assertThat(vm.bannerProperty().get()).startsWith("Running stats reset");
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
        vm.dismissBanner();
        vm.step();
        m.settle();
        assertThat(vm.bannerProperty().get()).isEmpty();
    }

    @Test
    void aDismissedRefusalStaysHiddenWhenTheInputIsFixed() {
        Vm.type(vm.input().batchSize(), "1");
        Vm.type(vm.input().dim(0), "");
        vm.step();
        m.settle();
        vm.dismissBanner();
        // the user fixes N but has not stepped yet: nothing new was refused
        Vm.type(vm.input().batchSize(), "2");
        m.settle();
        assertThat(vm.bannerProperty().get()).as("banner after dismissing, then changing N").isEmpty();
    }

    @Test
    void aNoticeLastsUntilTheNextStep() {
        vm.step(2);
        vm.input().outlierBatch();
        m.settle();
        assertThat(m.snap().outlierQueued()).isTrue();
        assertThat(vm.bannerProperty().get()).startsWith("The next batch is an outlier batch");
        vm.step();
        m.settle();
        assertThat(m.snap().outlierQueued()).isFalse();
        assertThat(vm.bannerProperty().get()).isEmpty();
    }

    @Test
    void resetRunningStatsKeepsTheStepCountAndResetLayerStartsAgain() {
        vm.step(4);
        vm.layer().resetRunningStats();
        m.settle();
        assertThat(m.steps()).isEqualTo(4);
        assertThat(m.snap().numBatchesTracked()).isZero();
        Vm.assertAll(m.snap().runningMean(), 0f, 0);
        Vm.assertAll(m.snap().runningVar(), 1f, 0);
        assertThat(vm.status().batchesTrackedProperty().get()).isEqualTo("num_batches_tracked = 0");
        assertThat(m.last(ConsoleViewModel.Kind.NOTICE)).contains("reset_running_stats()");
        vm.step();
        m.settle();
        Vm.assertAll(m.snap().runningMean(), 0.3f, 1e-6);

        vm.layer().resetLayer();
        m.settle();
        assertThat(m.steps()).isZero();
        assertThat(m.snap().numBatchesTracked()).isZero();
        assertThat(m.snap().history().steps()).isZero();
        assertThat(vm.bannerProperty().get()).contains("everything starts again");
        assertThat(m.snap().layer()).isEqualTo(LayerConfig.notebook());
    }

    @Test
    void playThenPauseStopsTheStepCount() {
        onTheManualClock();
        vm.play();
        assertThat(vm.playingProperty().get()).isTrue();
        m.pullUntil(15, "three steps while playing", () -> m.steps() >= 3);
        vm.pause();
        assertThat(vm.playingProperty().get()).isFalse();
        m.settle();
        long paused = m.steps();
        assertThat(paused).isGreaterThanOrEqualTo(3);
        m.pass(600); // at 5 steps/s, three more steps would be due by now
        assertThat(m.steps()).isEqualTo(paused);
        assertThat(vm.playingProperty().get()).isFalse();

        vm.playback().togglePlay();
        assertThat(vm.playingProperty().get()).isTrue();
        m.pullUntil(15, "another step after toggling play", () -> m.steps() > paused);
        vm.playback().togglePlay();
        assertThat(vm.playingProperty().get()).isFalse();
        m.settle();
        long again = m.steps();
        m.pass(600);
        assertThat(m.steps()).isEqualTo(again);
    }

    @Test
    void aFasterSpeedStepsFaster() {
        assertThat(vm.speedProperty().get()).isEqualTo(Speed.DEFAULT);
        assertThat(Speed.DEFAULT.stepsPerSecond()).isEqualTo(5);
        vm.speedProperty().set(Speed.CHOICES.get(Speed.CHOICES.size() - 1));
        assertThat(vm.speedProperty().get().stepsPerSecond()).isInfinite();
        vm.play();
        // at the default 5 steps/s, 500 steps would take 100 s
        m.pullUntil(15, "500 steps as fast as possible", () -> m.steps() >= 500);
        vm.pause();
        m.settle();
        assertThat(m.snap().numBatchesTracked()).isEqualTo(m.steps());
    }

    /**
     * Pulls at {@code nanos}, {@code nanos + stepNanos}, ... until the step shown passes {@code step};
     * between two pulls, a tick of the engine (playing flat out) or the next snapshot (at a pace).
     *
     * @return the time of the pull that took it
     */
    private long pullUntilPast(long step, long nanos, long stepNanos) {
        long deadline = System.nanoTime() + 15_000_000_000L;
        for (long t = nanos; ; t += stepNanos) {
            long news = vm.inbox().news();
            vm.pull(t);
            if (vm.snapshotProperty().get().step() > step) {
                return t;
            }
            assertThat(System.nanoTime()).as("a snapshot past step %d in time", step).isLessThan(deadline);
            if (vm.playback().isRefreshLimited()) {
                vm.awaitIdle(); // a snapshot is published after each command
            } else {
                vm.inbox().awaitNews(news, 15, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void asFastAsPossibleTheWindowTakesANewSnapshotAtMostEveryRefreshInterval() {
        long refresh = PlaybackViewModel.FULL_SPEED_REFRESH_MS * 1_000_000L;
        vm.speedProperty().set(Speed.CHOICES.get(Speed.CHOICES.size() - 1));
        vm.play();
        long t = pullUntilPast(0, 1_000_000_000_000L, refresh); // taken at t
        SessionSnapshot taken = vm.snapshotProperty().get();
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (vm.runnerStepCount() <= taken.step() + 10) { // the engine steps on (no pull meanwhile)
            assertThat(System.nanoTime()).as("more steps in time").isLessThan(deadline);
            vm.awaitIdle(); // a command waits for the tick that runs
        }
        vm.awaitIdle(); // and a snapshot of them is published (one is after each command)
        for (long dt = 1; dt < refresh; dt += refresh / 7) {
            vm.pull(t + dt);
            assertThat(vm.snapshotProperty().get()).as("%d ms later", dt / 1_000_000).isSameAs(taken);
        }
        pullUntilPast(taken.step(), t + refresh, 1); // a whole interval later, the newer one

        vm.pause();
        m.settle(); // paused: the snapshot of the pause is shown at once
        assertThat(vm.snapshotProperty().get().step()).isEqualTo(m.steps());
    }

    @Test
    void atAGivenSpeedEverySnapshotIsShownAtOnce() {
        vm.speedProperty().set(new Speed(1000, "1000 steps/s"));
        vm.play();
        long t = pullUntilPast(0, 1_000_000_000_000L, 1);
        // pulls 1 ns apart still take every new snapshot
        pullUntilPast(vm.snapshotProperty().get().step(), t + 1, 1);
        vm.pause();
    }

    @Test
    void loadingAPresetPausesAndStartsAgain() {
        onTheManualClock();
        vm.play();
        m.pullUntil(15, "a step while playing", () -> m.steps() >= 1);
        vm.load(vm.presetProperty().get());
        assertThat(vm.playingProperty().get()).isFalse();
        m.settle();
        assertThat(m.steps()).isZero();
        assertThat(vm.playingProperty().get()).isFalse();
    }

    @Test
    void fontSizeStaysWithinBounds() {
        assertThat(vm.fontSizeProperty().get()).isEqualTo(MainViewModel.DEFAULT_FONT);
        vm.fontSize().bigger();
        assertThat(vm.fontSizeProperty().get()).isEqualTo(MainViewModel.DEFAULT_FONT + 2);
        for (int i = 0; i < 20; i++) {
            vm.fontSize().bigger();
        }
        assertThat(vm.fontSizeProperty().get()).isEqualTo(MainViewModel.MAX_FONT);
        for (int i = 0; i < 30; i++) {
            vm.fontSize().smaller();
        }
        assertThat(vm.fontSizeProperty().get()).isEqualTo(MainViewModel.MIN_FONT);
        vm.fontSize().reset();
        assertThat(vm.fontSizeProperty().get()).isEqualTo(MainViewModel.DEFAULT_FONT);
        vm.fontSize().smaller();
        assertThat(vm.fontSizeProperty().get()).isEqualTo(MainViewModel.DEFAULT_FONT - 2);
    }

    @Test
    void everyPresetLoads() {
        for (Preset p : PresetLibrary.builtIn()) {
            vm.step(3);
            if (p == vm.presetProperty().get()) {
                vm.load(p); // "Start again"
            } else {
                vm.presetProperty().set(p); // as the preset chooser does
            }
            m.settle();
            SessionSnapshot s = m.snap();
            assertThat(s.layer()).as(p.name()).isEqualTo(p.layer());
            assertThat(s.batches()).as(p.name()).isEqualTo(p.batches());
            assertThat(s.training()).as(p.name()).isEqualTo(p.training());
            assertThat(s.compareMomentum()).as(p.name()).isEqualTo(p.compareMomentum());
            assertThat(s.step()).as(p.name()).isZero();
            assertThat(vm.layer().trainingProperty().get()).as(p.name()).isEqualTo(p.training());
            assertThat(vm.layer().kindProperty().get()).as(p.name()).isEqualTo(p.layer().kind());
            assertThat(vm.layer().numFeatures().getValue()).as(p.name()).isEqualTo(p.layer().numFeatures());
            assertThat(vm.input().spec()).as(p.name()).isEqualTo(p.batches());
            assertThat(vm.input().dimCountProperty().get()).as(p.name())
                    .isEqualTo(p.layer().kind().spatialNames().length > 0 ? p.layer().kind().spatialNames().length
                            : Math.max(1, p.batches().spatial().length)); // LayerNorm, GroupNorm: the input's
            assertThat(vm.bannerProperty().get()).as(p.name()).startsWith("New layer");
            vm.step();
            m.settle();
            assertThat(m.steps()).as(p.name()).isEqualTo(1);
            assertThat(m.snap().refusal()).as(p.name()).isNull();
        }
    }

    @Test
    void theDriftingPresetHasACumulativeComparisonLayer() {
        vm.load(Vm.preset("drifting"));
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.compareMomentum()).isNotNull();
        assertThat(s.compareMomentum().isCumulative()).isTrue();
        assertThat(s.compareMomentum()).isEqualTo(Momentum.CUMULATIVE);
        assertThat(s.layer().momentum()).isEqualTo(Momentum.of(0.1));
        vm.step(60); // the mean has drifted by 1.18
        m.settle();
        s = m.snap();
        assertThat(s.compareRunningMean()).hasSize(4);
        assertThat(s.runningMean()).isNotEqualTo(s.compareRunningMean());
        // with the drift, momentum 0.1 follows the mean more closely than the cumulative average
        for (int c = 0; c < 4; c++) {
            assertThat(s.runningMean()[c]).isGreaterThan(s.compareRunningMean()[c]);
        }
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).contains("compare (momentum=None)");
    }

    @Test
    void theEvalUntrackedPresetHasNoRunningStats() {
        vm.load(Vm.preset("eval-untracked"));
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.training()).isFalse();
        assertThat(s.runningMean()).isNull();
        assertThat(s.runningVar()).isNull();
        assertThat(s.layer().trackRunningStats()).isFalse();
        assertThat(vm.layer().trackRunningStatsProperty().get()).isFalse();
        assertThat(vm.layer().trainingProperty().get()).isFalse();
        assertThat(vm.status().modeProperty().get()).isEqualTo("mode: eval");
        assertThat(vm.status().batchesTrackedProperty().get())
                .isEqualTo("num_batches_tracked = None (track_running_stats=False)");
        vm.step();
        m.settle();
        assertThat(m.steps()).isEqualTo(1);
        assertThat(vm.status().factorProperty().get()).isEqualTo("factor: none (no running stats)");
        assertThat(m.last(ConsoleViewModel.Kind.STEP)).contains("running_mean = None");
        // normalized with the batch's own statistics: the output's mean is about 0
        assertThat(m.snap().outputHistograms()).hasSize(3);
    }

    @Test
    void theNoisyPresetShowsItsN() {
        vm.load(Vm.preset("noisy-small-batches"));
        vm.step();
        m.settle();
        assertThat(m.snap().batches().shape()).containsExactly(4, 4, 2);
        assertThat(vm.status().besselProperty().get()).startsWith("n = 8");
    }

    @Test
    void theConsoleKeepsTheNewestEntries() {
        int batches = ConsoleViewModel.MAX_ENTRIES / 100 + 1; // up to 100 steps at once print every one
        for (int i = 0; i < batches; i++) {
            vm.step(100);
        }
        m.settle();
        List<ConsoleViewModel.Entry> entries = vm.console().entries();
        assertThat(entries).hasSize(ConsoleViewModel.MAX_ENTRIES);
        assertThat(entries.get(entries.size() - 1).text()).startsWith("step " + (batches * 100) + " ");
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).seq()).isEqualTo(entries.get(i - 1).seq() + 1);
        }
        vm.console().clear();
        assertThat(vm.console().entries()).isEmpty();
        vm.step();
        m.settle();
        assertThat(vm.console().entries()).hasSize(1);
        assertThat(vm.console().entries().get(0).text()).startsWith("step " + (batches * 100 + 1) + " ");
    }

    @Test
    void pullWithoutChangesKeepsTheSameSnapshot() {
        m.settle();
        SessionSnapshot before = m.snap();
        vm.pull();
        vm.pull();
        assertThat(m.snap()).isSameAs(before);
        assertThat(before.runningMean()[0]).isCloseTo(0f, within(0f));
    }

    /** The notebook's layer on a large batch (256 × 4 × 8192): a step takes tens of milliseconds. */
    private void largeBatch() {
        assertThat(Vm.type(vm.input().batchSize(), "256")).isTrue();
        assertThat(Vm.type(vm.input().dim(0), "8192")).isTrue();
        m.settle();
        assertThat(m.snap().batches().shape()).containsExactly(256, 4, 8192);
    }

    @Test
    void aHundredStepsShowTheirProgressAndPStopsThem() {
        largeBatch();
        vm.step(100);
        m.pullUntil(20, "progress in the status bar", () -> vm.status().progressProperty().get().contains(" / 100 steps")
                && vm.stepCountProperty().get() > 0);
        assertThat(vm.status().workingProperty().get()).isTrue();
        assertThat(vm.status().progressProperty().get()).matches("\\d+ / 100 steps \u00b7 .*");
        long seen = vm.stepCountProperty().get();
        assertThat(seen).isBetween(1L, 99L); // the header follows the steps as they run
        vm.step(); // Space while it runs: ignored, not queued
        vm.playback().togglePlay(); // P: stops the command instead of playing after it
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(vm.status().workingProperty().get()).isFalse();
        assertThat(vm.status().progressProperty().get()).isEmpty();
        m.settle();
        long stopped = m.steps();
        assertThat(stopped).isBetween(seen, 99L);
        assertThat(m.snap().history().steps()).isEqualTo(stopped);
        assertThat(vm.playingProperty().get()).isFalse();
        assertThat(vm.bannerIsErrorProperty().get()).isFalse();
        assertThat(m.errors).isEmpty();
    }

    @Test
    void escStopsARunToStepAndTheStepsDoneStay() {
        vm.runToStep().runTo(2_000_000_000L);
        m.pullUntil(20, "a run under way", () -> vm.stepCountProperty().get() > 0
                && vm.status().progressProperty().get().contains(String.format("%,d steps", 2_000_000_000L)));
        vm.playback().stopWork();
        m.settle();
        long stopped = m.steps();
        assertThat(stopped).isBetween(1L, 1_999_999_999L);
        assertThat(vm.status().progressProperty().get()).isEmpty();
        vm.step(); // Space steps again
        m.settle();
        assertThat(m.steps()).isEqualTo(stopped + 1);
    }

    @Test
    void runToStepNRunsExactlyThereAndRefusesAStepAlreadyReached() {
        vm.step(4);
        m.settle();
        vm.runToStep().ask();
        assertThat(vm.runToStep().target().textProperty().get()).isEqualTo("1004");
        assertThat(Vm.type(vm.runToStep().target(), "abc")).isFalse();
        assertThat(vm.runToStep().target().getError()).contains("\u201cabc\u201d is not a whole step number");
        assertThat(Vm.type(vm.runToStep().target(), "3")).isFalse();
        assertThat(vm.runToStep().target().getError()).isEqualTo("The layer is at step 4 already: type a step after it");
        assertThat(vm.runToStep().commit()).isFalse();
        m.settle();
        assertThat(m.steps()).isEqualTo(4); // a bad value changes nothing
        vm.runToStep().target().textProperty().set("250");
        assertThat(vm.runToStep().commit()).isTrue();
        m.settle();
        assertThat(m.steps()).isEqualTo(250);
        assertThat(m.snap().numBatchesTracked()).isEqualTo(250);
        assertThat(vm.runToStep().runTo(250)).isFalse();
        assertThat(vm.runToStep().runTo(100)).isFalse();
        assertThat(vm.bannerProperty().get()).isEqualTo("The layer is at step 250 already: type a step after it");
        m.settle();
        assertThat(m.steps()).isEqualTo(250);
    }
}
