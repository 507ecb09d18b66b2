package org.normscope.python;

import java.util.ArrayList;
import java.util.List;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.PythonFloat;
import org.normscope.json.ShortestFloat;

/**
 * The torch expressions that draw a batch from the same distribution as a {@link BatchSpec}
 * (not the same values: NormScope's generator is not PyTorch's):
 * {@code torch.randn(shape) * std + mean} for normal(mean, std),
 * {@code torch.rand(shape) * (b − a) + a} for uniform(a, b), {@code torch.ones}/{@code torch.zeros}/
 * {@code torch.full} for constants; per-channel numbers as a {@code (1, C, 1…)} tensor, and a
 * channel at a time ({@code x[:, c] = …}) when the channels' kinds differ.
 */
final class TorchExpressions {

    private TorchExpressions() {
    }

    /** {@code v} as Python writes it: {@code 1.0}, {@code 1e-05}, {@code None} never. */
    static String number(double v) {
        return PythonFloat.repr(v);
    }

    /** A float32 value as typed: the shortest digits that give it back ({@code 0.1}, not {@code 0.10000000149011612}). */
    static String number(float v) {
        return PythonFloat.repr(Double.parseDouble(ShortestFloat.format(v)));
    }

    /** {@code " + v"}, {@code " - |v|"}, or nothing for 0. */
    static String plus(double v) {
        if (v == 0) {
            return "";
        }
        return v < 0 ? " - " + number(-v) : " + " + number(v);
    }

    /** Whether every channel is a constant: every draw is the same. */
    static boolean constant(BatchSpec spec) {
        return spec.sources().stream().allMatch(s -> s instanceof ChannelSource.Constant);
    }

    /** The lines that set {@code var} to a draw of {@code spec}, with {@code extra} (e.g. {@code " + 0.1 * (step - 1)"}) added. */
    static List<String> draw(BatchSpec spec, String var, String extra) {
        List<ChannelSource> sources = spec.sources();
        String shape = dims(spec.shape());
        ChannelSource first = sources.get(0);
        if (sources.stream().allMatch(first::equals)) {
            return List.of(var + " = " + whole(first, shape) + extra);
        }
        if (sources.stream().allMatch(s -> s.getClass() == first.getClass())) {
            String view = ".view(" + viewDims(spec) + ")";
            String expr;
            if (first instanceof ChannelSource.Normal) {
                expr = "torch.randn(" + shape + ") * " + perChannel(spec, 0) + view + " + " + perChannel(spec, 1) + view;
            } else if (first instanceof ChannelSource.Uniform) {
                expr = "torch.rand(" + shape + ") * " + perChannel(spec, 2) + view + " + " + perChannel(spec, 3) + view;
            } else {
                expr = "torch.ones(" + shape + ") * " + perChannel(spec, 4) + view;
            }
            return List.of(var + " = " + expr + extra);
        }
        List<String> lines = new ArrayList<>();
        lines.add(var + " = torch.empty(" + shape + ")");
        int[] full = spec.shape();
        int[] slice = new int[full.length - 1];
        slice[0] = full[0];
        System.arraycopy(full, 2, slice, 1, full.length - 2);
        for (int c = 0; c < sources.size(); c++) {
            ChannelSource s = sources.get(c);
            String value = s instanceof ChannelSource.Constant k ? number(k.value()) : whole(s, dims(slice));
            lines.add(var + "[:, " + c + "] = " + value);
        }
        if (!extra.isEmpty()) {
            lines.add(var + " = " + var + extra);
        }
        return lines;
    }

    /** One source over a whole shape. */
    private static String whole(ChannelSource s, String shape) {
        if (s instanceof ChannelSource.Constant c) {
            if (c.value() == 1 || c.value() == 0) {
                return (c.value() == 1 ? "torch.ones(" : "torch.zeros(") + shape + ")";
            }
            return "torch.full((" + shape + (shape.contains(",") ? "" : ",") + "), " + number(c.value()) + ")";
        }
        if (s instanceof ChannelSource.Normal n) {
            return "torch.randn(" + shape + ")" + (n.std() == 1 ? "" : " * " + number(n.std())) + plus(n.mean());
        }
        ChannelSource.Uniform u = (ChannelSource.Uniform) s;
        double width = u.high() - u.low();
        return "torch.rand(" + shape + ")" + (width == 1 ? "" : " * " + number(width)) + plus(u.low());
    }

    /** Every channel's std (0), mean (1), width (2), low (3) or value (4) as {@code torch.tensor([...])}. */
    private static String perChannel(BatchSpec spec, int what) {
        List<String> values = new ArrayList<>();
        for (ChannelSource s : spec.sources()) {
            double v;
            if (s instanceof ChannelSource.Normal n) {
                v = what == 0 ? n.std() : n.mean();
            } else if (s instanceof ChannelSource.Uniform u) {
                v = what == 2 ? u.high() - u.low() : u.low();
            } else {
                v = ((ChannelSource.Constant) s).value();
            }
            values.add(number(v));
        }
        return "torch.tensor([" + String.join(", ", values) + "])";
    }

    /**
     * What an outlier batch adds to {@code x}: {@code 10·max(std, 1)} per channel (see
     * {@link BatchSource#outlierShift}), one number when every channel's is the same.
     */
    static String outlierShift(BatchSpec spec) {
        BatchSource source = new BatchSource(spec);
        List<String> shifts = new ArrayList<>();
        for (int c = 0; c < spec.channels(); c++) {
            shifts.add(number(source.outlierShift(c)));
        }
        if (shifts.stream().distinct().count() == 1) {
            return shifts.get(0);
        }
        return "torch.tensor([" + String.join(", ", shifts) + "]).view(" + viewDims(spec) + ")";
    }

    /** {@code 1, C, 1, …}: a per-channel vector's shape for broadcasting over {@code (N, C, …)}. */
    private static String viewDims(BatchSpec spec) {
        return "1, " + spec.channels() + ", 1".repeat(spec.shape().length - 2);
    }

    private static String dims(int[] shape) {
        List<String> d = new ArrayList<>();
        for (int s : shape) {
            d.add(String.valueOf(s));
        }
        return String.join(", ", d);
    }
}
