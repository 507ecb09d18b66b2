package org.normscope.print;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.normscope.engine.Tensor;

/**
 * Prints a float32 {@link Tensor} exactly as PyTorch 1.13's {@code print(t)} does with the
 * default print options (precision 4, threshold 1000, edgeitems 3, linewidth 80, sci_mode None).
 *
 * <p>It mirrors {@code torch/_tensor_str.py}: {@code _Formatter} (see {@link ScalarFormatter}),
 * {@code _vector_str}, {@code _tensor_str_with_formatter}, {@code get_summarized_data},
 * {@code _add_suffixes} and the empty-tensor branch of {@code _str_intern}. Tensors of more
 * than 1000 values are summarized: only 3 items at each end of every dimension are shown, with
 * {@code ...} between, and only those shown values choose the number format.
 */
public final class TensorPrinter {

    private static final String PREFIX = "tensor(";
    private static final int THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;
    private static final int LINE_WIDTH = 80;

    private TensorPrinter() {
    }

    /** {@code print(t)}: e.g. {@code tensor([0.3000, 0.3000])}. */
    public static String repr(Tensor t) {
        return repr(t, new String[0]);
    }

    /**
     * {@code print(t)} with suffixes placed as PyTorch places them, e.g.
     * {@code repr(t, "grad_fn=<NativeBatchNormBackward0>")} or {@code repr(t, "requires_grad=True")}.
     */
    public static String repr(Tensor t, String... suffixes) {
        int indent = PREFIX.length();
        List<String> allSuffixes = new ArrayList<>();
        String body;
        if (t.numel() == 0) {
            // PyTorch shows the shape of an empty tensor unless it is (0,), as NumPy does.
            if (t.dim() != 1) {
                allSuffixes.add("size=" + pythonTuple(t.shape()));
            }
            body = "[]";
        } else {
            body = new Layout(t).tensorStr(indent);
        }
        allSuffixes.addAll(Arrays.asList(suffixes));
        return addSuffixes(PREFIX + body, allSuffixes, indent);
    }

    /** {@code print(nn.Parameter(t))}: {@code "Parameter containing:\n" + repr(t, "requires_grad=True")}. */
    public static String parameterRepr(Tensor t) {
        return "Parameter containing:\n" + repr(t, "requires_grad=True");
    }

    /** {@code _add_suffixes}: each suffix goes on the last line if it fits in 80 columns, else on a new line. */
    private static String addSuffixes(String tensorStr, List<String> suffixes, int indent) {
        StringBuilder sb = new StringBuilder(tensorStr);
        // PyTorch's own arithmetic: two more than the true length of the last line.
        int lastLineLen = tensorStr.length() - tensorStr.lastIndexOf('\n') + 1;
        for (String suffix : suffixes) {
            if (lastLineLen + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLen = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLen += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    /** Python's {@code str(tuple(shape))}: {@code (2, 0, 3)}, {@code (0,)}, {@code ()}. */
    private static String pythonTuple(int[] shape) {
        return "(" + Tensor.joinDims(shape) + (shape.length == 1 ? ",)" : ")");
    }

    /** The nested-bracket layout of one non-empty tensor ({@code _tensor_str}). */
    private static final class Layout {

        private final int[] shape;
        private final int[] strides;
        private final float[] data;
        private final boolean summarize;
        private final ScalarFormatter formatter;

        Layout(Tensor t) {
            shape = t.shape();
            data = t.data();
            strides = new int[shape.length];
            int stride = 1;
            for (int d = shape.length - 1; d >= 0; d--) {
                strides[d] = stride;
                stride *= shape[d];
            }
            summarize = t.numel() > THRESHOLD;
            List<Double> shown = new ArrayList<>();
            collectShown(0, 0, shown);
            formatter = new ScalarFormatter(shown.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** The indices along a dimension of this size that are printed: all, or 3 at each end. */
        private int[] shownIndices(int size) {
            if (summarize && size > 2 * EDGE_ITEMS) {
                int[] idx = new int[2 * EDGE_ITEMS];
                for (int i = 0; i < EDGE_ITEMS; i++) {
                    idx[i] = i;
                    idx[EDGE_ITEMS + i] = size - EDGE_ITEMS + i;
                }
                return idx;
            }
            int[] idx = new int[size];
            Arrays.setAll(idx, i -> i);
            return idx;
        }

        private boolean elided(int size) {
            return summarize && size > 2 * EDGE_ITEMS;
        }

        /** {@code get_summarized_data}: the values the formatter sees are exactly the printed ones. */
        private void collectShown(int dim, int offset, List<Double> out) {
            if (dim == shape.length) {
                out.add((double) data[offset]);
                return;
            }
            for (int i : shownIndices(shape[dim])) {
                collectShown(dim + 1, offset + i * strides[dim], out);
            }
        }

        String tensorStr(int indent) {
            return tensorStr(0, 0, indent);
        }

        /** {@code _tensor_str_with_formatter} for the sub-tensor starting at {@code dim}. */
        private String tensorStr(int dim, int offset, int indent) {
            int remaining = shape.length - dim;
            if (remaining == 0) {
                return formatter.format(data[offset]);
            }
            if (remaining == 1) {
                return vectorStr(offset, shape[dim], strides[dim], indent);
            }
            List<String> slices = new ArrayList<>();
            for (int i : shownIndices(shape[dim])) {
                slices.add(tensorStr(dim + 1, offset + i * strides[dim], indent + 1));
            }
            if (elided(shape[dim])) {
                slices.add(EDGE_ITEMS, "...");
            }
            // One line break per remaining dimension beyond the last: blank lines grow with depth.
            String separator = "," + "\n".repeat(remaining - 1) + " ".repeat(indent + 1);
            return "[" + String.join(separator, slices) + "]";
        }

        /** {@code _vector_str}: elements wrapped so that lines fit in 80 columns. */
        private String vectorStr(int offset, int size, int stride, int indent) {
            int elementLength = formatter.width() + 2;
            int perLine = Math.max(1, Math.floorDiv(LINE_WIDTH - indent, elementLength));
            List<String> items = new ArrayList<>();
            for (int i : shownIndices(size)) {
                items.add(formatter.format(data[offset + i * stride]));
            }
            if (elided(size)) {
                items.add(EDGE_ITEMS, " ...");
            }
            List<String> lines = new ArrayList<>();
            for (int from = 0; from < items.size(); from += perLine) {
                lines.add(String.join(", ", items.subList(from, Math.min(items.size(), from + perLine))));
            }
            return "[" + String.join(",\n" + " ".repeat(indent + 1), lines) + "]";
        }
    }
}
