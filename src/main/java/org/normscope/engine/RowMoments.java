package org.normscope.engine;

/**
 * The mean and biased variance of one contiguous row of floats, computed as PyTorch 1.13's
 * {@code at::native::utils::RowwiseMoments} computes them in its AVX2 kernels: the
 * LayerNorm and GroupNorm forwards normalize with these two numbers, so they must be the
 * same floats, not merely close ones.
 *
 * <p>Welford's algorithm, vectorized and cascaded. The row's first {@code 8·⌊n/8⌋} values are
 * read as groups of eight, one value per float lane; chunks of 16 groups run Welford per lane
 * ({@code δ = x − m1; m1 += δ·(1/k); m2 += δ·(x − m1)}, {@code 1/k} from a table), and the chunks' moments are merged pairwise as a binary
 * counter does (chunk 1 into 0, then that pair with the next pair, and so on), which keeps
 * each merge between moments of similar counts. Merging {@code (n_b, m1_b, m2_b)} into
 * {@code (n_a, m1_a, m2_a)}:
 * <pre>
 *   n = n_a + n_b,   c = n_b / n,   δ = m1_b − m1_a
 *   m1 = m1_a + c·δ
 *   m2 = m2_a + (m2_b + δ·δ·c·n_a)
 * </pre>
 * The remaining {@code n mod 8} values run plain Welford in one accumulator, into which the
 * eight lanes are then merged in order. The variance is {@code m2 / n}. Every operation is a
 * float operation rounded on its own: unlike the BatchNorm kernels, PyTorch's build fuses no
 * multiply-add here (checked against it bit for bit on rows of 1 to 70,000 values).
 *
 * <p>Holds its merge stacks, so that a forward allocates nothing; not thread-safe.
 */
final class RowMoments {

    private static final int LANES = 8;
    private static final int CHUNK = 16;
    private static final float[] RECIPROCALS = new float[CHUNK];

    static {
        for (int i = 0; i < CHUNK; i++) {
            RECIPROCALS[i] = 1f / (i + 1);
        }
    }

    private long[] counts = new long[4];
    private float[][] m1s = new float[4][LANES];
    private float[][] m2s = new float[4][LANES];
    private final float[] m1 = new float[LANES];
    private final float[] m2 = new float[LANES];

    /** The mean of the last {@link #compute}. */
    float mean;
    /** The biased variance of the last {@link #compute}: {@code m2 / n} (NaN for an empty row). */
    float var;

    /** PyTorch's {@code CeilLog2}: 1 for {@code x ≤ 2}, else {@code ⌈log2 x⌉}. */
    static int ceilLog2(long x) {
        return x <= 2 ? 1 : 64 - Long.numberOfLeadingZeros(x - 1);
    }

    /** Sets {@link #mean} and {@link #var} of {@code x[off, off + n)}. */
    void compute(float[] x, int off, int n) {
        int groups = n / LANES;
        int chunks = (groups + CHUNK - 1) / CHUNK;
        int depth = ceilLog2(chunks);
        ensureDepth(depth);
        for (int d = 0; d < depth; d++) {
            counts[d] = 0;
            java.util.Arrays.fill(m1s[d], 0f);
            java.util.Arrays.fill(m2s[d], 0f);
        }
        for (int i = 0; i < chunks; i++) {
            int start = off + i * CHUNK * LANES;
            int count = Math.min(CHUNK, groups - i * CHUNK);
            java.util.Arrays.fill(m1, 0f);
            java.util.Arrays.fill(m2, 0f);
            for (int j = 0; j < count; j++) {
                float c = RECIPROCALS[j];
                int base = start + j * LANES;
                for (int l = 0; l < LANES; l++) {
                    float v = x[base + l];
                    float delta = v - m1[l];
                    m1[l] = m1[l] + delta * c;
                    m2[l] = m2[l] + delta * (v - m1[l]);
                }
            }
            counts[0] = merge(count, m1, m2, counts[0], m1s[0], m2s[0]);
            long mask = i + 1;
            for (int j = 1; j < depth && (mask & 1) == 0; j++) {
                counts[j] = merge(counts[j - 1], m1s[j - 1], m2s[j - 1], counts[j], m1s[j], m2s[j]);
                counts[j - 1] = 0;
                java.util.Arrays.fill(m1s[j - 1], 0f);
                java.util.Arrays.fill(m2s[j - 1], 0f);
                mask >>= 1;
            }
        }
        for (int d = 1; d < depth; d++) {
            counts[0] = merge(counts[d], m1s[d], m2s[d], counts[0], m1s[0], m2s[0]);
        }
        long count = 0;
        float mean1 = 0f;
        float sq = 0f;
        for (int i = off + groups * LANES; i < off + n; i++) {
            float delta = x[i] - mean1;
            count++;
            mean1 += delta / count;
            sq = sq + delta * (x[i] - mean1);
        }
        for (int l = 0; l < LANES; l++) {
            long total = count + groups;
            float c = total == 0 ? 0f : (float) groups / (float) total;
            float delta = m1s[0][l] - mean1;
            float before = count;
            mean1 = mean1 + c * delta;
            sq = sq + (m2s[0][l] + delta * delta * c * before);
            count = total;
        }
        mean = mean1;
        var = sq / (float) n;
    }

    /** Merges the lanes of {@code (countB, m1B, m2B)} into {@code (m1A, m2A)}; the merged count. */
    private static long merge(long countB, float[] m1B, float[] m2B, long countA, float[] m1A, float[] m2A) {
        long total = countA + countB;
        float c = total == 0 ? 0f : (float) countB / (float) total;
        float before = countA;
        for (int l = 0; l < LANES; l++) {
            float delta = m1B[l] - m1A[l];
            m1A[l] = m1A[l] + c * delta;
            m2A[l] = m2A[l] + (m2B[l] + delta * delta * c * before);
        }
        return total;
    }

    private void ensureDepth(int depth) {
        if (counts.length < depth) {
            counts = new long[depth];
            m1s = new float[depth][LANES];
            m2s = new float[depth][LANES];
        }
    }
}
