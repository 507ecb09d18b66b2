package org.normscope.python;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.scenario.LayerSpec;

/** The Python that builds a layer: only the arguments that differ from PyTorch's defaults, then the initial state. */
class LayerCodeTest {

    @Test
    void aLayerWithPyTorchsDefaultsPassesOnlyItsSize() {
        LayerSpec spec = LayerSpec.batchNorm(LayerKind.BATCH_NORM_2D, 3, 1e-5, Momentum.DEFAULT, true, true);

        assertThat(LayerCode.constructor(spec)).isEqualTo("torch.nn.BatchNorm2d(3)");
        assertThat(LayerCode.body(spec)).isEqualTo("    layer = torch.nn.BatchNorm2d(3)");
    }

    @Test
    void everyArgumentThatDiffersIsPassedByName() {
        LayerSpec spec = LayerSpec.batchNorm(LayerKind.BATCH_NORM_3D, 2, 0.001, Momentum.CUMULATIVE, false, false);

        assertThat(LayerCode.constructor(spec))
                .isEqualTo("torch.nn.BatchNorm3d(2, eps=0.001, momentum=None, affine=False, track_running_stats=False)");
    }

    @Test
    void epsZeroAndAMomentumArePythonFloats() {
        LayerSpec spec = LayerSpec.batchNorm(LayerKind.BATCH_NORM_1D, 4, 0.0, Momentum.of(0.3), true, true);

        assertThat(LayerCode.constructor(spec)).isEqualTo("torch.nn.BatchNorm1d(4, eps=0.0, momentum=0.3)");
        assertThat(LayerCode.momentum(Momentum.of(1))).isEqualTo("1.0");
    }

    @Test
    void theInitialStateIsCopiedInUnderNoGrad() {
        LayerSpec spec = LayerSpec.batchNorm(LayerKind.BATCH_NORM_1D, 2, 1e-5, Momentum.DEFAULT, true, true)
                .withParameters(new float[] {1, 2}, null).withState(null, new float[] {3, 4}, 40L);

        assertThat(LayerCode.body(spec).lines()).containsExactly(
                "    layer = torch.nn.BatchNorm1d(2)",
                "    with torch.no_grad():",
                "        layer.weight.copy_(INITIAL[\"weight\"].reshape(layer.weight.shape))",
                "        layer.running_var.copy_(INITIAL[\"running_var\"].reshape(layer.running_var.shape))",
                "        layer.num_batches_tracked.fill_(40)");
    }

    @Test
    void pythonLiteralsForNonFiniteNumbersAndStrings() {
        assertThat(PythonLiterals.number(Double.POSITIVE_INFINITY)).isEqualTo("float(\"inf\")");
        assertThat(PythonLiterals.number(1e-5)).isEqualTo("1e-05");
        assertThat(PythonLiterals.string("a\"b\\c\nd\u0000é\uD83D\uDE00")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0000é\uD83D\uDE00\"");
        assertThat(PythonLiterals.string("\uD800x")).isEqualTo("\"\\ud800x\"");
        assertThat(PythonLiterals.shape(new int[] {2, 4, 1})).isEqualTo("[2, 4, 1]");
    }
}
