package org.normscope.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;

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
 *
 * <p>A command of many steps ({@link #step(int)} with more than one, {@link #runTo(long)})
 * publishes its {@link Progress} and a snapshot about every {@value #PROGRESS_EVERY_MS} ms
 * while it runs (when the last snapshot has been read), and stops after the running step
 * when {@link #cancel()}ed: the steps done so far stay.
 *
 * <p>The thread and the clock can be given: every wait and pace is read from the {@link Ticker}, and
 * playing at a pace asks the executor for a periodic task, so a test that gives an executor holding
 * those tasks and a clock moved by hand plays tick by tick, with no real time passing.
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
    public static final int PRINT_ALL_UP_TO = 100;
    private static final long PRINT_EVERY_NS = 1_000_000_000L;
    /** A backlog of more than this many seconds of steps is dropped instead of caught up. */
    private static final double MAX_BACKLOG_S = 0.25;

    /** A command of many steps publishes its progress (and a snapshot) at most this often. */
    static final long PROGRESS_EVERY_MS = 250;
    /** A command of many steps looks at the clock (and for a cancel) about this often, or after every step if slower. */
    private static final long CHECK_EVERY_NS = 1_000_000;
    /** The most steps between two looks at the clock (tiny layers step in about a microsecond). */
    private static final int MAX_CHECK_STRIDE = 1 << 12;

    /**
     * How far the command of many steps that runs now has got: {@code done} of {@code total}
     * steps after {@code elapsedNanos}.
     */
    public record Progress(long done, long total, long elapsedNanos) {
        /** The time left at the pace so far, or -1 before the first step is done. */
        public long remainingNanos() {
            return done <= 0 ? -1 : (long) ((double) elapsedNanos / done * (total - done));
        }
    }

    private final Session session;
    private final ScheduledExecutorService worker;
    private final Ticker ticker;
    private final AtomicReference<Progress> progress = new AtomicReference<>();
    /** The ids given to commands of many steps, in order: the newest given so far. */
    private final AtomicLong manyGiven = new AtomicLong();
    /** The newest command of many steps that has ended (they run in the order given). */
    private volatile long manyEnded;
    /** Commands of many steps with an id up to this one stop (or do not start). */
    private volatile long cancelledUpTo;
    /**
     * The newest snapshot and whether it has been read, published together: a flag cleared before
     * the snapshot was built let a reader mark the old one read, and the new one was then taken
     * for read without anyone having seen it.
     */
    private record Handoff(SessionSnapshot snapshot, boolean taken) {
    }

    private final AtomicReference<Handoff> latest = new AtomicReference<>();
    private volatile boolean playing;
    private volatile double stepsPerSecond = 10;
    private volatile Consumer<Throwable> errorHandler = e -> { };
    private volatile Runnable newsListener = () -> { };
    private volatile boolean closed;
    private volatile long stepCount;
    /** No step of playing or of a command of many steps starts before this {@link Ticker#nanoTime} (see {@link #holdOff}). */
    private volatile long heldUntil;

    // worker-confined
    private ScheduledFuture<?> playTask;
    private boolean continuous;      // a self-queuing tick runs (as fast as possible)
    private long chain;              // the current chain of continuous ticks
    private long lastPublishNanos;
    private long lastPrintNanos;
    private long playStartNanos;
    private long playedSteps;
    private long publishedVersion = -1;

    /** The app's runner: the session on a thread of its own ({@link #engineThread()}), on the system clock. */
    public SessionRunner(Session session) {
        this(session, engineThread(), Ticker.SYSTEM);
    }

    /**
     * The session run by {@code worker}, paced by {@code ticker}.
     *
     * @param worker runs every command and every tick of playing; it must run one task at a time, in the
     *               order given (one thread, as {@link #engineThread()}); the runner shuts it down on
     *               {@link #close()}
     * @param ticker the clock of the pace, the holds, the progress and the publishing
     */
    public SessionRunner(Session session, ScheduledExecutorService worker, Ticker ticker) {
        this.session = session;
        this.worker = worker;
        this.ticker = ticker;
        heldUntil = ticker.nanoTime();
        latest.set(new Handoff(session.snapshot(), true));
        publishedVersion = session.version();
        stepCount = session.stepCount();
    }

    /** A new {@code normscope-engine} thread (a daemon) as a single-thread scheduled executor. */
    public static ScheduledExecutorService engineThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "normscope-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code listener} on the session's thread after each snapshot it publishes and after each
     * command has answered (its future completed): a window or a test waiting for news wakes up
     * then, instead of looking again and again. It must return at once and not call the runner.
     */
    public void setNewsListener(Runnable listener) {
        newsListener = listener;
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
        Handoff h = latest.get();
        if (!h.taken()) {
            latest.compareAndSet(h, new Handoff(h.snapshot(), true)); // a newer one published meanwhile stays unread
        }
        return h.snapshot();
    }

    /** Whether the newest published snapshot has been read. */
    private boolean taken() {
        return latest.get().taken();
    }

    /** The longest one {@link #holdOff} holds the steps. */
    static final long MAX_HOLD_MS = 20;

    /**
     * Starts no step for the next {@code millis} ms (at most {@value #MAX_HOLD_MS}): a window about
     * to draw a heavy frame while the engine plays flat out asks for both cores for that long, so
     * that its frame is not late. The step running now ends first; commands still run. Any
     * thread may call it, and it never waits.
     */
    public void holdOff(long millis) {
        long until = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, Math.min(millis, MAX_HOLD_MS)));
        if (until - heldUntil > 0) {
            heldUntil = until;
        }
    }

    /** Waits while the steps are held (see {@link #holdOff}); on the session's thread, between steps. */
    private void awaitHold() {
        long latest = ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_HOLD_MS);
        for (long wait; (wait = Math.min(heldUntil, latest) - ticker.nanoTime()) > 0 && !closed; ) {
            ticker.parkNanos(wait);
        }
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
            newsListener.run();
        });
        return result;
    }

    /**
     * {@code count} steps, stopping at a refusal or a {@link #cancel()}; more than
     * {@value #PRINT_ALL_UP_TO} print only the last. More than one publish their progress
     * as they run.
     */
    public CompletableFuture<Void> step(int count) {
        if (count <= 1) {
            return submit(s -> {
                if (count == 1) {
                    s.step();
                }
            });
        }
        return many(s -> count).thenApply(done -> null);
    }

    /**
     * Steps until the session's step count is {@code target} (counted when the command runs),
     * as {@link #step(int)} does: nothing if it is there already.
     *
     * @return the future number of steps run
     */
    public CompletableFuture<Long> runTo(long target) {
        return many(s -> Math.max(0, target - s.stepCount()));
    }

    /**
     * Stops every command of many steps given so far: the running one after the step that
     * runs, the queued ones before they start. The steps done stay; nothing else is touched
     * (playing goes on: see {@link #pause()}).
     */
    public void cancel() {
        cancelledUpTo = manyGiven.get();
    }

    /** Whether a command of many steps runs or waits to run, and was not cancelled (any thread). */
    public boolean isWorking() {
        long given = manyGiven.get();
        return manyEnded < given && cancelledUpTo < given;
    }

    /** How far the running command of many steps has got, or null if none runs (any thread). */
    public Progress progress() {
        return progress.get();
    }

    private CompletableFuture<Long> many(ToLongFunction<Session> countOf) {
        long id = manyGiven.incrementAndGet();
        return call(s -> {
            try {
                return cancelledUpTo >= id ? 0L : runMany(s, id, countOf.applyAsLong(s));
            } finally {
                stepCount = s.stepCount();
                publish(); // the last steps' snapshot before the progress goes
                progress.set(null);
                manyEnded = id;
            }
        });
    }

    /**
     * The loop of a command of many steps. A step costs from a microsecond (a tiny layer) to
     * a quarter of a second (a large batch), so the clock is read after every step at first and
     * then every other, every fourth… step while steps are shorter than {@link #CHECK_EVERY_NS}:
     * the quiet step stays as fast as it was, with no allocation, and a cancel is seen after the
     * running step (or within about a millisecond of tiny steps).
     */
    private long runMany(Session s, long id, long total) {
        boolean quiet = total > PRINT_ALL_UP_TO;
        long start = ticker.nanoTime();
        long lastCheck = start;
        long lastShown = start;
        long showEvery = TimeUnit.MILLISECONDS.toNanos(PROGRESS_EVERY_MS);
        progress.set(new Progress(0, total, 0));
        long done = 0;
        int stride = 1;
        int sinceCheck = 0;
        while (done < total) {
            awaitHold();
            if (!(quiet ? s.stepQuietly() : s.step())) {
                break; // refused: as playing, stop there
            }
            done++;
            if (++sinceCheck >= stride) {
                sinceCheck = 0;
                if (cancelledUpTo >= id || closed) {
                    break;
                }
                long now = ticker.nanoTime();
                if (now - lastCheck < CHECK_EVERY_NS && stride < MAX_CHECK_STRIDE) {
                    stride <<= 1;
                }
                lastCheck = now;
                if (now - lastShown >= showEvery && done < total) {
                    lastShown = now;
                    stepCount = s.stepCount();
                    progress.set(new Progress(done, total, now - start));
                    if (taken()) {
                        publish(); // only once the last one was read: an unread snapshot is not made
                    }
                }
            }
        }
        progress.set(new Progress(done, total, ticker.nanoTime() - start));
        s.printUnprinted();
        return done;
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
        playStartNanos = ticker.nanoTime();
        playedSteps = 0;
    }

    private void tick() {
        try {
            if (!playing) {
                stopTicks();
                return;
            }
            long now = ticker.nanoTime();
            long deadline = now + TimeUnit.MILLISECONDS.toNanos(TICK_BUDGET_MS);
            double sps = stepsPerSecond;
            long due = Double.isInfinite(sps) ? Long.MAX_VALUE
                    : (long) ((now - playStartNanos) * 1e-9 * sps) - playedSteps;
            if (!Double.isInfinite(sps) && due > Math.max(1, sps * MAX_BACKLOG_S)) {
                restartClock(); // too far behind: drop the backlog rather than race to catch up
                due = 1;
            }
            boolean quiet = sps >= QUIET_FROM_SPS;
            while (due > 0 && playing && ticker.nanoTime() < deadline) {
                awaitHold();
                if (!(quiet ? session.stepQuietly() : session.step())) {
                    playing = false;
                    stopTicks();
                    break;
                }
                playedSteps++;
                due--;
            }
            long after = ticker.nanoTime();
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
            if (!playing || (taken() && ticker.nanoTime() - lastPublishNanos >= PUBLISH_EVERY_NS)) {
                publish();
            }
        }
    }

    private void publish() {
        try {
            if (session.version() != publishedVersion) {
                publishedVersion = session.version();
                lastPublishNanos = ticker.nanoTime();
                latest.set(new Handoff(session.snapshot(), false));
                newsListener.run();
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
        cancelledUpTo = Long.MAX_VALUE;
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
