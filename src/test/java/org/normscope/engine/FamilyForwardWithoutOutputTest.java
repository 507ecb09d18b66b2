package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/**
 * For InstanceNorm, LayerNorm and GroupNorm as for BatchNorm: {@code forwardWithoutOutput}
 * then {@code writeOutput} is {@code forward}, bit for bit, state and refusals included.
 */
class FamilyForwardWithoutOutputTest {

    static LongStream tries() {
        return Gen.tries(200);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void deferredOutputIsTheForwardsOutputBitForBit(long trial) {
        Gen g = Gen.of(8301L, trial);
        int kind = g.intIn(0, 2);
        int n = g.intIn(0, 5);
        int c = g.oneOf(1, 2, 4, 6);
        boolean training = g.bool();
        boolean affine = g.bool();
        SplittableRandom r = new SplittableRandom(g.anyLong());
        int[] shape = {n, c, 1 + r.nextInt(r.nextBoolean() ? 3 : 400)};
        Supplier<NormLayer> make = switch (kind) {
            case 0 -> () -> new InstanceNorm1d(c, 1e-5, Momentum.of(0.25), affine, training);
            case 1 -> () -> new LayerNorm(new int[] {c, shape[2]}, 1e-5, affine);
            default -> () -> new GroupNorm(c == 1 ? 1 : 2, c, 1e-5, affine);
        };
        NormLayer full = make.get().train(training);
        NormLayer deferred = make.get().train(training);
        if (affine) {
            float[] w = new float[full.weight().length];
            float[] b = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (r.nextDouble() * 4 - 2);
                b[i] = (float) (r.nextDouble() * 4 - 2);
            }
            full.setWeight(w);
            full.setBias(b);
            deferred.setWeight(w);
            deferred.setBias(b);
        }
        Tensor x = Tensor.zeros(shape);
        for (int i = 0; i < x.numel(); i++) {
            x.data()[i] = (float) (r.nextGaussian() * 2 + (i % 7));
        }

        Tensor want = null;
        TorchError refused = null;
        try {
            want = full.forward(x);
        } catch (TorchError e) {
            refused = e;
        }
        if (refused != null) {
            TorchError expected = refused;
            assertThatThrownBy(() -> deferred.forwardWithoutOutput(x)).isInstanceOfSatisfying(TorchError.class,
                    e -> assertThat(e.toString()).isEqualTo(expected.toString()));
            assertThatThrownBy(() -> deferred.writeOutput(x, Tensor.zeros(shape)))
                    .isInstanceOf(IllegalStateException.class);
        } else {
            deferred.forwardWithoutOutput(x);
            Tensor got = Tensor.zeros(shape);
            deferred.writeOutput(x, got);
            assertThat(got.data()).containsExactly(want.data());
        }
        assertThat(deferred.runningMean()).isEqualTo(full.runningMean());
        assertThat(deferred.runningVar()).isEqualTo(full.runningVar());
    }

    @Test
    void writeOutputNeedsTheLastForwardsInput() {
        LayerNorm layer = new LayerNorm(3);
        Tensor x = Tensor.ones(2, 3);
        layer.forwardWithoutOutput(x);

        assertThatThrownBy(() -> layer.writeOutput(Tensor.ones(2, 3), Tensor.zeros(2, 3)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> layer.writeOutput(x, Tensor.zeros(3, 2))).isInstanceOf(IllegalArgumentException.class);
    }
}
