package org.normscope.batch;

import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import org.normscope.engine.Tensor;

/**
 * Draws the input batch of each step from a {@link BatchSpec}, and knows what the running
 * statistics should converge to: every channel's true mean and variance at that step.
 *
 * <p>Step {@code t} (counted from 1) of channel {@code c} draws from {@code sources[c]} shifted by
 * {@code drift·(t − 1)}. Each channel has its own generator, seeded from {@code (seed, t, c)}
 * for a fresh batch and from {@code (seed, 1, c)} for "same batch" (so only the drift moves
 * it): changing one channel's source leaves the other channels' values as they were. An
 * outlier batch adds {@link #outlierShift} to every value of that one step.
 */
public final class BatchSource {

    /** A batch of fewer values is drawn on the calling thread alone (as the engine's forward). */
    static final int PARALLEL_THRESHOLD = 1 << 16;
    /** A parallel draw hands out at most this many blocks of channels (as the engine's forward). */
    private static final int MAX_BLOCKS = 16;
    /** The engine's: the calling thread and one task on the common pool. */
    private static final int DEFAULT_THREADS = 2;

    private final BatchSpec spec;
    private final int threads;
    private Tensor repeated; // the one batch of a spec that repeats it without drift

    public BatchSource(BatchSpec spec) {
        this(spec, DEFAULT_THREADS);
    }

    /**
     * A source that draws a large batch on {@code threads} threads: the calling one and
     * {@code threads − 1} tasks on the common fork-join pool (the engine's). The values do not
     * depend on it.
     */
    public BatchSource(BatchSpec spec, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.spec = spec;
        this.threads = threads;
    }

    public BatchSpec spec() {
        return spec;
    }

    /** The batch of step {@code step} (from 1); with {@code outlier} every value is shifted by {@link #outlierShift}. */
    public Tensor batch(long step, boolean outlier) {
        return batch(step, outlier, null);
    }

    /**
     * The batch of step {@code step}, written into {@code reuse} when it has the spec's shape
     * (else into a new tensor). A spec that repeats its batch with no drift gives the same
     * tensor every step, drawn once: do not write into it.
     */
    public Tensor batch(long step, boolean outlier, Tensor reuse) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + step);
        }
        if (!drawsAnew(step, outlier)) {
            if (repeated == null) {
                repeated = draw(1, false, null);
            }
            return repeated;
        }
        return draw(step, outlier, reuse);
    }

    /**
     * Whether step {@code step}'s batch is drawn anew: false when it is the spec's one repeated
     * batch (same batch every step, no drift, no outlier), which {@link #batch} draws only once.
     */
    public boolean drawsAnew(long step, boolean outlier) {
        return outlier || driftAt(step) != 0.0 || spec.freshEachStep();
    }

    /**
     * Starts step {@code step}'s batch (one that {@link #drawsAnew}) without drawing any of it:
     * threads draw it block of channels by block with {@link Drawing#help}, and
     * {@link Drawing#join} helps and then waits for the last block. It goes into {@code reuse}
     * when that has the spec's shape (else into a new tensor), and its values are those of
     * {@link #batch}, whichever thread draws which block. The drawing reads nothing of this
     * source that changes: any thread may help.
     */
    public Drawing start(long step, boolean outlier, Tensor reuse) {
        if (step < 1 || !drawsAnew(step, outlier)) {
            throw new IllegalArgumentException("step " + step + " is not drawn anew");
        }
        Tensor out = output(reuse);
        Draw d = newDraw(out, step, outlier);
        d.blocks = Math.min(d.channels, MAX_BLOCKS);
        return new Drawing(out, d);
    }

    /** A batch being drawn by whichever threads help (see {@link #start}). */
    public static final class Drawing {
        private final Tensor out;
        private final Draw draw;
        private final AtomicInteger finished = new AtomicInteger();
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        private volatile Throwable failure;

        private Drawing(Tensor out, Draw draw) {
            this.out = out;
            this.draw = draw;
        }

        /** Draws blocks of channels until none is left to start (others may still be drawing theirs). */
        public void help() {
            for (int b = draw.nextBlock.getAndIncrement(); b < draw.blocks; b = draw.nextBlock.getAndIncrement()) {
                try {
                    draw.block(b);
                } catch (RuntimeException | Error e) {
                    failure = e;
                } finally {
                    if (finished.incrementAndGet() == draw.blocks) {
                        done.countDown();
                    }
                }
            }
        }

        /**
         * Helps, then waits until every block is drawn, and gives the batch.
         *
         * @throws IllegalStateException if drawing a block failed
         */
        public Tensor join() {
            help();
            boolean interrupted = false;
            while (true) {
                try {
                    done.await(); // not abandoned half-way: the batch's buffer is still being written
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure != null) {
                throw new IllegalStateException("drawing the batch failed", failure);
            }
            return out;
        }
    }

    /** {@code reuse} if it has the spec's shape and is not the shared repeated batch, else a new tensor. */
    private Tensor output(Tensor reuse) {
        int[] shape = spec.shape();
        return reuse != null && reuse != repeated && java.util.Arrays.equals(reuse.shape(), shape) ? reuse
                : new Tensor(shape, new float[Math.toIntExact(spec.valuesPerChannel() * shape[1])]);
    }

    private Draw newDraw(Tensor out, long step, boolean outlier) {
        int[] shape = spec.shape();
        return new Draw(out.data(), shape[0], shape[1], (int) (spec.valuesPerChannel() / shape[0]),
                mix(spec.seed(), spec.freshEachStep() ? step : 1), driftAt(step), outlier);
    }

    private Tensor draw(long step, boolean outlier, Tensor reuse) {
        Tensor out = output(reuse);
        Draw d = newDraw(out, step, outlier);
        int n = d.n;
        int channels = d.channels;
        int slice = d.slice;
        if (threads < 2 || channels < 2 || (long) n * channels * slice < PARALLEL_THRESHOLD) {
            d.channels(0, channels);
            return out;
        }
        // As the engine's forward (ForwardPass): blocks of channels go to whichever thread asks
        // next, the calling one and helpers on the common fork-join pool. Every channel's values
        // depend on (seed, step, channel) alone, so who draws which block does not matter.
        d.blocks = Math.min(channels, MAX_BLOCKS);
        ForkJoinTask<?>[] helpers = new ForkJoinTask<?>[Math.min(threads, d.blocks) - 1];
        for (int h = 0; h < helpers.length; h++) {
            helpers[h] = ForkJoinTask.adapt(d::takeBlocks).fork();
        }
        try {
            d.takeBlocks();
        } finally {
            for (ForkJoinTask<?> h : helpers) {
                h.join();
            }
        }
        return out;
    }

    /** One batch being drawn: its channels, by blocks. */
    private final class Draw {
        final float[] data;
        final int n;
        final int channels;
        final int slice;
        final long stepSeed;
        final double drift;
        final boolean outlier;
        final AtomicInteger nextBlock = new AtomicInteger();
        int blocks;

        Draw(float[] data, int n, int channels, int slice, long stepSeed, double drift, boolean outlier) {
            this.data = data;
            this.n = n;
            this.channels = channels;
            this.slice = slice;
            this.stepSeed = stepSeed;
            this.drift = drift;
            this.outlier = outlier;
        }

        void takeBlocks() {
            for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                block(b);
            }
        }

        void block(int b) {
            channels((int) ((long) b * channels / blocks), (int) ((long) (b + 1) * channels / blocks));
        }

        void channels(int from, int to) {
            for (int c = from; c < to; c++) {
                channel(c);
            }
        }

        /** Channel {@code c}: its values at {@code (b·C + c)·slice + s}, drawn in order of {@code b}, then {@code s}. */
        private void channel(int c) {
            long channelSeed = mix(stepSeed, c);
            ChannelSource source = spec.sources().get(c);
            double shift = drift + (outlier ? outlierShift(c) : 0.0);
            int stride = channels * slice;
            if (source instanceof ChannelSource.Normal normal && spec.generator() == Generator.ZIGGURAT_1) {
                Ziggurat.fill(data, c * slice, stride, n, slice, new SplitMix64(channelSeed), normal.mean(),
                        normal.std(), shift);
                return;
            }
            // splittable-polar-1's normals, and both generators' uniform and constant channels
            SplittableRandom random = new SplittableRandom(channelSeed);
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * slice;
                for (int s = 0; s < slice; s++) {
                    data[base + s] = (float) (source.sample(random) + shift);
                }
            }
        }
    }

    /** Channel {@code c}'s true mean at step {@code step}: {@code source.mean + drift·(step − 1)}. */
    public double trueMean(int c, long step) {
        return spec.sources().get(c).mean() + driftAt(step);
    }

    /** Channel {@code c}'s true variance (the drift moves the mean only). */
    public double trueVariance(int c) {
        return spec.sources().get(c).variance();
    }

    /**
     * How far an outlier batch moves channel {@code c}: {@code 10·max(std, 1)}, ten standard
     * deviations of its source, but at least 10 (so a constant or narrow channel still jumps visibly).
     */
    public double outlierShift(int c) {
        return 10 * Math.max(Math.sqrt(trueVariance(c)), 1.0);
    }

    private double driftAt(long step) {
        return spec.driftPerStep() * (step - 1);
    }

    /** A well-spread 64-bit mix of two values (SplitMix64's finalizer), so neighbouring seeds give unrelated draws. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
