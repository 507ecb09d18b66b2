package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.engine.FloatBounds.ATOL;
import static org.normscope.engine.FloatBounds.OUTPUT_ULPS;
import static org.normscope.engine.FloatBounds.assertWithin;
import static org.normscope.engine.FloatBounds.outputBound;
import static org.normscope.engine.FloatBounds.ulp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine against {@link DoubleReference} on random layers and batches: every kind
 * (BatchNorm1d on (N, C) and (N, C, L), BatchNorm2d, BatchNorm3d), N from 2 to 64, random
 * C, eps, momentum (None included), affine with random weight and bias, tracking on and
 * off, several steps mixing train and eval, some with a backward, some changing eps or
 * momentum or resetting the running stats in between. Every case comes from its seed.
 *
 * <p>Tolerances are float32 rounding, not a blanket rtol (see {@link FloatBounds}):
 * <ul>
 * <li>outputs with batch statistics: {@code 8·ulp(|x·α| + |mean·α| + |b|)}, with α = invstd·w;
 * <li>running stats: the engine rounds each update to float, so an error bound is carried
 *     along: each update adds 4 ulps (mean) or 8 ulps (var) of the largest magnitude
 *     involved, plus, for the variance, {@code f·ulp(mean)²·n/(n−1)} — taking
 *     {@code Σ(x − mean)²} about the float-rounded mean, as PyTorch does, overstates it by
 *     {@code n·(Δmean)²}; the old error decays by {@code (1 − f)};
 * <li>outputs with running statistics: the output bound plus what the carried errors of
 *     the running stats can move {@code (x − rm)/sqrt(rv + eps)};
 * <li>gradients: 16 ulps of the magnitudes summed in {@code (dy − mean(dy) − x̂·mean(dy·x̂))},
 *     including the first-order effect of the float mean (8 for grad_weight, 4 for grad_bias).
 * </ul>
 * A wrong formula (biased running var, stale statistics, wrong eps, a missing term of the
 * backward) misses these bounds by orders of magnitude.
 */
class ReferenceCrossCheckTest {

    enum Kind { BATCH_NORM_1D_NC, BATCH_NORM_1D_NCL, BATCH_NORM_2D, BATCH_NORM_3D }

    /** One step: mode, batch size, whether a backward follows, and what changes before it. */
    record StepPlan(boolean train, int batch, boolean backward, boolean resetBefore, Momentum newMomentum,
            double newEps) {
    }

    /** A random case, all drawn from {@code seed}. */
    record Case(long seed, Kind kind, int channels, int[] spatial, double eps, Momentum momentum, boolean affine,
            boolean track, List<StepPlan> steps) {

        BatchNorm newLayer() {
            return switch (kind) {
                case BATCH_NORM_1D_NC, BATCH_NORM_1D_NCL -> new BatchNorm1d(channels, eps, momentum, affine, track);
                case BATCH_NORM_2D -> new BatchNorm2d(channels, eps, momentum, affine, track);
                case BATCH_NORM_3D -> new BatchNorm3d(channels, eps, momentum, affine, track);
            };
        }

        int[] shape(int batch) {
            int[] s = new int[2 + spatial.length];
            s[0] = batch;
            s[1] = channels;
            System.arraycopy(spatial, 0, s, 2, spatial.length);
            return s;
        }
    }

    static final long CASES = 120;
    static final int MAX_VALUES = 40_000;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, CASES);
    }

    static Case randomCase(long seed) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
        Kind kind = Kind.values()[(int) (seed % 4)];
        int channels = 1 + r.nextInt(8);
        int[] spatial = switch (kind) {
            case BATCH_NORM_1D_NC -> new int[0];
            case BATCH_NORM_1D_NCL -> new int[] {1 + r.nextInt(40)};
            case BATCH_NORM_2D -> new int[] {1 + r.nextInt(12), 1 + r.nextInt(12)};
            case BATCH_NORM_3D -> new int[] {1 + r.nextInt(5), 1 + r.nextInt(5), 1 + r.nextInt(5)};
        };
        int perSample = channels;
        for (int d : spatial) {
            perSample *= d;
        }
        int stepCount = 2 + r.nextInt(5);
        List<StepPlan> steps = new ArrayList<>();
        for (int i = 0; i < stepCount; i++) {
            int batch = 2 + r.nextInt(63);
            while (batch > 2 && batch * perSample > MAX_VALUES) {
                batch /= 2;
            }
            steps.add(new StepPlan(r.nextDouble() < 0.65, batch, r.nextBoolean(), i > 0 && r.nextDouble() < 0.1,
                    i > 0 && r.nextDouble() < 0.15 ? randomMomentum(r) : null,
                    i > 0 && r.nextDouble() < 0.15 ? randomEps(r) : Double.NaN));
        }
        return new Case(seed, kind, channels, spatial, randomEps(r), randomMomentum(r), r.nextBoolean(),
                r.nextDouble() < 0.7, steps);
    }

    static double randomEps(SplittableRandom r) {
        double[] fixed = {0.0, 1e-5, 1e-3, 0.1, 2.0};
        int i = r.nextInt(fixed.length + 1);
        return i < fixed.length ? fixed[i] : Math.pow(10, -8 + 8.5 * r.nextDouble());
    }

    static Momentum randomMomentum(SplittableRandom r) {
        return switch (r.nextInt(6)) {
            case 0 -> Momentum.CUMULATIVE;
            case 1 -> Momentum.of(0.0);
            case 2 -> Momentum.DEFAULT;
            case 3 -> Momentum.of(0.5);
            case 4 -> Momentum.of(1.0);
            default -> Momentum.of(r.nextDouble());
        };
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void engineAgreesWithTheDoubleReferenceToFloatRounding(long seed) {
        Case c = randomCase(seed);
        SplittableRandom data = new SplittableRandom(seed);
        BatchNorm layer = c.newLayer();
        int channels = c.channels();
        if (c.affine()) {
            layer.setWeight(randomVector(data, channels, -3, 3));
            layer.setBias(randomVector(data, channels, -3, 3));
        }
        DoubleReference ref = DoubleReference.of(layer);
        // the inputs of a case share per-channel scales and offsets (|offset| ≤ 5·scale), so the running stats mean something
        double[] scale = new double[channels];
        double[] offset = new double[channels];
        for (int ch = 0; ch < channels; ch++) {
            scale[ch] = Math.pow(10, -2 + 4 * data.nextDouble());
            offset[ch] = scale[ch] * (-5 + 10 * data.nextDouble());
        }
        double[] errMean = new double[channels];
        double[] errVar = new double[channels];

        for (int s = 0; s < c.steps().size(); s++) {
            StepPlan step = c.steps().get(s);
            String where = "seed " + seed + " " + c.kind() + " step " + s + (step.train() ? " train" : " eval");
            if (step.resetBefore()) {
                layer.resetRunningStats();
                ref.resetRunningStats();
                errMean = new double[channels];
                errVar = new double[channels];
            }
            if (step.newMomentum() != null) {
                layer.setMomentum(step.newMomentum());
                ref.momentum = step.newMomentum().isCumulative() ? null : step.newMomentum().value();
            }
            if (!Double.isNaN(step.newEps())) {
                layer.setEps(step.newEps());
                ref.eps = step.newEps();
            }
            layer.train(step.train());
            ref.training = step.train();

            int[] shape = c.shape(step.batch());
            Tensor x = randomInput(data, shape, offset, scale);
            double[] oldMean = ref.runningMean.clone();
            double[] oldVar = ref.runningVar.clone();

            Tensor y = layer.forward(x);
            DoubleReference.Forward f = ref.forward(shape, x.data());

            assertThat(layer.lastUsedBatchStats()).as(where + ": normalized with batch stats").isEqualTo(f.batchStats);
            assertThat(layer.lastReductionSize()).as(where + ": n").isEqualTo(DoubleReference.reductionSize(shape));
            checkOutput(where, layer, ref, f, y, errMean, errVar);

            if (c.track()) {
                if (step.train()) {
                    carryRunningStatErrors(ref, f, shape, oldMean, oldVar, errMean, errVar);
                }
                assertThat(layer.numBatchesTracked()).as(where + ": num_batches_tracked").isEqualTo(ref.numBatchesTracked);
                double[] bm = errMean.clone();
                double[] bv = errVar.clone();
                for (int ch = 0; ch < channels; ch++) {
                    bm[ch] += ATOL;
                    bv[ch] += ATOL;
                }
                assertWithin(where + ": running_mean", layer.runningMean(), ref.runningMean, bm);
                assertWithin(where + ": running_var", layer.runningVar(), ref.runningVar, bv);
            } else {
                assertThat(layer.runningMean()).as(where + ": running_mean").isNull();
                assertThat(layer.runningVar()).as(where + ": running_var").isNull();
                assertThat(layer.numBatchesTracked()).as(where + ": num_batches_tracked").isZero();
            }

            if (step.backward()) {
                Tensor dy = randomInput(data, shape, new double[channels], fill(channels, 0.1 + 3 * data.nextDouble()));
                BatchNormGradients got = layer.backward(dy);
                DoubleReference.Gradients want = DoubleReference.backward(f, dy.data());
                checkGradients(where, layer, ref, f, dy.data(), got, want, errMean, errVar);
            }
        }
    }

    private static void checkOutput(String where, BatchNorm layer, DoubleReference ref, DoubleReference.Forward f,
            Tensor y, double[] errMean, double[] errVar) {
        int channels = f.shape[1];
        int slice = DoubleReference.slice(f.shape);
        double[] b = layer.affine() ? ref.bias : new double[channels];
        assertThat(y.shape()).as(where + ": output shape").isEqualTo(f.shape);
        assertWithin(where + ": output", y.data(), f.output, i -> {
            int ch = DoubleReference.channel(i, channels, slice);
            double alpha = f.invstd[ch] * f.weight[ch];
            double bound = outputBound(f.x[i], f.mean[ch], alpha, b[ch], OUTPUT_ULPS);
            if (!f.batchStats) {
                // what the carried errors of the engine's running stats can move the output by
                double relInvstd = 0.5 * errVar[ch] / (ref.runningVar[ch] + ref.eps);
                bound += Math.abs(alpha) * errMean[ch] + Math.abs((f.x[i] - f.mean[ch]) * alpha) * relInvstd;
            }
            return bound;
        });
    }

    /** Adds one update's float rounding to the carried error bounds of the running stats. */
    private static void carryRunningStatErrors(DoubleReference ref, DoubleReference.Forward f, int[] shape,
            double[] oldMean, double[] oldVar, double[] errMean, double[] errVar) {
        long n = DoubleReference.reductionSize(shape);
        double factor = ref.momentum == null ? 1.0 / ref.numBatchesTracked : ref.momentum;
        for (int ch = 0; ch < errMean.length; ch++) {
            double m = f.mean[ch];
            double unbiased = f.batchVar[ch] * n / (n - 1);
            errMean[ch] = (1 - factor) * errMean[ch]
                    + 4 * ulp(Math.max(Math.max(Math.abs(oldMean[ch]), Math.abs(m)), Math.abs(ref.runningMean[ch])));
            double meanUlp = ulp(m);
            errVar[ch] = (1 - factor) * errVar[ch]
                    + 8 * ulp(Math.max(Math.max(oldVar[ch], unbiased), ref.runningVar[ch]))
                    + factor * meanUlp * meanUlp * n / (n - 1);
        }
    }

    private static void checkGradients(String where, BatchNorm layer, DoubleReference ref, DoubleReference.Forward f,
            float[] dy, BatchNormGradients got, DoubleReference.Gradients want, double[] errMean, double[] errVar) {
        int channels = f.shape[1];
        double[] relInvstd = null;
        if (!f.batchStats) {
            relInvstd = new double[channels];
            for (int ch = 0; ch < channels; ch++) {
                // the engine's running_var error, and its rounding of 1/sqrt(rv + eps) to float
                relInvstd[ch] = 0.5 * errVar[ch] / (ref.runningVar[ch] + ref.eps) + 0x1p-22;
            }
        }
        assertThat(got.gradInput().shape()).as(where + ": grad_input shape").isEqualTo(f.shape);
        FloatBounds.GradientBounds.of(f, dy, relInvstd, errMean)
                .check(where, got, want.input(), want.weight(), want.bias(), layer.affine());
    }

    @Test
    void theRandomCasesCoverEveryKindModeAndOption() {
        Set<Kind> kinds = EnumSet.noneOf(Kind.class);
        boolean momentumNone = false;
        boolean untracked = false;
        boolean tracked = false;
        boolean noAffine = false;
        boolean affine = false;
        boolean trackedEvalBackward = false;
        boolean untrackedEval = false;
        boolean trainBackward = false;
        boolean changes = false;
        boolean resets = false;
        boolean epsZero = false;
        int smallestBatch = Integer.MAX_VALUE;
        int largestBatch = 0;
        for (long seed : seeds().toArray()) {
            Case c = randomCase(seed);
            kinds.add(c.kind());
            momentumNone |= c.momentum().isCumulative();
            untracked |= !c.track();
            tracked |= c.track();
            noAffine |= !c.affine();
            affine |= c.affine();
            epsZero |= c.eps() == 0;
            for (StepPlan p : c.steps()) {
                trackedEvalBackward |= c.track() && !p.train() && p.backward();
                untrackedEval |= !c.track() && !p.train();
                trainBackward |= p.train() && p.backward();
                changes |= p.newMomentum() != null || !Double.isNaN(p.newEps());
                resets |= p.resetBefore();
                smallestBatch = Math.min(smallestBatch, p.batch());
                largestBatch = Math.max(largestBatch, p.batch());
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder(Kind.values());
        assertThat(List.of(momentumNone, untracked, tracked, noAffine, affine, trackedEvalBackward, untrackedEval,
                trainBackward, changes, resets, epsZero)).containsOnly(true);
        assertThat(smallestBatch).isEqualTo(2);
        assertThat(largestBatch).isGreaterThanOrEqualTo(60);
    }

    // ---- data ---------------------------------------------------------------------------------

    static Tensor randomInput(SplittableRandom r, int[] shape, double[] offset, double[] scale) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        int channels = shape[1];
        int slice = DoubleReference.slice(shape);
        for (int i = 0; i < d.length; i++) {
            int ch = DoubleReference.channel(i, channels, slice);
            d[i] = (float) (offset[ch] + scale[ch] * gaussian(r));
        }
        return t;
    }

    static float[] randomVector(SplittableRandom r, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return v;
    }

    static double gaussian(SplittableRandom r) {
        // Box–Muller, so that the values depend only on the seed
        double u1 = 1 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
