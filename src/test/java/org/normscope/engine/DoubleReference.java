package org.normscope.engine;

import java.util.Arrays;

/**
 * A slow, obviously-right BatchNorm in double precision, to check the engine against.
 * Written straight from the definitions, with no attempt at PyTorch's float32 order of
 * operations: the engine must agree with it to float32 rounding.
 *
 * <p>An input of shape {@code (N, C, S1, S2, …)} is read as {@code C} channels of
 * {@code n = N·S1·S2·…} values each (the value at flat index {@code i} belongs to channel
 * {@code (i / S) mod C}, {@code S = S1·S2·…}). For each channel {@code c}:
 * <pre>
 *   mean_c  = Σ x / n
 *   var_c   = Σ (x − mean_c)² / n                           (biased: what normalizes the batch)
 *   invstd_c = 1 / sqrt(var_c + eps), or 0 when var_c = 0 and eps = 0
 *   y       = (x − mean_c) · invstd_c · w_c + b_c            (so y = b_c on a constant channel with eps 0)
 * </pre>
 * In training mode with tracking, after the output, with {@code k} the new
 * {@code num_batches_tracked} and {@code f = momentum}, or {@code f = 1/k} when momentum is
 * None (then the running values are the plain means of the k batch statistics):
 * <pre>
 *   running_mean_c ← (1 − f)·running_mean_c + f·mean_c
 *   running_var_c  ← (1 − f)·running_var_c  + f·var_c·n/(n − 1)   (unbiased)
 * </pre>
 * In eval mode with tracking the running statistics replace the batch ones:
 * {@code y = (x − running_mean_c) / sqrt(running_var_c + eps) · w_c + b_c}. Without
 * tracking, both modes use the batch statistics and nothing is updated.
 *
 * <p>Backward of a loss {@code L} with {@code dy = ∂L/∂y}, per channel, with
 * {@code x̂ = (x − mean)·invstd}:
 * <pre>
 *   batch statistics:    dx = w·invstd·(dy − mean(dy) − x̂·mean(dy·x̂))      (through mean and var)
 *   running statistics:  dx = dy·w / sqrt(running_var + eps)
 *   both:                dw = Σ dy·x̂,   db = Σ dy
 * </pre>
 *
 * <p>No refusals: the caller gives valid inputs (rank ≥ 2, the layer's channel count, more
 * than one value per channel where batch statistics are used).
 */
final class DoubleReference {

    final int numFeatures;
    final boolean affine;
    final boolean trackRunningStats;
    double eps;
    /** The momentum, or null for None (cumulative average). */
    Double momentum;
    boolean training = true;

    final double[] weight;
    final double[] bias;
    final double[] runningMean;
    final double[] runningVar;
    long numBatchesTracked;

    DoubleReference(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.affine = affine;
        this.trackRunningStats = trackRunningStats;
        weight = new double[numFeatures];
        bias = new double[numFeatures];
        Arrays.fill(weight, 1);
        runningMean = new double[numFeatures];
        runningVar = new double[numFeatures];
        Arrays.fill(runningVar, 1);
    }

    /** The same layer as {@code layer}'s constructor arguments, with its current weight and bias. */
    static DoubleReference of(BatchNorm layer) {
        DoubleReference r = new DoubleReference(layer.numFeatures(), layer.eps(),
                layer.momentum().isCumulative() ? null : layer.momentum().value(), layer.affine(),
                layer.trackRunningStats());
        if (layer.affine()) {
            r.setWeight(layer.weight());
            r.setBias(layer.bias());
        }
        return r;
    }

    void setWeight(float[] w) {
        for (int c = 0; c < numFeatures; c++) {
            weight[c] = w[c];
        }
    }

    void setBias(float[] b) {
        for (int c = 0; c < numFeatures; c++) {
            bias[c] = b[c];
        }
    }

    void resetRunningStats() {
        Arrays.fill(runningMean, 0);
        Arrays.fill(runningVar, 1);
        numBatchesTracked = 0;
    }

    /** What one forward computed. */
    static final class Forward {
        final int[] shape;
        final double[] x;
        final double[] output;
        /** The statistics the output was normalized with (batch or running). */
        final double[] mean;
        final double[] invstd;
        /** The biased batch variance, or null when running statistics were used. */
        final double[] batchVar;
        final boolean batchStats;
        final double[] weight;

        Forward(int[] shape, double[] x, double[] output, double[] mean, double[] invstd, double[] batchVar,
                boolean batchStats, double[] weight) {
            this.shape = shape;
            this.x = x;
            this.output = output;
            this.mean = mean;
            this.invstd = invstd;
            this.batchVar = batchVar;
            this.batchStats = batchStats;
            this.weight = weight;
        }
    }

    /** Gradients of one backward pass. */
    record Gradients(double[] input, double[] weight, double[] bias) {
    }

    /** {@code layer(x)}: the output, and the running statistics updated as the mode says. */
    Forward forward(int[] shape, float[] x) {
        double[] xs = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            xs[i] = x[i];
        }
        return forward(shape, xs);
    }

    Forward forward(int[] shape, double[] x) {
        boolean batchStats = training || !trackRunningStats;
        double[] w = affine ? weight.clone() : ones(numFeatures);
        double[] b = affine ? bias : new double[numFeatures];
        if (!batchStats) {
            double[] invstd = new double[numFeatures];
            for (int c = 0; c < numFeatures; c++) {
                invstd[c] = 1 / Math.sqrt(runningVar[c] + eps);
            }
            double[] y = normalize(shape, x, runningMean, invstd, w, b);
            return new Forward(shape, x, y, runningMean.clone(), invstd, null, false, w);
        }
        double[] mean = mean(shape, x);
        double[] var = biasedVariance(shape, x, mean);
        double[] invstd = new double[numFeatures];
        for (int c = 0; c < numFeatures; c++) {
            invstd[c] = (var[c] == 0 && eps == 0) ? 0 : 1 / Math.sqrt(var[c] + eps);
        }
        double[] y = normalize(shape, x, mean, invstd, w, b);
        if (training && trackRunningStats) {
            numBatchesTracked++;
            double f = momentum == null ? 1.0 / numBatchesTracked : momentum;
            long n = reductionSize(shape);
            for (int c = 0; c < numFeatures; c++) {
                runningMean[c] = (1 - f) * runningMean[c] + f * mean[c];
                runningVar[c] = (1 - f) * runningVar[c] + f * var[c] * n / (n - 1);
            }
        }
        return new Forward(shape, x, y, mean, invstd, var, true, w);
    }

    /** The gradients of {@code Σ y·dy} through {@code f}. */
    static Gradients backward(Forward f, float[] dy) {
        double[] g = new double[dy.length];
        for (int i = 0; i < dy.length; i++) {
            g[i] = dy[i];
        }
        return backward(f, g);
    }

    static Gradients backward(Forward f, double[] dy) {
        int channels = f.shape[1];
        int slice = slice(f.shape);
        long n = reductionSize(f.shape);
        double[] sumDy = new double[channels];
        double[] sumDyXhat = new double[channels];
        for (int i = 0; i < f.x.length; i++) {
            int c = channel(i, channels, slice);
            double xhat = (f.x[i] - f.mean[c]) * f.invstd[c];
            sumDy[c] += dy[i];
            sumDyXhat[c] += dy[i] * xhat;
        }
        double[] dx = new double[f.x.length];
        for (int i = 0; i < f.x.length; i++) {
            int c = channel(i, channels, slice);
            double scale = f.weight[c] * f.invstd[c];
            if (f.batchStats) {
                double xhat = (f.x[i] - f.mean[c]) * f.invstd[c];
                dx[i] = scale * (dy[i] - sumDy[c] / n - xhat * sumDyXhat[c] / n);
            } else {
                dx[i] = scale * dy[i];
            }
        }
        return new Gradients(dx, sumDyXhat, sumDy);
    }

    // ---- the definitions, as static functions -----------------------------------------------

    /** {@code S}: the product of the dimensions after the channel one. */
    static int slice(int[] shape) {
        int s = 1;
        for (int d = 2; d < shape.length; d++) {
            s *= shape[d];
        }
        return s;
    }

    /** {@code n = N·S}: the values per channel. */
    static long reductionSize(int[] shape) {
        return (long) shape[0] * slice(shape);
    }

    /** The channel of flat index {@code i}. */
    static int channel(int i, int channels, int slice) {
        return (i / slice) % channels;
    }

    static double[] mean(int[] shape, double[] x) {
        int channels = shape[1];
        int slice = slice(shape);
        double[] sum = new double[channels];
        for (int i = 0; i < x.length; i++) {
            sum[channel(i, channels, slice)] += x[i];
        }
        long n = reductionSize(shape);
        for (int c = 0; c < channels; c++) {
            sum[c] /= n;
        }
        return sum;
    }

    /** {@code Σ(x − mean)²/n} per channel (two passes: the mean first, so no cancellation). */
    static double[] biasedVariance(int[] shape, double[] x, double[] mean) {
        int channels = shape[1];
        int slice = slice(shape);
        double[] sum = new double[channels];
        for (int i = 0; i < x.length; i++) {
            int c = channel(i, channels, slice);
            double d = x[i] - mean[c];
            sum[c] += d * d;
        }
        long n = reductionSize(shape);
        for (int c = 0; c < channels; c++) {
            sum[c] /= n;
        }
        return sum;
    }

    /** {@code (x − mean)·invstd·w + b} per channel. */
    static double[] normalize(int[] shape, double[] x, double[] mean, double[] invstd, double[] w, double[] b) {
        int channels = shape[1];
        int slice = slice(shape);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            int c = channel(i, channels, slice);
            y[i] = (x[i] - mean[c]) * invstd[c] * w[c] + b[c];
        }
        return y;
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1);
        return a;
    }
}
