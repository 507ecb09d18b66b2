package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The {@code (N, C)} forward (copied row segments, SIMD across channels, channels split between
 * threads, output in tiles of rows) gives the very floats of the plain row-by-row loops it
 * replaced: {@link OldRowWise} is those loops, copied from {@code ForwardPass} as they were.
 * Values carry an offset of 1e3 so that any change in the order of a channel's additions shows
 * in the last bits.
 */
class RowKernelsBitExactTest {

    /** Modes: train with tracking, train untracked, eval with running stats, eval untracked (batch stats). */
    enum Mode { TRAIN, TRAIN_UNTRACKED, EVAL, EVAL_UNTRACKED }

    static Stream<Arguments> cases() {
        int[] rows = {2, 3, 5, 7, 64, 129, 1001, 4099};
        int[] widths = {1, 2, 3, 31, 32, 33, 64, 100, 256, 1025, 1500};
        List<Arguments> out = new ArrayList<>();
        long seed = 1;
        for (int n : rows) {
            for (int c : widths) {
                if ((long) n * c > 3_000_000) {
                    continue;
                }
                for (boolean parallel : new boolean[] {false, true}) {
                    Mode mode = Mode.values()[(int) (seed % 4)];
                    out.add(Arguments.of(n, c, parallel, mode, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "({0}, {1}) parallel={2} {3} seed={4}")
    @MethodSource("cases")
    void theForwardPassGivesTheOldRowWiseFloats(int n, int c, boolean parallel, Mode mode, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (1e3 + random.nextGaussian() * (1 + i % 7));
        }
        boolean training = mode == Mode.TRAIN || mode == Mode.TRAIN_UNTRACKED;
        boolean tracked = mode == Mode.TRAIN || mode == Mode.EVAL;
        boolean batchStats = training || !tracked;
        boolean updateRunning = training && tracked;
        // momentum None after three batches gives the factor 1/3; otherwise PyTorch's default 0.1
        float factor = seed % 3 == 0 ? (float) (1.0 / 3) : 0.1f;
        double eps = seed % 5 == 0 ? 0.0 : 1e-5;
        float[] weight = seed % 2 == 0 ? null : randomArray(random, c, 0.5f, 2f);
        float[] bias = weight == null ? null : randomArray(random, c, -1f, 1f);
        float[] runningMean = tracked ? randomArray(random, c, 999f, 1001f) : null;
        float[] runningVar = tracked ? randomArray(random, c, 0.5f, 3f) : null;

        OldRowWise old = new OldRowWise(x, n, c, batchStats, updateRunning, factor, eps, weight, bias,
                runningMean == null ? null : runningMean.clone(), runningVar == null ? null : runningVar.clone());
        old.run();

        ForwardPass pass = new ForwardPass(c);
        float[] y = new float[x.length];
        for (int repeat = 0; repeat < 2; repeat++) { // the second run reuses every scratch array
            float[] rm = runningMean == null ? null : runningMean.clone();
            float[] rv = runningVar == null ? null : runningVar.clone();
            java.util.Arrays.fill(y, Float.NaN);
            pass.prepare(x, y, n, c, 1, batchStats, updateRunning, factor, eps, weight, bias, rm, rv);
            pass.run(parallel, null);

            assertBits(java.util.Arrays.copyOf(pass.mean, c), old.mean, "mean");
            assertBits(java.util.Arrays.copyOf(pass.invstd, c), old.invstd, "invstd");
            if (batchStats) {
                assertBits(java.util.Arrays.copyOf(pass.varSum, c), old.varSum, "Σ(x − mean)²");
            }
            assertBits(pass.alpha(c), old.alpha, "alpha");
            assertBits(pass.beta(c), old.beta, "beta");
            assertBits(y, old.y, "output");
            if (updateRunning) {
                assertBits(rm, old.runningMean, "running_mean");
                assertBits(rv, old.runningVar, "running_var");
            }
        }

        // forwardWithoutOutput, then the output written on its own
        float[] later = new float[x.length];
        pass.writeOutput(x, later, n, c, 1);
        assertBits(later, old.y, "output written afterwards");
    }

    @org.junit.jupiter.api.Test
    void compiledByTheJitTheKernelsStillGiveTheOldFloats() {
        // enough forwards for C2 to compile (and vectorize) the kernels, then compare
        int n = 257;
        int c = 96;
        SplittableRandom random = new SplittableRandom(99);
        float[] x = new float[n * c];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (-3e3 + random.nextGaussian() * 10);
        }
        OldRowWise old = new OldRowWise(x, n, c, true, false, 0.1f, 1e-5, null, null, null, null);
        old.run();
        ForwardPass pass = new ForwardPass(c);
        float[] y = new float[x.length];
        for (int i = 0; i < 6_000; i++) {
            pass.prepare(x, y, n, c, 1, true, false, 0.1f, 1e-5, null, null, null, null);
            pass.run(i % 2 == 0, null);
        }
        assertBits(java.util.Arrays.copyOf(pass.mean, c), old.mean, "mean");
        assertBits(java.util.Arrays.copyOf(pass.varSum, c), old.varSum, "Σ(x − mean)²");
        assertBits(y, old.y, "output");
    }

    @org.junit.jupiter.api.Test
    void batchNorm1dOnALargeBatchSplitBetweenThreadsGivesTheOldFloats() {
        int n = 601;
        int c = 130; // 78,130 values: over the threshold where a forward uses both cores
        SplittableRandom random = new SplittableRandom(7);
        Tensor input = Tensor.zeros(n, c);
        for (int i = 0; i < input.numel(); i++) {
            input.data()[i] = (float) (500 + random.nextGaussian() * 3);
        }
        BatchNorm bn = new BatchNorm1d(c, 1e-5, Momentum.CUMULATIVE, true, true);
        float[] rm = bn.runningMean();
        float[] rv = bn.runningVar();
        for (int step = 1; step <= 3; step++) {
            OldRowWise old = new OldRowWise(input.data(), n, c, true, true, (float) (1.0 / step), 1e-5,
                    bn.weight(), bn.bias(), rm.clone(), rv.clone());
            old.run();
            Tensor out = bn.forward(input);
            assertBits(out.data(), old.y, "output, step " + step);
            rm = bn.runningMean();
            rv = bn.runningVar();
            assertBits(rm, old.runningMean, "running_mean, step " + step);
            assertBits(rv, old.runningVar, "running_var, step " + step);
        }
        bn.eval();
        OldRowWise old = new OldRowWise(input.data(), n, c, false, false, 0f, 1e-5, bn.weight(), bn.bias(), rm, rv);
        old.run();
        assertBits(bn.forward(input).data(), old.y, "eval output");
    }

    private static float[] randomArray(SplittableRandom random, int size, float lo, float hi) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) random.nextDouble(lo, hi);
        }
        return a;
    }

    private static void assertBits(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + expected[i] + " ("
                        + Integer.toHexString(Float.floatToIntBits(expected[i])) + ") but got " + actual[i] + " ("
                        + Integer.toHexString(Float.floatToIntBits(actual[i])) + ")");
            }
        }
    }

    /** {@code ForwardPass.rowWise} and {@code finishChannel} as they were before the row kernels, on one thread. */
    static final class OldRowWise {
        final float[] x;
        final int batch;
        final int channels;
        final boolean batchStats;
        final boolean updateRunning;
        final float factor;
        final double eps;
        final float[] weight;
        final float[] bias;
        final float[] runningMean;
        final float[] runningVar;
        final float[] mean;
        final float[] varSum;
        final float[] invstd;
        final float[] alpha;
        final float[] beta;
        final float[] y;

        OldRowWise(float[] x, int batch, int channels, boolean batchStats, boolean updateRunning, float factor,
                double eps, float[] weight, float[] bias, float[] runningMean, float[] runningVar) {
            this.x = x;
            this.batch = batch;
            this.channels = channels;
            this.batchStats = batchStats;
            this.updateRunning = updateRunning;
            this.factor = factor;
            this.eps = eps;
            this.weight = weight;
            this.bias = bias;
            this.runningMean = runningMean;
            this.runningVar = runningVar;
            mean = new float[channels];
            varSum = new float[channels];
            invstd = new float[channels];
            alpha = new float[channels];
            beta = new float[channels];
            y = new float[x.length];
        }

        void run() {
            int width = channels;
            if (batchStats) {
                float[] sums = mean;
                float[] squares = varSum;
                for (int start = 0; start < x.length; start += width) {
                    for (int c = 0; c < width; c++) {
                        sums[c] += x[start + c];
                    }
                }
                for (int c = 0; c < width; c++) {
                    sums[c] = (float) ((double) sums[c] / batch);
                }
                for (int start = 0; start < x.length; start += width) {
                    for (int c = 0; c < width; c++) {
                        float d = x[start + c] - sums[c];
                        squares[c] = Math.fma(d, d, squares[c]);
                    }
                }
            }
            for (int c = 0; c < width; c++) {
                finishChannel(c, batch);
            }
            for (int start = 0; start < x.length; start += width) {
                for (int c = 0; c < width; c++) {
                    y[start + c] = Math.fma(x[start + c], alpha[c], beta[c]);
                }
            }
        }

        private void finishChannel(int c, long n) {
            float m;
            float inv;
            if (batchStats) {
                m = mean[c];
                float vs = varSum[c];
                float biasedVar = vs / n;
                inv = (biasedVar != 0f || eps != 0.0) ? (float) (1.0 / Math.sqrt(biasedVar + eps)) : 0f;
                if (updateRunning) {
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
            beta[c] = Math.fma(-m, a, bias == null ? 0f : bias[c]);
        }
    }
}
