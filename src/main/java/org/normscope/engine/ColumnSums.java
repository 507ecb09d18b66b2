package org.normscope.engine;

/**
 * {@code t.view(rows, cols).sum(0)} of a row-major float matrix, in the order PyTorch 1.13's
 * CPU sum kernel adds (float accumulation, its {@code cascade_sum} with 8-lane vectors):
 * InstanceNorm folds the per-sample copies of its running statistics back with
 * {@code mean(0)} (this sum, then a float division by {@code rows}), and the gradient of its
 * repeated weight and bias with {@code sum(0)}.
 *
 * <p>A column is added in one of two orders, depending on where it falls:
 * <ul>
 * <li><em>cascade</em> ({@code multi_row_sum}): one value after the other into a level-0
 *     accumulator; every {@code 2^p} values ({@code p = max(4, ⌈log2 rows⌉ / 4)}) a level is
 *     carried into the next, as a counter carries, over four levels, which are added up at the end;</li>
 * <li><em>four-way</em> ({@code row_sum}): the column read as rows of four, each of the four
 *     lanes added by the cascade, the last {@code rows mod 4} values into lane 0, then
 *     {@code ((s0 + s1) + s2) + s3}.</li>
 * </ul>
 * With 8 or more columns, blocks of 32 columns take the cascade and the rest the four-way
 * order; with 2 to 7 columns, blocks of 4 take the cascade and the rest the four-way order.
 * A single column of 8 or more rows is summed as one contiguous row: 8-lane vectors added
 * four-way, the leftover values one by one, then the eight lanes one by one.
 */
final class ColumnSums {

    private static final int LEVELS = 4;

    private ColumnSums() {
    }

    /** The column sums of {@code data} ({@code rows × cols}, row-major) into {@code out[0, cols)}. */
    static void sum(float[] data, int rows, int cols, float[] out) {
        if (cols == 1) {
            out[0] = 0f + (rows >= 8 ? contiguousSum(data, rows) : fourWay(data, 0, 1, rows));
            return;
        }
        int block = cols >= 8 ? 32 : 4;
        int cascaded = cols / block * block;
        for (int j = 0; j < cols; j++) {
            out[j] = 0f + (j < cascaded ? cascade(data, j, cols, rows) : fourWay(data, j, cols, rows));
        }
    }

    /** {@code mean(0)}: the column sums divided by {@code rows} in float (NaN for no rows). */
    static void mean(float[] data, int rows, int cols, float[] out) {
        sum(data, rows, cols, out);
        for (int j = 0; j < cols; j++) {
            out[j] = out[j] / (float) rows;
        }
    }

    /** {@code multi_row_sum} of the {@code size} values {@code data[first + i·stride]}. */
    static float cascade(float[] data, int first, int stride, int size) {
        int power = Math.max(4, RowMoments.ceilLog2(size) / LEVELS);
        int step = 1 << power;
        int levelMask = step - 1;
        float[] acc = new float[LEVELS];
        int i = 0;
        while (i + step <= size) {
            for (int j = 0; j < step; j++, i++) {
                acc[0] += data[first + i * stride];
            }
            for (int j = 1; j < LEVELS; j++) {
                acc[j] += acc[j - 1];
                acc[j - 1] = 0f;
                if ((i & ((long) levelMask << (j * power))) != 0) {
                    break;
                }
            }
        }
        for (; i < size; i++) {
            acc[0] += data[first + i * stride];
        }
        for (int j = 1; j < LEVELS; j++) {
            acc[0] += acc[j];
        }
        return acc[0];
    }

    /** {@code row_sum}: the {@code size} values {@code data[first + i·stride]} added four-way. */
    static float fourWay(float[] data, int first, int stride, int size) {
        int rowsOfFour = size / 4;
        float s0 = cascade(data, first, 4 * stride, rowsOfFour);
        float s1 = cascade(data, first + stride, 4 * stride, rowsOfFour);
        float s2 = cascade(data, first + 2 * stride, 4 * stride, rowsOfFour);
        float s3 = cascade(data, first + 3 * stride, 4 * stride, rowsOfFour);
        for (int i = rowsOfFour * 4; i < size; i++) {
            s0 += data[first + i * stride];
        }
        return ((s0 + s1) + s2) + s3;
    }

    /** {@code vectorized_inner_sum} of {@code data[0, size)}, {@code size ≥ 8}. */
    private static float contiguousSum(float[] data, int size) {
        int vectors = size / 8;
        float[] lanes = new float[8];
        for (int l = 0; l < 8; l++) {
            lanes[l] = fourWay(data, l, 8, vectors);
        }
        float total = 0f;
        for (int i = vectors * 8; i < size; i++) {
            total += data[i];
        }
        for (float lane : lanes) {
            total += lane;
        }
        return total;
    }
}
