package org.normscope.engine;

import java.util.concurrent.RecursiveAction;

/**
 * One forward of a BatchNorm layer over a range of channels, with the per-channel
 * scratch it reuses from step to step.
 *
 * <p>Each channel is done start to finish before the next: its sum, its
 * {@code Σ(x − mean)²}, its running-stat update and its output. A channel of a batch
 * that fits the cache is then read from memory once and written once, which is what
 * lets this beat PyTorch's CPU kernel (two separate sweeps over the whole batch). Large
 * batches split the channels in two halves, one on the common fork-join pool: the task
 * object is reused, so a step allocates nothing.
 */
final class ForwardPass {

    // per-channel results of the last forward (capacity may exceed the channel count)
    float[] mean;
    float[] invstd;
    float[] varSum;

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

    private final SecondHalf secondHalf = new SecondHalf();

    ForwardPass(int capacity) {
        ensureCapacity(capacity);
    }

    private void ensureCapacity(int c) {
        if (mean == null || mean.length < c) {
            mean = new float[c];
            invstd = new float[c];
            varSum = new float[c];
        }
    }

    @SuppressWarnings("checkstyle:ParameterNumber")
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

    void run(boolean parallel) {
        try {
            if (batchStats && slice == 1) {
                rowWiseStats();
            }
            if (!parallel) {
                channels(0, channels);
                return;
            }
            int mid = channels / 2;
            secondHalf.reinitialize();
            secondHalf.from = mid;
            secondHalf.fork();
            channels(0, mid);
            secondHalf.join();
        } finally {
            x = null; // do not keep the caller's arrays alive
            y = null;
        }
    }

    private void channels(int from, int to) {
        long n = (long) batch * slice;
        int stride = channels * slice;
        for (int c = from; c < to; c++) {
            int first = c * slice;
            float m;
            float inv;
            if (batchStats) {
                float vs;
                if (slice == 1) {
                    m = mean[c];
                    vs = varSum[c];
                } else {
                    m = (float) (ChannelKernels.sum(x, first, stride, batch, slice) / n);
                    vs = (float) ChannelKernels.squaredDeviationSum(x, first, stride, batch, slice, m);
                }
                float biasedVar = vs / n;
                // PyTorch's InvStd: 0 where the variance and eps are both 0, so y = bias, not NaN
                inv = (biasedVar != 0f || eps != 0.0) ? (float) (1.0 / Math.sqrt(biasedVar + eps)) : 0f;
                varSum[c] = vs;
                if (updateRunning) {
                    runningMean[c] = factor * m + (1 - factor) * runningMean[c];
                    double unbiasedVar = vs / (float) (n - 1);
                    runningVar[c] = (float) (factor * unbiasedVar + (1 - factor) * runningVar[c]);
                }
            } else {
                m = runningMean[c];
                inv = 1f / (float) Math.sqrt(runningVar[c] + (float) eps);
            }
            mean[c] = m;
            invstd[c] = inv;
            float alpha = inv * (weight == null ? 1f : weight[c]);
            // b − mean·α rounded once, as PyTorch's AVX2 build (compiled with FMA contraction) does
            float beta = Math.fma(-m, alpha, bias == null ? 0f : bias[c]);
            ChannelKernels.affine(x, y, first, stride, batch, slice, alpha, beta);
        }
    }

    /**
     * The batch statistics of an {@code (N, C)} or {@code (N, C, 1)} input, for every channel at
     * once, as PyTorch 1.13's channels-last kernel takes them for such inputs: row by row, the sum
     * and then the sum of squared deviations accumulated in <em>float</em> per channel
     * ({@code acc = fma(x − mean, x − mean, acc)}), the mean as {@code (float)(sum / N)}. Float
     * accumulation is less exact than the double sums of wider inputs, but these are PyTorch's numbers.
     */
    private void rowWiseStats() {
        java.util.Arrays.fill(mean, 0, channels, 0f);
        java.util.Arrays.fill(varSum, 0, channels, 0f);
        float[] sums = mean;
        for (int r = 0, start = 0; r < batch; r++, start += channels) {
            for (int c = 0; c < channels; c++) {
                sums[c] += x[start + c];
            }
        }
        for (int c = 0; c < channels; c++) {
            sums[c] = (float) ((double) sums[c] / batch);
        }
        for (int r = 0, start = 0; r < batch; r++, start += channels) {
            for (int c = 0; c < channels; c++) {
                float d = x[start + c] - mean[c];
                varSum[c] = Math.fma(d, d, varSum[c]);
            }
        }
    }

    /** The upper half of the channels, run on the common pool; reused across forwards. */
    private final class SecondHalf extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        int from;

        @Override
        protected void compute() {
            channels(from, channels);
        }
    }
}
