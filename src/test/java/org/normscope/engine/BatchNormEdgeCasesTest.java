package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.normscope.engine.FloatBounds.OUTPUT_ULPS;
import static org.normscope.engine.FloatBounds.assertWithin;
import static org.normscope.engine.FloatBounds.outputBound;
import static org.normscope.engine.FloatBounds.toDouble;
import static org.normscope.engine.FloatBounds.ulp;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BatchNorm at its edges, each case with the numbers PyTorch 1.13 gives. */
class BatchNormEdgeCasesTest {

    // ---- the notebook -------------------------------------------------------------------------

    /**
     * The session of {@code batchnorm-notebook.md}: {@code BatchNorm1d(4, eps=0, momentum=0.3)} on
     * {@code torch.ones(2, 4, 1)}. The expected running stats are PyTorch's float32 values in full.
     */
    @Test
    void notebookSessionGivesPyTorchsRunningStatsZeroOutputsInTrainingAndPoint49InEval() {
        BatchNorm1d bn = new BatchNorm1d(4, 0.0, Momentum.of(0.3), true, true);
        Tensor ones = Tensor.ones(2, 4, 1);
        double[] means = {0.30000001192092896, 0.5099999904632568, 0.6570000052452087, 0.7598999738693237};
        double[] vars = {0.699999988079071, 0.4899999797344208, 0.34299999475479126, 0.24009999632835388};

        for (int step = 0; step < 4; step++) {
            Tensor y = bn.forward(ones);
            assertThat(y.data()).as("train output, step %d", step + 1).containsOnly(0f);
            assertThat(bn.runningMean()).as("running_mean, step %d", step + 1).containsOnly((float) means[step]);
            assertThat(bn.runningVar()).as("running_var, step %d", step + 1).containsOnly((float) vars[step]);
        }
        assertThat(bn.numBatchesTracked()).isEqualTo(4);

        bn.eval();
        for (int i = 0; i < 2; i++) {
            // (1 − 0.7599) / sqrt(0.2401) = 0.49
            assertThat(bn.forward(Tensor.ones(2, 4, 1)).data()).containsOnly((float) 0.49000000953674316);
        }
        assertThat(bn.numBatchesTracked()).as("eval does not count").isEqualTo(4);

        bn.train();
        assertThat(bn.forward(ones).data()).containsOnly(0f);
        assertThat(bn.runningMean()).containsOnly((float) 0.8319299817085266);
        assertThat(bn.runningVar()).containsOnly((float) 0.168069988489151);
        assertThat(bn.weight()).containsOnly(1f);
        assertThat(bn.bias()).containsOnly(0f);
    }

    // ---- degenerate values --------------------------------------------------------------------

    @Test
    void epsZeroOnAConstantChannelGivesTheBiasNotNaN() {
        BatchNorm2d bn = new BatchNorm2d(2, 0.0, Momentum.DEFAULT, true, true);
        bn.setWeight(new float[] {2f, 3f});
        bn.setBias(new float[] {0.25f, -1f});
        Tensor x = Tensor.zeros(3, 2, 2, 2);
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < x.numel(); i++) {
            boolean channel0 = (i / 4) % 2 == 0;
            x.data()[i] = channel0 ? 3f : (float) ReferenceCrossCheckTest.gaussian(r);
        }

        Tensor y = bn.forward(x);

        for (int i = 0; i < x.numel(); i++) {
            if ((i / 4) % 2 == 0) {
                assertThat(y.data()[i]).as("constant channel, value %d", i).isEqualTo(0.25f);
            } else {
                assertThat(y.data()[i]).as("other channel, value %d", i).isFinite();
            }
        }
        assertThat(bn.lastInvStd()[0]).as("invstd of a zero variance with eps 0").isZero();
        assertThat(bn.runningMean()[0]).isEqualTo(0.3f); // 0.1 · 3
        assertThat(bn.runningVar()[0]).isEqualTo(0.9f);  // 0.9 · 1 + 0.1 · 0

        // the backward through it is 0, as PyTorch's (invstd 0)
        BatchNormGradients g = bn.backward(Tensor.ones(3, 2, 2, 2));
        for (int i = 0; i < x.numel(); i += 8) {
            assertThat(g.gradInput().data()[i]).isZero();
        }
        assertThat(g.gradWeight()[0]).isZero();
        assertThat(g.gradBias()[0]).isEqualTo(12f);
    }

    @Test
    void aNaNInOneChannelReachesThatChannelsOutputAndRunningStatsButNoOtherChannel() {
        SplittableRandom r = new SplittableRandom(11);
        Tensor clean = Tensor.zeros(2, 3, 3, 3);
        for (int i = 0; i < clean.numel(); i++) {
            clean.data()[i] = (float) ReferenceCrossCheckTest.gaussian(r);
        }
        Tensor poisoned = clean.copy();
        poisoned.data()[9 + 4] = Float.NaN; // sample 0, channel 1

        BatchNorm2d a = new BatchNorm2d(3);
        BatchNorm2d b = new BatchNorm2d(3);
        Tensor ya = a.forward(poisoned);
        Tensor yb = b.forward(clean);

        for (int i = 0; i < clean.numel(); i++) {
            int channel = (i / 9) % 3;
            if (channel == 1) {
                assertThat(ya.data()[i]).as("value %d of the NaN channel", i).isNaN();
            } else {
                assertThat(ya.data()[i]).as("value %d of a clean channel", i).isEqualTo(yb.data()[i]);
            }
        }
        assertThat(a.runningMean()[1]).isNaN();
        assertThat(a.runningVar()[1]).isNaN();
        assertThat(new float[] {a.runningMean()[0], a.runningMean()[2], a.runningVar()[0], a.runningVar()[2]})
                .containsExactly(b.runningMean()[0], b.runningMean()[2], b.runningVar()[0], b.runningVar()[2]);

        // and it stays: the next clean batch mixes into a NaN running mean
        a.forward(clean);
        assertThat(a.runningMean()[1]).isNaN();
        assertThat(a.runningMean()[0]).isFinite();
    }

    /**
     * A +inf as the first value of a channel, in runs of 64 values: PyTorch sums in double, so
     * the mean is +inf and running_mean becomes +inf; the variance is NaN (inf − inf).
     */
    @Test
    void plusInfinityAsAChannelsFirstValueGivesAnInfiniteRunningMeanAsInPyTorch() {
        SplittableRandom r = new SplittableRandom(3);
        Tensor x = Tensor.zeros(2, 2, 8, 8);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = (float) ReferenceCrossCheckTest.gaussian(r);
        }
        x.data()[0] = Float.POSITIVE_INFINITY;
        BatchNorm2d bn = new BatchNorm2d(2);

        Tensor y = bn.forward(x);

        assertThat(bn.runningMean()[0]).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(bn.runningVar()[0]).isNaN();
        assertThat(y.data()[5]).isNaN();
        assertThat(bn.runningMean()[1]).isFinite();
        assertThat(y.data()[64 + 5]).isFinite();
    }

    /**
     * One huge value first in a channel must not swallow the small ones: PyTorch sums the
     * channel in double, so the mean is within float rounding of the exact one. (Shifting
     * every value by the first, {@code x − 1e9} in float, would round the others away: their
     * 2048·15 ≈ 30000 would vanish from a mean of about 488000, 1000 ulps.)
     */
    @Test
    void oneHugeValueFirstInAChannelDoesNotSwallowTheOthersInTheMean() {
        SplittableRandom r = new SplittableRandom(5);
        Tensor x = Tensor.zeros(32, 1, 64);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = (float) (30 * r.nextDouble());
        }
        x.data()[0] = 1e9f;
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, Momentum.of(1.0), false, true);

        bn.forward(x);

        double exact = DoubleReference.mean(x.shape(), toDouble(x.data()))[0];
        assertThat((double) bn.runningMean()[0]).isCloseTo(exact, within(ulp(exact)));
    }

    // ---- large common offset ------------------------------------------------------------------

    /**
     * Mean 1e4, std 0.5: the running stats are within float rounding of the exact values, the
     * outputs within the output bound, the gradients within theirs.
     *
     * <p>Why this is a test: a one-pass {@code E[x²] − E[x]²} in float cannot do it. E[x²] ≈ 1e8,
     * where float's ulp is 8, so E[x²] and E[x]² are each off by up to 4 and their difference
     * is a multiple of 8 — 0, 8, −8 — instead of 0.25 (checked below on this batch). Two passes
     * (the mean, then Σ(x − mean)²) lose only what rounding the mean to float costs: with
     * ulp(1e4) = 2⁻¹⁰ ≈ 9.8e-4 the float mean is off by Δ ≤ 4.9e-4, and Σ(x − mean)² about it
     * is too large by n·Δ² ≤ n·2.4e-7, i.e. the variance by up to 2.4e-7, 16 ulps of 0.25.
     * PyTorch has that too: on a (8, 2, 64) batch of this kind it gives running_var
     * 0.23082575 where the exact unbiased variance is 0.23082556 (13 ulps, Δ = 4.3e-4).
     * So the bound on running_var is 4 ulps plus n/(n−1)·Δ², with Δ the engine's own mean error.
     */
    @Test
    void largeCommonOffsetKeepsRunningStatsOutputsAndGradientsWithinFloatRounding() {
        SplittableRandom r = new SplittableRandom(2024);
        int[] shape = {8, 3, 8, 8};
        Tensor x = Tensor.zeros(shape);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = (float) (1e4 + 0.5 * ReferenceCrossCheckTest.gaussian(r));
        }
        BatchNorm2d bn = new BatchNorm2d(3, 1e-5, Momentum.of(1.0), true, true);
        bn.setWeight(new float[] {1f, 2f, -0.5f});
        bn.setBias(new float[] {0f, 0.25f, 1f});
        DoubleReference ref = DoubleReference.of(bn);

        Tensor y = bn.forward(x);
        DoubleReference.Forward f = ref.forward(shape, x.data());

        long n = DoubleReference.reductionSize(shape);
        double[] meanBound = new double[3];
        double[] varBound = new double[3];
        for (int c = 0; c < 3; c++) {
            double delta = Math.abs(bn.runningMean()[c] - f.mean[c]);
            assertThat(delta).as("mean of channel %d within float rounding", c).isLessThanOrEqualTo(ulp(f.mean[c]));
            meanBound[c] = ulp(f.mean[c]);
            varBound[c] = 4 * ulp(ref.runningVar[c]) + delta * delta * n / (n - 1);
        }
        assertWithin("running_mean", bn.runningMean(), ref.runningMean, meanBound);
        assertWithin("running_var", bn.runningVar(), ref.runningVar, varBound);

        int slice = DoubleReference.slice(shape);
        assertWithin("output", y.data(), f.output, i -> {
            int c = DoubleReference.channel(i, 3, slice);
            return outputBound(f.x[i], f.mean[c], f.invstd[c] * f.weight[c], ref.bias[c], OUTPUT_ULPS);
        });

        Tensor dy = ReferenceCrossCheckTest.randomInput(r, shape, new double[3], new double[] {1, 1, 1});
        BatchNormGradients g = bn.backward(dy);
        DoubleReference.Gradients want = DoubleReference.backward(f, dy.data());
        FloatBounds.GradientBounds.of(f, dy.data(), null, null).check("large offset", g, want.input(), want.weight(),
                want.bias(), true);

        // the one-pass formula in float misses the variance by more than the whole variance
        for (int c = 0; c < 3; c++) {
            float sum = 0;
            float sumSq = 0;
            for (int i = 0; i < x.numel(); i++) {
                if (DoubleReference.channel(i, 3, slice) == c) {
                    sum += x.data()[i];
                    sumSq += x.data()[i] * x.data()[i];
                }
            }
            float m = sum / n;
            float onePass = sumSq / n - m * m;
            assertThat(Math.abs(onePass - f.batchVar[c])).as("one-pass float variance of channel %d", c)
                    .isGreaterThan(varBound[c] + 0.1);
        }
    }

    /**
     * PyTorch 1.13's CPU kernels (AVX2 dispatch, the default on x86-64 machines with AVX2, as
     * the one that made the golden files) compute {@code β = b − mean·α} and
     * {@code y = x·α + β} each as one fused multiply-add: one rounding, not two. Values from
     * PyTorch on this machine; with {@code ATEN_CPU_CAPABILITY=default} PyTorch rounds twice
     * and gives what the engine gives. At a large common offset the difference exceeds the
     * spec's tolerance: 1.4282892 against 1.4287109 here, 4.2e-4 where the spec allows 1.5e-4.
     */
    @Test
    void outputIsRoundedOnceAsByPyTorchsFusedMultiplyAdd() {
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, Momentum.of(1.0), true, true);
        Tensor x = new Tensor(new int[] {2, 1, 4},
                new float[] {10000.25f, 9999.5f, 10000.75f, 9999.0f, 10000.5f, 10001.0f, 9999.25f, 10000.0f});
        double[] pytorch = {0.32243961095809937, -0.7834099531173706, 1.0596725940704346, -1.5206429958343506,
            0.6910561323165894, 1.4282891750335693, -1.1520264148712158, -0.046176910400390625};

        Tensor y = bn.forward(x);

        assertThat(bn.runningMean()).containsExactly((float) 10000.03125);
        assertThat(bn.runningVar()).containsExactly((float) 0.5256696343421936);
        for (int i = 0; i < pytorch.length; i++) {
            assertThat(y.data()[i]).as("train output %d", i).isEqualTo((float) pytorch[i]);
        }
        // eval, BatchNorm1d(1, momentum=1) after a train step on (1, 3): rm 2, rv 2, eps 3: (3 − 2) / sqrt(5)
        BatchNorm1d small = new BatchNorm1d(1, 3.0, Momentum.of(1.0), false, true);
        small.forward(column(1, 3));
        small.eval();
        assertThat(small.forward(column(1, 3)).data()[1]).isEqualTo((float) 0.4472135901451111);
    }

    // ---- eval without tracked stats -----------------------------------------------------------

    @Test
    void evalWithoutTrackedStatsUsesTheBatchStatsAndRefusesOneValuePerChannel() {
        BatchNorm1d bn = new BatchNorm1d(4, 1e-5, Momentum.DEFAULT, true, false);
        Tensor x = ReferenceCrossCheckTest.randomInput(new SplittableRandom(1), new int[] {5, 4, 3},
                new double[] {1, 2, 3, 4}, new double[] {1, 1, 2, 2});
        Tensor train = bn.forward(x);

        bn.eval();
        Tensor eval = bn.forward(x);

        assertThat(eval.data()).as("eval = train without tracked stats").containsExactly(train.data());
        assertThat(bn.lastUsedBatchStats()).isTrue();
        assertThat(bn.runningMean()).isNull();
        assertThat(bn.runningVar()).isNull();
        assertThat(bn.numBatchesTracked()).isZero();

        assertThatThrownBy(() -> bn.forward(Tensor.ones(1, 4))).isInstanceOfSatisfying(TorchError.class, e -> {
            assertThat(e.kind()).isEqualTo(TorchError.Kind.ValueError);
            assertThat(e).hasToString("ValueError: Expected more than 1 value per channel when training, "
                    + "got input size torch.Size([1, 4])");
        });
        assertThatThrownBy(() -> bn.forward(Tensor.ones(1, 4, 1)))
                .hasMessage("Expected more than 1 value per channel when training, got input size torch.Size([1, 4, 1])");
        assertThat(bn.forward(Tensor.ones(1, 4, 2)).data()).as("one sample of two values is enough").containsOnly(0f);
    }

    @Test
    void evalWithTrackedStatsAcceptsOneValuePerChannel() {
        BatchNorm1d bn = new BatchNorm1d(4);
        bn.eval();

        Tensor y = bn.forward(Tensor.full(2f, 1, 4));

        // (2 − 0) / sqrt(1 + 1e-5), as PyTorch's float32 value
        assertThat(y.data()).containsOnly((float) 1.9999899864196777);
    }

    // ---- channel counts that do not fit ---------------------------------------------------------

    @Test
    void aTrackedLayerRefusesAnotherChannelCountNamingRunningMeanCountingTheBatchOnlyInTraining() {
        BatchNorm1d bn = new BatchNorm1d(4);
        bn.forward(Tensor.ones(3, 4).copy());
        Tensor five = Tensor.ones(3, 5);
        float[] mean = bn.runningMean();
        float[] var = bn.runningVar();

        assertThatThrownBy(() -> bn.forward(five)).isInstanceOfSatisfying(TorchError.class, e -> {
            assertThat(e.pythonType()).isEqualTo("RuntimeError");
            assertThat(e).hasMessage("running_mean should contain 5 elements not 4");
        });
        assertThat(bn.numBatchesTracked()).as("training counts the batch before the check").isEqualTo(2);

        bn.eval();
        assertThatThrownBy(() -> bn.forward(five)).hasMessage("running_mean should contain 5 elements not 4");
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
        assertThat(bn.runningMean()).isEqualTo(mean);
        assertThat(bn.runningVar()).isEqualTo(var);
    }

    @Test
    void anUntrackedAffineLayerRefusesAnotherChannelCountNamingWeight() {
        BatchNorm1d bn = new BatchNorm1d(4, 1e-5, Momentum.DEFAULT, true, false);

        assertThatThrownBy(() -> bn.forward(Tensor.ones(3, 5)))
                .isInstanceOf(TorchError.class)
                .hasMessage("weight should contain 5 elements not 4");
        assertThat(bn.numBatchesTracked()).isZero();
    }

    @Test
    void aLayerWithNeitherTrackingNorAffineNormalizesAnyChannelCount() {
        BatchNorm1d bn = new BatchNorm1d(4, 1e-5, Momentum.DEFAULT, false, false);
        int[] shape = {6, 5, 2};
        Tensor x = ReferenceCrossCheckTest.randomInput(new SplittableRandom(9), shape, new double[] {0, 1, 2, 3, 4},
                new double[] {1, 2, 3, 4, 5});

        Tensor y = bn.forward(x);

        DoubleReference ref = new DoubleReference(5, 1e-5, 0.1, false, false);
        DoubleReference.Forward f = ref.forward(shape, x.data());
        assertWithin("output", y.data(), f.output, i -> {
            int c = DoubleReference.channel(i, 5, 2);
            return outputBound(f.x[i], f.mean[c], f.invstd[c], 0, OUTPUT_ULPS);
        });
        assertThat(bn.lastMean()).hasSize(5);
    }

    // ---- empty batches ------------------------------------------------------------------------

    @Test
    void anEmptyBatchGivesAnEmptyOutputCountsTheBatchAndLeavesTheRunningStats() {
        BatchNorm1d bn = new BatchNorm1d(4, 1e-5, Momentum.of(0.5), true, true);
        bn.forward(ReferenceCrossCheckTest.randomInput(new SplittableRandom(4), new int[] {3, 4},
                new double[4], new double[] {1, 1, 1, 1}));
        float[] mean = bn.runningMean();
        float[] var = bn.runningVar();

        Tensor y = bn.forward(Tensor.zeros(0, 4));

        assertThat(y.shape()).containsExactly(0, 4);
        assertThat(y.numel()).isZero();
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
        assertThat(bn.runningMean()).isEqualTo(mean);
        assertThat(bn.runningVar()).isEqualTo(var);
        assertThat(bn.lastReductionSize()).isZero();

        bn.eval();
        assertThat(bn.forward(Tensor.zeros(0, 4, 3)).shape()).containsExactly(0, 4, 3);
        assertThat(bn.numBatchesTracked()).isEqualTo(2);
        // PyTorch returns an empty batch before it checks the channel count
        bn.train();
        assertThat(bn.forward(Tensor.zeros(0, 5)).shape()).containsExactly(0, 5);
        assertThat(bn.numBatchesTracked()).isEqualTo(3);
    }

    /**
     * PyTorch: {@code x = torch.zeros(0, 2, 2, 2, requires_grad=True); bn(x).backward(torch.zeros(0, 2, 2, 2))}
     * gives an empty {@code x.grad} and zero {@code weight.grad}, {@code bias.grad}
     * ({@code torch-cases/bn2d_empty_batch_backward.json}).
     */
    @Test
    void backwardThroughAnEmptyBatchGivesEmptyGradInputAndZeroParameterGradients() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.forward(Tensor.zeros(0, 2, 2, 2));

        BatchNormGradients g = bn.backward(Tensor.zeros(0, 2, 2, 2));

        assertThat(g.gradInput().shape()).containsExactly(0, 2, 2, 2);
        assertThat(g.gradWeight()).containsExactly(0f, 0f);
        assertThat(g.gradBias()).containsExactly(0f, 0f);
    }

    // ---- construction arguments -----------------------------------------------------------------

    @ParameterizedTest(name = "num_features {0}")
    @ValueSource(ints = {0, -1})
    void numFeaturesBelowOneIsRefusedNamingTheArgumentAndValue(int numFeatures) {
        assertThatThrownBy(() -> new BatchNorm1d(numFeatures))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("num_features")
                .hasMessageContaining(String.valueOf(numFeatures));
    }

    @ParameterizedTest(name = "eps {0}")
    @ValueSource(doubles = {-1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void epsThatIsNegativeOrNotFiniteIsRefusedNamingTheArgumentAndValue(double eps) {
        assertThatThrownBy(() -> new BatchNorm2d(3, eps, Momentum.DEFAULT, true, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eps")
                .hasMessageContaining(String.valueOf(eps));
        BatchNorm2d bn = new BatchNorm2d(3);
        assertThatThrownBy(() -> bn.setEps(eps)).isInstanceOf(IllegalArgumentException.class);
        assertThat(bn.eps()).as("a refused eps leaves the old one").isEqualTo(1e-5);
    }

    @ParameterizedTest(name = "momentum {0}")
    @ValueSource(doubles = {1.5, -0.1, Double.NaN})
    void momentumOutsideZeroToOneIsRefusedNamingTheArgumentAndValue(double momentum) {
        assertThatThrownBy(() -> Momentum.of(momentum))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("momentum")
                .hasMessageContaining(String.valueOf(momentum));
    }

    @Test
    void momentumAndEpsAtTheEndsOfTheirRangesAreAccepted() {
        assertThat(Momentum.of(0.0).value()).isZero();
        assertThat(Momentum.of(1.0).value()).isEqualTo(1.0);
        assertThat(new BatchNorm3d(1, 0.0, Momentum.CUMULATIVE, false, false).eps()).isZero();
    }

    // ---- changing eps and momentum ------------------------------------------------------------

    @Test
    void momentumChangedBetweenStepsAppliesFromTheNextStep() {
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, Momentum.DEFAULT, false, true);
        bn.forward(column(1, 3));          // mean 2
        assertThat(bn.runningMean()).containsExactly(0.2f);
        assertThat(bn.lastFactor()).isEqualTo(0.1);

        bn.setMomentum(Momentum.of(0.5));
        bn.forward(column(5, 7));          // mean 6: 0.5·6 + 0.5·0.2
        assertThat(bn.runningMean()[0]).isCloseTo(3.1f, within(ulpOf(3.1f)));
        assertThat(bn.lastFactor()).isEqualTo(0.5);

        bn.setMomentum(Momentum.CUMULATIVE);
        bn.forward(column(9, 11));         // third batch: factor 1/3, mean 10: (2/3)·3.1 + (1/3)·10
        assertThat(bn.lastFactor()).isEqualTo(1.0 / 3);
        assertThat(bn.runningMean()[0]).isCloseTo((float) (3.1 * 2 / 3 + 10.0 / 3), within(2 * ulpOf(5.4f)));
        assertThat(bn.momentum().toString()).isEqualTo("None");
    }

    @Test
    void epsChangedBetweenStepsAppliesFromTheNextStep() {
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, Momentum.of(1.0), false, true);
        Tensor x = column(1, 3);           // mean 2, biased variance 1, unbiased 2
        assertThat(bn.forward(x).data()[1]).as("(3 − 2) / sqrt(1 + 1e-5)").isEqualTo((float) 0.9999949932098389);

        bn.setEps(3.0);
        assertThat(bn.forward(x).data()[1]).as("train: (3 − 2) / sqrt(1 + 3)").isEqualTo(0.5f);
        bn.eval();
        double alpha = 1 / Math.sqrt(5);
        assertThat((double) bn.forward(x).data()[1]).as("eval: (3 − 2) / sqrt(2 + 3)")
                .isCloseTo(alpha, within(outputBound(3, 2, alpha, 0, OUTPUT_ULPS)));
        assertThat(bn.eps()).isEqualTo(3.0);
    }

    // ---- resets -------------------------------------------------------------------------------

    @Test
    void resetRunningStatsRestartsTheCumulativeAverageAndKeepsTheParameters() {
        BatchNorm1d bn = new BatchNorm1d(1, 1e-5, Momentum.CUMULATIVE, true, true);
        bn.setWeight(new float[] {2f});
        bn.setBias(new float[] {-1f});
        bn.forward(column(1, 3));
        bn.forward(column(5, 7));
        assertThat(bn.runningMean()).containsExactly(4f);
        assertThat(bn.runningVar()).containsExactly(2f);

        bn.resetRunningStats();

        assertThat(bn.runningMean()).containsExactly(0f);
        assertThat(bn.runningVar()).containsExactly(1f);
        assertThat(bn.numBatchesTracked()).isZero();
        assertThat(bn.weight()).containsExactly(2f);
        assertThat(bn.bias()).containsExactly(-1f);
        bn.forward(column(5, 7));
        assertThat(bn.lastFactor()).as("first batch after the reset").isEqualTo(1.0);
        assertThat(bn.runningMean()).containsExactly(6f);
        assertThat(bn.runningVar()).containsExactly(2f);
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
    }

    @Test
    void resetParametersAlsoRestoresWeightOneAndBiasZero() {
        BatchNorm2d bn = new BatchNorm2d(2);
        bn.setWeight(new float[] {3f, 4f});
        bn.setBias(new float[] {5f, 6f});
        bn.forward(Tensor.full(2f, 2, 2, 1, 1));

        bn.resetParameters();

        assertThat(bn.weight()).containsExactly(1f, 1f);
        assertThat(bn.bias()).containsExactly(0f, 0f);
        assertThat(bn.runningMean()).containsExactly(0f, 0f);
        assertThat(bn.runningVar()).containsExactly(1f, 1f);
        assertThat(bn.numBatchesTracked()).isZero();
    }

    @Test
    void resetRunningStatsOnAnUntrackedLayerDoesNothing() {
        BatchNorm1d bn = new BatchNorm1d(2, 1e-5, Momentum.DEFAULT, true, false);
        bn.resetRunningStats();
        assertThat(bn.runningMean()).isNull();
        assertThat(bn.numBatchesTracked()).isZero();
    }

    // ---- forward into a given output ------------------------------------------------------------

    @Test
    void forwardIntoAGivenOutputFillsThatTensorWithTheSameValues() {
        Tensor x = ReferenceCrossCheckTest.randomInput(new SplittableRandom(21), new int[] {4, 3, 5},
                new double[] {0, 1, 2}, new double[] {1, 2, 3});
        Tensor fresh = new BatchNorm1d(3).forward(x);
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor out = Tensor.full(99f, 4, 3, 5);
        float[] storage = out.data();

        bn.forward(x, out);

        assertThat(out.data()).isSameAs(storage).containsExactly(fresh.data());
        bn.forward(x, out);
        assertThat(out.data()).as("reused for a second step").isSameAs(storage);
    }

    @Test
    void forwardIntoItsOwnInputOverwritesItWithTheOutput() {
        Tensor x = ReferenceCrossCheckTest.randomInput(new SplittableRandom(22), new int[] {4, 3, 3, 3},
                new double[] {0, 1, 2}, new double[] {1, 2, 3});
        Tensor fresh = new BatchNorm2d(3).forward(x);
        BatchNorm2d bn = new BatchNorm2d(3);

        bn.forward(x, x);

        assertThat(x.data()).containsExactly(fresh.data());
        assertThat(bn.numBatchesTracked()).isEqualTo(1);
    }

    @Test
    void forwardIntoAnOutputOfAnotherShapeIsRefusedAndChangesNothing() {
        BatchNorm1d bn = new BatchNorm1d(3);

        assertThatThrownBy(() -> bn.forward(Tensor.ones(4, 3), Tensor.zeros(3, 4)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[3, 4]")
                .hasMessageContaining("[4, 3]");
        assertThat(bn.numBatchesTracked()).isZero();
        assertThat(bn.runningMean()).containsOnly(0f);
    }

    // ---- printing -----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)  | 1 | 4 | 1e-5  | 0.1  | true  | true",
        "BatchNorm2d(3, eps=0.001, momentum=None, affine=False, track_running_stats=False) | 2 | 3 | 1e-3  | None | false | false",
        "BatchNorm3d(7, eps=0.0, momentum=1.0, affine=True, track_running_stats=True)    | 3 | 7 | 0.0   | 1.0  | true  | true",
        "BatchNorm1d(2, eps=1e-10, momentum=0.25, affine=True, track_running_stats=False) | 1 | 2 | 1e-10 | 0.25 | true  | false",
    })
    void moduleIsPrintedAsPyTorchPrintsIt(String expected, int dims, int features, double eps, String momentum,
            boolean affine, boolean track) {
        Momentum m = momentum.equals("None") ? Momentum.CUMULATIVE : Momentum.of(Double.parseDouble(momentum));
        BatchNorm bn = switch (dims) {
            case 1 -> new BatchNorm1d(features, eps, m, affine, track);
            case 2 -> new BatchNorm2d(features, eps, m, affine, track);
            default -> new BatchNorm3d(features, eps, m, affine, track);
        };
        assertThat(bn).hasToString(expected);
    }

    @Test
    void defaultModuleIsPrintedAsPyTorchPrintsIt() {
        assertThat(new BatchNorm1d(4)).hasToString(
                "BatchNorm1d(4, eps=1e-05, momentum=0.1, affine=True, track_running_stats=True)");
    }

    // ---- the two-thread path --------------------------------------------------------------------

    /**
     * A batch of 65536 values and 8 channels is split over two threads; channels are
     * independent, so each must come out bit for bit as it does alone (C = 1, one thread).
     */
    @Test
    void aBatchSplitOverTwoThreadsGivesTheSameBitsAsEachChannelAlone() {
        int[] shape = {16, 8, 16, 32};
        double[] offsets = {0, 1, -2, 5, 0.5, -0.5, 10, 3};
        double[] scales = {1, 2, 0.5, 1, 3, 1, 0.25, 1};
        Tensor x = ReferenceCrossCheckTest.randomInput(new SplittableRandom(65536), shape, offsets, scales);
        BatchNorm2d bn = new BatchNorm2d(8, 1e-5, Momentum.of(0.25), true, true);
        float[] w = {1f, 0.5f, 2f, -1f, 1.5f, 0.25f, 1f, 3f};
        float[] b = {0f, 1f, -1f, 0.5f, 0f, 2f, -0.25f, 0f};
        bn.setWeight(w);
        bn.setBias(b);

        Tensor y = bn.forward(x);
        bn.eval();
        Tensor yEval = bn.forward(x);

        int slice = 16 * 32;
        for (int c = 0; c < 8; c++) {
            Tensor xc = Tensor.zeros(16, 1, 16, 32);
            for (int n = 0; n < 16; n++) {
                System.arraycopy(x.data(), (n * 8 + c) * slice, xc.data(), n * slice, slice);
            }
            BatchNorm2d alone = new BatchNorm2d(1, 1e-5, Momentum.of(0.25), true, true);
            alone.setWeight(new float[] {w[c]});
            alone.setBias(new float[] {b[c]});
            Tensor yc = alone.forward(xc);
            alone.eval();
            Tensor ycEval = alone.forward(xc);
            for (int n = 0; n < 16; n++) {
                float[] got = Arrays.copyOfRange(y.data(), (n * 8 + c) * slice, (n * 8 + c + 1) * slice);
                float[] want = Arrays.copyOfRange(yc.data(), n * slice, (n + 1) * slice);
                assertThat(got).as("train, channel %d, sample %d", c, n).containsExactly(want);
                float[] gotEval = Arrays.copyOfRange(yEval.data(), (n * 8 + c) * slice, (n * 8 + c + 1) * slice);
                float[] wantEval = Arrays.copyOfRange(ycEval.data(), n * slice, (n + 1) * slice);
                assertThat(gotEval).as("eval, channel %d, sample %d", c, n).containsExactly(wantEval);
            }
            assertThat(bn.runningMean()[c]).as("running_mean[%d]", c).isEqualTo(alone.runningMean()[0]);
            assertThat(bn.runningVar()[c]).as("running_var[%d]", c).isEqualTo(alone.runningVar()[0]);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A (2, 1) batch: one channel holding a and b. */
    private static Tensor column(float a, float b) {
        return new Tensor(new int[] {2, 1}, new float[] {a, b});
    }

    private static float ulpOf(float v) {
        return Math.ulp(v);
    }
}
