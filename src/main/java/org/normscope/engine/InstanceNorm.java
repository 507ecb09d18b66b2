package org.normscope.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * PyTorch's {@code torch.nn.InstanceNorm1d/2d/3d} on float32 tensors of shape
 * {@code (N, C, *)}, or {@code (C, *)} unbatched, computing what {@code F.instance_norm}
 * computes on the CPU.
 *
 * <p>Each sample's channel is normalized on its own, over its {@code m = ∏(spatial dims)}
 * values (the axes after {@code C}; never across the batch):
 * <pre>
 *   mean_nc = Σ x / m,   var_nc = Σ (x − mean_nc)² / m
 *   y       = (x − mean_nc) / sqrt(var_nc + eps) · weight_c + bias_c
 * </pre>
 * With {@code track_running_stats}, training updates the running statistics with every
 * sample's statistics and keeps their average over the batch, and eval normalizes with the
 * running statistics instead of the sample's:
 * <pre>
 *   running_c ← mean over n of ((1 − momentum)·running_c + momentum·stat_nc)
 *   (running_var with the unbiased Σ (x − mean_nc)² / (m − 1))
 * </pre>
 * This is how PyTorch computes it ({@code at::instance_norm}): the input is viewed as
 * {@code (1, N·C, *)}, a BatchNorm batch of one sample whose {@code N·C} channels are the
 * sample-channels; weight, bias and the running statistics are repeated {@code N} times; the
 * BatchNorm kernels ({@link ForwardPass}, {@link ChannelBackward}) run on that view; and the
 * {@code N} copies of the running statistics are folded back with {@code mean(0)}
 * ({@link ColumnSums}). So the numbers are BatchNorm's, bit for bit, and PyTorch's quirks come
 * with them: eval mode also writes the running statistics back (the mean of {@code N} equal
 * floats, which can differ from them in the last bit), {@code num_batches_tracked} is never
 * counted, a channel count other than {@code num_features} is refused with the repeated
 * sizes ({@code weight should contain 9 elements not 6}) but accepted without affine
 * parameters and tracking, and momentum None is refused at every forward (PyTorch passes
 * None where {@code torch.instance_norm} needs a float).
 *
 * <p>Not thread-safe: one thread drives a layer (the layer may split large batches over two cores).
 */
public abstract class InstanceNorm implements NormBase {

    /** Below this many values a forward runs on one thread. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;

    private final int numFeatures;
    private final boolean affine;
    private final boolean trackRunningStats;
    private double eps;
    private Momentum momentum;
    private boolean training = true;
    private final float[] weight;
    private final float[] bias;
    private final float[] runningMean;
    private final float[] runningVar;
    private long numBatchesTracked;

    private final ForwardPass pass;
    /** weight, bias and the running statistics repeated N times, as at::instance_norm repeats them. */
    private float[] repWeight = new float[0];
    private float[] repBias = new float[0];
    private float[] repMean = new float[0];
    private float[] repVar = new float[0];
    private float[] folded;

    /** The input of the last forward that was not refused, or null. */
    private Tensor lastInput;
    private int lastSamples;
    private int lastChannels;
    private int lastSlice;
    private boolean lastBatchStats;
    private boolean lastInPlace;

    /**
     * A layer with PyTorch's arguments (PyTorch's defaults: eps 1e-5, momentum 0.1, no affine, no tracking).
     *
     * @throws IllegalArgumentException for a channel count below 1 or a negative or infinite eps
     */
    protected InstanceNorm(int numFeatures, double eps, Momentum momentum, boolean affine, boolean trackRunningStats) {
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
        folded = new float[numFeatures];
        if (affine) {
            Arrays.fill(weight, 1f);
        }
        resetRunningStats();
    }

    /** The rank of an unbatched input, PyTorch's {@code _get_no_batch_dim()}: 2, 3 or 4. */
    protected abstract int noBatchDim();

    // ---- attributes, parameters and buffers -----------------------------------------------

    @Override
    public int numFeatures() {
        return numFeatures;
    }

    @Override
    public double eps() {
        return eps;
    }

    @Override
    public void setEps(double eps) {
        if (!(eps >= 0.0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be a finite number >= 0, got " + eps);
        }
        this.eps = eps;
    }

    @Override
    public Momentum momentum() {
        return momentum;
    }

    @Override
    public void setMomentum(Momentum momentum) {
        this.momentum = Objects.requireNonNull(momentum, "momentum (use Momentum.CUMULATIVE for None)");
    }

    @Override
    public boolean affine() {
        return affine;
    }

    @Override
    public boolean trackRunningStats() {
        return trackRunningStats;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    @Override
    public InstanceNorm train(boolean mode) {
        training = mode;
        return this;
    }

    @Override
    public float[] weight() {
        return weight == null ? null : weight.clone();
    }

    @Override
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    @Override
    public void setWeight(float[] values) {
        Parameters.copyInto(values, weight, "weight", "affine=False");
    }

    @Override
    public void setBias(float[] values) {
        Parameters.copyInto(values, bias, "bias", "affine=False");
    }

    @Override
    public float[] runningMean() {
        return runningMean == null ? null : runningMean.clone();
    }

    @Override
    public float[] runningVar() {
        return runningVar == null ? null : runningVar.clone();
    }

    @Override
    public void setRunningMean(float[] values) {
        Parameters.copyInto(values, runningMean, "running_mean", "track_running_stats=False");
    }

    @Override
    public void setRunningVar(float[] values) {
        Parameters.copyInto(values, runningVar, "running_var", "track_running_stats=False");
    }

    /** {@code num_batches_tracked}: InstanceNorm keeps the buffer but never counts (0 unless set). */
    @Override
    public long numBatchesTracked() {
        return numBatchesTracked;
    }

    @Override
    public void setNumBatchesTracked(long value) {
        if (!trackRunningStats) {
            throw new IllegalStateException("this layer has no num_batches_tracked (track_running_stats=False)");
        }
        if (value < 0) {
            throw new IllegalArgumentException("num_batches_tracked must be at least 0, got " + value);
        }
        numBatchesTracked = value;
    }

    @Override
    public void resetRunningStats() {
        if (trackRunningStats) {
            Arrays.fill(runningMean, 0f);
            Arrays.fill(runningVar, 1f);
            numBatchesTracked = 0;
        }
    }

    // ---- forward ------------------------------------------------------------------------

    @Override
    public Tensor forward(Tensor input) {
        Tensor out = Tensor.zeros(input.shape());
        run(input, out);
        return out;
    }

    @Override
    public void forwardWithoutOutput(Tensor input) {
        run(input, null);
    }

    @Override
    public void writeOutput(Tensor input, Tensor out) {
        if (lastInput == null || lastInput != input) {
            throw new IllegalStateException("writeOutput needs the input of the last forward that was not refused");
        }
        Parameters.checkSameShape(out, input, "output");
        if (input.numel() > 0) {
            pass.writeOutput(input.data(), out.data(), 1, lastChannels, lastSlice);
            lastInPlace |= out.data() == input.data();
        }
    }

    private void run(Tensor input, Tensor out) {
        lastInput = null;
        int dim = input.dim();
        int nb = noBatchDim();
        if (dim != nb && dim != nb + 1) {
            throw TorchError.valueError("expected " + nb + "D or " + (nb + 1) + "D input (got " + dim + "D input)");
        }
        int[] shape = dim == nb ? Parameters.prepend(1, input.shape()) : input.shape();
        boolean useInputStats = training || !trackRunningStats;
        if (useInputStats && Parameters.product(shape, 2) == 1) {
            throw TorchError.valueError("Expected more than 1 spatial element when training, got input size "
                    + Tensor.sizeString(shape));
        }
        if (momentum.isCumulative()) {
            throw TorchError.typeError("instance_norm(): argument 'momentum' (position 7) must be float, not NoneType");
        }
        int samples = shape[0];
        int channels = samples * shape[1];
        int repeated = samples * numFeatures;
        repeat(samples);
        if (input.numel() == 0) {
            // F.batch_norm returns input.clone() * weight[0] + bias[0] before it checks anything
            if (affine && repeated == 0) {
                throw TorchError.indexError("select(): index 0 out of range for tensor of size [0] at dimension 0");
            }
            foldRunningStats(samples, shape[1]);
            remember(input, samples, channels, 0, useInputStats);
            return;
        }
        if (trackRunningStats) {
            Parameters.checkCount("running_mean", channels, repeated);
            Parameters.checkCount("running_var", channels, repeated);
        }
        if (affine) {
            Parameters.checkCount("weight", channels, repeated);
            Parameters.checkCount("bias", channels, repeated);
        }
        int slice = input.numel() / channels;
        float factor = (float) momentum.value();
        pass.prepare(input.data(), out == null ? null : out.data(), 1, channels, slice, useInputStats,
                training && trackRunningStats, factor, eps, affine ? repWeight : null, affine ? repBias : null,
                trackRunningStats ? repMean : null, trackRunningStats ? repVar : null);
        pass.run(input.numel() >= PARALLEL_THRESHOLD && channels > 1, null);
        foldRunningStats(samples, shape[1]);
        remember(input, samples, channels, slice, useInputStats);
        lastInPlace = out != null && out.data() == input.data();
    }

    private void remember(Tensor input, int samples, int channels, int slice, boolean batchStats) {
        lastInput = input;
        lastSamples = samples;
        lastChannels = channels;
        lastSlice = slice;
        lastBatchStats = batchStats;
        lastInPlace = false;
    }

    /** {@code weight.repeat(N)}, and so on for bias and the running statistics. */
    private void repeat(int samples) {
        int repeated = samples * numFeatures;
        if (repWeight.length < repeated) {
            repWeight = new float[repeated];
            repBias = new float[repeated];
            repMean = new float[repeated];
            repVar = new float[repeated];
        }
        for (int s = 0; s < samples; s++) {
            int at = s * numFeatures;
            if (affine) {
                System.arraycopy(weight, 0, repWeight, at, numFeatures);
                System.arraycopy(bias, 0, repBias, at, numFeatures);
            }
            if (trackRunningStats) {
                System.arraycopy(runningMean, 0, repMean, at, numFeatures);
                System.arraycopy(runningVar, 0, repVar, at, numFeatures);
            }
        }
    }

    /**
     * {@code running_mean.copy_(running_mean_.view(N, C).mean(0))}, then the same for running_var:
     * after every forward that got this far, in eval mode too.
     */
    private void foldRunningStats(int samples, int channels) {
        if (!trackRunningStats) {
            return;
        }
        int repeated = samples * numFeatures;
        if ((long) samples * channels != repeated) {
            throw TorchError.runtimeError("shape '[" + samples + ", " + channels + "]' is invalid for input of size "
                    + repeated);
        }
        if (channels != numFeatures && channels != 1) { // only with N = 0: copy_ broadcasts a single value alone
            throw TorchError.runtimeError("The size of tensor a (" + numFeatures + ") must match the size of tensor b ("
                    + channels + ") at non-singleton dimension 0");
        }
        fold(repMean, samples, channels, runningMean);
        fold(repVar, samples, channels, runningVar);
    }

    private void fold(float[] copies, int samples, int channels, float[] into) {
        if (folded.length < channels) {
            folded = new float[channels];
        }
        ColumnSums.mean(copies, samples, channels, folded);
        for (int c = 0; c < numFeatures; c++) {
            into[c] = folded[channels == 1 ? 0 : c];
        }
    }

    // ---- what the last forward computed ------------------------------------------------

    /**
     * The mean of each (sample, channel) the last forward normalized with, sample-major
     * ({@code mean[n·C + c]}); null if no forward ran, it was empty, or it used the running
     * statistics (eval with tracking).
     */
    public float[] lastMean() {
        return lastInput == null || !lastBatchStats || lastSlice == 0 ? null
                : Arrays.copyOf(pass.mean, lastChannels);
    }

    /**
     * The biased variance {@code Σ(x − mean)²/m} of each (sample, channel) the last forward
     * normalized with, as the kernel divided it in float ({@code m} = the spatial size),
     * sample-major; null where {@link #lastMean()} is.
     */
    public float[] lastBatchVar() {
        if (lastInput == null || !lastBatchStats || lastSlice == 0) {
            return null;
        }
        float[] v = new float[lastChannels];
        for (int i = 0; i < v.length; i++) {
            v[i] = pass.varSum[i] / (float) lastSlice;
        }
        return v;
    }

    // ---- backward -----------------------------------------------------------------------

    /**
     * BatchNorm's backward ({@link ChannelBackward}) on the {@code (1, N·C, *)} view, with the
     * repeated weight; the gradients of the {@code N} copies of weight and bias are then added up
     * per channel ({@code repeat}'s backward, a {@code sum(0)} when {@code N > 1}).
     */
    @Override
    public BatchNormGradients backward(Tensor gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("backward needs a successful forward first");
        }
        if (lastInPlace) {
            throw new IllegalStateException("the last forward wrote its output over its input, so backward cannot see"
                    + " the input any more");
        }
        Tensor x = lastInput;
        Parameters.checkSameShape(gradOutput, x, "grad_output");
        float[] gradWeight = affine ? new float[numFeatures] : null;
        float[] gradBias = affine ? new float[numFeatures] : null;
        if (x.numel() == 0) {
            return new BatchNormGradients(Tensor.zeros(x.shape()), gradWeight, gradBias);
        }
        int channels = lastChannels;
        float[] mean;
        float[] invstd;
        if (lastBatchStats) {
            mean = pass.mean;
            invstd = pass.invstd;
        } else {
            mean = repMean;
            invstd = new float[channels];
            for (int c = 0; c < channels; c++) {
                invstd[c] = (float) (1.0 / Math.sqrt(repVar[c] + eps));
            }
        }
        float[] gradInput = new float[x.numel()];
        float[] repGradWeight = affine ? new float[channels] : null;
        float[] repGradBias = affine ? new float[channels] : null;
        ChannelBackward.run(x.data(), gradOutput.data(), 1, channels, lastSlice, lastBatchStats, mean, invstd,
                affine ? repWeight : null, gradInput, repGradWeight, repGradBias);
        if (affine) {
            unrepeat(repGradWeight, gradWeight);
            unrepeat(repGradBias, gradBias);
        }
        return new BatchNormGradients(new Tensor(x.shape(), gradInput), gradWeight, gradBias);
    }

    private void unrepeat(float[] repeated, float[] into) {
        if (lastSamples == 1) {
            System.arraycopy(repeated, 0, into, 0, numFeatures);
        } else {
            ColumnSums.sum(repeated, lastSamples, numFeatures, into);
        }
    }

    /** As PyTorch prints the module: {@code InstanceNorm1d(4, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)}. */
    @Override
    public String toString() {
        return kind() + "(" + numFeatures + ", eps=" + PythonFloat.repr(eps) + ", momentum=" + momentum
                + ", affine=" + Parameters.python(affine) + ", track_running_stats=" + Parameters.python(trackRunningStats)
                + ")";
    }
}
