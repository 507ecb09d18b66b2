package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/**
 * InstanceNorm1d/2d/3d: PyTorch's quirks, each on a small case (the numbers themselves are
 * checked bit for bit against PyTorch by the golden files of {@code golden/family/}).
 */
class InstanceNormTest {

    static LongStream tries() {
        return Gen.tries(150);
    }

    private static Tensor random(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = (float) (r.nextGaussian() * 2 + 1);
        }
        return t;
    }

    private static TorchError refusal(NormLayer layer, Tensor x) {
        try {
            layer.forward(x);
        } catch (TorchError e) {
            return e;
        }
        throw new AssertionError("not refused: " + java.util.Arrays.toString(x.shape()));
    }

    @Test
    void printsAsPyTorchPrintsTheModule() {
        assertThat(new InstanceNorm1d(3)).hasToString(
                "InstanceNorm1d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False)");
        assertThat(new InstanceNorm2d(4, 0.001, Momentum.CUMULATIVE, true, true)).hasToString(
                "InstanceNorm2d(4, eps=0.001, momentum=None, affine=True, track_running_stats=True)");
        assertThat(new InstanceNorm3d(2, 1e-5, Momentum.of(0.5), false, false)).hasToString(
                "InstanceNorm3d(2, eps=1e-05, momentum=0.5, affine=False, track_running_stats=False)");
    }

    @Test
    void pyTorchsDefaultsHaveNeitherAffineParametersNorRunningStats() {
        InstanceNorm2d layer = new InstanceNorm2d(3);

        assertThat(layer.affine()).isFalse();
        assertThat(layer.trackRunningStats()).isFalse();
        assertThat(layer.weight()).isNull();
        assertThat(layer.runningMean()).isNull();
        assertThat(layer.momentum()).isEqualTo(Momentum.DEFAULT);
        assertThat(layer.eps()).isEqualTo(1e-5);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void anUnbatchedInputIsABatchOfOneBitForBit(long trial) {
        Gen g = Gen.of(8101L, trial);
        int dims = g.intIn(1, 3);
        boolean training = g.bool();
        int channels = g.intIn(1, 5);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        int[] shape = new int[dims + 1];
        shape[0] = channels;
        for (int i = 1; i <= dims; i++) {
            shape[i] = 2 + r.nextInt(5);
        }
        Tensor x = random(r, shape);
        Tensor batched = new Tensor(Parameters.prepend(1, shape), x.data().clone());
        InstanceNorm a = layer(dims, channels);
        InstanceNorm b = layer(dims, channels);
        a.train(training);
        b.train(training);

        Tensor y = a.forward(x);
        Tensor yb = b.forward(batched);

        assertThat(y.shape()).containsExactly(shape);
        assertThat(y.data()).containsExactly(yb.data());
        assertThat(a.runningMean()).containsExactly(b.runningMean());
        assertThat(a.runningVar()).containsExactly(b.runningVar());
    }

    private static InstanceNorm layer(int dims, int channels) {
        Momentum m = Momentum.of(0.3);
        return switch (dims) {
            case 1 -> new InstanceNorm1d(channels, 1e-5, m, true, true);
            case 2 -> new InstanceNorm2d(channels, 1e-5, m, true, true);
            default -> new InstanceNorm3d(channels, 1e-5, m, true, true);
        };
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void eachSamplesChannelIsNormalizedOnItsOwn(long trial) {
        Gen g = Gen.of(8103L, trial);
        int n = g.intIn(1, 4);
        int c = g.intIn(1, 4);
        int l = g.intIn(2, 40);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        Tensor x = random(r, n, c, l);
        InstanceNorm1d layer = new InstanceNorm1d(c);
        layer.train(g.bool()); // untracked: eval uses the sample's statistics too

        float[] y = layer.forward(x).data();

        for (int s = 0; s < n * c; s++) {
            double mean = 0;
            double var = 0;
            double xMean = 0;
            double xVar = 0;
            for (int i = s * l; i < (s + 1) * l; i++) {
                mean += y[i];
                xMean += x.data()[i];
            }
            mean /= l;
            xMean /= l;
            for (int i = s * l; i < (s + 1) * l; i++) {
                var += (y[i] - mean) * (y[i] - mean);
                xVar += (x.data()[i] - xMean) * (x.data()[i] - xMean);
            }
            var /= l;
            xVar /= l;
            assertThat(mean).isCloseTo(0, within(1e-5));
            assertThat(var).isCloseTo(xVar / (xVar + 1e-5), within(1e-4));
        }
    }

    @Test
    void oneSpatialElementIsRefusedInTrainingNamingTheUnsqueezedSize() {
        InstanceNorm1d layer = new InstanceNorm1d(2, 1e-5, Momentum.DEFAULT, false, true);
        Tensor unbatched = Tensor.ones(2, 1);

        TorchError e = refusal(layer, unbatched);

        assertThat(e.kind()).isEqualTo(TorchError.Kind.ValueError);
        assertThat(e.getMessage()).isEqualTo(
                "Expected more than 1 spatial element when training, got input size torch.Size([1, 2, 1])");
        assertThat(layer.runningMean()).containsExactly(0f, 0f);
        layer.eval();
        assertThat(layer.forward(unbatched).shape()).containsExactly(2, 1); // tracked eval uses the running stats
        InstanceNorm1d untracked = new InstanceNorm1d(2);
        untracked.eval();
        assertThat(refusal(untracked, Tensor.ones(3, 2, 1)).getMessage()).endsWith("torch.Size([3, 2, 1])");
    }

    @Test
    void theRankIsCheckedFirst() {
        assertThat(refusal(new InstanceNorm2d(2), Tensor.ones(3, 2)).getMessage())
                .isEqualTo("expected 3D or 4D input (got 2D input)");
        assertThat(refusal(new InstanceNorm3d(2), Tensor.ones(1, 2, 1, 1, 1, 1)).getMessage())
                .isEqualTo("expected 4D or 5D input (got 6D input)");
    }

    @Test
    void numBatchesTrackedIsNeverCounted() {
        InstanceNorm1d layer = new InstanceNorm1d(2, 1e-5, Momentum.DEFAULT, false, true);
        layer.setNumBatchesTracked(5);

        layer.forward(Tensor.ones(3, 2, 4));
        layer.forward(Tensor.ones(3, 2, 4));

        assertThat(layer.numBatchesTracked()).isEqualTo(5);
    }

    @Test
    void evalWritesTheRunningStatsBackAsTheMeanOfTheSamplesCopies() {
        // running_mean.copy_(running_mean.repeat(7).view(7, 1).mean(0)): seven 0.1f added and divided by 7
        InstanceNorm1d layer = new InstanceNorm1d(1, 1e-5, Momentum.DEFAULT, false, true);
        layer.setRunningMean(new float[] {0.1f});
        layer.eval();

        layer.forward(Tensor.ones(7, 1, 3));

        assertThat(Float.floatToIntBits(layer.runningMean()[0])).isEqualTo(Float.floatToIntBits(0.1f) + 1);
        assertThat(layer.runningVar()).containsExactly(1f);
    }

    @Test
    void momentumNoneIsRefusedAtEveryForwardAfterTheSpatialCheck() {
        InstanceNorm2d layer = new InstanceNorm2d(2, 1e-5, Momentum.CUMULATIVE, false, true);

        TorchError e = refusal(layer, Tensor.ones(2, 2, 3, 3));

        assertThat(e.pythonType()).isEqualTo("TypeError");
        assertThat(e.getMessage()).isEqualTo("instance_norm(): argument 'momentum' (position 7) must be float, "
                + "not NoneType");
        assertThat(refusal(layer, Tensor.ones(2, 2, 1, 1)).pythonType()).isEqualTo("ValueError");
        layer.eval();
        assertThat(refusal(layer, Tensor.ones(2, 2, 1, 1)).pythonType()).isEqualTo("TypeError");
        layer.setMomentum(Momentum.of(0.5));
        assertThat(layer.forward(Tensor.ones(2, 2, 3, 3)).shape()).containsExactly(2, 2, 3, 3);
    }

    @Test
    void anotherChannelCountIsRefusedWithTheRepeatedSizesUnlessNothingIsPerChannel() {
        InstanceNorm1d tracked = new InstanceNorm1d(2, 1e-5, Momentum.DEFAULT, true, true);
        tracked.setRunningMean(new float[] {1f, 2f});

        assertThat(refusal(tracked, Tensor.ones(3, 3, 4)).getMessage())
                .isEqualTo("running_mean should contain 9 elements not 6");
        assertThat(tracked.runningMean()).containsExactly(1f, 2f);
        InstanceNorm1d affine = new InstanceNorm1d(2, 1e-5, Momentum.DEFAULT, true, false);
        assertThat(refusal(affine, Tensor.ones(3, 4)).getMessage()).isEqualTo("weight should contain 3 elements not 2");
        assertThat(new InstanceNorm1d(2).forward(Tensor.ones(3, 5, 4)).shape()).containsExactly(3, 5, 4);
    }

    @Test
    void emptyBatchesFoldTheRunningStatsOrAreRefusedAsPyTorchRefusesThem() {
        InstanceNorm1d layer = new InstanceNorm1d(2, 1e-5, Momentum.DEFAULT, false, true);

        assertThat(refusal(layer, Tensor.zeros(3, 5, 0)).getMessage())
                .isEqualTo("shape '[3, 5]' is invalid for input of size 6");
        assertThat(refusal(layer, Tensor.zeros(0, 5, 4)).getMessage())
                .isEqualTo("The size of tensor a (2) must match the size of tensor b (5) at non-singleton dimension 0");
        assertThat(layer.runningMean()).containsExactly(0f, 0f);
        layer.forward(Tensor.zeros(0, 2, 4));
        assertThat(layer.runningMean()).containsOnly(Float.NaN); // the mean of no samples
        InstanceNorm1d affine = new InstanceNorm1d(2, 1e-5, Momentum.DEFAULT, true, false);
        TorchError e = refusal(affine, Tensor.zeros(0, 2, 4));
        assertThat(e.pythonType()).isEqualTo("IndexError");
        assertThat(e.getMessage()).isEqualTo("select(): index 0 out of range for tensor of size [0] at dimension 0");
    }

    @Test
    void theWeightGradientAddsTheSamplesCopies() {
        InstanceNorm1d layer = new InstanceNorm1d(1, 1e-5, Momentum.DEFAULT, true, false);
        Tensor x = new Tensor(new int[] {3, 1, 2}, new float[] {0, 2, 5, 1, -1, 1});
        layer.forward(x);

        BatchNormGradients g = layer.backward(Tensor.ones(3, 1, 2));

        assertThat(g.gradBias()).containsExactly(6f);
        assertThat(g.gradWeight()[0]).isCloseTo(0f, within(1e-5f)); // Σ x̂ = 0 in each sample
        assertThat(g.gradInput().data()).containsOnly(0f);
    }
}
