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
 * The reductions the InstanceNorm, LayerNorm and GroupNorm layers share: the orders they add
 * in are checked against PyTorch by the golden files; here, what those orders must still be
 * (sums and moments close to the exact ones) and their simple cases, exactly.
 */
class FamilyKernelsTest {

    static LongStream tries() {
        return Gen.tries(300);
    }

    @Test
    void ceilLog2IsPyTorchs() {
        assertThat(RowMoments.ceilLog2(0)).isEqualTo(1);
        assertThat(RowMoments.ceilLog2(1)).isEqualTo(1);
        assertThat(RowMoments.ceilLog2(2)).isEqualTo(1);
        assertThat(RowMoments.ceilLog2(3)).isEqualTo(2);
        assertThat(RowMoments.ceilLog2(4)).isEqualTo(2);
        assertThat(RowMoments.ceilLog2(5)).isEqualTo(3);
        assertThat(RowMoments.ceilLog2(1L << 40)).isEqualTo(40);
        assertThat(RowMoments.ceilLog2((1L << 40) + 1)).isEqualTo(41);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void rowMomentsAreCloseToTheExactMeanAndVariance(long trial) {
        Gen g = Gen.of(7001L, trial);
        int n = g.intIn(1, 5000);
        double offset = g.oneOf(0.0, 3.0, -1e3);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        float[] x = new float[n + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (offset + r.nextGaussian() * 2);
        }
        double mean = 0;
        for (int i = 3; i < n + 3; i++) {
            mean += x[i];
        }
        mean /= n;
        double var = 0;
        for (int i = 3; i < n + 3; i++) {
            var += (x[i] - mean) * (x[i] - mean);
        }
        var /= n;
        RowMoments m = new RowMoments();

        m.compute(x, 3, n);

        assertThat((double) m.mean).isCloseTo(mean, within(1e-5 * (1 + Math.abs(mean))));
        assertThat((double) m.var).isCloseTo(var, within(1e-4 * (var + 1e-3 * (1 + mean * mean))));
    }

    @Test
    void anEmptyRowHasMeanZeroAndVarianceNaN() {
        RowMoments m = new RowMoments();

        m.compute(new float[0], 0, 0);

        assertThat(m.mean).isZero();
        assertThat(m.var).isNaN();
    }

    @Test
    void aFewRowsAreSummedOneAfterTheOtherInFloat() {
        // up to 15 rows, a cascaded column is a plain running sum from 0 (the first 4 of 2..7 columns)
        float[] data = {1e8f, 1f, 1f, 1f, -1e8f, 1f, 1f, 1f};
        float[] out = new float[4];

        ColumnSums.sum(data, 2, 4, out);

        assertThat(out).containsExactly(0f, 2f, 2f, 2f);
    }

    @Test
    void theFifthColumnIsAddedFourWay() {
        // 5 rows of 5 columns: column 4 takes row_sum: lanes (r0, r1, r2, r3) + r4 into lane 0
        float[] data = new float[25];
        float[] col = {1e8f, 1f, -1e8f, 1f, 1f};
        for (int r = 0; r < 5; r++) {
            data[r * 5 + 4] = col[r];
        }
        float[] out = new float[5];

        ColumnSums.sum(data, 5, 5, out);

        // row_sum: lanes r0..r3, the fifth row into lane 0, then (((r0 + r4) + r1) + r2) + r3
        float fourWay = (((col[0] + col[4]) + col[1]) + col[2]) + col[3];
        assertThat(out[4]).isEqualTo(fourWay);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void columnSumsAreCloseToTheExactSums(long trial) {
        Gen g = Gen.of(7003L, trial);
        int rows = g.intIn(0, 300);
        int cols = g.intIn(1, 70);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        float[] data = new float[rows * cols];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        float[] sums = new float[cols];
        float[] means = new float[cols];

        ColumnSums.sum(data, rows, cols, sums);
        ColumnSums.mean(data, rows, cols, means);

        for (int c = 0; c < cols; c++) {
            double exact = 0;
            double abs = 0;
            for (int i = 0; i < rows; i++) {
                exact += data[i * cols + c];
                abs += Math.abs(data[i * cols + c]);
            }
            assertThat((double) sums[c]).isCloseTo(exact, within(1e-6 * abs + 1e-30));
            if (rows == 0) {
                assertThat(means[c]).isNaN();
            } else {
                assertThat(means[c]).isEqualTo(sums[c] / rows);
            }
        }
    }

    @Test
    void fewerThanEightValuesAreReducedInOrderAndEightOrMoreInLanes() {
        float[] a = {1e8f, 1f, -1e8f, 1f, 1f, 1f, 1f, 1f, 1f};

        assertThat(VecReduce.sum(a, 0, 3)).isEqualTo((1e8f + 1f) + -1e8f);
        // lanes: l0 = 1e8 + 1 (the ninth value), the rest one value each; folded (l0+l4)+(l2+l6)+((l1+l5)+(l3+l7))
        float l0 = 1e8f + 1f;
        float expected = ((l0 + 1f) + (-1e8f + 1f)) + ((1f + 1f) + (1f + 1f));
        assertThat(VecReduce.sum(a, 0, 9)).isEqualTo(expected);
        assertThat(VecReduce.sum(a, 0, 0)).isZero();
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries")
    void laneReductionsAreCloseToTheExactSums(long trial) {
        Gen g = Gen.of(7005L, trial);
        int n = g.intIn(0, 200);
        SplittableRandom r = new SplittableRandom(g.anyLong());
        float[] x = new float[n];
        float[] y = new float[n];
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
            y[i] = (float) r.nextGaussian();
            w[i] = (float) r.nextGaussian();
        }
        float mean = (float) r.nextGaussian();
        double sum = 0;
        double dot = 0;
        double dot3 = 0;
        double centered = 0;
        double scale = 1e-30;
        for (int i = 0; i < n; i++) {
            sum += x[i];
            dot += (double) x[i] * y[i];
            dot3 += (double) x[i] * y[i] * w[i];
            centered += ((double) x[i] - mean) * y[i];
            scale += Math.abs(x[i]) * (1 + Math.abs(y[i]) * (1 + Math.abs(w[i]) + Math.abs(mean)));
        }

        assertThat((double) VecReduce.sum(x, 0, n)).isCloseTo(sum, within(1e-6 * scale));
        assertThat((double) VecReduce.dot(x, 0, y, 0, null, n)).isCloseTo(dot, within(1e-6 * scale));
        assertThat((double) VecReduce.dot(x, 0, y, 0, w, n)).isCloseTo(dot3, within(1e-6 * scale));
        assertThat((double) VecReduce.centeredDot(x, y, 0, n, mean)).isCloseTo(centered, within(1e-6 * scale));
        assertThat((double) GroupNormBackward.laneSum(x, 0, y, 0, n)).isCloseTo(dot, within(1e-6 * scale));
        assertThat((double) GroupNormBackward.laneSum(x, 0, null, 0, n)).isCloseTo(sum, within(1e-6 * scale));
    }
}
