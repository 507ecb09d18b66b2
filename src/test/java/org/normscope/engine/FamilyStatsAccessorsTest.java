package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The read-only statistics the axis explorer shows: {@link InstanceNorm#lastMean()},
 * {@link InstanceNorm#lastBatchVar()}, {@link GroupNorm#lastVar()} and {@link LayerNorm#lastVar()}
 * are the numbers each layer normalized with (its rstd is computed from them) and agree with a
 * double-precision reference within float precision.
 */
class FamilyStatsAccessorsTest {

    private static Tensor batch(int... shape) {
        Random r = new Random(15);
        float[] x = new float[(int) Tensor.numel(shape)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 1.5 + 0.5);
        }
        return new Tensor(shape, x);
    }

    /** Mean and biased variance, in double, of each block of {@code size} consecutive values. */
    private static double[][] rows(float[] x, int size) {
        int rows = x.length / size;
        double[][] mv = new double[2][rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int k = 0; k < size; k++) {
                s += x[r * size + k];
            }
            double m = s / size;
            double q = 0;
            for (int k = 0; k < size; k++) {
                q += (x[r * size + k] - m) * (x[r * size + k] - m);
            }
            mv[0][r] = m;
            mv[1][r] = q / size;
        }
        return mv;
    }

    private static void assertClose(float[] got, double[] want) {
        assertThat(got).hasSize(want.length);
        for (int i = 0; i < want.length; i++) {
            assertThat((double) got[i]).isCloseTo(want[i], org.assertj.core.data.Offset.offset(1e-5 * (1 + Math.abs(want[i]))));
        }
    }

    @Test
    void instanceNormGivesEachSampleChannelsMeanAndBiasedVariance() {
        Tensor x = batch(2, 3, 4, 5);
        InstanceNorm2d in = new InstanceNorm2d(3);
        in.forwardWithoutOutput(x);
        double[][] ref = rows(x.data(), 20);
        assertClose(in.lastMean(), ref[0]);
        assertClose(in.lastBatchVar(), ref[1]);
        // the same numbers as BatchNorm on the (1, N·C, H, W) view, as at::instance_norm computes them
        BatchNorm2d bn = new BatchNorm2d(6, 1e-5, Momentum.DEFAULT, false, false);
        bn.forwardWithoutOutput(new Tensor(new int[] {1, 6, 4, 5}, x.data()));
        assertThat(in.lastMean()).containsExactly(bn.lastMean());
        assertThat(in.lastBatchVar()).containsExactly(bn.lastBatchVar());
    }

    @Test
    void instanceNormHasNoBatchStatisticsAfterARefusalOrInEvalWithTracking() {
        InstanceNorm1d in = new InstanceNorm1d(3);
        try {
            in.forwardWithoutOutput(batch(2, 3, 1));
        } catch (TorchError expected) {
            assertThat(expected.getMessage()).startsWith("Expected more than 1 spatial element");
        }
        assertThat(in.lastMean()).isNull();
        assertThat(in.lastBatchVar()).isNull();
        InstanceNorm1d tracked = new InstanceNorm1d(3, 1e-5, Momentum.DEFAULT, false, true);
        tracked.eval().forwardWithoutOutput(batch(2, 3, 4));
        assertThat(tracked.lastMean()).isNull();
    }

    @Test
    void groupNormVarianceIsTheOneItsRstdCameFrom() {
        Tensor x = batch(2, 4, 3, 3);
        GroupNorm gn = new GroupNorm(2, 4, 1e-5, false);
        gn.forwardWithoutOutput(x);
        double[][] ref = rows(x.data(), 18);
        assertClose(gn.lastMean(), ref[0]);
        assertClose(gn.lastVar(), ref[1]);
        float[] var = gn.lastVar();
        float[] rstd = gn.lastRstd();
        for (int i = 0; i < var.length; i++) {
            assertThat(rstd[i]).isEqualTo(1f / (float) Math.sqrt(var[i] + (float) 1e-5));
        }
    }

    @Test
    void layerNormVarianceIsTheOneItsRstdCameFrom() {
        Tensor x = batch(3, 4, 5);
        LayerNorm ln = new LayerNorm(new int[] {4, 5}, 1e-5, false);
        ln.forwardWithoutOutput(x);
        double[][] ref = rows(x.data(), 20);
        assertClose(ln.lastMean(), ref[0]);
        assertClose(ln.lastVar(), ref[1]);
        float[] var = ln.lastVar();
        float[] rstd = ln.lastRstd();
        for (int i = 0; i < var.length; i++) {
            assertThat(rstd[i]).isEqualTo(1f / (float) Math.sqrt(var[i] + (float) 1e-5));
        }
        assertThat(new LayerNorm(5).lastVar()).isNull();
    }
}
