package org.normscope.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread, shared by every layer, that takes a share of a forward beside the calling
 * thread, and after each share keeps spinning for {@link #SPIN_NANOS} before it parks, as
 * OpenMP's worker threads (PyTorch's) do. A forward of a few hundred microseconds cannot wait
 * for a parked thread to be woken and scheduled: on a busy machine that took longer than the
 * forward itself (measured here: the common fork-join pool's worker often started after the
 * caller had done all the work alone).
 *
 * <p>The caller {@linkplain #offer offers} a job and works on the same shares itself (the job
 * and the caller take shares from one counter); when it runs out it {@linkplain Job#finish
 * finishes} the job: takes it back if the helper has not started it, else waits for it. If the
 * helper is busy with another layer's job the offer is refused and the caller works alone.
 */
final class SpinningHelper {

    /** How long the helper keeps looking for the next job before it parks. */
    static final long SPIN_NANOS = 500_000;

    private static final int OFFERED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int TAKEN_BACK = 3;

    /** A reusable unit of work; one forward offers it at most once at a time. */
    abstract static class Job {
        private final AtomicInteger state = new AtomicInteger(DONE);
        private volatile Throwable failure;

        /** The helper's share. */
        protected abstract void work();

        /** Throws what the helper's share threw, if it threw (the caller may be waiting on that share). */
        final void rethrowFailure() {
            Throwable f = failure;
            if (f != null) {
                failure = null;
                if (f instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) f;
            }
        }

        /** Returns once the helper is not (and will not be) running this job; rethrows its failure. */
        final void finish() {
            if (!state.compareAndSet(OFFERED, TAKEN_BACK)) {
                while (state.get() == RUNNING) {
                    Thread.onSpinWait();
                }
            }
            rethrowFailure();
        }
    }

    private static final SpinningHelper INSTANCE = new SpinningHelper();

    private final AtomicReference<Job> slot = new AtomicReference<>();
    private volatile boolean waiting;
    private volatile Thread thread;

    private SpinningHelper() {
    }

    /** Offers {@code job} to the helper; false if the helper is busy (then the caller does everything). */
    static boolean offer(Job job) {
        return INSTANCE.put(job);
    }

    private boolean put(Job job) {
        Thread t = thread;
        if (t == null) {
            t = start();
        }
        if (slot.get() != null) {
            // busy, or still holding a job taken back whose slot it has not cleared yet (maybe this one)
            return false;
        }
        job.state.set(OFFERED);
        if (!slot.compareAndSet(null, job)) {
            job.state.set(DONE); // another layer's job got in first: nobody else can see this one
            return false;
        }
        if (waiting) {
            LockSupport.unpark(t);
        }
        return true;
    }

    private synchronized Thread start() {
        if (thread == null) {
            Thread t = new Thread(this::loop, "normscope-engine-helper");
            t.setDaemon(true);
            t.start();
            thread = t;
        }
        return thread;
    }

    private void loop() {
        long idleSince = System.nanoTime();
        while (true) {
            Job job = slot.get();
            if (job != null) {
                if (job.state.compareAndSet(OFFERED, RUNNING)) {
                    try {
                        job.work();
                    } catch (RuntimeException | Error e) {
                        job.failure = e; // the caller rethrows it; the helper carries on
                    } finally {
                        job.state.set(DONE);
                    }
                }
                slot.compareAndSet(job, null);
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                waiting = true;
                if (slot.get() == null) {
                    LockSupport.park(this);
                }
                waiting = false;
                idleSince = System.nanoTime();
            }
        }
    }
}
