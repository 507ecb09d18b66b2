package org.normscope.engine;

import java.util.Arrays;

/** Small checks and shape helpers the InstanceNorm, LayerNorm and GroupNorm layers share. */
final class Parameters {

    private Parameters() {
    }

    /** Copies {@code values} into a parameter or buffer, refusing one the layer does not have or of another length. */
    static void copyInto(float[] values, float[] target, String name, String why) {
        if (target == null) {
            throw new IllegalStateException("this layer has no " + name + " (" + why + ")");
        }
        if (values.length != target.length) {
            throw new IllegalArgumentException(name + " needs " + target.length + " values, got " + values.length);
        }
        System.arraycopy(values, 0, target, 0, values.length);
    }

    /** @throws IllegalArgumentException unless {@code t} has {@code like}'s shape */
    static void checkSameShape(Tensor t, Tensor like, String what) {
        if (!t.sameShape(like)) {
            throw new IllegalArgumentException(what + " shape " + Arrays.toString(t.shape())
                    + " differs from the input shape " + Arrays.toString(like.shape()));
        }
    }

    /** F.batch_norm's check that a per-channel tensor has one value per channel of the input. */
    static void checkCount(String name, int channels, int count) {
        if (channels != count) {
            throw TorchError.runtimeError(name + " should contain " + channels + " elements not " + count);
        }
    }

    /** {@code size} before {@code shape}, as {@code unsqueeze(0)} makes it. */
    static int[] prepend(int size, int[] shape) {
        int[] s = new int[shape.length + 1];
        s[0] = size;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    /** The product of {@code shape[from..]} (1 for none). */
    static long product(int[] shape, int from) {
        long p = 1;
        for (int i = from; i < shape.length; i++) {
            p *= shape[i];
        }
        return p;
    }

    /** A shape as a Python list prints: {@code [2, 4, 1]}. */
    static String list(int[] shape) {
        return "[" + Tensor.joinDims(shape) + "]";
    }

    /** {@code True} or {@code False}. */
    static String python(boolean b) {
        return b ? "True" : "False";
    }
}
