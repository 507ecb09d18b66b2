package org.normscope.session;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Tensor;

/**
 * The next step's batch, drawn on a thread of its own while the session runs and records the
 * current step: double buffering. The session hands over the buffer its last step did not use;
 * the batch drawn there is taken at the next step only if it is the one that step would draw
 * (the same {@link BatchSpec}, step and outlier flag, which are all a batch depends on), so an
 * edit of the sources, the seed or anything else between steps, a queued outlier or a reset
 * drops it, and the step draws its batch itself, as without prefetching. The values are the
 * same either way: who draws a batch, and when, does not change it.
 *
 * <p>The batch is drawn on one thread ({@value #DRAW_THREADS}): the session's thread meanwhile
 * runs the forward (on two), so the engine as a whole leaves part of a core to the window
 * instead of drawing on both cores and then running the forward on both. Batches of fewer than
 * {@value #MIN_VALUES} values are drawn by the step itself: they take microseconds, less than
 * handing them to another thread. Not thread-safe: the session's thread owns it.
 */
final class BatchPrefetch {

    /** Smaller batches are drawn by the step itself (as {@link BatchSource} draws them on one thread). */
    static final long MIN_VALUES = 1 << 16;
    /** The prefetching thread draws alone, with no helper. */
    static final int DRAW_THREADS = 1;

    /** One daemon thread shared by every session (each has at most one batch in flight), ended when idle. */
    private static final ThreadPoolExecutor DRAWER = drawer();

    private record Job(BatchSpec spec, long step, boolean outlier, Future<Tensor> batch) {
    }

    private Job job;
    private boolean enabled = true;
    private long taken; // batches drawn ahead and used (for tests)

    private static ThreadPoolExecutor drawer() {
        ThreadPoolExecutor e = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "normscope-batch");
            t.setDaemon(true);
            return t;
        });
        e.allowCoreThreadTimeOut(true);
        return e;
    }

    /** Turns prefetching on (the default) or off; off, every step draws its own batch. */
    void setEnabled(boolean on) {
        enabled = on;
        if (!on) {
            settle();
        }
    }

    boolean isEnabled() {
        return enabled;
    }

    /**
     * Starts drawing {@code source}'s batch of {@code step} into {@code free} (or a new tensor
     * when it is null, of another shape, or the source's shared batch). Does nothing when the
     * batch is the source's repeated one, small, or prefetching is off. {@code free} must not
     * be read or written until {@link #take} or {@link #settle} returns.
     */
    void start(BatchSource source, long step, boolean outlier, Tensor free) {
        settle();
        BatchSpec spec = source.spec();
        if (!enabled || !source.drawsAnew(step, outlier) || spec.valuesPerChannel() * spec.channels() < MIN_VALUES) {
            return;
        }
        BatchSource drawer = new BatchSource(spec, DRAW_THREADS); // its own: a source is not thread-safe
        Tensor into = source.shares(free) ? null : free;
        job = new Job(spec, step, outlier, DRAWER.submit(() -> drawer.batch(step, outlier, into)));
    }

    /**
     * The batch drawn ahead if it is {@code spec}'s batch of {@code step} (with {@code outlier}),
     * else null (it is dropped; its buffer is free again). Waits for the draw to end either way.
     */
    Tensor take(BatchSpec spec, long step, boolean outlier) {
        Job j = job;
        job = null;
        if (j == null) {
            return null;
        }
        Tensor drawn = await(j.batch());
        if (drawn == null || j.step() != step || j.outlier() != outlier || !j.spec().equals(spec)) {
            return null;
        }
        taken++;
        return drawn;
    }

    /** How many batches drawn ahead were used so far. */
    long taken() {
        return taken;
    }

    /** Drops the batch drawn ahead, if any, once its draw has ended (so that its buffer is free). */
    void settle() {
        Job j = job;
        job = null;
        if (j != null) {
            await(j.batch());
        }
    }

    /** The draw's batch, or null if it failed (the step then draws again and meets the failure itself). */
    private static Tensor await(Future<Tensor> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get(); // never abandoned half-way: it writes into a buffer of the session
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    return null;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
