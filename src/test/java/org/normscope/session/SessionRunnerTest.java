package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.testing.ManualTime;
import org.normscope.testing.News;

/**
 * {@link SessionRunner}: the session on its own thread. Playing at a pace and the holds run on a
 * clock and a thread the test drives ({@link ManualTime}): "300 ms of playing" is 75 ticks with the
 * clock moved on 4 ms before each, and no real time. Playing flat out and long commands run on
 * the system clock, and the tests wait on the runner's news or on its commands, never a sleep.
 * Timing bounds are generous (the build machine is a shared 2-core one): these tests check what
 * happens, never how fast.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SessionRunnerTest {

    private static final long WAIT_S = 20;

    private SessionRunner runner;

    @AfterEach
    void closeRunner() {
        if (runner != null) {
            runner.close();
        }
    }

    private static Session normalSession() {
        return new Session(Fixtures.bn1d(2, Momentum.of(0.1)), Fixtures.normal(4, new int[] {2}, 2, 0, 1), null);
    }

    private static Session refusingSession() {
        BatchSpec oneRow = new BatchSpec(1, new int[0], Collections.nCopies(4, new ChannelSource.Normal(0, 1)), 0, 1,
                true);
        return new Session(Fixtures.bn1d(4, Momentum.of(0.1)), oneRow, null);
    }

    /** Lets the manual clock run, tick by tick, until {@code condition} holds; fails after {@code WAIT_S} s of it. */
    private static void playUntil(ManualTime time, String what, BooleanSupplier condition) {
        long ticks = TimeUnit.SECONDS.toMillis(WAIT_S) / ManualTime.TICK_MS;
        for (long i = 0; !condition.getAsBoolean(); i++) {
            if (i == ticks) {
                fail("no " + what + " after " + WAIT_S + " s of the clock");
            }
            time.pass(ManualTime.TICK_MS);
        }
    }

    /** Waits until the session has run {@code steps} steps, looking after each command: one tick runs between two. */
    private void awaitSteps(long steps) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        while (runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS) < steps) {
            if (System.nanoTime() > end) {
                fail("the session did not run " + steps + " steps within " + WAIT_S + " s");
            }
        }
    }

    @Test
    void theFirstSnapshotIsThereAtOnce() {
        runner = new SessionRunner(Session.notebook());
        SessionSnapshot first = runner.latest();
        assertThat(first).isNotNull();
        assertThat(first.step()).isZero();
        assertThat(first.runningMean()).containsOnly(0f);
        assertThat(runner.isPlaying()).isFalse();
        assertThat(runner.stepsPerSecond()).isEqualTo(10.0);
    }

    @Test
    void stepThenAwaitIdlePublishesTheSteps() throws Exception {
        runner = new SessionRunner(Session.notebook());
        runner.step(4);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        SessionSnapshot snap = runner.latest();
        assertThat(snap.step()).isEqualTo(4);
        assertThat(snap.history().steps()).isEqualTo(4);
        assertThat(snap.runningMean()[0]).isCloseTo(0.7599f, within(1e-6f));

        runner.step(7);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().step()).isEqualTo(11);
        assertThat(runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(11);
        assertThat(runner.latest().version()).isGreaterThan(snap.version());
    }

    @Test
    void aHoldStartsNoStepUntilItEndsButCommandsStillRun() throws Exception {
        ManualTime time = new ManualTime(); // a wait on its clock lets the clock move on by the wait
        runner = time.runner(Session.notebook());
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        long start = time.clock.nanoTime();
        runner.holdOff(15);
        assertThat(runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS)).isZero(); // a command is not held
        assertThat(time.clock.nanoTime()).as("the command waited for no hold").isEqualTo(start);
        CompletableFuture<Void> steps = runner.step(150);
        steps.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(time.clock.nanoTime() - start).as("the steps waited for the hold to end")
                .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(15));
        assertThat(runner.latest().step()).isEqualTo(150);
        assertThat(runner.latest().runningMean()).containsExactly(steppedAlone(150).snapshot().runningMean());

        long capped = time.clock.nanoTime();
        runner.holdOff(3_600_000); // an hour asked: held at most MAX_HOLD_MS
        runner.step(150).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(time.clock.nanoTime() - capped).as("held at most MAX_HOLD_MS")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(SessionRunner.MAX_HOLD_MS));
        assertThat(runner.latest().step()).isEqualTo(300);
    }

    private static Session steppedAlone(int steps) {
        Session s = Session.notebook();
        for (int i = 0; i < steps; i++) {
            s.stepQuietly();
        }
        return s;
    }

    @Test
    void commandsRunInOrderOnTheEngineThread() throws Exception {
        runner = new SessionRunner(normalSession());
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int k = i;
            futures.add(runner.submit(s -> seen.add(k + "@" + Thread.currentThread().getName())));
        }
        CompletableFuture.allOf(futures.toArray(new CompletableFuture[0])).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(seen).hasSize(50);
        for (int i = 0; i < 50; i++) {
            assertThat(seen.get(i)).isEqualTo(i + "@normscope-engine");
        }
    }

    @Test
    void stepStopsAtARefusal() throws Exception {
        runner = new SessionRunner(refusingSession());
        runner.step(5).get(WAIT_S, TimeUnit.SECONDS);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        SessionSnapshot snap = runner.latest();
        assertThat(snap.step()).isZero();
        assertThat(snap.refusal()).startsWith("ValueError: Expected more than 1 value per channel when training");
        assertThat(snap.numBatchesTracked()).as("one attempt, not five").isEqualTo(1);
    }

    @Test
    void playThenPauseStopsTheSteps() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(normalSession());
        runner.setStepsPerSecond(200);
        runner.play();
        assertThat(runner.isPlaying()).isTrue();
        playUntil(time, "first played step published", () -> runner.latest().step() > 0);
        time.pass(300);
        runner.pause();
        assertThat(runner.isPlaying()).isFalse();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        double elapsedS = time.seconds();

        long first = runner.latest().step();
        time.pass(200); // 40 steps would be due by now
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        long second = runner.latest().step();
        assertThat(second).as("no step after pause").isEqualTo(first);
        assertThat(time.engine.liveTicks()).as("no tick left to run after pause").isZero();
        assertThat(runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(first);
        assertThat(first).isPositive();
        // the clock never allows more than the rate times the time played (plus a few restarts)
        assertThat((double) first).isLessThanOrEqualTo(200 * elapsedS + 50);
        assertThat(runner.latest().history().steps()).isEqualTo((int) first);
    }

    @Test
    void playingPublishesSnapshotsWithoutBeingAsked() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(normalSession());
        runner.setStepsPerSecond(100);
        runner.play();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        long version = runner.latest().version();
        // nothing but ticks runs from here on: no command publishes
        playUntil(time, "three played steps published", () -> runner.latest().step() >= 3);
        assertThat(runner.latest().version()).isGreaterThan(version);
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void playingTwiceStartsOneClock() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(normalSession());
        runner.setStepsPerSecond(100);
        runner.play();
        runner.play();
        runner.play();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(time.engine.liveTicks()).as("ticks scheduled").isEqualTo(1);
        time.pass(300);
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        double elapsedS = time.seconds();
        assertThat((double) runner.latest().step()).isLessThanOrEqualTo(100 * elapsedS + 50);
    }

    @Test
    void pauseThenPlayGoesOn() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(normalSession());
        runner.setStepsPerSecond(200);
        runner.play();
        playUntil(time, "first step", () -> runner.latest().step() > 0);
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        long paused = runner.latest().step();
        runner.play();
        playUntil(time, "more steps after play", () -> runner.latest().step() > paused);
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
    }

    @Test
    void aRefusalWhilePlayingStopsPlaying() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(refusingSession());
        runner.setStepsPerSecond(500);
        runner.play();
        playUntil(time, "refusal that stops playing", () -> !runner.isPlaying());
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        SessionSnapshot snap = runner.latest();
        assertThat(snap.refusal())
                .isEqualTo("ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])");
        assertThat(snap.step()).isZero();
        time.pass(100); // 50 steps would be due by now
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().numBatchesTracked()).as("no attempt after the refusal").isEqualTo(1);
        assertThat(runner.isPlaying()).isFalse();
    }

    @Test
    void aRefusalAfterSomeStepsStopsPlayingToo() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(normalSession());
        runner.setStepsPerSecond(200);
        runner.play();
        playUntil(time, "first step", () -> runner.latest().step() > 0);
        runner.submit(x -> x.setBatches(new BatchSpec(1, new int[0],
                Collections.nCopies(2, new ChannelSource.Normal(0, 1)), 0, 1, true)));
        playUntil(time, "refusal that stops playing", () -> !runner.isPlaying());
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().refusal()).startsWith("ValueError: ");
        long steps = runner.latest().step();
        time.pass(100);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().step()).isEqualTo(steps);
    }

    @Test
    void aFailingCommandGoesToTheErrorHandlerAndTheRunnerGoesOn() throws Exception {
        runner = new SessionRunner(normalSession());
        CompletableFuture<Throwable> handled = new CompletableFuture<>();
        runner.setErrorHandler(handled::complete);
        IllegalStateException boom = new IllegalStateException("boom");

        CompletableFuture<Void> f = runner.submit(s -> {
            s.step();       // what it did before failing is kept and published
            throw boom;
        });

        assertThatThrownBy(() -> f.get(WAIT_S, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCause(boom);
        assertThat(handled.get(WAIT_S, TimeUnit.SECONDS)).isSameAs(boom);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().step()).isEqualTo(1);

        runner.step(3).get(WAIT_S, TimeUnit.SECONDS);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().step()).isEqualTo(4);
    }

    @Test
    void errorsAndQueriesGoToTheHandlerToo() throws Exception {
        runner = new SessionRunner(normalSession());
        List<Throwable> handled = Collections.synchronizedList(new ArrayList<>());
        runner.setErrorHandler(handled::add);
        AssertionError error = new AssertionError("an Error");
        CompletableFuture<Void> f = runner.submit(s -> {
            throw error;
        });
        CompletableFuture<Integer> q = runner.call(s -> s.config().numFeatures() / 0);
        assertThatThrownBy(() -> f.get(WAIT_S, TimeUnit.SECONDS)).hasCause(error);
        assertThatThrownBy(() -> q.get(WAIT_S, TimeUnit.SECONDS)).hasCauseInstanceOf(ArithmeticException.class);
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(handled).hasSize(2);
        assertThat(handled.get(0)).isSameAs(error);
        assertThat(handled.get(1)).isInstanceOf(ArithmeticException.class);
        // and the queries still answer
        assertThat(runner.call(s -> s.config().numFeatures()).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void closeWhilePlayingReturnsPromptlyAndLaterCommandsFail() throws Exception {
        ScheduledExecutorService engine = SessionRunner.engineThread();
        runner = new SessionRunner(normalSession(), engine, Ticker.SYSTEM);
        runner.setStepsPerSecond(Double.POSITIVE_INFINITY);
        runner.play();
        awaitSteps(1);
        assertThat(runner.latest().step()).isPositive();

        long start = System.nanoTime();
        runner.close();
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(tookMs).as("close() took %d ms", tookMs).isLessThan(2_500);
        assertThat(runner.isPlaying()).isFalse();

        long steps = runner.latest().step();
        assertThat(engine.awaitTermination(WAIT_S, TimeUnit.SECONDS)).as("the engine thread ended: nothing runs after close")
                .isTrue();
        assertThat(runner.latest().step()).as("nothing runs after close").isEqualTo(steps);

        CompletableFuture<Void> submitted = runner.submit(s -> s.step());
        assertThat(submitted).isCompletedExceptionally();
        assertThatThrownBy(submitted::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(runner.step(1)).isCompletedExceptionally();
        assertThat(runner.call(Session::stepCount)).isCompletedExceptionally();
        assertThatThrownBy(() -> runner.awaitIdle(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        runner.close(); // twice is harmless
    }

    /** A closed runner cannot play: {@code play()} should not make it claim to. */
    @Test
    void aClosedRunnerDoesNotClaimToPlay() {
        runner = new SessionRunner(normalSession());
        runner.close();
        runner.play();
        assertThat(runner.isPlaying()).isFalse();
    }

    @Test
    void stepsPerSecondMustBeAboveZero() {
        runner = new SessionRunner(normalSession());
        for (double bad : new double[] {0, -0.0, -1, Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertThatThrownBy(() -> runner.setStepsPerSecond(bad)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(runner.stepsPerSecond()).isEqualTo(10.0);
        runner.setStepsPerSecond(Double.POSITIVE_INFINITY);
        assertThat(runner.stepsPerSecond()).isEqualTo(Double.POSITIVE_INFINITY);
        runner.setStepsPerSecond(0.5);
        assertThat(runner.stepsPerSecond()).isEqualTo(0.5);
    }

    @Test
    void commandsGetInWhilePlayingAsFastAsPossible() throws Exception {
        runner = new SessionRunner(normalSession());
        runner.setStepsPerSecond(Double.POSITIVE_INFINITY);
        runner.play();
        long previous = -1;
        for (int i = 0; i < 5; i++) {
            long now = runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(now).isGreaterThanOrEqualTo(previous);
            previous = now; // the next command waits behind the tick queued meanwhile
        }
        runner.submit(s -> s.setWeight(0, 2f)).get(WAIT_S, TimeUnit.SECONDS);
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().weight()[0]).isEqualTo(2f);
        assertThat(runner.latest().step()).isPositive();
    }

    /**
     * Snapshots handed to another thread while the engine plays as fast as it can (past the
     * history's exact window) always read consistent values: the notebook's running stats after
     * step {@code t} are known exactly, so every recent step can be checked.
     */
    @Test
    void snapshotsReadWhilePlayingAreConsistent() throws Exception {
        int maxSteps = 400_000;
        float[] mean = new float[maxSteps + 1];
        float[] var = new float[maxSteps + 1];
        float f = 0.3f;
        var[0] = 1f;
        for (int t = 1; t <= maxSteps; t++) {
            mean[t] = f * 1f + (1 - f) * mean[t - 1];
            var[t] = (1 - f) * var[t - 1];
        }
        runner = new SessionRunner(Session.notebook());
        runner.setStepsPerSecond(Double.POSITIVE_INFINITY);
        runner.play();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_S);
        long checkedSnapshots = 0;
        long lastVersion = -1;
        while (runner.latest().step() < 12_000) {
            SessionSnapshot snap = runner.latest();
            assertThat(snap.version()).isGreaterThanOrEqualTo(lastVersion);
            lastVersion = snap.version();
            SessionHistory h = snap.history();
            assertThat(h.steps()).isGreaterThanOrEqualTo(snap.step()); // the history is live: it may be ahead
            for (long t = Math.max(h.exactFrom(), snap.step() - 300); t <= snap.step(); t++) {
                for (int c = 0; c < 4; c++) {
                    if (h.valueAt(Stat.RUNNING_MEAN, c, t) != mean[(int) t]
                            || h.valueAt(Stat.RUNNING_VAR, c, t) != var[(int) t]) {
                        fail("step " + t + " channel " + c + ": " + h.valueAt(Stat.RUNNING_MEAN, c, t) + ", "
                                + h.valueAt(Stat.RUNNING_VAR, c, t) + " instead of " + mean[(int) t] + ", " + var[(int) t]);
                    }
                }
            }
            if (snap.step() > 0 && snap.step() <= maxSteps) {
                assertThat(snap.runningMean()).containsOnly(mean[(int) snap.step()]);
                assertThat(snap.numBatchesTracked()).isEqualTo(snap.step());
            }
            checkedSnapshots++;
            if (System.nanoTime() > end) {
                fail("the history did not pass its exact window within " + WAIT_S + " s (" + snap.step() + " steps)");
            }
            runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS); // a tick, then a newer snapshot
        }
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        assertThat(checkedSnapshots).isPositive();
        assertThat(mean[4]).isCloseTo(0.7599f, within(1e-6f));
    }

    /** Changing the speed while playing flat out starts no second chain of ticks: pause still stops every step. */
    @Test
    void speedChangesWhilePlayingFlatOutLeaveOneChainThatPauseStops() throws Exception {
        ManualTime time = new ManualTime(); // its thread; the clock is the system's (flat out needs time to pass)
        runner = new SessionRunner(Session.notebook(), time.engine, Ticker.SYSTEM);
        runner.setStepsPerSecond(Double.POSITIVE_INFINITY);
        runner.play();
        for (int i = 0; i < 50; i++) {
            runner.setStepsPerSecond(i % 2 == 0 ? Double.POSITIVE_INFINITY : 1000);
        }
        runner.setStepsPerSecond(Double.POSITIVE_INFINITY);
        long before = runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS);
        awaitSteps(before + 1);
        long after = runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(after).isGreaterThan(before);
        assertThat(time.engine.liveTicks()).as("paced ticks left by the speed changes").isZero();
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        long paused = runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS);
        for (int i = 0; i < 20; i++) { // a tick of a chain still going would run before each command
            assertThat(runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(paused);
        }
        assertThat(time.engine.runTicks()).as("paced ticks left after pause").isZero();
        assertThat(runner.call(Session::stepCount).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(paused);
    }

    /**
     * Slow speeds play at the requested rate: the backlog limit is at least one step (it once was
     * {@code sps · MAX_BACKLOG_S}, under one step below 4 steps/s, which halved the rate). Four
     * seconds of the manual clock, in ticks of 4 ms: a correct runner makes 8.
     */
    @Test
    void slowSpeedsPlayAtTheRequestedRate() throws Exception {
        ManualTime time = new ManualTime();
        runner = time.runner(normalSession());
        runner.setStepsPerSecond(2);
        runner.play();
        time.pass(4_000);
        runner.pause();
        runner.awaitIdle(WAIT_S, TimeUnit.SECONDS);
        double elapsedS = time.seconds();
        long steps = runner.latest().step();
        assertThat((double) steps).as("%d steps in %.2f s at 2 steps/s", steps, elapsedS)
                .isGreaterThanOrEqualTo(6).isLessThanOrEqualTo(2 * elapsedS + 1);
        assertThat(steps).as("2 steps/s for 4 s of the clock").isEqualTo(8);
    }

    /**
     * {@link SessionRunner#submit} promises that "the future completes after the snapshot is
     * published", but {@code call} completes the future before its {@code finally} publishes: code
     * that runs when the future completes (a dependent stage, or a thread woken by {@code get()})
     * can still read the previous snapshot from {@link SessionRunner#latest()}.
     */
    @Test
    void theFutureCompletesAfterTheSnapshotIsPublished() throws Exception {
        runner = new SessionRunner(Session.notebook());
        CountDownLatch gate = new CountDownLatch(1);
        runner.submit(s -> {
            try {
                gate.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        // registered while the step is still queued, so this stage runs as the step's future completes
        CompletableFuture<Long> seen = runner.step(1).thenApply(v -> runner.latest().step());
        gate.countDown();
        assertThat(seen.get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(1L);
    }

    /** The same promise, as a window would rely on it: {@code get()}, then read {@code latest()}. */
    @Test
    void afterGetTheLatestSnapshotShowsTheCommand() throws Exception {
        // a big batch makes the snapshot (two histograms per channel) slow enough to see the gap
        BatchSpec big = Fixtures.normal(256, new int[] {64, 64}, 8, 0, 3);
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 8, 1e-5,
                Momentum.DEFAULT, true, true), big, null);
        runner = new SessionRunner(s);
        for (int i = 1; i <= 5; i++) {
            runner.step(1).get(WAIT_S, TimeUnit.SECONDS);
            assertThat(runner.latest().step()).as("after step %d", i).isEqualTo(i);
        }
    }

    /** A session whose steps take a few milliseconds each: a long command is long enough to watch. */
    private static Session slowSession() {
        BatchSpec big = Fixtures.normal(64, new int[] {32, 32}, 8, 0, 5);
        return new Session(new LayerConfig(LayerKind.BATCH_NORM_2D, 8, 1e-5, Momentum.DEFAULT, true, true), big, null);
    }

    @Test
    void aLongCommandPublishesItsProgressAsItRunsAndStopsWhenCancelled() throws Exception {
        runner = new SessionRunner(slowSession());
        News news = new News();
        runner.setNewsListener(news);
        CompletableFuture<Void> done = runner.step(100_000);
        assertThat(runner.isWorking()).isTrue();
        // a reader that takes every snapshot, as the window's frames do
        news.until(WAIT_S, "a snapshot in the middle of the command", () -> {
            SessionSnapshot s = runner.latest();
            return s.step() > 0 && runner.isWorking();
        });
        news.until(WAIT_S, "progress with steps done", () -> {
            SessionRunner.Progress p = runner.progress();
            return p != null && p.done() > 0;
        });
        SessionRunner.Progress p = runner.progress();
        assertThat(p.total()).isEqualTo(100_000);
        assertThat(p.done()).isBetween(1L, 99_999L);
        assertThat(p.remainingNanos()).isPositive();
        runner.cancel();
        assertThat(runner.isWorking()).isFalse();
        done.get(WAIT_S, TimeUnit.SECONDS); // stopped after the running step: no refusal, no failure
        SessionSnapshot last = runner.latest();
        assertThat(last.step()).isBetween(p.done(), 99_999L);
        assertThat(last.history().steps()).isEqualTo(last.step());
        assertThat(last.refusal()).isNull();
        assertThat(runner.progress()).isNull();
        // the steps done stay, and stepping goes on from there
        runner.step(2).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().step()).isEqualTo(last.step() + 2);
    }

    @Test
    void aCancelStopsTheQueuedLongCommandsButNotLaterOnes() throws Exception {
        runner = new SessionRunner(Session.notebook());
        CountDownLatch gate = new CountDownLatch(1);
        runner.submit(s -> {
            try {
                gate.await(WAIT_S, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        CompletableFuture<Long> queued = runner.runTo(1000);
        runner.cancel();
        CompletableFuture<Void> later = runner.step(5);
        gate.countDown();
        assertThat(queued.get(WAIT_S, TimeUnit.SECONDS)).isZero();
        later.get(WAIT_S, TimeUnit.SECONDS);
        assertThat(runner.latest().step()).isEqualTo(5);
    }

    @Test
    void runToRunsExactlyToTheStepAndNotBack() throws Exception {
        runner = new SessionRunner(Session.notebook());
        runner.step(3);
        assertThat(runner.runTo(250).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(247L);
        assertThat(runner.latest().step()).isEqualTo(250);
        assertThat(runner.latest().history().steps()).isEqualTo(250);
        assertThat(runner.runTo(250).get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(runner.runTo(7).get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(runner.latest().step()).isEqualTo(250);
        assertThat(runner.isWorking()).isFalse();
    }

    @Test
    void aLongCommandStopsAtARefusal() throws Exception {
        runner = new SessionRunner(refusingSession());
        assertThat(runner.runTo(500).get(WAIT_S, TimeUnit.SECONDS)).isZero();
        assertThat(runner.latest().refusal()).isNotNull();
        assertThat(runner.isWorking()).isFalse();
    }
}
