package org.normscope.engine;

import java.util.Arrays;

/**
 * A dense float32 tensor: a shape and its values in row-major (C) order, as PyTorch's
 * default contiguous layout.
 *
 * <p>The element at index {@code (i0, i1, …, ik)} sits at
 * {@code data[((i0·s1 + i1)·s2 + i2)·… + ik]}, where {@code s_j} is {@code shape[j]}.
 * The value array is shared, not copied: {@link #data()} gives the live storage so that
 * kernels and reusable outputs avoid allocation. The shape never changes.
 */
public final class Tensor {

    private final int[] shape;
    private final float[] data;

    /**
     * Wraps {@code data} (not copied) with the given shape.
     *
     * @throws IllegalArgumentException if a dimension is negative, or
     *     {@code data.length} is not the product of the shape
     */
    public Tensor(int[] shape, float[] data) {
        this.shape = shape.clone();
        long n = numel(this.shape);
        if (data.length != n) {
            throw new IllegalArgumentException("data has " + data.length + " values but shape "
                    + Arrays.toString(shape) + " needs " + n);
        }
        this.data = data;
    }

    /** A tensor of zeros with the given shape. */
    public static Tensor zeros(int... shape) {
        return new Tensor(shape, new float[checkedSize(shape)]);
    }

    /** A tensor filled with {@code value}, as {@code torch.full}. */
    public static Tensor full(float value, int... shape) {
        float[] d = new float[checkedSize(shape)];
        Arrays.fill(d, value);
        return new Tensor(shape, d);
    }

    /** A tensor of ones, as {@code torch.ones}. */
    public static Tensor ones(int... shape) {
        return full(1f, shape);
    }

    /** The product of the dimensions (1 for a 0-dimensional shape). */
    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension " + d + " in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    private static int checkedSize(int[] shape) {
        long n = numel(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " values, more than one float array can");
        }
        return (int) n;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int dim() {
        return shape.length;
    }

    /** The size of dimension {@code d} (negative counts from the end, as in PyTorch). */
    public int size(int d) {
        return shape[d < 0 ? shape.length + d : d];
    }

    /** The number of values. */
    public int numel() {
        return data.length;
    }

    /** The live value storage, row-major; writes change this tensor. */
    public float[] data() {
        return data;
    }

    /** Whether {@code other} has the same shape as this tensor. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Whether this tensor has exactly the given shape. */
    public boolean hasShape(int... dims) {
        return Arrays.equals(shape, dims);
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(shape, data.clone());
    }

    /** The shape as PyTorch prints it: {@code torch.Size([2, 4, 1])}. */
    public String sizeString() {
        return sizeString(shape);
    }

    /** A shape as PyTorch prints it: {@code torch.Size([2, 4, 1])}. */
    public static String sizeString(int[] shape) {
        return "torch.Size([" + joinDims(shape) + "])";
    }

    /** The sizes separated by {@code ", "}, as Python lists and tuples print them: {@code 2, 4, 1}. */
    public static String joinDims(int[] shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
