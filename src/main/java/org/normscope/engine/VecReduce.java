package org.normscope.engine;

/**
 * The float reductions of PyTorch's {@code at::vec} helpers ({@code reduce_all},
 * {@code map2_reduce_all}, {@code map3_reduce_all}) as its AVX2 kernels compute them: eight
 * float lanes, the first eight values loaded as they are, each later group of eight added
 * lane by lane (a product is fused into the add, {@code acc = fma(a, b, acc)}, as GCC
 * contracts it in those kernels), the last partial group added to its lanes only, and the
 * lanes finally folded as {@code ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7))}. Fewer than eight
 * values are added one after the other, without fusing.
 *
 * <p>The order of these additions decides the last bits of a float sum, so the gradients of
 * InstanceNorm (through BatchNorm's backward kernel) and LayerNorm use these to give
 * PyTorch's numbers, not merely close ones.
 */
final class VecReduce {

    private VecReduce() {
    }

    /** {@code reduce_all(x + y)}: the sum of {@code a[off, off + n)}. */
    static float sum(float[] a, int off, int n) {
        if (n < 8) {
            float r = n == 0 ? 0f : a[off];
            for (int i = 1; i < n; i++) {
                r += a[off + i];
            }
            return r;
        }
        float l0 = a[off];
        float l1 = a[off + 1];
        float l2 = a[off + 2];
        float l3 = a[off + 3];
        float l4 = a[off + 4];
        float l5 = a[off + 5];
        float l6 = a[off + 6];
        float l7 = a[off + 7];
        int end = off + n - n % 8;
        int i = off + 8;
        for (; i < end; i += 8) {
            l0 += a[i];
            l1 += a[i + 1];
            l2 += a[i + 2];
            l3 += a[i + 3];
            l4 += a[i + 4];
            l5 += a[i + 5];
            l6 += a[i + 6];
            l7 += a[i + 7];
        }
        float[] lanes = {l0, l1, l2, l3, l4, l5, l6, l7};
        for (int k = 0; i < off + n; i++, k++) {
            lanes[k] += a[i];
        }
        return fold(lanes);
    }

    /** {@code map2_reduce_all((x − mean)·dy, +)}: {@code Σ (x − mean)·dy} over {@code [off, off + n)} of both arrays. */
    static float centeredDot(float[] x, float[] dy, int off, int n, float mean) {
        if (n < 8) {
            float r = n == 0 ? 0f : (x[off] - mean) * dy[off];
            for (int i = 1; i < n; i++) {
                r += (x[off + i] - mean) * dy[off + i];
            }
            return r;
        }
        float[] lanes = new float[8];
        for (int k = 0; k < 8; k++) {
            lanes[k] = (x[off + k] - mean) * dy[off + k];
        }
        for (int i = 8; i < n; i++) { // the last, partial group too: its lanes only
            int k = i % 8;
            lanes[k] = Math.fma(x[off + i] - mean, dy[off + i], lanes[k]);
        }
        return fold(lanes);
    }

    /**
     * {@code map2_reduce_all(x·y, +)} ({@code c == null}) or {@code map3_reduce_all(x·y·z, +)}:
     * {@code Σ a·b} or {@code Σ (a·b)·c}, {@code a} and {@code b} from {@code aOff} and
     * {@code bOff}, {@code c} from index 0, over {@code n} values.
     */
    static float dot(float[] a, int aOff, float[] b, int bOff, float[] c, int n) {
        if (n < 8) {
            float r = 0f;
            for (int i = 0; i < n; i++) {
                float p = product(a[aOff + i], b[bOff + i], c, i);
                r = i == 0 ? p : r + p;
            }
            return r;
        }
        float[] lanes = new float[8];
        for (int k = 0; k < 8; k++) {
            lanes[k] = product(a[aOff + k], b[bOff + k], c, k);
        }
        for (int i = 8; i < n; i++) {
            int k = i % 8;
            lanes[k] = c == null ? Math.fma(a[aOff + i], b[bOff + i], lanes[k])
                    : Math.fma(a[aOff + i] * b[bOff + i], c[i], lanes[k]);
        }
        return fold(lanes);
    }

    private static float product(float a, float b, float[] c, int i) {
        return c == null ? a * b : a * b * c[i];
    }

    /** The AVX2 horizontal add of eight lanes: two 128-bit halves, then pairs, then neighbours. */
    static float fold(float[] l) {
        return ((l[0] + l[4]) + (l[2] + l[6])) + ((l[1] + l[5]) + (l[3] + l[7]));
    }
}
