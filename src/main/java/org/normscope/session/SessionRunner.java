package org.normscope.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a {@link Session} on its own thread, so that the window never waits for the engine.
 * Every command runs there in the order it was given; after each, and at most every few
 * milliseconds while playing (and only once the last one has been read), the runner publishes
 * a {@link SessionSnapshot} that any thread can read with {@link #latest()}: the window takes
 * the newest one once per frame.
 *
 * <p>Playing steps at {@code stepsPerSecond} on average (or, for {@link Double#POSITIVE_INFINITY},
 * without pause, one tick after the other), in ticks of at most {@value #TICK_BUDGET_MS} ms, so
 * that commands given meanwhile wait at most one tick. While playing, a snapshot is published
 * at most about once a frame; from {@value #QUIET_FROM_SPS} steps/s on, the console prints
 * one played step a second and counts the others. A refused step stops playing.
 */
public final class SessionRunner implements AutoCloseable {

    /** The most time one play tick spends stepping before it lets commands in. */
    static final long TICK_BUDGET_MS = 12;
    private static final long TICK_PERIOD_MS = 4;
    /** While playing, snapshots are published at most this often: about once per frame. */
    private static final long PUBLISH_EVERY_NS = 15_000_000;
    /** From this speed on, played steps are printed only every {@link #PRINT_EVERY_NS}. */
    static final double QUIET_FROM_SPS = 100;
    /** Up to this many steps given at once print every one. */
    static final int PRINT_ALL_UP_TO = 100;
    private static final long PRINT_EVERY_NS = 1_000_000_000L;
    /** A backlog of more than this many seconds of steps is dropped instead of caught up. */
    private static final double MAX_BACKLOG_S = 0.25;

    private final Session session;
    private final ScheduledExecutorService worker;
    private final AtomicReference<SessionSnapshot> latest = new AtomicReference<>();
    private volatile boolean playing;
    private volatile double stepsPerSecond = 10;
    private volatile Consumer<Throwable> errorHandler = e -> { };
    private volatile boolean closed;
    private volatile long stepCount;
    /** Whether the newest snapshot has been read since it was published. */
    private volatile boolean taken = true;

    // worker-confined
    private ScheduledFuture<?> playTask;
    private boolean continuous;      // a self-queuing tick runs (as fast as possible)
    private long chain;              // the current chain of continuous ticks
    private long lastPublishNanos;
    private long lastPrintNanos;
    private long playStartNanos;
    private long playedSteps;
    private long publishedVersion = -1;

    public SessionRunner(Session session) {
        this.session = session;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "normscope-engine");
            t.setDaemon(true);
            return t;
        });
        latest.set(session.snapshot());
        publishedVersion = session.version();
        stepCount = session.stepCount();
    }

    /** Where unexpected exceptions of commands go (the window shows them); they never stop the runner. */
    public void setErrorHandler(Consumer<Throwable> handler) {
        errorHandler = handler;
    }

    /**
     * The newest published snapshot; never null. While playing, the next one is published only
     * after this was called: snapshots no one reads are not made (each computes histograms).
     */
    public SessionSnapshot latest() {
        taken = true;
        return latest.get();
    }

    /** The session's step count after the last tick or command; any thread may read it. */
    public long stepCount() {
        return stepCount;
    }

    /** Runs {@code command} on the session's thread; the future completes after the snapshot is published. */
    public CompletableFuture<Void> submit(Consumer<Session> command) {
        return call(s -> {
            command.accept(s);
            return null;
        });
    }

    /** Runs {@code query} on the session's thread and gives its result. */
    public <T> CompletableFuture<T> call(Function<Session, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException("the session runner is closed"));
            return result;
        }
        worker.execute(() -> {
            T value = null;
            Throwable failure = null;
            try {
                value = query.apply(session);
            } catch (RuntimeException | Error e) {
                failure = e;
                errorHandler.accept(e);
            }
            stepCount = session.stepCount();
            publish(); // before the future completes: whoever waits on it sees the command's snapshot
            if (failure == null) {
                result.complete(value);
            } else {
                result.completeExceptionally(failure);
            }
        });
        return result;
    }

    /** {@code count} steps, stopping at a refusal; more than {@value #PRINT_ALL_UP_TO} print only the last. */
    public CompletableFuture<Void> step(int count) {
        boolean quiet = count > PRINT_ALL_UP_TO;
        return submit(s -> {
            for (int i = 0; i < count && (quiet ? s.stepQuietly() : s.step()); i++) {
                // each step records itself
            }
            s.printUnprinted();
        });
    }

    /** Starts playing at the current speed (does nothing if already playing). */
    public void play() {
        if (closed) {
            return;
        }
        playing = true;
        submit(s -> startTicks());
    }

    /** Stops playing: no step starts after the tick that is running now. */
    public void pause() {
        playing = false;
        submit(s -> stopTicks());
    }

    public boolean isPlaying() {
        return playing;
    }

    /** Steps per second while playing, or {@link Double#POSITIVE_INFINITY} for as fast as possible. */
    public void setStepsPerSecond(double sps) {
        if (!(sps > 0)) {
            throw new IllegalArgumentException("steps per second must be above 0, got " + sps);
        }
        stepsPerSecond = sps;
        submit(s -> {
            stopTicks(); // as fast as possible and at a pace tick differently
            startTicks();
        });
    }

    public double stepsPerSecond() {
        return stepsPerSecond;
    }

    /** Waits until every command given so far has run. */
    public void awaitIdle(long timeout, TimeUnit unit) throws Exception {
        submit(s -> { }).get(timeout, unit);
    }

    private void startTicks() {
        if (!playing || playTask != null || continuous) {
            return;
        }
        restartClock();
        if (Double.isInfinite(stepsPerSecond)) {
            continuous = true;
            long generation = ++chain;
            worker.execute(() -> continuousTick(generation));
        } else {
            playTask = worker.scheduleWithFixedDelay(this::tick, 0, TICK_PERIOD_MS, TimeUnit.MILLISECONDS);
        }
    }

    private void stopTicks() {
        if (playTask != null) {
            playTask.cancel(false);
            playTask = null;
        }
        continuous = false;
    }

    /**
     * As fast as possible: one tick after another, with the commands given meanwhile run in
     * between. Each start of playing begins a new chain; a tick of an older one (still queued
     * when playing stopped and started again) ends its chain.
     */
    private void continuousTick(long generation) {
        if (!continuous || generation != chain) {
            return;
        }
        tick();
        if (continuous && playing && !closed && generation == chain) {
            try {
                worker.execute(() -> continuousTick(generation));
            } catch (java.util.concurrent.RejectedExecutionException shutDown) {
                continuous = false;
            }
        } else if (generation == chain) {
            continuous = false;
        }
    }

    private void restartClock() {
        playStartNanos = System.nanoTime();
        playedSteps = 0;
    }

    private void tick() {
        try {
            if (!playing) {
                stopTicks();
                return;
            }
            long now = System.nanoTime();
            long deadline = now + TimeUnit.MILLISECONDS.toNanos(TICK_BUDGET_MS);
            double sps = stepsPerSecond;
            long due = Double.isInfinite(sps) ? Long.MAX_VALUE
                    : (long) ((now - playStartNanos) * 1e-9 * sps) - playedSteps;
            if (!Double.isInfinite(sps) && due > Math.max(1, sps * MAX_BACKLOG_S)) {
                restartClock(); // too far behind: drop the backlog rather than race to catch up
                due = 1;
            }
            boolean quiet = sps >= QUIET_FROM_SPS;
            while (due > 0 && playing && System.nanoTime() < deadline) {
                if (!(quiet ? session.stepQuietly() : session.step())) {
                    playing = false;
                    stopTicks();
                    break;
                }
                playedSteps++;
                due--;
            }
            long after = System.nanoTime();
            if (!playing || after - lastPrintNanos >= PRINT_EVERY_NS) {
                session.printUnprinted();
                lastPrintNanos = after;
            }
        } catch (RuntimeException | Error e) {
            playing = false;
            stopTicks();
            errorHandler.accept(e);
        } finally {
            stepCount = session.stepCount();
            if (!playing || (taken && System.nanoTime() - lastPublishNanos >= PUBLISH_EVERY_NS)) {
                publish();
            }
        }
    }

    private void publish() {
        try {
            if (session.version() != publishedVersion) {
                publishedVersion = session.version();
                lastPublishNanos = System.nanoTime();
                taken = false;
                latest.set(session.snapshot());
            }
        } catch (RuntimeException | Error e) {
            errorHandler.accept(e);
        }
    }

    /** Stops playing and the thread; waits up to two seconds for the running command. */
    @Override
    public void close() {
        closed = true;
        playing = false;
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
