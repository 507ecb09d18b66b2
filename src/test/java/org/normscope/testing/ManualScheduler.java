package org.normscope.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The engine's thread ({@code normscope-engine}, one thread as the runner needs) for a test: what
 * is executed runs at once and in order, as on the app's thread, but periodic tasks (playing's
 * ticks) run only when the test says so ({@link #runTicks()}), on that thread, between the
 * commands given before and after. With a {@link ManualTicker}, playing at a pace goes tick by
 * tick with no real time passing. Delayed one-shot tasks are refused: nothing here waits for time.
 */
public final class ManualScheduler extends ScheduledThreadPoolExecutor {

    private static final long WAIT_S = 30;

    private final List<Periodic> periodic = new CopyOnWriteArrayList<>();

    public ManualScheduler() {
        super(1, r -> {
            Thread t = new Thread(r, "normscope-engine");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
        return hold(task);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, long initialDelay, long period, TimeUnit unit) {
        return hold(task);
    }

    /** Runs at once when {@code delay} is 0 ({@link #execute} and {@link #submit} come here); a later time is refused. */
    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        if (delay > 0) {
            throw new UnsupportedOperationException("a manual scheduler runs no task later: " + delay + " " + unit);
        }
        return super.schedule(task, delay, unit);
    }

    private ScheduledFuture<?> hold(Runnable task) {
        Periodic p = new Periodic(task);
        periodic.add(p);
        return p;
    }

    /**
     * Runs each periodic task that is not cancelled once, on the engine thread after every task
     * given before, and waits until they have run (a tick that cancels a later one stops it).
     *
     * @return how many ran
     */
    public int runTicks() {
        CompletableFuture<Integer> ran = new CompletableFuture<>();
        execute(() -> {
            int n = 0;
            try {
                for (Periodic p : periodic) {
                    if (!p.isCancelled()) {
                        p.task.run();
                        n++;
                    }
                }
                ran.complete(n);
            } catch (RuntimeException | Error e) {
                ran.completeExceptionally(e);
            }
        });
        try {
            return ran.get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the engine thread did not run its ticks within " + WAIT_S + " s", e);
        }
    }

    /** Waits until every task executed so far has run (a command given before the clock moves runs at its time). */
    public void awaitQueued() {
        CompletableFuture<Void> ran = new CompletableFuture<>();
        execute(() -> ran.complete(null));
        try {
            ran.get(WAIT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the engine thread did not run its tasks within " + WAIT_S + " s", e);
        }
    }

    /** How many periodic tasks are scheduled and not cancelled: 1 while the runner plays at a pace, else 0. */
    public int liveTicks() {
        List<Periodic> live = new ArrayList<>();
        for (Periodic p : periodic) {
            if (!p.isCancelled()) {
                live.add(p);
            }
        }
        periodic.retainAll(live);
        return live.size();
    }

    /** A periodic task held for {@link #runTicks()}: it never completes, it is only cancelled. */
    private static final class Periodic implements ScheduledFuture<Object> {
        final Runnable task;
        private volatile boolean cancelled;

        Periodic(Runnable task) {
            this.task = task;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean was = !cancelled;
            cancelled = true;
            return was;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled;
        }

        @Override
        public Object get() {
            throw new UnsupportedOperationException("a periodic task has no result");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("a periodic task has no result");
        }
    }
}
