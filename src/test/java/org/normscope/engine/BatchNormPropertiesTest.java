package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.normscope.engine.FloatBounds.ATOL;
import static org.normscope.engine.FloatBounds.OUTPUT_ULPS;
import static org.normscope.engine.FloatBounds.assertWithin;
import static org.normscope.engine.FloatBounds.outputBound;
import static org.normscope.engine.FloatBounds.toDouble;
import static org.normscope.engine.FloatBounds.ulp;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/**
 * Properties of BatchNorm that hold for every layer and batch, checked on generated ones.
 * Every property has a fixed seed, so a run is reproducible; the batch values come from
 * a generated {@code long} seed. Tolerances are float32 rounding (see {@link FloatBounds}).
 */
class BatchNormPropertiesTest {

    /** The input layouts: BatchNorm1d on (N, C) and (N, C, L), BatchNorm2d, BatchNorm3d. */
    enum Kind { BATCH_NORM_1D_NC, BATCH_NORM_1D_NCL, BATCH_NORM_2D, BATCH_NORM_3D }

    static BatchNorm layer(Kind kind, int channels, double eps, Momentum momentum, boolean affine, boolean track) {
        return switch (kind) {
            case BATCH_NORM_1D_NC, BATCH_NORM_1D_NCL -> new BatchNorm1d(channels, eps, momentum, affine, track);
            case BATCH_NORM_2D -> new BatchNorm2d(channels, eps, momentum, affine, track);
            case BATCH_NORM_3D -> new BatchNorm3d(channels, eps, momentum, affine, track);
        };
    }

    /** A random shape of this kind, with {@code maxSide} the largest spatial size. */
    static int[] shape(Kind kind, int batch, int channels, SplittableRandom r, int maxSide) {
        return switch (kind) {
            case BATCH_NORM_1D_NC -> new int[] {batch, channels};
            case BATCH_NORM_1D_NCL -> new int[] {batch, channels, 1 + r.nextInt(maxSide)};
            case BATCH_NORM_2D -> new int[] {batch, channels, 1 + r.nextInt(maxSide), 1 + r.nextInt(maxSide)};
            case BATCH_NORM_3D -> new int[] {batch, channels, 1 + r.nextInt(maxSide), 1 + r.nextInt(maxSide),
                    1 + r.nextInt(Math.max(1, maxSide / 2))};
        };
    }

    /** Values {@code offset_c + scale_c·gaussian} with scale in [10^lo, 10^hi] and |offset| ≤ maxOffset·scale. */
    static Tensor input(SplittableRandom r, int[] shape, double lo, double hi, double maxOffset) {
        int channels = shape[1];
        double[] scale = new double[channels];
        double[] offset = new double[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = Math.pow(10, lo + (hi - lo) * r.nextDouble());
            offset[c] = scale[c] * maxOffset * (2 * r.nextDouble() - 1);
        }
        return ReferenceCrossCheckTest.randomInput(r, shape, offset, scale);
    }

    static double epsilons(Gen g) {
        return g.oneOf(0.0, 1e-5, 1e-3, 0.1, 1.0, 10.0);
    }

    // ---- training normalizes ----------------------------------------------------------------

    static LongStream tries150() {
        return Gen.tries(150);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries150")
    void trainOutputOfEachChannelHasMeanZeroAndVarianceVarOverVarPlusEps(long trial) {
        Gen g = Gen.of(8128L, trial);
        Kind kind = g.oneOf(Kind.values());
        int channels = g.intIn(1, 6);
        double eps = epsilons(g);
        boolean affine = g.bool();
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = shape(kind, 2 + r.nextInt(31), channels, r, 8);
        Tensor x = input(r, shape, -2, 2, 5);
        BatchNorm layer = layer(kind, channels, eps, Momentum.DEFAULT, affine, true); // identity affine

        Tensor y = layer.forward(x);

        double[] xd = toDouble(x.data());
        double[] mean = DoubleReference.mean(shape, xd);
        double[] var = DoubleReference.biasedVariance(shape, xd, mean);
        double[] yMean = DoubleReference.mean(shape, toDouble(y.data()));
        double[] yVar = DoubleReference.biasedVariance(shape, toDouble(y.data()), yMean);
        // the largest float32 error of one output value, per channel (FloatBounds)
        double[] maxErr = new double[channels];
        int slice = DoubleReference.slice(shape);
        for (int i = 0; i < xd.length; i++) {
            int c = DoubleReference.channel(i, channels, slice);
            double alpha = 1 / Math.sqrt(var[c] + eps);
            maxErr[c] = Math.max(maxErr[c], outputBound(xd[i], mean[c], alpha, 0, OUTPUT_ULPS));
        }
        for (int c = 0; c < channels; c++) {
            double wantVar = var[c] / (var[c] + eps);
            assertThat(Math.abs(yMean[c])).as("mean of channel %d", c).isLessThanOrEqualTo(maxErr[c]);
            // Σ(y + e)²/n − Σy²/n ≤ 2·max|e|·sqrt(Σy²/n) + max|e|²
            double varTol = 2 * maxErr[c] * Math.sqrt(wantVar) + 3 * maxErr[c] * maxErr[c] + 1e-15;
            assertThat(Math.abs(yVar[c] - wantVar)).as("variance of channel %d: %s, want %s", c, yVar[c], wantVar)
                    .isLessThanOrEqualTo(varTol);
        }
    }

    // ---- momentum None is a plain average -----------------------------------------------------

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries150")
    void runningMeanWithMomentumNoneIsThePlainMeanOfBatchMeans(long trial) {
        Gen g = Gen.of(4096L, trial);
        Kind kind = g.oneOf(Kind.values());
        int channels = g.intIn(1, 4);
        int steps = g.intIn(1, 12);
        int stepsBeforeReset = g.intIn(0, 3);
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        int[] base = shape(kind, 2, channels, r, 6);
        BatchNorm layer = layer(kind, channels, 1e-5, Momentum.CUMULATIVE, r.nextBoolean(), true);
        for (int s = 0; s < stepsBeforeReset; s++) {
            layer.forward(input(r, withBatch(base, 2 + r.nextInt(7)), -1, 1, 3));
        }
        if (stepsBeforeReset > 0) {
            layer.resetRunningStats();
        }

        double[] sumMeans = new double[channels];
        double[] sumVars = new double[channels];
        double[] meanBound = new double[channels];
        double[] varBound = new double[channels];
        for (int s = 0; s < steps; s++) {
            int[] shape = withBatch(base, 2 + r.nextInt(7));
            Tensor x = input(r, shape, -1, 1, 3);
            layer.forward(x);
            double[] xd = toDouble(x.data());
            double[] m = DoubleReference.mean(shape, xd);
            double[] v = DoubleReference.biasedVariance(shape, xd, m);
            long n = DoubleReference.reductionSize(shape);
            for (int c = 0; c < channels; c++) {
                double unbiased = v[c] * n / (n - 1);
                sumMeans[c] += m[c];
                sumVars[c] += unbiased;
                // each float update: a few ulps of the magnitudes; the variance also n·(Δmean)² (FloatBounds)
                meanBound[c] = Math.max(meanBound[c], 4 * ulp(Math.abs(m[c])));
                varBound[c] = Math.max(varBound[c], 8 * ulp(unbiased) + 2 * ulp(m[c]) * ulp(m[c]));
            }
        }
        double[] wantMean = new double[channels];
        double[] wantVar = new double[channels];
        for (int c = 0; c < channels; c++) {
            wantMean[c] = sumMeans[c] / steps;
            wantVar[c] = sumVars[c] / steps;
            meanBound[c] = ATOL + steps * meanBound[c];
            varBound[c] = ATOL + steps * varBound[c];
        }
        assertThat(layer.numBatchesTracked()).isEqualTo(steps);
        assertThat(layer.lastFactor()).isEqualTo(1.0 / steps);
        assertWithin("running_mean", layer.runningMean(), wantMean, meanBound);
        assertWithin("running_var", layer.runningVar(), wantVar, varBound);
    }

    // ---- eval uses the running stats ----------------------------------------------------------

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries150")
    void evalOutputIsTheAffineMapOfTheInputNormalizedByTheRunningStats(long trial) {
        Gen g = Gen.of(1729L, trial);
        Kind kind = g.oneOf(Kind.values());
        int channels = g.intIn(1, 6);
        double eps = epsilons(g);
        boolean affine = g.bool();
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = shape(kind, 1 + r.nextInt(16), channels, r, 8);
        BatchNorm layer = layer(kind, channels, eps, Momentum.DEFAULT, affine, true);
        float[] rm = ReferenceCrossCheckTest.randomVector(r, channels, -10, 10);
        float[] rv = new float[channels];
        for (int c = 0; c < channels; c++) {
            rv[c] = (float) Math.pow(10, -3 + 5 * r.nextDouble());
        }
        layer.setRunningMean(rm);
        layer.setRunningVar(rv);
        float[] w = affine ? ReferenceCrossCheckTest.randomVector(r, channels, -3, 3) : null;
        float[] b = affine ? ReferenceCrossCheckTest.randomVector(r, channels, -3, 3) : null;
        if (affine) {
            layer.setWeight(w);
            layer.setBias(b);
        }
        Tensor x = input(r, shape, -2, 2, 5);
        layer.eval();

        Tensor y = layer.forward(x);

        int slice = DoubleReference.slice(shape);
        double[] want = new double[x.numel()];
        double[] bound = new double[x.numel()];
        for (int i = 0; i < want.length; i++) {
            int c = DoubleReference.channel(i, channels, slice);
            double wc = affine ? w[c] : 1;
            double bc = affine ? b[c] : 0;
            double alpha = wc / Math.sqrt(rv[c] + eps);
            want[i] = (x.data()[i] - (double) rm[c]) / Math.sqrt(rv[c] + eps) * wc + bc;
            bound[i] = outputBound(x.data()[i], rm[c], alpha, bc, OUTPUT_ULPS);
        }
        assertWithin("eval output", y.data(), want, bound);
        assertThat(layer.runningMean()).as("eval leaves running_mean").isEqualTo(rm);
        assertThat(layer.runningVar()).as("eval leaves running_var").isEqualTo(rv);
        assertThat(layer.numBatchesTracked()).isZero();
        assertThat(layer.lastUsedBatchStats()).isFalse();
    }

    // ---- backward is the derivative -----------------------------------------------------------

    enum Mode { TRAIN_TRACKED, TRAIN_UNTRACKED, EVAL_TRACKED, EVAL_UNTRACKED }

    static LongStream tries120() {
        return Gen.tries(120);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries120")
    void backwardMatchesFiniteDifferencesOfTheDoubleReference(long trial) {
        Gen g = Gen.of(271828L, trial);
        Mode mode = g.oneOf(Mode.values());
        Kind kind = g.oneOf(Kind.values());
        int channels = g.intIn(1, 3);
        double eps = epsilons(g);
        boolean affine = g.bool();
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        int[] shape = shape(kind, 2 + r.nextInt(3), channels, r, 3);
        boolean train = mode == Mode.TRAIN_TRACKED || mode == Mode.TRAIN_UNTRACKED;
        boolean track = mode == Mode.TRAIN_TRACKED || mode == Mode.EVAL_TRACKED;
        BatchNorm layer = layer(kind, channels, eps, Momentum.DEFAULT, affine, track);
        if (affine) {
            layer.setWeight(ReferenceCrossCheckTest.randomVector(r, channels, -3, 3));
            layer.setBias(ReferenceCrossCheckTest.randomVector(r, channels, -3, 3));
        }
        if (track) {
            layer.setRunningMean(ReferenceCrossCheckTest.randomVector(r, channels, -2, 2));
            layer.setRunningVar(ReferenceCrossCheckTest.randomVector(r, channels, 0.1f, 4));
        }
        DoubleReference ref = DoubleReference.of(layer);
        if (track) {
            System.arraycopy(toDouble(layer.runningMean()), 0, ref.runningMean, 0, channels);
            System.arraycopy(toDouble(layer.runningVar()), 0, ref.runningVar, 0, channels);
        }
        double[] frozenMean = ref.runningMean.clone();
        double[] frozenVar = ref.runningVar.clone();
        layer.train(train);
        ref.training = train;
        Tensor x = input(r, shape, -0.3, 0.3, 2);
        Tensor dy = ReferenceCrossCheckTest.randomInput(r, shape, new double[channels], filled(channels, 1.0));

        layer.forward(x);
        BatchNormGradients got = layer.backward(dy);
        DoubleReference.Forward f = ref.forward(shape, x.data());
        DoubleReference.Gradients analytic = DoubleReference.backward(f, dy.data());

        // L(x, w, b) = Σ y·dy in double; its central differences
        boolean batchStats = train || !track;
        double[] xd = toDouble(x.data());
        double[] w = ref.weight.clone();
        double[] b = affine ? ref.bias.clone() : new double[channels];
        Loss loss = (xs, ws, bs) -> {
            double[] mean = batchStats ? DoubleReference.mean(shape, xs) : frozenMean;
            double[] invstd = new double[channels];
            double[] var = batchStats ? DoubleReference.biasedVariance(shape, xs, mean) : frozenVar;
            for (int c = 0; c < channels; c++) {
                invstd[c] = (batchStats && var[c] == 0 && eps == 0) ? 0 : 1 / Math.sqrt(var[c] + eps);
            }
            double[] y = DoubleReference.normalize(shape, xs, mean, invstd, ws, bs);
            double l = 0;
            for (int i = 0; i < y.length; i++) {
                l += y[i] * dy.data()[i];
            }
            return l;
        };
        double[] fdInput = new double[xd.length];
        for (int i = 0; i < xd.length; i++) {
            fdInput[i] = centralDifference(xd, i, v -> loss.of(v, w, b));
        }
        double[] fdWeight = new double[channels];
        double[] fdBias = new double[channels];
        for (int c = 0; c < channels; c++) {
            fdWeight[c] = centralDifference(w, c, v -> loss.of(xd, v, b));
            fdBias[c] = centralDifference(b, c, v -> loss.of(xd, w, v));
        }

        // the reference's analytic gradients are the derivative (to the finite differences' accuracy)
        double fdTol = 1e-6 * (1 + maxAbs(analytic.input()) + maxAbs(analytic.weight()) + maxAbs(analytic.bias()));
        assertClose("reference grad_input", analytic.input(), fdInput, fdTol);
        assertClose("reference grad_weight", analytic.weight(), fdWeight, fdTol);
        assertClose("reference grad_bias", analytic.bias(), fdBias, fdTol);

        // and the engine's are too, to float32 rounding
        double[] noErr = new double[channels];
        double[] relInvstd = batchStats ? null : filled(channels, 0x1p-22);
        FloatBounds.GradientBounds bounds = FloatBounds.GradientBounds.of(f, dy.data(), relInvstd, noErr);
        assertWithin("engine grad_input", got.gradInput().data(), fdInput, i -> bounds.input()[i] + fdTol);
        if (affine) {
            assertWithin("engine grad_weight", got.gradWeight(), fdWeight, c -> bounds.weight()[c] + fdTol);
            assertWithin("engine grad_bias", got.gradBias(), fdBias, c -> bounds.bias()[c] + fdTol);
        } else {
            assertThat(got.gradWeight()).isNull();
            assertThat(got.gradBias()).isNull();
        }
    }

    @FunctionalInterface
    interface Loss {
        double of(double[] x, double[] w, double[] b);
    }

    /** {@code (L(v + h·e_i) − L(v − h·e_i)) / 2h}, with {@code h = 1e-6·max(1, |v_i|)}. */
    static double centralDifference(double[] v, int i, java.util.function.ToDoubleFunction<double[]> l) {
        double h = 1e-6 * Math.max(1, Math.abs(v[i]));
        double[] plus = v.clone();
        double[] minus = v.clone();
        plus[i] += h;
        minus[i] -= h;
        return (l.applyAsDouble(plus) - l.applyAsDouble(minus)) / (plus[i] - minus[i]);
    }

    // ---- refusals leave the state as PyTorch does -----------------------------------------------

    enum Refusal { RANK, ONE_VALUE_PER_CHANNEL, CHANNEL_COUNT }

    static LongStream tries200() {
        return Gen.tries(200);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries200")
    void aRefusedStepLeavesTheBuffersAsPyTorchDoes(long trial) {
        Gen g = Gen.of(314159L, trial);
        Kind kind = g.oneOf(Kind.values());
        Refusal refusal = g.oneOf(Refusal.values());
        int channels = g.intIn(1, 5);
        boolean track = g.bool();
        boolean affine = g.bool();
        boolean train = g.bool();
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        BatchNorm layer = layer(kind, channels, 1e-5, Momentum.of(0.3), affine, track);
        for (int s = 0; s < 2; s++) { // some history, so the buffers are not at their defaults
            layer.forward(input(r, shape(kind, 3, channels, r, 3), -1, 1, 2));
        }
        int[] good = shape(kind, 2 + r.nextInt(3), channels, r, 3);
        int[] bad = switch (refusal) {
            case RANK -> wrongRank(kind, good, r);
            case ONE_VALUE_PER_CHANNEL -> ones(good.length, channels);
            case CHANNEL_COUNT -> withChannels(good, channels + 1 + r.nextInt(3));
        };
        layer.train(train);
        float[] meanBefore = layer.runningMean();
        float[] varBefore = layer.runningVar();
        long countBefore = layer.numBatchesTracked();

        // PyTorch's order: _check_input_dim; count the batch (training with tracking);
        // _verify_batch_size (batch statistics); then F.batch_norm's checks of running_mean,
        // running_var, weight, bias
        String expected = null;
        TorchError.Kind kindOfError = null;
        long countAfter = countBefore;
        String layerKind = layer.kind();
        if (refusal == Refusal.RANK) {
            kindOfError = TorchError.Kind.ValueError;
            expected = (layerKind.equals("BatchNorm1d") ? "expected 2D or 3D input" : "expected " + good.length + "D input")
                    + " (got " + bad.length + "D input)";
        } else {
            if (train && track) {
                countAfter++;
            }
            boolean batchStats = train || !track;
            if (refusal == Refusal.ONE_VALUE_PER_CHANNEL && batchStats) {
                kindOfError = TorchError.Kind.ValueError;
                expected = "Expected more than 1 value per channel when training, got input size "
                        + Tensor.sizeString(bad);
            } else if (refusal == Refusal.CHANNEL_COUNT && (track || affine)) {
                kindOfError = TorchError.Kind.RuntimeError;
                expected = (track ? "running_mean" : "weight") + " should contain " + bad[1] + " elements not " + channels;
            }
        }
        Tensor input = Tensor.zeros(bad);
        for (int i = 0; i < input.numel(); i++) {
            input.data()[i] = (float) ReferenceCrossCheckTest.gaussian(r);
        }

        if (expected != null) {
            String message = expected;
            TorchError.Kind errorKind = kindOfError;
            assertThatThrownBy(() -> layer.forward(input)).isInstanceOfSatisfying(TorchError.class, e -> {
                assertThat(e.kind()).isEqualTo(errorKind);
                assertThat(e.getMessage()).isEqualTo(message);
            });
            assertThat(layer.lastReductionSize()).as("a refused forward leaves no last forward").isZero();
        } else {
            // PyTorch accepts it: eval with running stats (one value is fine), or nothing to check the channels against
            Tensor y = layer.forward(input);
            assertThat(y.shape()).isEqualTo(bad);
        }
        assertThat(layer.numBatchesTracked()).as("num_batches_tracked").isEqualTo(countAfter);
        if (expected != null || !(train && track)) {
            assertThat(layer.runningMean()).as("running_mean").isEqualTo(meanBefore);
            assertThat(layer.runningVar()).as("running_var").isEqualTo(varBefore);
        }
    }

    private static int[] wrongRank(Kind kind, int[] good, SplittableRandom r) {
        int[] ranks = switch (kind) {
            case BATCH_NORM_1D_NC, BATCH_NORM_1D_NCL -> new int[] {1, 4, 5};
            case BATCH_NORM_2D -> new int[] {2, 3, 5};
            case BATCH_NORM_3D -> new int[] {2, 3, 4, 6};
        };
        int rank = ranks[r.nextInt(ranks.length)];
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) {
            s[d] = d < good.length ? good[d] : 2;
        }
        return s;
    }

    private static int[] ones(int rank, int channels) {
        int[] s = new int[rank];
        Arrays.fill(s, 1);
        s[1] = channels;
        return s;
    }

    private static int[] withChannels(int[] shape, int channels) {
        int[] s = shape.clone();
        s[1] = channels;
        return s;
    }

    private static int[] withBatch(int[] shape, int batch) {
        int[] s = shape.clone();
        s[0] = batch;
        return s;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static void assertClose(String what, double[] got, double[] want, double tol) {
        for (int i = 0; i < want.length; i++) {
            assertThat(Math.abs(got[i] - want[i])).as("%s[%d]: %s, finite differences %s", what, i, got[i], want[i])
                    .isLessThanOrEqualTo(tol);
        }
    }
}
