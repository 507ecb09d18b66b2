package org.normscope.engine;

import java.util.concurrent.RecursiveAction;

/**
 * One forward of a BatchNorm layer over a range of channels, with the per-channel
 * scratch it reuses from step to step.
 *
 * <p>Each channel is done start to finish before the next: its sum, its
 * {@code Σ(x − mean)²}, its running-stat update and its output. A channel of a batch
 * that fits the cache is then read from memory once and written once, which is what
 * lets this beat PyTorch's CPU kernel (two separate sweeps over the whole batch).
 * {@code (N, C)} inputs, whose channels interleave value by value, are walked row by
 * row instead (see {@link #runRows}). Large
 * batches share the channels out in blocks between the calling thread and one task on the
 * common fork-join pool: the task object is reused, so a step allocates nothing.
 */
final class ForwardPass {

    // per-channel results of the last forward (capacity may exceed the channel count)
    float[] mean;
    float[] invstd;
    float[] varSum;
    private float[] alpha;
    private float[] beta;

    // the current forward's arguments
    private float[] x;
    private float[] y;
    private int batch;
    private int channels;
    private int slice;
    private boolean batchStats;
    private boolean updateRunning;
    private float factor;
    private double eps;
    private float[] weight;
    private float[] bias;
    private float[] runningMean;
    private float[] runningVar;

    /** A parallel forward hands out at most this many blocks of channels. */
    private static final int MAX_BLOCKS = 16;
    private final Helper helper = new Helper();
    private final java.util.concurrent.atomic.AtomicInteger nextBlock = new java.util.concurrent.atomic.AtomicInteger();
    private int blocks;
    // (N, C) inputs: blocks of channels for the statistics, then tiles of rows for the output
    private final java.util.concurrent.atomic.AtomicInteger statsDone = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger nextTile = new java.util.concurrent.atomic.AtomicInteger();
    private int statBlocks;
    private volatile boolean aborted;
    private int outTiles;
    // one set of scratch rows and accumulators per thread: two threads writing neighbouring
    // channels of one array would pass its cache line back and forth at every row
    private final RowKernels.Rows[] rows = {new RowKernels.Rows(), new RowKernels.Rows()};
    /** The helper thread's share of an {@code (N, C)} forward. */
    private final SpinningHelper.Job rowsJob = new SpinningHelper.Job() {
        @Override
        protected void work() {
            rowsWork(1);
        }
    };
    private final RowKernels.Tile[] tiles = {new RowKernels.Tile(), new RowKernels.Tile()};

    ForwardPass(int capacity) {
        ensureCapacity(capacity);
    }

    private void ensureCapacity(int c) {
        if (mean == null || mean.length < c) {
            mean = new float[c];
            invstd = new float[c];
            varSum = new float[c];
            alpha = new float[c];
            beta = new float[c];
        }
    }

    /** @param y where the output goes, or null to compute everything but the output */
    void prepare(float[] x, float[] y, int batch, int channels, int slice, boolean batchStats,
            boolean updateRunning, float factor, double eps, float[] weight, float[] bias,
            float[] runningMean, float[] runningVar) {
        ensureCapacity(channels);
        this.x = x;
        this.y = y;
        this.batch = batch;
        this.channels = channels;
        this.slice = slice;
        this.batchStats = batchStats;
        this.updateRunning = updateRunning;
        this.factor = factor;
        this.eps = eps;
        this.weight = weight;
        this.bias = bias;
        this.runningMean = runningMean;
        this.runningVar = runningVar;
    }

    /** @param alongside run on the calling thread while the pool thread starts (or first, if not parallel); may be null */
    void run(boolean parallel, Runnable alongside) {
        try {
            if (slice == 1) {
                runRows(parallel, alongside);
                return;
            }
            if (!parallel) {
                if (alongside != null) {
                    alongside.run();
                }
                channels(0, channels);
                return;
            }
            // Channels are handed out in blocks to whichever thread asks next, rather than in two
            // fixed halves: when the other thread is descheduled (a window rendering on the same
            // cores), this one takes its blocks instead of waiting for a half to be done.
            blocks = Math.min(channels, MAX_BLOCKS);
            nextBlock.set(0);
            helper.reinitialize();
            helper.fork();
            try {
                if (alongside != null) {
                    alongside.run();
                }
            } finally {
                takeBlocks();
                helper.join();
            }
        } finally {
            x = null; // do not keep the caller's arrays alive
            y = null;
        }
    }

    private void takeBlocks() {
        for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
            channels((int) ((long) b * channels / blocks), (int) ((long) (b + 1) * channels / blocks));
        }
    }

    private void channels(int from, int to) {
        long n = (long) batch * slice;
        int stride = channels * slice;
        for (int c = from; c < to; c++) {
            int first = c * slice;
            if (batchStats) {
                float m = (float) (ChannelKernels.sum(x, first, stride, batch, slice) / n);
                mean[c] = m;
                varSum[c] = (float) ChannelKernels.squaredDeviationSum(x, first, stride, batch, slice, m);
            }
            finishChannel(c, n);
            if (y != null) {
                ChannelKernels.affine(x, y, first, stride, batch, slice, alpha[c], beta[c]);
            }
        }
    }

    float[] alpha(int channels) {
        return java.util.Arrays.copyOf(alpha, channels);
    }

    float[] beta(int channels) {
        return java.util.Arrays.copyOf(beta, channels);
    }

    /**
     * {@code y = fma(x, α, β)} with the last forward's {@code α}, {@code β}: what that forward
     * writes when it is given an output (see {@link BatchNorm#forwardWithoutOutput}).
     */
    void writeOutput(float[] x, float[] y, int batch, int channels, int slice) {
        if (slice == 1) {
            RowKernels.Tile tile = tiles[0];
            tile.prepare(channels, alpha, beta);
            for (int t = 0, n = RowKernels.tiles(batch, channels); t < n; t++) {
                RowKernels.affine(x, y, channels, batch, t, alpha, beta, tile);
            }
            return;
        }
        int stride = channels * slice;
        for (int c = 0; c < channels; c++) {
            ChannelKernels.affine(x, y, c * slice, stride, batch, slice, alpha[c], beta[c]);
        }
    }

    /**
     * Given the channel's batch mean and {@code Σ(x − mean)²} (when batch statistics are used),
     * sets its {@code invstd}, updates its running stats, and sets the output's {@code α}, {@code β}.
     */
    private void finishChannel(int c, long n) {
        float m;
        float inv;
        if (batchStats) {
            m = mean[c];
            float vs = varSum[c];
            float biasedVar = vs / n;
            // PyTorch's InvStd: 0 where the variance and eps are both 0, so y = bias, not NaN
            inv = (biasedVar != 0f || eps != 0.0) ? (float) (1.0 / Math.sqrt(biasedVar + eps)) : 0f;
            if (updateRunning) {
                // float and double mixed exactly as PyTorch's update_stats_template (built without FMA)
                runningMean[c] = factor * m + (1 - factor) * runningMean[c];
                double unbiasedVar = vs / (float) (n - 1);
                runningVar[c] = (float) (factor * unbiasedVar + (1 - factor) * runningVar[c]);
            }
        } else {
            m = runningMean[c];
            inv = 1f / (float) Math.sqrt(runningVar[c] + (float) eps);
            mean[c] = m;
        }
        invstd[c] = inv;
        float a = inv * (weight == null ? 1f : weight[c]);
        alpha[c] = a;
        // b − mean·α rounded once, as PyTorch's AVX2 build (compiled with FMA contraction) does
        beta[c] = Math.fma(-m, a, bias == null ? 0f : bias[c]);
    }

    /**
     * An {@code (N, C)} or {@code (N, C, 1)} input, walked row by row as PyTorch 1.13's
     * channels-last kernel walks it (see {@link RowKernels}): the sum and then the sum of
     * squared deviations accumulated per channel in <em>float</em>, row after row, the mean as
     * {@code (float)(sum / N)}, then {@code y = fma(x, α, β)}. Float accumulation is less exact
     * than the double sums of wider inputs, but these are PyTorch's numbers.
     *
     * <p>In parallel the statistics are split by channels, in two halves (each half sweeps every
     * row, so no channel's additions are split), and, once both halves are done, the output by
     * tiles of whole rows, handed out to whichever thread asks next.
     */
    private void runRows(boolean parallel, Runnable alongside) {
        statBlocks = batchStats ? (parallel ? 2 : 1) : 0;
        if (!batchStats) {
            for (int c = 0; c < channels; c++) {
                finishChannel(c, batch);
            }
        }
        outTiles = y == null ? 0 : RowKernels.tiles(batch, channels);
        nextBlock.set(0);
        statsDone.set(0);
        nextTile.set(0);
        if (!parallel) {
            if (alongside != null) {
                alongside.run();
            }
            rowsWork(0);
            return;
        }
        aborted = false;
        boolean shared = SpinningHelper.offer(rowsJob);
        try {
            if (alongside != null) {
                alongside.run();
            }
            rowsWork(0);
        } catch (RuntimeException | Error e) {
            aborted = true; // a helper waiting for this thread's statistics gives up
            throw e;
        } finally {
            if (shared) {
                rowsJob.finish();
            }
        }
    }

    /** One thread's share of {@link #runRows}; {@code slot} names its output tile (0 caller, 1 helper). */
    private void rowsWork(int slot) {
        for (int b = nextBlock.getAndIncrement(); b < statBlocks; b = nextBlock.getAndIncrement()) {
            rowStats(rows[slot], (int) ((long) b * channels / statBlocks), (int) ((long) (b + 1) * channels / statBlocks));
            statsDone.incrementAndGet();
        }
        if (outTiles == 0) {
            return;
        }
        // the output needs every channel's α and β: wait for a block the other thread is still on
        while (statsDone.get() < statBlocks) {
            if (slot == 0) {
                rowsJob.rethrowFailure();
            } else if (aborted) {
                return;
            }
            Thread.onSpinWait();
        }
        RowKernels.Tile tile = tiles[slot];
        tile.prepare(channels, alpha, beta);
        // tiles are handed out in at most MAX_BLOCKS runs: one counter bumped by both threads for every
        // 4 KB tile would pass its cache line between the cores more often than the tiles take
        int runs = Math.min(outTiles, MAX_BLOCKS);
        for (int b = nextTile.getAndIncrement(); b < runs; b = nextTile.getAndIncrement()) {
            int end = (int) ((long) (b + 1) * outTiles / runs);
            for (int t = (int) ((long) b * outTiles / runs); t < end; t++) {
                RowKernels.affine(x, y, channels, batch, t, alpha, beta, tile);
            }
        }
    }

    /** The batch statistics of channels {@code [from, to)} of an {@code (N, C)} input, and their α, β. */
    private void rowStats(RowKernels.Rows scratch, int from, int to) {
        scratch.ensure(channels);
        float[] sums = scratch.sum;
        float[] squares = scratch.sq;
        RowKernels.sums(x, channels, batch, from, to, sums, scratch);
        for (int c = from; c < to; c++) {
            sums[c] = (float) ((double) sums[c] / batch);
        }
        RowKernels.squaredDeviations(x, channels, batch, from, to, sums, squares, scratch);
        System.arraycopy(sums, from, mean, from, to - from);
        System.arraycopy(squares, from, varSum, from, to - from);
        for (int c = from; c < to; c++) {
            finishChannel(c, batch);
        }
    }

    /** Takes blocks of channels on the common pool beside the calling thread; reused across forwards. */
    private final class Helper extends RecursiveAction {
        private static final long serialVersionUID = 1L;

        @Override
        protected void compute() {
            takeBlocks();
        }
    }
}
