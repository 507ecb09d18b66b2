package org.normscope.engine;

import java.util.Arrays;

/**
 * PyTorch's {@code torch.nn.GroupNorm(num_groups, num_channels, eps, affine)} on float32
 * tensors of shape {@code (N, C, *)}, computing what {@code F.group_norm} computes on the CPU.
 *
 * <p>The {@code C} channels are split into {@code G} groups of {@code D = C/G} consecutive
 * channels; each sample's group is normalized on its own over its {@code D·∏(spatial)} values
 * (the group's channels and every axis after {@code C}), in training and in eval mode alike,
 * with no running statistics; then each channel gets its own weight and bias:
 * <pre>
 *   mean_ng = Σ x / (D·S),   var_ng = Σ (x − mean_ng)² / (D·S)     ({@link RowMoments})
 *   rstd_ng = 1 / sqrt(max(var_ng, 0) + eps)                         (float, eps rounded to float)
 *   y       = (x − mean_ng)·rstd_ng                                  (affine=False)
 *   y       = scale·x + (bias_c − scale·mean_ng),  scale = rstd_ng·weight_c
 * </pre>
 * Backward, per sample and channel {@code ds_c = Σ dy·x}, {@code db_c = Σ dy}; per group,
 * {@code Σ_c ds_c·w_c} and {@code Σ_c db_c·w_c} give
 * {@code grad_input = rstd·w_c·dy + c2·x + c3}, and
 * {@code grad_weight_c = Σ_n (ds_c − db_c·mean)·rstd}, {@code grad_bias_c = Σ_n db_c}.
 * The arithmetic is PyTorch 1.13's AVX2 kernel's, float for float.
 *
 * <p>{@code GroupNorm(3, 4)} is refused at construction, as PyTorch refuses it. Not thread-safe.
 */
public final class GroupNorm implements NormLayer {

    private final int numGroups;
    private final int numChannels;
    private final boolean affine;
    private double eps;
    private boolean training = true;
    private final float[] weight;
    private final float[] bias;

    private final RowMoments moments = new RowMoments();
    private float[] groupMean = new float[0];
    private float[] groupRstd = new float[0];
    private float[] groupVar = new float[0];
    private Tensor lastInput;
    private int lastSamples;
    private int lastChannels;
    private int lastGroupSize;
    private int lastSpatial;
    private boolean lastInPlace;

    /** {@code GroupNorm(num_groups, num_channels)} with PyTorch's defaults (eps 1e-5, affine). */
    public GroupNorm(int numGroups, int numChannels) {
        this(numGroups, numChannels, BatchNorm.DEFAULT_EPS, true);
    }

    /**
     * {@code GroupNorm(num_groups, num_channels, eps, affine)}.
     *
     * @throws TorchError ValueError {@code num_channels must be divisible by num_groups}, as PyTorch's constructor
     * @throws IllegalArgumentException for a count below 1 or a bad eps
     */
    public GroupNorm(int numGroups, int numChannels, double eps, boolean affine) {
        checkArguments(numGroups, numChannels);
        this.numGroups = numGroups;
        this.numChannels = numChannels;
        this.affine = affine;
        setEps(eps);
        weight = affine ? new float[numChannels] : null;
        bias = affine ? new float[numChannels] : null;
        if (affine) {
            Arrays.fill(weight, 1f);
        }
    }

    /**
     * Refuses what PyTorch's {@code GroupNorm.__init__} refuses, with its message, so that a
     * scenario reader or a window can refuse the arguments before building anything.
     *
     * @throws TorchError ValueError {@code num_channels must be divisible by num_groups}
     * @throws IllegalArgumentException for a count below 1 (PyTorch fails on these in other ways)
     */
    public static void checkArguments(int numGroups, int numChannels) {
        if (numGroups < 1 || numChannels < 1) {
            throw new IllegalArgumentException("num_groups and num_channels must be at least 1, got " + numGroups + " and "
                    + numChannels);
        }
        if (numChannels % numGroups != 0) {
            throw TorchError.valueError("num_channels must be divisible by num_groups");
        }
    }

    /** The {@code num_groups} PyTorch accepts for {@code channels}: its divisors, ascending. */
    public static int[] groupCounts(int channels) {
        return java.util.stream.IntStream.rangeClosed(1, channels).filter(g -> channels % g == 0).toArray();
    }

    @Override
    public String kind() {
        return "GroupNorm";
    }

    /** {@code num_groups}. */
    public int numGroups() {
        return numGroups;
    }

    /** {@code num_channels}. */
    public int numChannels() {
        return numChannels;
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
    public boolean affine() {
        return affine;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** {@code module.train(mode)}: GroupNorm computes the same in both modes. */
    @Override
    public GroupNorm train(boolean mode) {
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
    public boolean trackRunningStats() {
        return false;
    }

    @Override
    public float[] runningMean() {
        return null;
    }

    @Override
    public float[] runningVar() {
        return null;
    }

    @Override
    public long numBatchesTracked() {
        return 0;
    }

    // ---- forward ------------------------------------------------------------------------

    @Override
    public Tensor forward(Tensor input) {
        Tensor out = Tensor.zeros(input.shape());
        run(input);
        writeOutput(input, out);
        return out;
    }

    @Override
    public void forwardWithoutOutput(Tensor input) {
        run(input);
    }

    /** The checks of {@code F.group_norm} and {@code torch.group_norm}, in their order, then each group's moments. */
    private void run(Tensor input) {
        lastInput = null;
        int[] shape = input.shape();
        if (shape.length == 0) {
            throw TorchError.indexError("Dimension specified as 0 but tensor has no dimensions");
        }
        if (shape.length == 1) {
            throw TorchError.indexError("Dimension out of range (expected to be in range of [-1, 0], but got 1)");
        }
        int samples = shape[0];
        int channels = shape[1];
        long spatial = Parameters.product(shape, 2);
        // F.group_norm: _verify_batch_size([N * C // G, G] + spatial), in eval mode too
        if ((long) samples * channels / numGroups * spatial == 1) {
            int[] viewed = shape.clone();
            viewed[0] = (int) ((long) samples * channels / numGroups);
            viewed[1] = numGroups;
            throw TorchError.valueError("Expected more than 1 value per channel when training, got input size "
                    + Parameters.list(viewed));
        }
        if (channels % numGroups != 0) {
            throw TorchError.runtimeError("Expected number of channels in input to be divisible by num_groups, but got"
                    + " input of shape " + Parameters.list(shape) + " and num_groups=" + numGroups);
        }
        if (affine && channels != numChannels) {
            throw TorchError.runtimeError("Expected weight to be a vector of size equal to the number of channels in"
                    + " input, but got weight of shape [" + numChannels + "] and input of shape "
                    + Parameters.list(shape));
        }
        int groupSize = (int) (channels / numGroups * spatial);
        int rows = samples * numGroups;
        if (groupMean.length < rows) {
            groupMean = new float[rows];
            groupRstd = new float[rows];
            groupVar = new float[rows];
        }
        float epsF = (float) eps;
        float[] x = input.data();
        for (int i = 0; i < rows; i++) {
            moments.compute(x, i * groupSize, groupSize);
            float var = moments.var < 0f ? 0f : moments.var; // std::max(var, 0): NaN stays NaN
            groupMean[i] = moments.mean;
            groupVar[i] = var;
            groupRstd[i] = 1f / (float) Math.sqrt(var + epsF);
        }
        lastInput = input;
        lastSamples = samples;
        lastChannels = channels;
        lastGroupSize = groupSize;
        lastSpatial = (int) spatial;
        lastInPlace = false;
    }

    @Override
    public void writeOutput(Tensor input, Tensor out) {
        if (lastInput == null || lastInput != input) {
            throw new IllegalStateException("writeOutput needs the input of the last forward that was not refused");
        }
        Parameters.checkSameShape(out, input, "output");
        float[] x = input.data();
        float[] y = out.data();
        int perChannel = lastSpatial;
        int groupChannels = lastChannels / numGroups;
        for (int i = 0; i < lastSamples * numGroups; i++) {
            float mean = groupMean[i];
            float rstd = groupRstd[i];
            if (!affine) {
                for (int k = i * lastGroupSize; k < (i + 1) * lastGroupSize; k++) {
                    y[k] = (x[k] - mean) * rstd;
                }
                continue;
            }
            int g = i % numGroups;
            for (int j = 0; j < groupChannels; j++) {
                int c = g * groupChannels + j;
                float scale = rstd * weight[c];
                float shift = -scale * mean + bias[c];
                int off = (i * groupChannels + j) * perChannel;
                for (int k = off; k < off + perChannel; k++) {
                    y[k] = Math.fma(scale, x[k], shift);
                }
            }
        }
        lastInPlace |= y == x;
    }

    /** The mean of each (sample, group) of the last forward, sample-major (null if none ran). */
    public float[] lastMean() {
        return lastInput == null ? null : Arrays.copyOf(groupMean, lastSamples * numGroups);
    }

    /** The {@code 1/sqrt(var + eps)} of each (sample, group) of the last forward (null if none ran). */
    public float[] lastRstd() {
        return lastInput == null ? null : Arrays.copyOf(groupRstd, lastSamples * numGroups);
    }

    /**
     * The biased variance {@code max(Σ(x − mean)²/(D·S), 0)} of each (sample, group) of the last
     * forward, the one its rstd was computed from, sample-major (null if none ran).
     */
    public float[] lastVar() {
        return lastInput == null ? null : Arrays.copyOf(groupVar, lastSamples * numGroups);
    }

    // ---- backward -----------------------------------------------------------------------

    @Override
    public BatchNormGradients backward(Tensor gradOutput) {
        if (lastInput == null) {
            throw new IllegalStateException("backward needs a successful forward first");
        }
        if (lastInPlace) {
            throw new IllegalStateException("the last forward wrote its output over its input, so backward cannot see"
                    + " the input any more");
        }
        Parameters.checkSameShape(gradOutput, lastInput, "grad_output");
        return GroupNormBackward.run(lastInput.data(), gradOutput.data(), lastInput.shape(), lastSamples, lastChannels,
                lastSpatial, numGroups, groupMean, groupRstd, weight);
    }

    /** As PyTorch prints the module: {@code GroupNorm(2, 4, eps=1e-05, affine=True)}. */
    @Override
    public String toString() {
        return "GroupNorm(" + numGroups + ", " + numChannels + ", eps=" + PythonFloat.repr(eps) + ", affine="
                + Parameters.python(affine) + ")";
    }
}
