package org.normscope.engine;

/**
 * The loops over an {@code (N, C)} batch (rows of {@code C} contiguous floats, one value per
 * channel), written so that Java 17's JIT turns them into SIMD code without changing a single
 * result.
 *
 * <p>For each channel {@code c} in {@code [from, to)}, over the rows {@code r = 0 … N−1} in order:
 * <pre>
 *   sum_c  = ((0 + x[0][c]) + x[1][c]) + … + x[N−1][c]             float additions, row after row
 *   sq_c   = fma(d_{N−1}, d_{N−1}, … fma(d_1, d_1, fma(d_0, d_0, 0)) …),   d_r = x[r][c] − mean_c (float)
 *   y[r][c] = fma(x[r][c], α_c, β_c)
 * </pre>
 * This is the order of PyTorch 1.13's channels-last kernel on one thread, and the order of
 * the plain loops these replace: each channel's additions are exactly those, in that order,
 * so the results are the same floats to the bit. SIMD only puts neighbouring channels in
 * neighbouring lanes; a lane never adds another channel's values.
 *
 * <p>Why the copies: the JIT (C2's SuperWord) vectorizes a loop over {@code c} only if every
 * array in it is indexed by {@code c} plus the same loop-invariant offset; with
 * {@code acc[c] += x[s + c]} it cannot tell that {@code acc} and {@code x} do not overlap, and
 * keeps the loop scalar (measured here: 0.3 ns a value). So each row's segment
 * {@code x[s + from, s + to)} is first copied by {@code System.arraycopy} into a scratch row at
 * index {@code from}, and the arithmetic runs on arrays all indexed by {@code c}. Four rows are
 * copied and then added in one loop ({@code acc = (((acc + t0) + t1) + t2) + t3}), so that each
 * accumulator is loaded and stored once per four rows. The output is written in tiles of whole
 * rows: copied in, {@code fma} against {@code α}, {@code β} repeated for each row of the tile,
 * copied out.
 *
 * <p>Segments shorter than {@link #MIN_SEGMENT} channels run the plain loops: copying would
 * cost more than it saves.
 */
final class RowKernels {

    /** Below this many channels a row segment is added in place, without copying. */
    static final int MIN_SEGMENT = 32;

    /** Floats in one output tile (whole rows, at least one): small enough for the tile, α and β to stay in L1. */
    static final int TILE = 1024;

    private RowKernels() {
    }

    /** One thread's four scratch rows for the reductions, and two per-channel accumulators for its caller. */
    static final class Rows {
        float[] t0 = new float[0];
        float[] t1 = t0;
        float[] t2 = t0;
        float[] t3 = t0;
        float[] sum = t0;
        float[] sq = t0;

        void ensure(int width) {
            if (t0.length < width) {
                t0 = new float[width];
                t1 = new float[width];
                t2 = new float[width];
                t3 = new float[width];
                sum = new float[width];
                sq = new float[width];
            }
        }
    }

    /** One thread's output tile with its repeated {@code α} and {@code β}. */
    static final class Tile {
        float[] t = new float[0];
        float[] a = t;
        float[] b = t;
        /** Rows in a tile ({@code 0}: rows longer than {@link #TILE} are done in segments). */
        int rows;
        int width = -1;

        /** Sets the tile up for rows of {@code width}, repeating {@code alpha}, {@code beta} in it. */
        void prepare(int width, float[] alpha, float[] beta) {
            int len = Math.min(width, TILE);
            int r = width <= TILE ? TILE / width : 0;
            int size = r == 0 ? len : r * width;
            if (t.length < size) {
                t = new float[size];
                a = new float[size];
                b = new float[size];
            }
            rows = r;
            this.width = width;
            for (int i = 0, c = 0; i < r * width; i++) {
                a[i] = alpha[c];
                b[i] = beta[c];
                if (++c == width) {
                    c = 0;
                }
            }
        }
    }

    /** {@code acc[c] = Σ_r x[r][c]} for {@code c} in {@code [from, to)}, in row order, starting from 0. */
    static void sums(float[] x, int width, int rows, int from, int to, float[] acc, Rows scratch) {
        java.util.Arrays.fill(acc, from, to, 0f);
        int len = to - from;
        int r = 0;
        if (len >= MIN_SEGMENT) {
            scratch.ensure(width);
            float[] t0 = scratch.t0;
            float[] t1 = scratch.t1;
            float[] t2 = scratch.t2;
            float[] t3 = scratch.t3;
            for (; r + 4 <= rows; r += 4) {
                copyFourRows(x, r * width + from, width, from, len, scratch);
                for (int c = from; c < to; c++) {
                    acc[c] = (((acc[c] + t0[c]) + t1[c]) + t2[c]) + t3[c];
                }
            }
        }
        for (; r < rows; r++) {
            int s = r * width;
            for (int c = from; c < to; c++) {
                acc[c] += x[s + c];
            }
        }
    }

    /**
     * {@code acc[c] = Σ_r (x[r][c] − mean[c])²} for {@code c} in {@code [from, to)}: each
     * difference in float, squared and added by one fused multiply-add, in row order from 0.
     */
    static void squaredDeviations(float[] x, int width, int rows, int from, int to, float[] mean, float[] acc,
            Rows scratch) {
        java.util.Arrays.fill(acc, from, to, 0f);
        int len = to - from;
        int r = 0;
        if (len >= MIN_SEGMENT) {
            scratch.ensure(width);
            float[] t0 = scratch.t0;
            float[] t1 = scratch.t1;
            float[] t2 = scratch.t2;
            float[] t3 = scratch.t3;
            for (; r + 4 <= rows; r += 4) {
                copyFourRows(x, r * width + from, width, from, len, scratch);
                for (int c = from; c < to; c++) {
                    float m = mean[c];
                    float d0 = t0[c] - m;
                    float q = Math.fma(d0, d0, acc[c]);
                    float d1 = t1[c] - m;
                    q = Math.fma(d1, d1, q);
                    float d2 = t2[c] - m;
                    q = Math.fma(d2, d2, q);
                    float d3 = t3[c] - m;
                    acc[c] = Math.fma(d3, d3, q);
                }
            }
        }
        for (; r < rows; r++) {
            int s = r * width;
            for (int c = from; c < to; c++) {
                float d = x[s + c] - mean[c];
                acc[c] = Math.fma(d, d, acc[c]);
            }
        }
    }

    /** Rows {@code r … r+3}'s segments (the first starting at {@code s}) into the four scratch rows at {@code from}. */
    private static void copyFourRows(float[] x, int s, int width, int from, int len, Rows scratch) {
        System.arraycopy(x, s, scratch.t0, from, len);
        System.arraycopy(x, s + width, scratch.t1, from, len);
        System.arraycopy(x, s + 2 * width, scratch.t2, from, len);
        System.arraycopy(x, s + 3 * width, scratch.t3, from, len);
    }

    /** How many output tiles {@link #affine} splits {@code rows} rows of {@code width} into. */
    static int tiles(int rows, int width) {
        return width <= TILE ? (rows + TILE / width - 1) / (TILE / width) : rows;
    }

    /**
     * {@code y[r][c] = fma(x[r][c], α_c, β_c)} over the rows of tile {@code index} of
     * {@link #tiles}; {@code tile} must be {@linkplain Tile#prepare prepared} for this width,
     * {@code α} and {@code β}.
     */
    static void affine(float[] x, float[] y, int width, int rows, int index, float[] alpha, float[] beta, Tile tile) {
        float[] t = tile.t;
        float[] a = tile.a;
        float[] b = tile.b;
        if (tile.rows > 0) {
            int first = index * tile.rows;
            int n = (Math.min(rows, first + tile.rows) - first) * width;
            int s = first * width;
            System.arraycopy(x, s, t, 0, n);
            for (int i = 0; i < n; i++) {
                t[i] = Math.fma(t[i], a[i], b[i]);
            }
            System.arraycopy(t, 0, y, s, n);
            return;
        }
        // one row longer than a tile, in segments with their own α and β
        int s = index * width;
        for (int c0 = 0; c0 < width; c0 += TILE) {
            int n = Math.min(TILE, width - c0);
            System.arraycopy(x, s + c0, t, 0, n);
            System.arraycopy(alpha, c0, a, 0, n);
            System.arraycopy(beta, c0, b, 0, n);
            for (int i = 0; i < n; i++) {
                t[i] = Math.fma(t[i], a[i], b[i]);
            }
            System.arraycopy(t, 0, y, s + c0, n);
        }
    }
}
