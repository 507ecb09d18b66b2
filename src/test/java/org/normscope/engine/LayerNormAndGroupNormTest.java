package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/**
 * LayerNorm and GroupNorm: their refusals, and what must hold whatever the numbers (the
 * numbers themselves are checked bit for bit against PyTorch by {@code golden/family/}).
 */
class LayerNormAndGroupNormTest {

    static LongStream tries() {
        return Gen.tries(150);
    }

    private static Tensor random(SplittableRandom r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.numel(); i++) {
            t.data()[i] = (float) (r.nextGaussian() * 3 - 1);
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
    void printAsPyTorchPrintsTheModules() {
        assertThat(new LayerNorm(5)).hasToString("LayerNorm((5,), eps=1e-05, elementwise_affine=True)");
        assertThat(new LayerNorm(new int[] {4, 3}, 0.0, false)).hasToString(
                "LayerNorm((4, 3), eps=0.0, elementwise_affine=False)");
        assertThat(new LayerNorm()).hasToString("LayerNorm((), eps=1e-05, elementwise_affine=True)");
        assertThat(new GroupNorm(2, 4)).hasToString("GroupNorm(2, 4, eps=1e-05, affine=True)");
        assertThat(new GroupNorm(1, 3, 0.1, false)).hasToString("GroupNorm(1, 3, eps=0.1, affine=False)");
    }

    @Test
    void layerNormOfNoDimensionsBuildsWithOneWeightAndRefusesEveryForward() {
        LayerNorm layer = new LayerNorm();

        assertThat(layer.weight()).containsExactly(1f);
        TorchError e = refusal(layer, Tensor.ones(3, 4));
        assertThat(e.kind()).isEqualTo(TorchError.Kind.RuntimeError);
        assertThat(e.getMessage()).isEqualTo("Expected normalized_shape to be at least 1-dimensional, i.e., containing"
                + " at least one element, but got normalized_shape = []");
    }

    @Test
    void layerNormRefusesAnInputWhoseTrailingDimensionsDiffer() {
        LayerNorm layer = new LayerNorm(4, 3);

        assertThat(refusal(layer, Tensor.ones(2, 3, 4)).getMessage()).isEqualTo(
                "Given normalized_shape=[4, 3], expected input with shape [*, 4, 3], but got input of size[2, 3, 4]");
        assertThat(refusal(layer, Tensor.ones(3)).getMessage()).endsWith("but got input of size[3]");
        assertThat(layer.forward(Tensor.ones(0, 4, 3)).shape()).containsExactly(0, 4, 3);
    }

    @Test
    void groupNormOfChannelsThatDoNotDivideIntoItsGroupsIsRefusedAtConstruction() {
        assertThatThrownBy(() -> new GroupNorm(3, 4)).isInstanceOfSatisfying(TorchError.class, e -> {
            assertThat(e.kind()).isEqualTo(TorchError.Kind.ValueError);
            assertThat(e.getMessage()).isEqualTo("num_channels must be divisible by num_groups");
        });
        assertThatThrownBy(() -> GroupNorm.checkArguments(0, 4)).isInstanceOf(IllegalArgumentException.class);
        GroupNorm.checkArguments(2, 4);
    }

    @Test
    void groupNormRefusesInTheOrderOfFunctionalGroupNorm() {
        GroupNorm layer = new GroupNorm(2, 4);

        assertThat(refusal(layer, Tensor.ones(4)).toString())
                .isEqualTo("IndexError: Dimension out of range (expected to be in range of [-1, 0], but got 1)");
        assertThat(refusal(layer, Tensor.ones()).toString())
                .isEqualTo("IndexError: Dimension specified as 0 but tensor has no dimensions");
        assertThat(refusal(layer, Tensor.ones(1, 2, 1)).toString()).isEqualTo(
                "ValueError: Expected more than 1 value per channel when training, got input size [1, 2, 1]");
        layer.eval();
        assertThat(refusal(layer, Tensor.ones(1, 2, 1)).pythonType()).isEqualTo("ValueError"); // in eval mode too
        assertThat(refusal(layer, Tensor.ones(2, 3, 3)).getMessage()).isEqualTo("Expected number of channels in input"
                + " to be divisible by num_groups, but got input of shape [2, 3, 3] and num_groups=2");
        assertThat(refusal(layer, Tensor.ones(2, 6, 3)).getMessage()).isEqualTo("Expected weight to be a vector of"
                + " size equal to the number of channels in input, but got weight of shape [4] and input of shape"
                + " [2, 6, 3]");
        assertThat(new GroupNorm(2, 4, 1e-5, false).forward(Tensor.ones(2, 6, 3)).shape()).containsExactly(2, 6, 3);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void oneGroupHasLayerNormsStatisticsBitForBitAndCloseOutputs(long trial) {
        Gen g = Gen.of(8201L, trial);
        int n = g.intIn(1, 4);
        int c = g.intIn(1, 6);
        int l = g.intIn(1, 300);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        Tensor x = random(r, n, c, l);
        if (c * l == 1) {
            return; // GroupNorm refuses one value per group
        }
        GroupNorm gn = new GroupNorm(1, c, 1e-5, false);
        LayerNorm ln = new LayerNorm(new int[] {c, l}, 1e-5, false);

        Tensor yg = gn.forward(x);
        Tensor yl = ln.forward(x);

        assertThat(gn.lastMean()).containsExactly(ln.lastMean());
        assertThat(gn.lastRstd()).containsExactly(ln.lastRstd());
        for (int i = 0; i < x.numel(); i++) {
            assertThat(yg.data()[i]).isCloseTo(yl.data()[i], within(1e-5f * (1 + Math.abs(yl.data()[i]))));
        }
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void aGroupPerChannelIsCloseToInstanceNorm(long trial) {
        Gen g = Gen.of(8203L, trial);
        int n = g.intIn(1, 4);
        int c = g.intIn(1, 6);
        int l = g.intIn(2, 100);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        Tensor x = random(r, n, c, l);
        Tensor dy = random(r, n, c, l);
        GroupNorm gn = new GroupNorm(c, c, 1e-5, true);
        InstanceNorm1d in = new InstanceNorm1d(c, 1e-5, Momentum.DEFAULT, true, false);

        Tensor yg = gn.forward(x);
        Tensor yi = in.forward(x);
        BatchNormGradients gg = gn.backward(dy);
        BatchNormGradients gi = in.backward(dy);

        float[] rstd = gn.lastRstd();
        for (int i = 0; i < x.numel(); i++) {
            // GroupNorm's c2·x + c3 cancels where InstanceNorm's (x − mean)·k does not: both lose digits
            // as rstd grows (two close values), so the gradients agree to float roundoff times rstd²
            float r2 = rstd[i / l] * rstd[i / l];
            assertThat(yg.data()[i]).isCloseTo(yi.data()[i], within(1e-4f));
            assertThat(gg.gradInput().data()[i]).isCloseTo(gi.gradInput().data()[i], within(1e-4f + 2e-6f * r2));
        }
        for (int ch = 0; ch < c; ch++) {
            assertThat(gg.gradBias()[ch]).isCloseTo(gi.gradBias()[ch], within(1e-4f * n * l));
            assertThat(gg.gradWeight()[ch]).isCloseTo(gi.gradWeight()[ch], within(1e-3f * n * l));
        }
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void layerNormNormalizesEachRowTheSameInTrainingAndEval(long trial) {
        Gen g = Gen.of(8205L, trial);
        int rows = g.intIn(1, 5);
        int size = g.intIn(2, 500);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        Tensor x = random(r, rows, size);
        LayerNorm layer = new LayerNorm(new int[] {size}, 1e-5, false);

        float[] train = layer.forward(x).data();
        float[] eval = layer.eval().forward(x).data();

        assertThat(eval).containsExactly(train);
        for (int i = 0; i < rows; i++) {
            double mean = 0;
            double sq = 0;
            for (int j = 0; j < size; j++) {
                mean += train[i * size + j];
                sq += (double) train[i * size + j] * train[i * size + j];
            }
            assertThat(mean / size).isCloseTo(0, within(1e-5));
            assertThat(sq / size).isCloseTo(1, within(1e-3));
        }
    }

    @Test
    void withoutAffineParametersThereAreNoParameterGradients() {
        LayerNorm ln = new LayerNorm(new int[] {3}, 1e-5, false);
        ln.forward(Tensor.ones(2, 3));
        GroupNorm gn = new GroupNorm(1, 3, 1e-5, false);
        gn.forward(Tensor.ones(2, 3));

        assertThat(ln.backward(Tensor.ones(2, 3)).gradWeight()).isNull();
        assertThat(gn.backward(Tensor.ones(2, 3)).gradBias()).isNull();
        assertThatThrownBy(() -> new LayerNorm(2).backward(Tensor.ones(2))).isInstanceOf(IllegalStateException.class);
    }
}
