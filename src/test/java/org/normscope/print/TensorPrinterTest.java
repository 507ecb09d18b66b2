package org.normscope.print;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.normscope.engine.Tensor;

class TensorPrinterTest {

    private static Tensor vector(float... values) {
        return new Tensor(new int[] {values.length}, values);
    }

    @Test
    void fractionsPrintWithFourDecimals() {
        assertThat(TensorPrinter.repr(Tensor.full(0.3f, 2))).isEqualTo("tensor([0.3000, 0.3000])");
    }

    @Test
    void integerValuedTensorPrintsTrailingDot() {
        assertThat(TensorPrinter.repr(vector(1, -3, 0, 12))).isEqualTo("tensor([ 1., -3.,  0., 12.])");
    }

    @Test
    void zeroDimensionalTensorPrintsBareValue() {
        assertThat(TensorPrinter.repr(new Tensor(new int[0], new float[] {3.5f}))).isEqualTo("tensor(3.5000)");
    }

    @Test
    void wideRangeOrTinyValuesSwitchToScientific() {
        assertThat(TensorPrinter.repr(vector(1e-5f, 1f))).isEqualTo("tensor([1.0000e-05, 1.0000e+00])");
        assertThat(TensorPrinter.repr(vector(5e-5f, 6e-5f))).isEqualTo("tensor([5.0000e-05, 6.0000e-05])");
        assertThat(TensorPrinter.repr(vector(2e8f, 5f))).isEqualTo("tensor([2.0000e+08, 5.0000e+00])");
    }

    @Test
    void roundsHalfToEvenOnTheExactBinaryValue() {
        // 0.03125 and 1.40625 are exact ties; String.format("%.4f") would give 0.0313 and 1.4063.
        assertThat(TensorPrinter.repr(vector(0.03125f, 0.09375f, 1.40625f))).isEqualTo("tensor([0.0312, 0.0938, 1.4062])");
    }

    @Test
    void nonFiniteValuesAreRightAlignedButDoNotChooseTheFormat() {
        assertThat(TensorPrinter.repr(vector(1.5f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY)))
                .isEqualTo("tensor([1.5000,    nan,    inf,   -inf])");
        assertThat(TensorPrinter.repr(vector(Float.NaN, 1f, 2f))).isEqualTo("tensor([nan, 1., 2.])");
    }

    @Test
    void negativeZeroKeepsItsSign() {
        // Zeros take no part in the width, so "-0." overflows its column rather than widening it.
        assertThat(TensorPrinter.repr(vector(-0f, 3f))).isEqualTo("tensor([-0., 3.])");
        assertThat(TensorPrinter.repr(vector(-0f, 1.5f))).isEqualTo("tensor([-0.0000, 1.5000])");
    }

    @Test
    void emptyTensorShowsItsSizeUnlessOneDimensional() {
        assertThat(TensorPrinter.repr(Tensor.zeros(0, 3))).isEqualTo("tensor([], size=(0, 3))");
        assertThat(TensorPrinter.repr(Tensor.zeros(0))).isEqualTo("tensor([])");
    }

    @Test
    void longRowsWrapAtEightyColumns() {
        float[] values = new float[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        assertThat(TensorPrinter.repr(vector(values))).isEqualTo(
                "tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n"
                        + "        14., 15., 16., 17., 18., 19.])");
    }

    @Test
    void moreThanAThousandValuesAreSummarizedWithThreeEdgeItems() {
        float[] values = new float[2000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 500;
        }
        values[1000] = 0.5f; // hidden by the summary, so it cannot turn off integer mode
        assertThat(TensorPrinter.repr(vector(values))).isEqualTo("tensor([  0.,   1.,   2.,  ..., 497., 498., 499.])");
    }

    @Test
    void batchNormOutputOfZerosPrintsAsInTheNotebook() {
        assertThat(TensorPrinter.repr(Tensor.zeros(2, 4, 1), "grad_fn=<NativeBatchNormBackward0>")).isEqualTo("""
                tensor([[[0.],
                         [0.],
                         [0.],
                         [0.]],

                        [[0.],
                         [0.],
                         [0.],
                         [0.]]], grad_fn=<NativeBatchNormBackward0>)""");
    }

    @Test
    void suffixMovesToItsOwnLineWhenTheLastLineIsFull() {
        Tensor row = vector(1.6578f, -1.2406f, 0.2191f, 0.7039f, 1.0287f, -0.3622f, -0.4681f, 0.2528f);
        assertThat(TensorPrinter.repr(row, "requires_grad=True")).isEqualTo(
                "tensor([ 1.6578, -1.2406,  0.2191,  0.7039,  1.0287, -0.3622, -0.4681,  0.2528],\n"
                        + "       requires_grad=True)");
    }

    @Test
    void parameterPrintsRequiresGrad() {
        assertThat(TensorPrinter.parameterRepr(Tensor.ones(4)))
                .isEqualTo("Parameter containing:\ntensor([1., 1., 1., 1.], requires_grad=True)");
    }
}
