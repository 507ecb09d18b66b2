package org.normscope.axes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.normscope.engine.Tensor;

/**
 * {@link SetStats}: the engine's mean and biased variance of every set equal a double-precision
 * reference within float precision, for every rule on several shapes; and PyTorch's refusals.
 */
class AxisSetStatsTest {

    private static Tensor batch(int[] shape, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) Tensor.numel(shape)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 2 + (i % 7) - 3);
        }
        return new Tensor(shape, x);
    }

    @Test
    void meanAndVarianceMatchADoubleReferenceForEveryRule() {
        for (int[] shape : AxisStatSetsTest.SHAPES) {
            Tensor x = batch(shape, shape.length * 31L + shape[1]);
            for (NormRule rule : AxisStatSetsTest.rules(shape)) {
                StatSets sets = new StatSets(shape, rule);
                SetStats stats = SetStats.of(x, sets);
                if (stats.refused()) {
                    assertThat(sets.size()).as("%s %s", rule, java.util.Arrays.toString(shape)).isEqualTo(1);
                    continue;
                }
                double[] sum = new double[sets.count()];
                double[] sq = new double[sets.count()];
                float[] v = x.data();
                int i = 0;
                for (int n = 0; n < sets.samples(); n++) {
                    for (int c = 0; c < sets.channels(); c++) {
                        for (int p = 0; p < sets.positions(); p++) {
                            sum[sets.setOf(n, c, p)] += v[i++];
                        }
                    }
                }
                i = 0;
                for (int n = 0; n < sets.samples(); n++) {
                    for (int c = 0; c < sets.channels(); c++) {
                        for (int p = 0; p < sets.positions(); p++) {
                            int s = sets.setOf(n, c, p);
                            double d = v[i++] - sum[s] / sets.size();
                            sq[s] += d * d;
                        }
                    }
                }
                assertThat(stats.mean()).hasSize(sets.count());
                assertThat(stats.var()).hasSize(sets.count());
                for (int s = 0; s < sets.count(); s++) {
                    double mean = sum[s] / sets.size();
                    double var = sq[s] / sets.size();
                    assertThat((double) stats.mean()[s]).as("mean %s %s set %d", rule, java.util.Arrays.toString(shape), s)
                            .isCloseTo(mean, org.assertj.core.data.Offset.offset(2e-6 * (4 + Math.abs(mean))));
                    assertThat((double) stats.var()[s]).as("var %s %s set %d", rule, java.util.Arrays.toString(shape), s)
                            .isCloseTo(var, org.assertj.core.data.Offset.offset(2e-6 * (4 + var)));
                }
            }
        }
    }

    @Test
    void instanceNormOnOneValuePerChannelIsRefusedWithPyTorchsMessage() {
        SetStats stats = SetStats.of(batch(new int[] {4, 3}, 1), new StatSets(new int[] {4, 3}, NormRule.instance()));
        assertThat(stats.refused()).isTrue();
        assertThat(stats.mean()).isNull();
        assertThat(stats.refusal()).isEqualTo(
                "ValueError: Expected more than 1 spatial element when training, got input size torch.Size([4, 3, 1])");
        SetStats images = SetStats.of(batch(new int[] {2, 3, 1, 1}, 1),
                new StatSets(new int[] {2, 3, 1, 1}, NormRule.instance()));
        assertThat(images.refusal()).isEqualTo(
                "ValueError: Expected more than 1 spatial element when training, got input size torch.Size([2, 3, 1, 1])");
    }

    @Test
    void batchNormOnOneSampleOfNCIsRefused() {
        SetStats stats = SetStats.of(batch(new int[] {1, 4}, 1), new StatSets(new int[] {1, 4}, NormRule.batch()));
        assertThat(stats.refusal()).isEqualTo(
                "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])");
        SetStats group = SetStats.of(batch(new int[] {1, 4}, 1), new StatSets(new int[] {1, 4}, NormRule.group(4)));
        assertThat(group.refusal()).startsWith("ValueError: Expected more than 1 value per channel when training");
        // LayerNorm over C is never refused: one sample of 4 values
        assertThat(SetStats.of(batch(new int[] {1, 4}, 1), new StatSets(new int[] {1, 4}, NormRule.layer(1))).refused())
                .isFalse();
    }
}
