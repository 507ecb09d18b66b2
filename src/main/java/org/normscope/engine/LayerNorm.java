package org.normscope.engine;

import java.util.Arrays;

/**
 * PyTorch's {@code torch.nn.LayerNorm(normalized_shape, eps, elementwise_affine)} on float32
 * tensors whose trailing dimensions are {@code normalized_shape} (one to three of them, or
 * more), computing what {@code F.layer_norm} computes on the CPU.
 *
 * <p>The input is read as {@code M} rows of {@code N = ∏ normalized_shape} values (the
 * trailing axes); each row is normalized on its own, in training and in eval mode alike,
 * with no running statistics:
 * <pre>
 *   mean = Σ x / N,   var = Σ (x − mean)² / N          ({@link RowMoments})
 *   rstd = 1 / sqrt(var + eps)                          (float, eps rounded to float)
 *   y    = (x·rstd + (−rstd·mean))·weight_j + bias_j    (weight, bias shaped as normalized_shape)
 * </pre>
 * Backward, per row, with {@code x̂ = x·rstd − rstd·mean}, {@code g = dy·weight}:
 * <pre>
 *   grad_weight_j += dy·x̂,   grad_bias_j += dy            (over the rows)
 *   ds = Σ dy·x·weight,   db = Σ dy·weight
 *   b  = (db·mean − ds)·rstd³ / N,   c = −b·mean − db·rstd / N
 *   grad_input = rstd·dy·weight + b·x + c
 * </pre>
 * The arithmetic is PyTorch 1.13's AVX2 kernel's, float for float.
 *
 * <p>{@code LayerNorm([])} constructs (with a single weight) and refuses every forward, as
 * PyTorch does. Not thread-safe.
 */
public final class LayerNorm implements NormLayer {

    private final int[] normalizedShape;
    private final int size;
    private final boolean elementwiseAffine;
    private double eps;
    private boolean training = true;
    private final float[] weight;
    private final float[] bias;

    private final RowMoments moments = new RowMoments();
    private float[] rowMean = new float[0];
    private float[] rowRstd = new float[0];
    private float[] rowVar = new float[0];
    private Tensor lastInput;
    private int lastRows;
    private boolean lastInPlace;

    /** {@code LayerNorm(normalized_shape)} with PyTorch's defaults (eps 1e-5, elementwise affine). */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, BatchNorm.DEFAULT_EPS, true);
    }

    /**
     * {@code LayerNorm(normalized_shape, eps, elementwise_affine)}: weight (ones) and bias (zeros)
     * of {@code normalized_shape}, flattened.
     *
     * @throws IllegalArgumentException for a negative size, more values than one array holds, or a bad eps
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
        long n = Tensor.numel(normalizedShape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("normalized_shape " + Arrays.toString(normalizedShape) + " holds " + n
                    + " values, more than one float array can");
        }
        this.normalizedShape = normalizedShape.clone();
        this.size = (int) n;
        this.elementwiseAffine = elementwiseAffine;
        setEps(eps);
        weight = elementwiseAffine ? new float[size] : null;
        bias = elementwiseAffine ? new float[size] : null;
        if (elementwiseAffine) {
            Arrays.fill(weight, 1f);
        }
    }

    @Override
    public String kind() {
        return "LayerNorm";
    }

    /** {@code normalized_shape}. */
    public int[] normalizedShape() {
        return normalizedShape.clone();
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

    /** {@code elementwise_affine}. */
    @Override
    public boolean affine() {
        return elementwiseAffine;
    }

    @Override
    public boolean isTraining() {
        return training;
    }

    /** {@code module.train(mode)}: LayerNorm computes the same in both modes. */
    @Override
    public LayerNorm train(boolean mode) {
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
        Parameters.copyInto(values, weight, "weight", "elementwise_affine=False");
    }

    @Override
    public void setBias(float[] values) {
        Parameters.copyInto(values, bias, "bias", "elementwise_affine=False");
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

    /** Checks the input as {@code _check_layer_norm_inputs} does, then each row's mean and rstd. */
    private void run(Tensor input) {
        lastInput = null;
        String shown = Parameters.list(normalizedShape);
        if (normalizedShape.length == 0) {
            throw TorchError.runtimeError("Expected normalized_shape to be at least 1-dimensional, i.e., containing at"
                    + " least one element, but got normalized_shape = " + shown);
        }
        int[] shape = input.shape();
        int axis = shape.length - normalizedShape.length;
        if (axis < 0 || !Arrays.equals(Arrays.copyOfRange(shape, axis, shape.length), normalizedShape)) {
            StringBuilder expected = new StringBuilder("[*");
            for (int d : normalizedShape) {
                expected.append(", ").append(d);
            }
            throw TorchError.runtimeError("Given normalized_shape=" + shown + ", expected input with shape " + expected
                    + "], but got input of size" + Parameters.list(shape));
        }
        int rows = (int) Parameters.product(Arrays.copyOf(shape, axis), 0);
        if (rowMean.length < rows) {
            rowMean = new float[rows];
            rowRstd = new float[rows];
            rowVar = new float[rows];
        }
        float epsF = (float) eps;
        float[] x = input.data();
        for (int i = 0; i < rows; i++) {
            moments.compute(x, i * size, size);
            rowMean[i] = moments.mean;
            rowVar[i] = moments.var;
            rowRstd[i] = 1f / (float) Math.sqrt(moments.var + epsF);
        }
        lastInput = input;
        lastRows = rows;
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
        for (int i = 0; i < lastRows; i++) {
            float scale = rowRstd[i];
            float shift = -scale * rowMean[i];
            int off = i * size;
            if (elementwiseAffine) {
                for (int j = 0; j < size; j++) {
                    y[off + j] = Math.fma(Math.fma(x[off + j], scale, shift), weight[j], bias[j]);
                }
            } else {
                for (int j = 0; j < size; j++) {
                    y[off + j] = Math.fma(x[off + j], scale, shift) + 0f; // ·1 + 0: −0 becomes +0
                }
            }
        }
        lastInPlace |= y == x;
    }

    /** The mean of each row of the last forward (null if none ran). */
    public float[] lastMean() {
        return lastInput == null ? null : Arrays.copyOf(rowMean, lastRows);
    }

    /** The {@code 1/sqrt(var + eps)} of each row of the last forward (null if none ran). */
    public float[] lastRstd() {
        return lastInput == null ? null : Arrays.copyOf(rowRstd, lastRows);
    }

    /**
     * The biased variance {@code Σ(x − mean)²/N} of each row of the last forward, the one its
     * rstd was computed from (null if none ran).
     */
    public float[] lastVar() {
        return lastInput == null ? null : Arrays.copyOf(rowVar, lastRows);
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
        Tensor input = lastInput;
        Parameters.checkSameShape(gradOutput, input, "grad_output");
        float[] x = input.data();
        float[] dy = gradOutput.data();
        float[] dx = new float[x.length];
        float[] gradWeight = elementwiseAffine ? new float[size] : null;
        float[] gradBias = elementwiseAffine ? new float[size] : null;
        float scale = 1f / (float) size;
        for (int i = 0; i < lastRows; i++) {
            int off = i * size;
            float a = rowRstd[i];
            float mean = rowMean[i];
            if (elementwiseAffine) {
                float b = -a * mean;
                for (int j = 0; j < size; j++) {
                    gradWeight[j] = Math.fma(dy[off + j], Math.fma(a, x[off + j], b), gradWeight[j]);
                    gradBias[j] += dy[off + j];
                }
            }
            float ds = VecReduce.dot(dy, off, x, off, weight, size);
            float db = elementwiseAffine ? VecReduce.dot(dy, off, weight, 0, null, size) : VecReduce.sum(dy, off, size);
            float b = Math.fma(db, mean, -ds) * a * a * a * scale;
            float c = Math.fma(-b, mean, -(db * a * scale));
            for (int j = 0; j < size; j++) {
                float scaled = elementwiseAffine ? a * dy[off + j] * weight[j] : a * dy[off + j];
                dx[off + j] = Math.fma(b, x[off + j], scaled) + c;
            }
        }
        if (elementwiseAffine) { // the second pass over the one thread's partial sums
            for (int j = 0; j < size; j++) {
                gradWeight[j] = 0f + gradWeight[j];
                gradBias[j] = 0f + gradBias[j];
            }
        }
        return new BatchNormGradients(new Tensor(input.shape(), dx), gradWeight, gradBias);
    }

    /** As PyTorch prints the module: {@code LayerNorm((4, 3), eps=1e-05, elementwise_affine=True)}. */
    @Override
    public String toString() {
        String shape = normalizedShape.length == 1 ? "(" + normalizedShape[0] + ",)"
                : "(" + Tensor.joinDims(normalizedShape) + ")";
        return "LayerNorm(" + shape + ", eps=" + PythonFloat.repr(eps) + ", elementwise_affine="
                + Parameters.python(elementwiseAffine) + ")";
    }
}
