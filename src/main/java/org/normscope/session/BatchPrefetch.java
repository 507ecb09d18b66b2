package org.normscope.session;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Tensor;

/**
 * The next step's batch, drawn on a thread of its own while the session runs the current step's
 * forward and records the last one. The session keeps three input buffers (the last step's
 * input, which stays until a step succeeds, the current step's, and this one) and hands over
 * the one neither step uses; the batch drawn there is taken at the next step only if it is the
 * one that step would draw
 * (the same {@link BatchSpec}, step and outlier flag, which are all a batch depends on), so an
 * edit of the sources, the seed or anything else between steps, a queued outlier or a reset
 * drops it, and the step draws its batch itself, as without prefetching. The values are the
 * same either way: who draws a batch, and when, does not change it.
 *
 * <p>A thread of its own ({@code normscope-batch}) starts drawing the batch, block of channels
 * by block (see {@link BatchSource#start}), while the session's thread runs the forward; at
 * the next step the session's thread helps with the blocks not started yet and waits for the
 * last one. So the draw takes the time the forward and the recording leave, and never more
 * than drawing at the step would. Batches of fewer than
 * {@value #MIN_VALUES} values are drawn by the step itself: they take microseconds, less than
 * handing them to another thread; batches of more than {@value #MAX_VALUES} are not drawn ahead,
 * so that the third buffer costs at most 16 MB. Not thread-safe: the session's thread owns it.
 */
final class BatchPrefetch {

    /** Smaller batches are drawn by the step itself (as {@link BatchSource} draws them on one thread). */
    static final long MIN_VALUES = 1 << 16;
    /** Larger batches are drawn by the step itself (the third buffer would be larger than 16 MB). */
    static final long MAX_VALUES = 1 << 22;

    /** One daemon thread shared by every session (each has at most one batch in flight), ended when idle. */
    private static final ThreadPoolExecutor DRAWER = drawer();

    private record Job(BatchSpec spec, long step, boolean outlier, BatchSource.Drawing batch) {
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
     * batch is the source's repeated one, small or large, or prefetching is off. {@code free}
     * must not be read or written until {@link #take} or {@link #settle} returns.
     */
    void start(BatchSource source, long step, boolean outlier, Tensor free) {
        settle();
        BatchSpec spec = source.spec();
        long values = spec.valuesPerChannel() * spec.channels();
        if (!enabled || !source.drawsAnew(step, outlier) || values < MIN_VALUES || values > MAX_VALUES) {
            return;
        }
        BatchSource.Drawing drawing = source.start(step, outlier, free);
        DRAWER.execute(drawing::help);
        job = new Job(spec, step, outlier, drawing);
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

    /** The batch, drawn to the end with this thread's help, or null if it failed (the step then draws again and meets the failure itself). */
    private static Tensor await(BatchSource.Drawing d) {
        try {
            return d.join();
        } catch (IllegalStateException e) {
            return null;
        }
    }
}
