package org.normscope.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.normscope.bench.ForwardBenchmark;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.TorchError;
import org.normscope.scenario.LayerKind;
import org.normscope.scenario.LayerSpec;
import org.normscope.scenario.Replayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bench}: times the engine's forward on one batch shape. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the engine's forward: a warm-up, then timed forwards on a reused standard-normal "
            + "batch; prints the median and min ms per forward and G elements/s (at the median).")
final class BenchCommand implements Callable<Integer> {

    private static final String TYPES = "BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, "
            + "InstanceNorm3d, LayerNorm, GroupNorm";

    @Spec
    CommandSpec spec;

    @Option(names = "--layer", defaultValue = "BatchNorm2d",
            description = "BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d, LayerNorm or GroupNorm, with PyTorch's "
                + "defaults for the rest (default: ${DEFAULT-VALUE})")
    String layer;

    @Option(names = "--normalized-dims", paramLabel = "K",
            description = "LayerNorm only: normalize over the last K dims of the shape, "
                + "normalized_shape = those sizes (default: 1)")
    Integer normalizedDims;

    @Option(names = "--groups", paramLabel = "G",
            description = "GroupNorm only: num_groups, a divisor of C (default: the largest divisor of C up to 32)")
    Integer groups;

    @Option(names = "--shape", defaultValue = "64,64,32,32", split = ",",
            description = "batch shape N,C,... (default: ${DEFAULT-VALUE})")
    int[] shape;

    @Option(names = "--mode", defaultValue = "train", description = "train or eval (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--iters", defaultValue = "200", description = "timed forwards (default: ${DEFAULT-VALUE})")
    int iters;

    @Option(names = "--warmup-ms", defaultValue = "2000", description = "warm-up time in ms (default: ${DEFAULT-VALUE})")
    long warmupMs;

    @Option(names = "--json", description = "end with one JSON line: median_ms, min_ms, elements_per_s, ...")
    boolean json;

    @Option(names = "--fresh", description = "time fresh steps instead: each draws a new N(0, 1) batch, then runs the"
            + " forward (as \"fresh batch each step\"); prints the draw alone and draw + forward")
    boolean fresh;

    @Option(names = "--generator", defaultValue = "ziggurat-1", description = "with --fresh: the generator that draws"
            + " the batch, ziggurat-1 or splittable-polar-1 (default: ${DEFAULT-VALUE})")
    String generator;

    @Override
    public Integer call() {
        LayerKind type;
        try {
            type = LayerKind.ofTorchName(layer);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--layer: expected one of " + TYPES + ", got '"
                    + layer + "'");
        }
        if (!mode.equals("train") && !mode.equals("eval")) {
            throw new ParameterException(spec.commandLine(), "--mode: expected train or eval, got '" + mode + "'");
        }
        if (iters < 1) {
            throw new ParameterException(spec.commandLine(), "--iters: expected at least 1, got " + iters);
        }
        if (warmupMs < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup-ms: expected at least 0, got " + warmupMs);
        }
        if (shape.length < 2 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new ParameterException(spec.commandLine(), "--shape: expected N,C,... with every size at least 1, got "
                    + Arrays.toString(shape));
        }
        if (normalizedDims != null && type != LayerKind.LAYER_NORM) {
            throw new ParameterException(spec.commandLine(), "--normalized-dims: only for LayerNorm, not " + type);
        }
        if (groups != null && type != LayerKind.GROUP_NORM) {
            throw new ParameterException(spec.commandLine(), "--groups: only for GroupNorm, not " + type);
        }
        int dims = normalizedDims == null ? 1 : normalizedDims;
        if (dims < 1 || dims > shape.length) {
            throw new ParameterException(spec.commandLine(), "--normalized-dims: expected 1 to " + shape.length
                    + " (the shape's number of dims), got " + dims);
        }
        int numGroups = groups == null ? defaultGroups(shape[1]) : groups;
        if (numGroups < 1) {
            throw new ParameterException(spec.commandLine(), "--groups: expected at least 1, got " + numGroups);
        }
        if (type == LayerKind.GROUP_NORM && shape[1] % numGroups != 0) {
            // PyTorch's GroupNorm(G, C) refuses this in its constructor, with this message
            throw new ParameterException(spec.commandLine(), "--groups " + numGroups + " with C = " + shape[1]
                    + ": ValueError: num_channels must be divisible by num_groups");
        }
        // the sizes and the memory they need, before anything is allocated
        long numel = 1;
        for (int d : shape) {
            numel = numel > (Integer.MAX_VALUE - 8L) ? numel : numel * d; // stays far from overflowing a long
        }
        if (numel > Integer.MAX_VALUE - 8L) {
            return refuse("shape " + Arrays.toString(shape)
                    + ": more values than one Java float array holds (at most 2147483639)");
        }
        long needed = 8 * numel + 64L * shape[1]; // input and output float32, and the layer's per-channel arrays
        Runtime runtime = Runtime.getRuntime();
        long available = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (needed > available) {
            return refuse("shape " + Arrays.toString(shape) + ": needs " + InputFiles.size(needed)
                    + " for its input and output, but the Java heap has " + InputFiles.size(Math.max(0, available))
                    + " free (at most " + InputFiles.size(runtime.maxMemory()) + "; more with java -Xmx)");
        }
        NormLayer bn = Replayer.create(layerSpec(type, shape, dims, numGroups));
        bn.train(mode.equals("train"));
        if (fresh) {
            return fresh(bn);
        }
        ForwardBenchmark.Measurement m;
        try {
            m = new ForwardBenchmark(bn, shape, 42).run(iters, warmupMs);
        } catch (TorchError e) {
            spec.commandLine().getErr().println("normscope bench: " + bn.kind() + " refuses shape "
                    + Arrays.toString(shape) + ": " + e);
            return Main.BAD_INPUT;
        } catch (IllegalArgumentException | ArithmeticException e) {
            spec.commandLine().getErr().println("normscope bench: shape " + Arrays.toString(shape)
                    + ": more values than one Java float array holds (at most 2147483639)");
            return Main.BAD_INPUT;
        } catch (OutOfMemoryError e) {
            spec.commandLine().getErr().println("normscope bench: shape " + Arrays.toString(shape)
                    + ": not enough memory for its input and output (" + e.getMessage() + ")");
            return Main.BAD_INPUT;
        }
        var out = spec.commandLine().getOut();
        String shapeText = Arrays.toString(shape).replace('[', '(').replace(']', ')');
        out.println(bn + " " + mode + " forward on " + shapeText + " float32, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        out.println(String.format(Locale.ROOT, "warm-up %d forwards, timed %d forwards", m.warmupForwards(), m.iterations()));
        out.println(String.format(Locale.ROOT, "median %.3f ms   min %.3f ms   mean %.3f ms   %.3f G elements/s",
                m.medianMs(), m.minMs(), m.meanMs(), m.elementsPerSecond() / 1e9));
        if (json) {
            String shapeJson = Arrays.toString(shape).replace(" ", "");
            out.println(String.format(Locale.ROOT, "{\"layer\":\"%s\",\"shape\":%s,\"mode\":\"%s\",\"iters\":%d,"
                    + "\"median_ms\":%.4f,\"min_ms\":%.4f,\"mean_ms\":%.4f,\"elements_per_s\":%.6e,\"cores\":%d}",
                    bn.kind(), shapeJson, mode, m.iterations(), m.medianMs(), m.minMs(), m.meanMs(),
                    m.elementsPerSecond(), Runtime.getRuntime().availableProcessors()));
        }
        out.flush();
        return 0;
    }

    /** The layer PyTorch builds from {@code nn.TYPE(...)} with only the sizes given, for a batch of {@code shape}. */
    static LayerSpec layerSpec(LayerKind type, int[] shape, int normalizedDims, int numGroups) {
        double eps = BatchNorm.DEFAULT_EPS;
        if (type.isBatchNorm()) {
            return LayerSpec.batchNorm(type, shape[1], eps, Momentum.DEFAULT, true, true);
        }
        if (type.isInstanceNorm()) { // InstanceNorm's defaults: affine=False, track_running_stats=False
            return new LayerSpec(type, shape[1], eps, Momentum.DEFAULT, false, false, null, null, null, 0, 0);
        }
        if (type == LayerKind.LAYER_NORM) {
            int[] normalized = Arrays.copyOfRange(shape, shape.length - normalizedDims, shape.length);
            return new LayerSpec(type, 0, eps, Momentum.DEFAULT, true, false, null, null, normalized, 0, 0);
        }
        return new LayerSpec(type, 0, eps, Momentum.DEFAULT, true, false, null, null, null, numGroups, shape[1]);
    }

    /** GroupNorm's default group count here: the largest divisor of {@code channels} up to 32. */
    static int defaultGroups(int channels) {
        for (int g = Math.min(32, channels); g > 1; g--) {
            if (channels % g == 0) {
                return g;
            }
        }
        return 1;
    }

    /** {@code --fresh}: times the draw of a fresh batch, and the draw then the forward, per step. */
    private int fresh(NormLayer bn) {
        org.normscope.batch.Generator g = org.normscope.batch.Generator.byId(generator).orElseThrow(
                () -> new ParameterException(spec.commandLine(), "--generator: expected ziggurat-1 or"
                        + " splittable-polar-1, got '" + generator + "'"));
        ForwardBenchmark.FreshMeasurement m;
        try {
            m = new ForwardBenchmark(bn, shape, 42).runFresh(iters, warmupMs, g);
        } catch (TorchError e) {
            return refuse(bn.kind() + " refuses shape " + Arrays.toString(shape) + ": " + e);
        } catch (IllegalArgumentException e) {
            return refuse("shape " + Arrays.toString(shape) + ": " + e.getMessage());
        }
        var out = spec.commandLine().getOut();
        String shapeText = Arrays.toString(shape).replace('[', '(').replace(']', ')');
        out.println(bn + " " + mode + ", a fresh " + g.id() + " batch of " + shapeText + " float32 each step, "
                + Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version());
        out.println(String.format(Locale.ROOT, "warm-up %d steps, timed %d draws and %d steps",
                m.step().warmupForwards(), iters, iters));
        out.println(String.format(Locale.ROOT, "draw           median %.3f ms   min %.3f ms   mean %.3f ms",
                m.draw().medianMs(), m.draw().minMs(), m.draw().meanMs()));
        out.println(String.format(Locale.ROOT, "draw + forward median %.3f ms   min %.3f ms   mean %.3f ms   %.0f steps/s",
                m.step().medianMs(), m.step().minMs(), m.step().meanMs(), 1e3 / m.step().medianMs()));
        if (json) {
            out.println(String.format(Locale.ROOT, "{\"layer\":\"%s\",\"shape\":%s,\"mode\":\"%s\",\"iters\":%d,"
                    + "\"generator\":\"%s\",\"draw_median_ms\":%.4f,\"step_median_ms\":%.4f,\"step_min_ms\":%.4f,"
                    + "\"steps_per_s\":%.1f,\"cores\":%d}", bn.kind(), Arrays.toString(shape).replace(" ", ""), mode,
                    iters, g.id(), m.draw().medianMs(), m.step().medianMs(), m.step().minMs(),
                    1e3 / m.step().medianMs(), Runtime.getRuntime().availableProcessors()));
        }
        out.flush();
        return 0;
    }

    private int refuse(String message) {
        spec.commandLine().getErr().println("normscope bench: " + message);
        return Main.BAD_INPUT;
    }
}
