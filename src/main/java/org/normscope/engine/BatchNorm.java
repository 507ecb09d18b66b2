package org.normscope.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * PyTorch's {@code torch.nn.BatchNorm1d/2d/3d} on float32 tensors of shape
 * {@code (N, C, *)}, computing what {@code F.batch_norm} computes on the CPU.
 *
 * <p>For each channel {@code c}, over its {@code n = N·∏(spatial dims)} values:
 * <pre>
 *   mean_c      = Σ x / n
 *   var_c       = Σ (x − mean_c)² / n                    (biased: normalizes the batch)
 *   y           = (x − mean_c) / sqrt(var_c + eps) · weight_c + bias_c
 *   running_c  ← (1 − f)·running_c + f·stat_c,  f = momentum, or 1/num_batches_tracked if None
 *   running_var uses the unbiased variance  Σ (x − mean_c)² / (n − 1)
 * </pre>
 * Batch statistics are used in training mode, and in eval mode when running statistics
 * are not tracked; the running statistics are used only in eval mode with tracking.
 * With variance 0 and eps 0 the inverse standard deviation is taken as 0 (PyTorch's CPU
 * kernel does so), so a constant channel gives {@code bias}, not NaN.
 *
 * <p>The arithmetic mirrors PyTorch 1.13's CPU kernels operation by operation, so the
 * results agree to float32 rounding: sums in double, the mean rounded to float,
 * {@code Σ (x − mean)²} of float differences accumulated in double, and the output as
 * {@code x·α + β} with {@code α = invstd·weight}, {@code β = bias − mean·α} in float.
 *
 * <p>Refusals throw {@link TorchError} with PyTorch's type and message and leave the
 * state as PyTorch leaves it. Not thread-safe: one thread drives a layer (the layer
 * itself may split large batches over two cores).
 */
public abstract class BatchNorm implements NormBase {

    /** PyTorch's default eps. */
    public static final double DEFAULT_EPS = 1e-5;

    /** Below this many values a forward runs on one thread: forking would cost more than it saves. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    private final int numFeatures;
    private final boolean affine;
    private final boolean trackRunningStats;
    private double eps;
    private Momentum momentum;
    private boolean training = true;

    private final float[] weight;       // null without affine
    private final float[] bias;         // null without affine
    private final float[] runningMean;  // null without tracking
    private final float[] runningVar;   // null without tracking
    private long numBatchesTracked;

    private final ForwardPass pass;
    private final LastForward last = new LastForward();
    /** The input of the last forward that was not refused: {@link #writeOutput} applies to it. */
    private Tensor lastRun;

    /**
     * A layer with PyTorch's arguments.
     *
     * @param numFeatures {@code C}, the number of channels (at least 1)
     * @param eps added to the variance before the square root (finite, at least 0)
     * @param momentum the weight of the new batch in the running statistics, or
     *     {@link Momentum#CUMULATIVE} for {@code None}
     * @param affine whether the layer has learnable {@code weight} (ones) and {@code bias} (zeros)
     * @param trackRunningStats whether it keeps {@code running_mean} (zeros),
     *     {@code running_var} (ones) and {@code num_batches_tracked} (0)
     * @throws IllegalArgumentException for a value PyTorch would accept but that makes no sense
     */
    protected BatchNorm(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("num_features must be at least 1, got " + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        setEps(eps);
        setMomentum(momentum);
        weight = affine ? new float[numFeatures] : null;
        bias = affine ? new float[numFeatures] : null;
        runningMean = trackRunningStats ? new float[numFeatures] : null;
        runningVar = trackRunningStats ? new float[numFeatures] : null;
        pass = new ForwardPass(numFeatures);
        resetParameters();
    }

    /** {@code BatchNorm1d}, {@code BatchNorm2d} or {@code BatchNorm3d}. */
    public abstract String kind();

    /**
     * Refuses an input of the wrong rank, as the subclass's {@code _check_input_dim}.
     *
     * @throws TorchError ValueError such as {@code expected 4D input (got 3D input)}
     */
    protected abstract void checkInputDim(int dim);

    // ---- attributes --------------------------------------------------------------------

    /** {@code num_features}. */
    public int numFeatures() {
        return numFeatures;
    }

    /** {@code eps}. */
    public double eps() {
        return eps;
    }

    /**
     * Sets {@code eps}; like PyTorch's plain attribute it applies from the next forward.
     *
     * @throws IllegalArgumentException if eps is negative or not finite
     */
    public void setEps(double eps) {
        if (!(eps >= 0.0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0, got " + eps);
        }
        this.eps = eps;
    }

    /** {@code momentum}. */
    public Momentum momentum() {
        return momentum;
    }

    /** Sets {@code momentum}; it applies from the next forward. */
    public void setMomentum(Momentum momentum) {
        this.momentum = Objects.requireNonNull(momentum, "momentum (use Momentum.CUMULATIVE for None)");
    }

    /** {@code affine}. */
    public boolean affine() {
        return affine;
    }

    /** {@code track_running_stats}. */
    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    /** {@code training}: true after {@link #train()}, false after {@link #eval()}. */
    public boolean isTraining() {
        return training;
    }

    /** {@code module.train()}. */
    public BatchNorm train() {
        return train(true);
    }

    /** {@code module.train(mode)}. */
    public BatchNorm train(boolean mode) {
        training = mode;
        return this;
    }

    /** {@code module.eval()}. */
    public BatchNorm eval() {
        return train(false);
    }

    // ---- parameters and buffers ---------------------------------------------------------

    /** A copy of {@code weight}, or null without affine. */
    public float[] weight() {
        return weight == null ? null : weight.clone();
    }

    /** A copy of {@code bias}, or null without affine. */
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** Sets {@code weight} (C values). */
    public void setWeight(float[] values) {
        copyInto(values, weight, "weight", "affine=False");
    }

    /** Sets {@code bias} (C values). */
    public void setBias(float[] values) {
        copyInto(values, bias, "bias", "affine=False");
    }

    /** A copy of {@code running_mean}, or null without tracking. */
    public float[] runningMean() {
        return runningMean == null ? null : runningMean.clone();
    }

    /** A copy of {@code running_var}, or null without tracking. */
    public float[] runningVar() {
        return runningVar == null ? null : runningVar.clone();
    }

    /**
     * Copies {@code running_mean} into the first C places of {@code into} (at least C long), with
     * no allocation (a session records it every step); false, and {@code into} untouched, without
     * tracking.
     */
    public boolean runningMeanInto(float[] into) {
        return copyOut(runningMean, into);
    }

    /** {@link #runningMeanInto} for {@code running_var}. */
    public boolean runningVarInto(float[] into) {
        return copyOut(runningVar, into);
    }

    private static boolean copyOut(float[] from, float[] into) {
        if (from == null) {
            return false;
        }
        System.arraycopy(from, 0, into, 0, from.length);
        return true;
    }

    /** Sets {@code running_mean} (C values), as loading a state dict would. */
    public void setRunningMean(float[] values) {
        copyInto(values, runningMean, "running_mean", "track_running_stats=False");
    }

    /** Sets {@code running_var} (C values), as loading a state dict would. */
    public void setRunningVar(float[] values) {
        copyInto(values, runningVar, "running_var", "track_running_stats=False");
    }

    /** {@code num_batches_tracked}; 0 without tracking (where PyTorch has None). */
    public long numBatchesTracked() {
        return numBatchesTracked;
    }

    /**
     * Sets {@code num_batches_tracked}, as loading a state dict would: with momentum None the next
     * train forward then uses the factor {@code 1/(value + 1)}.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     * @throws IllegalStateException without tracking (PyTorch has None there)
     */
    public void setNumBatchesTracked(long value) {
        if (!trackRunningStats) {
            throw new IllegalStateException("this layer has no num_batches_tracked (track_running_stats=False)");
        }
        if (value < 0) {
            throw new IllegalArgumentException("num_batches_tracked must be at least 0, got " + value);
        }
        numBatchesTracked = value;
    }

    private void copyInto(float[] values, float[] target, String name, String why) {
        if (target == null) {
            throw new IllegalStateException("this layer has no " + name + " (" + why + ")");
        }
        if (values.length != target.length) {
            throw new IllegalArgumentException(name + " needs " + target.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    /** {@code reset_running_stats()}: running_mean 0, running_var 1, num_batches_tracked 0. */
    public void resetRunningStats() {
        if (trackRunningStats) {
            Arrays.fill(runningMean, 0f);
            Arrays.fill(runningVar, 1f);
            numBatchesTracked = 0;
        }
    }

    /** {@code reset_parameters()}: the running stats as {@link #resetRunningStats()}, weight 1, bias 0. */
    public void resetParameters() {
        resetRunningStats();
        if (affine) {
            Arrays.fill(weight, 1f);
            Arrays.fill(bias, 0f);
        }
    }

    // ---- forward ------------------------------------------------------------------------

    /** {@code layer(input)}: a new output tensor. */
    public Tensor forward(Tensor input) {
        Tensor out = Tensor.zeros(input.shape());
        forward(input, out);
        return out;
    }

    /**
     * {@code layer(input)} written into {@code out}, which must have the input's shape and may be
     * the input itself. Allocates nothing once the layer has seen a batch with this many channels.
     * The input is kept (not copied) for {@link #backward}: do not change it in between.
     *
     * @throws TorchError as PyTorch would raise, with the state as PyTorch leaves it
     * @throws IllegalArgumentException if {@code out} does not have the input's shape
     */
    public void forward(Tensor input, Tensor out) {
        if (!out.sameShape(input)) {
            throw new IllegalArgumentException("output shape " + Arrays.toString(out.shape())
                    + " differs from input shape " + Arrays.toString(input.shape()));
        }
        forward(input, out, true, null);
    }

    /**
     * {@code layer(input)} with everything but the output: the checks and refusals, the batch
     * statistics, the running-stat update and {@code num_batches_tracked}, exactly as
     * {@link #forward(Tensor, Tensor)}. The output, which is {@code y = x·α + β} per channel with
     * the {@code α}, {@code β} this forward computed, can be written afterwards by
     * {@link #writeOutput}, bit for bit what {@code forward} would have written. For a caller
     * that looks at only some outputs (a window playing thousands of steps a second), this
     * saves the pass that writes them.
     *
     * @throws TorchError as PyTorch would raise, with the state as PyTorch leaves it
     */
    public void forwardWithoutOutput(Tensor input) {
        forward(input, null, false, null);
    }

    /**
     * {@link #forwardWithoutOutput(Tensor)}, running {@code alongside} on the calling thread once
     * the input is accepted: for a batch split over two threads, while the pool thread starts on
     * the channels (the calling thread then joins it), so that the caller's own bookkeeping costs
     * no time of its own. {@code alongside} must not touch this layer; it does not run if the
     * forward is refused.
     */
    public void forwardWithoutOutput(Tensor input, Runnable alongside) {
        forward(input, null, false, alongside);
    }

    /**
     * Writes the output of the last forward that was not refused into {@code out}: {@code input}
     * must be that forward's input, unchanged, and {@code out} of its shape (it may be the input
     * itself). A refused forward changes nothing this needs (PyTorch raises before it normalizes).
     *
     * @throws IllegalStateException if no forward ran, or {@code input} is not the last one's input
     * @throws IllegalArgumentException if {@code out} does not have the input's shape
     */
    public void writeOutput(Tensor input, Tensor out) {
        if (lastRun == null || lastRun != input) {
            throw new IllegalStateException("writeOutput needs the input of the last forward that was not refused");
        }
        if (!out.sameShape(input)) {
            throw new IllegalArgumentException("output shape " + Arrays.toString(out.shape())
                    + " differs from input shape " + Arrays.toString(input.shape()));
        }
        if (input.numel() == 0) {
            return;
        }
        int channels = input.size(1);
        int batch = input.size(0);
        pass.writeOutput(input.data(), out.data(), batch, channels, input.numel() / batch / channels);
        if (out.data() == input.data()) {
            last.inPlace = true;
        }
    }

    /**
     * The per-channel {@code α} of the last forward that was not refused: its output is
     * {@code y = fma(x, α_c, β_c)}, with {@code α = invstd·weight} and {@code β = bias − mean·α}
     * (rounded once); null if no forward ran or its input was empty.
     */
    public float[] lastAlpha() {
        return lastRun == null || lastRun.numel() == 0 ? null : pass.alpha(lastRun.size(1));
    }

    /** The per-channel {@code β} to go with {@link #lastAlpha()}. */
    public float[] lastBeta() {
        return lastRun == null || lastRun.numel() == 0 ? null : pass.beta(lastRun.size(1));
    }

    private void forward(Tensor input, Tensor out, boolean writeOutput, Runnable alongside) {
        last.valid = false; // backward applies to the last successful forward only
        checkInputDim(input.dim());

        // Order as in _BatchNorm.forward: the batch is counted before F.batch_norm checks it.
        double factor = momentum.isCumulative() ? 0.0 : momentum.value();
        if (training && trackRunningStats) {
            numBatchesTracked++;
            factor = momentum.factor(numBatchesTracked);
        }
        boolean batchStats = training || !trackRunningStats;
        if (batchStats) {
            verifyBatchSize(input);
        }
        if (input.numel() == 0) {
            // PyTorch returns an empty clone and leaves the running stats alone
            last.set(input, batchStats, input.dim() > 1 ? input.size(1) : 0, Double.NaN, 0, false);
            lastRun = input;
            if (alongside != null) {
                alongside.run();
            }
            return;
        }
        int channels = input.size(1);
        checkChannelCount(channels);

        int batch = input.size(0);
        int slice = input.numel() / batch / channels;
        boolean updateRunning = training && trackRunningStats;
        pass.prepare(input.data(), writeOutput ? out.data() : null, batch, channels, slice, batchStats,
                updateRunning, (float) factor, eps, weight, bias, runningMean, runningVar);
        pass.run(input.numel() >= PARALLEL_THRESHOLD && channels > 1, alongside);
        last.set(input, batchStats, channels, updateRunning ? factor : Double.NaN, (long) batch * slice,
                writeOutput && out.data() == input.data());
        lastRun = input;
    }

    private static void verifyBatchSize(Tensor input) {
        long sizeProds = input.size(0);
        for (int i = 2; i < input.dim(); i++) {
            sizeProds *= input.size(i);
        }
        if (sizeProds == 1) {
            throw TorchError.valueError("Expected more than 1 value per channel when training, got input size "
                    + input.sizeString());
        }
    }

    private void checkChannelCount(int channels) {
        if (trackRunningStats) {
            checkDims("running_mean", channels);
            checkDims("running_var", channels);
        }
        if (affine) {
            checkDims("weight", channels);
            checkDims("bias", channels);
        }
    }

    private void checkDims(String name, int channels) {
        if (channels != numFeatures) {
            throw TorchError.runtimeError(name + " should contain " + channels + " elements not " + numFeatures);
        }
    }

    // ---- what the last forward did ------------------------------------------------------

    /**
     * The factor the last forward used to update the running stats (the momentum, or
     * {@code 1/num_batches_tracked} when it is None), or NaN if it updated nothing.
     */
    public double lastFactor() {
        return last.valid ? last.factor : Double.NaN;
    }

    /**
     * The {@code n} of the last forward's per-channel reduction ({@code N·∏ spatial}), the
     * {@code n} of the {@code n/(n−1)} that turns its biased variance into running_var; 0
     * if the last forward was refused or empty.
     */
    public long lastReductionSize() {
        return last.valid ? last.n : 0;
    }

    /** Whether the last forward normalized with batch statistics (otherwise with the running ones). */
    public boolean lastUsedBatchStats() {
        return last.valid && last.batchStats;
    }

    /** The per-channel mean the last forward normalized with (batch or running), or null. */
    public float[] lastMean() {
        return last.valid && last.n > 0 ? Arrays.copyOf(pass.mean, last.channels) : null;
    }

    /** The per-channel {@code 1/sqrt(var + eps)} the last forward normalized with, or null. */
    public float[] lastInvStd() {
        return last.valid && last.n > 0 ? Arrays.copyOf(pass.invstd, last.channels) : null;
    }

    /**
     * The last batch's per-channel mean and biased variance ({@link #lastMean()} and
     * {@link #lastBatchVar()}) into the first C places of {@code mean} and {@code var}, with no
     * allocation; false, and both untouched, if the last forward did not use batch statistics.
     */
    public boolean lastBatchStatsInto(double[] mean, double[] var) {
        if (!last.valid || !last.batchStats || last.n == 0) {
            return false;
        }
        for (int c = 0; c < last.channels; c++) {
            mean[c] = pass.mean[c];
            var[c] = pass.varSum[c] / (float) last.n;
        }
        return true;
    }

    /** The last batch's biased per-channel variance {@code Σ(x − mean)²/n}, or null if it used running stats. */
    public float[] lastBatchVar() {
        if (!last.valid || !last.batchStats || last.n == 0) {
            return null;
        }
        float[] v = new float[last.channels];
        for (int c = 0; c < v.length; c++) {
            v[c] = pass.varSum[c] / (float) last.n;
        }
        return v;
    }

    /**
     * The last batch's per-channel unbiased variance exactly as the running_var update used it,
     * {@code Σ(x − mean)² / (float)(n − 1)} divided in float and widened to double, or null if the
     * last forward did not use batch statistics. Defined whenever batch statistics were used: such
     * a forward is refused unless {@code n ≥ 2}.
     */
    public double[] lastUnbiasedVar() {
        if (!last.valid || !last.batchStats || last.n == 0) {
            return null;
        }
        double[] v = new double[last.channels];
        for (int c = 0; c < v.length; c++) {
            v[c] = pass.varSum[c] / (float) (last.n - 1);
        }
        return v;
    }

    // ---- backward -----------------------------------------------------------------------

    /**
     * The gradients of one backward pass of {@code gradOutput} through the last forward
     * ({@code NativeBatchNormBackward0}). With batch statistics, for each channel, with
     * {@code x̂ = (x − mean)·invstd}:
     * <pre>
     *   grad_bias   = Σ dy
     *   grad_weight = Σ dy·x̂
     *   grad_input  = (dy − Σdy/n − x̂·Σ(dy·x̂)/n) · invstd · weight
     * </pre>
     * With running statistics: {@code grad_input = dy · invstd · weight}.
     *
     * @throws IllegalStateException if there was no successful forward, or it wrote over its input
     * @throws IllegalArgumentException if {@code gradOutput} does not have the input's shape
     */
    public BatchNormGradients backward(Tensor gradOutput) {
        if (!last.valid) {
            throw new IllegalStateException("backward needs a successful forward first");
        }
        if (last.inPlace) {
            throw new IllegalStateException("the last forward wrote its output over its input, so backward cannot see"
                    + " the input any more (PyTorch refuses an in-place batch_norm on a tensor that needs grad too)");
        }
        Tensor x = last.input;
        if (!gradOutput.sameShape(x)) {
            throw new IllegalArgumentException("grad_output shape " + Arrays.toString(gradOutput.shape())
                    + " differs from the input shape " + Arrays.toString(x.shape()));
        }
        if (x.numel() == 0) { // an empty batch: nothing flows back, the parameters get zero gradients
            return new BatchNormGradients(Tensor.zeros(x.shape()), affine ? new float[numFeatures] : null,
                    affine ? new float[numFeatures] : null);
        }
        int channels = last.channels;
        float[] mean = last.batchStats ? pass.mean : runningMean;
        float[] invstd = pass.invstd;
        if (!last.batchStats) { // the running statistics' 1/sqrt(var + eps), as the backward computes it
            invstd = new float[channels];
            for (int c = 0; c < channels; c++) {
                invstd[c] = (float) (1.0 / Math.sqrt(runningVar[c] + eps));
            }
        }
        return BatchNormBackward.run(x, gradOutput, channels, last.batchStats, mean, invstd, affine ? weight : null);
    }

    // ---- repr ---------------------------------------------------------------------------

    /** As PyTorch prints the module: {@code BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)}. */
    @Override
    public String toString() {
        return kind() + "(" + numFeatures + ", eps=" + PythonFloat.repr(eps) + ", momentum=" + momentum
                + ", affine=" + (affine ? "True" : "False")
                + ", track_running_stats=" + (trackRunningStats ? "True" : "False") + ")";
    }

    /** What one successful forward leaves for backward and for the status line; reused, so a step allocates nothing. */
    private static final class LastForward {
        boolean valid;
        Tensor input;
        boolean batchStats;
        int channels;
        double factor;
        long n;

        boolean inPlace;

        void set(Tensor input, boolean batchStats, int channels, double factor, long n, boolean inPlace) {
            this.inPlace = inPlace;
            this.input = input;
            this.batchStats = batchStats;
            this.channels = channels;
            this.factor = factor;
            this.n = n;
            this.valid = true;
        }
    }
}
