package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.engine.BatchNormPropertiesTest.Kind;
import org.normscope.testing.Gen;

/**
 * {@link BatchNorm#forwardWithoutOutput} followed by {@link BatchNorm#writeOutput} is
 * {@link BatchNorm#forward(Tensor, Tensor)}, bit for bit: the output, the running stats,
 * {@code num_batches_tracked} and the refusals.
 */
class ForwardWithoutOutputTest {

    static LongStream tries200() {
        return Gen.tries(200);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries200")
    void deferredOutputIsTheForwardsOutputBitForBit(long trial) {
        Gen g = Gen.of(4099L, trial);
        Kind kind = g.oneOf(Kind.values());
        int channels = g.intIn(1, 70);
        boolean training = g.bool();
        boolean affine = g.bool();
        boolean track = g.bool();
        boolean cumulative = g.bool();
        int steps = g.intIn(1, 4);
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        Momentum momentum = cumulative ? Momentum.CUMULATIVE : Momentum.of(0.1 + 0.8 * r.nextDouble());
        double eps = r.nextBoolean() ? 0.0 : 1e-5;
        BatchNorm full = BatchNormPropertiesTest.layer(kind, channels, eps, momentum, affine, track).train(training);
        BatchNorm deferred = BatchNormPropertiesTest.layer(kind, channels, eps, momentum, affine, track).train(training);
        if (affine) {
            float[] w = new float[channels];
            float[] b = new float[channels];
            for (int c = 0; c < channels; c++) {
                w[c] = (float) (r.nextDouble() * 4 - 2);
                b[c] = (float) (r.nextDouble() * 4 - 2);
            }
            full.setWeight(w);
            full.setBias(b);
            deferred.setWeight(w);
            deferred.setBias(b);
        }
        // large enough batches take the two-thread path too
        int batch = 2 + r.nextInt(r.nextBoolean() ? 6 : 300);
        for (int s = 0; s < steps; s++) {
            int[] shape = BatchNormPropertiesTest.shape(kind, batch, channels, r, 6);
            Tensor x = BatchNormPropertiesTest.input(r, shape, -2, 2, 5);
            if (s == 1 && channels > 1) {
                java.util.Arrays.fill(x.data(), 0, Math.min(x.numel(), shape.length > 2 ? x.numel() / batch / channels : 1), 3f);
            }
            Tensor expected = Tensor.zeros(shape);
            full.forward(x, expected);
            deferred.forwardWithoutOutput(x);
            Tensor actual = Tensor.zeros(shape);
            deferred.writeOutput(x, actual);

            assertBits(actual.data(), expected.data(), "output");
            assertBits(deferred.runningMean(), full.runningMean(), "running_mean");
            assertBits(deferred.runningVar(), full.runningVar(), "running_var");
            assertThat(deferred.numBatchesTracked()).isEqualTo(full.numBatchesTracked());
            assertBits(deferred.lastMean(), full.lastMean(), "last mean");
            assertBits(deferred.lastBatchVar(), full.lastBatchVar(), "last batch var");
        }
    }

    @Test
    void aRefusedForwardRefusesAlikeAndLeavesTheLastOutputWritable() {
        BatchNorm full = new BatchNorm1d(3);
        BatchNorm deferred = new BatchNorm1d(3);
        Tensor x = new Tensor(new int[] {2, 3}, new float[] {1, 2, 3, 4, 6, 9});
        Tensor expected = Tensor.zeros(x.shape());
        full.forward(x, expected);
        deferred.forwardWithoutOutput(x);

        Tensor one = new Tensor(new int[] {1, 3}, new float[] {1, 2, 3});
        assertThatThrownBy(() -> full.forward(one, Tensor.zeros(one.shape()))).isInstanceOf(TorchError.class)
                .hasMessage("Expected more than 1 value per channel when training, got input size torch.Size([1, 3])");
        assertThatThrownBy(() -> deferred.forwardWithoutOutput(one)).isInstanceOf(TorchError.class)
                .hasMessage("Expected more than 1 value per channel when training, got input size torch.Size([1, 3])");
        assertThat(deferred.numBatchesTracked()).isEqualTo(full.numBatchesTracked()).isEqualTo(2);

        Tensor actual = Tensor.zeros(x.shape());
        deferred.writeOutput(x, actual);
        assertBits(actual.data(), expected.data(), "output of the step before the refusal");
    }

    @Test
    void workAlongsideRunsOnceOnTheCallingThreadForAnAcceptedBatchAndNeverForARefusedOne() {
        for (int[] shape : new int[][] {{4, 3, 2}, {64, 8, 16, 16}}) { // one thread, then two
            BatchNorm layer = shape.length == 3 ? new BatchNorm1d(shape[1]) : new BatchNorm2d(shape[1]);
            BatchNorm plain = shape.length == 3 ? new BatchNorm1d(shape[1]) : new BatchNorm2d(shape[1]);
            Tensor x = BatchNormPropertiesTest.input(new SplittableRandom(3), shape, -1, 1, 2);
            Thread caller = Thread.currentThread();
            int[] runs = {0};
            layer.forwardWithoutOutput(x, () -> {
                assertThat(Thread.currentThread()).isSameAs(caller);
                runs[0]++;
            });
            plain.forwardWithoutOutput(x);
            assertThat(runs[0]).isEqualTo(1);
            assertBits(layer.runningMean(), plain.runningMean(), "running_mean");
            assertBits(layer.runningVar(), plain.runningVar(), "running_var");
        }
        BatchNorm layer = new BatchNorm1d(3);
        Tensor one = new Tensor(new int[] {1, 3}, new float[] {1, 2, 3});
        int[] runs = {0};
        assertThatThrownBy(() -> layer.forwardWithoutOutput(one, () -> runs[0]++)).isInstanceOf(TorchError.class);
        assertThat(runs[0]).isZero();
    }

    @Test
    void writeOutputNeedsTheLastInput() {
        BatchNorm layer = new BatchNorm1d(2, 0.0, Momentum.DEFAULT, true, true);
        Tensor x = new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4});
        assertThatThrownBy(() -> layer.writeOutput(x, Tensor.zeros(x.shape()))).isInstanceOf(IllegalStateException.class);
        layer.forwardWithoutOutput(x);
        Tensor other = new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, 4});
        assertThatThrownBy(() -> layer.writeOutput(other, Tensor.zeros(x.shape())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> layer.writeOutput(x, Tensor.zeros(new int[] {4, 1})))
                .isInstanceOf(IllegalArgumentException.class);
        Tensor y = Tensor.zeros(x.shape());
        layer.writeOutput(x, y);
        assertThat(y.data()).containsExactly(-1f, -1f, 1f, 1f);
    }

    private static void assertBits(float[] actual, float[] expected, String what) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToIntBits(actual[i])).as("%s[%d]: %s vs %s", what, i, actual[i], expected[i])
                    .isEqualTo(Float.floatToIntBits(expected[i]));
        }
    }
}
