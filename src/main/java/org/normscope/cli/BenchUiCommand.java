package org.normscope.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normscope.batch.BatchSpec;
import org.normscope.session.LayerConfig;
import org.normscope.ui.app.UiBenchmark;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench-ui}: frames and steps per second of the real window, headless, after a long history. */
@Command(name = "bench-ui", mixinStandardHelpOptions = true,
        description = {"Fill the history through the real session, then play as fast as possible for a while with the "
                + "real main window rendering headless (software pipeline), and report frames per second, the "
                + "interval between frames at p50 and p99, steps per second, the heap after a GC and the bytes the "
                + "history holds.",
            "The batches are standard normal, the layer has momentum 0.1, affine, tracked stats, train mode."})
final class BenchUiCommand implements Callable<Integer> {

    private static final Pattern SIZE = Pattern.compile("(\\d{3,5})x(\\d{3,5})");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--channels", paramLabel = "C", description = "channels (default 64, or the shape's C)")
    Integer channels;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "1000000",
            description = "steps that fill the history first (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--shape", paramLabel = "N,C,...", split = ",",
            description = "batch shape (default 64,C,8,8)")
    int[] shape;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "10",
            description = "how long to play and measure, in slices of about 2 s with the forward timed as bench does "
                    + "before, between and after them (default ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warmup", paramLabel = "S", defaultValue = "60",
            description = "how long to play before measuring, so that the JIT has compiled the window's code; "
                    + "on 2 cores it keeps compiling for about a minute (default ${DEFAULT-VALUE})")
    double warmup;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "1600x950",
            description = "the window's size in pixels (default ${DEFAULT-VALUE})")
    String size;

    @Option(names = "--fresh", description = "draw a fresh batch every step (default: the same batch every step, "
            + "as bench times a reused batch)")
    boolean fresh;

    @Option(names = "--json", description = "end with one JSON line: fps, frame_p50_ms, frame_p99_ms, steps_per_s, "
            + "heap_mb, history_bytes, bench_before_per_s, bench_after_per_s, bench_mean_per_s, steps_vs_bench, "
            + "idle_frame_p99_ms, ...")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        // the window's size first: an oversized one is gigabytes of pixels before anything else runs
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new CommandLine.ParameterException(cl, "--size must look like 1600x950, got " + size);
        }
        int width = Integer.parseInt(m.group(1));
        int height = Integer.parseInt(m.group(2));
        if (width < 640 || height < 480 || width > 7680 || height > 4320) {
            throw new CommandLine.ParameterException(cl, "--size must be from 640x480 to 7680x4320, got " + size);
        }
        if (channels != null && channels < 1) {
            throw new CommandLine.ParameterException(cl, "--channels must be at least 1, got " + channels);
        }
        int[] s = shape;
        if (s == null) {
            s = new int[] {64, channels == null ? 64 : channels, 8, 8};
        } else if (s.length < 2 || s.length > 5) {
            throw new CommandLine.ParameterException(cl, "--shape needs 2 to 5 sizes (N,C,...), got " + s.length);
        } else if (channels != null && channels != s[1]) {
            throw new CommandLine.ParameterException(cl, "--channels " + channels + " differs from the shape's C " + s[1]);
        }
        for (int d : s) {
            if (d < 1) {
                throw new CommandLine.ParameterException(cl, "every size in --shape must be at least 1");
            }
        }
        if (s[1] > LayerConfig.MAX_FEATURES) {
            throw new CommandLine.ParameterException(cl, "at most " + LayerConfig.MAX_FEATURES + " channels, got " + s[1]);
        }
        // what the session's batches and a training forward accept, checked here rather than failing inside
        long values = 1;
        for (int d : s) {
            values = Math.min(values * d, Long.MAX_VALUE / Integer.MAX_VALUE); // saturates, never overflows
        }
        if (values > BatchSpec.MAX_VALUES) {
            throw new CommandLine.ParameterException(cl, "--shape " + shapeText(s) + " holds more values than a batch "
                    + "may (at most " + BatchSpec.MAX_VALUES + ", 64 MB)");
        }
        if (values / s[1] < 2) {
            throw new CommandLine.ParameterException(cl, "--shape " + shapeText(s) + " has 1 value per channel, and a "
                    + "forward in train mode needs more (PyTorch: Expected more than 1 value per channel when training)");
        }
        if (steps < 0 || steps > 100_000_000L) {
            throw new CommandLine.ParameterException(cl, "--steps must be from 0 to 100000000, got " + steps);
        }
        if (!(seconds >= 1 && seconds <= 3600)) {
            throw new CommandLine.ParameterException(cl, "--seconds must be from 1 to 3600, got " + seconds);
        }
        if (!(warmup >= 0 && warmup <= 600)) {
            throw new CommandLine.ParameterException(cl, "--warmup must be from 0 to 600, got " + warmup);
        }
        PrintWriter out = cl.getOut();
        UiBenchmark.Result r = UiBenchmark.run(s, steps, warmup, seconds, width, height, fresh, out);
        out.printf(java.util.Locale.ROOT, "shape %s, %s batch, history filled with %,d steps in %.1f s%n",
                java.util.Arrays.toString(s), fresh ? "a fresh" : "the same", r.filledSteps(), r.fillSeconds());
        out.printf(java.util.Locale.ROOT, "playing %.0f s after %.0f s of warm-up: %.1f fps, frame p50 %.1f ms, p99 %.1f ms, %,.0f steps/s%n",
                seconds, warmup, r.fps(), r.frameP50Ms(), r.frameP99Ms(), r.stepsPerS());
        double[] b = r.benchPerS();
        out.printf(java.util.Locale.ROOT, "bench (the same shape, timed %d times: before, between and after %d slices of "
                        + "playing): %s forwards/s, mean %,.0f; playing gave %.0f %% of their mean%n", b.length, b.length - 1,
                java.util.Arrays.stream(b).mapToObj(v -> String.format(java.util.Locale.ROOT, "%,.0f", v))
                        .collect(java.util.stream.Collectors.joining(", ")), r.benchMeanPerS(), 100 * r.stepsVsBench());
        out.printf(java.util.Locale.ROOT, "the window idle while bench timed the forward (both cores busy, nothing to "
                + "draw): frame p50 %.1f ms, p99 %.1f ms, the floor for the frames while playing%n", r.idleFrameP50Ms(),
                r.idleFrameP99Ms());
        out.printf(java.util.Locale.ROOT, "heap after GC %.1f MB, history %,d bytes (%.1f MB)%n", r.heapMb(),
                r.historyBytes(), r.historyBytes() / (1024.0 * 1024.0));
        if (json) {
            out.println(r.toJson());
        }
        out.flush();
        return 0;
    }

    private static String shapeText(int[] shape) {
        return java.util.Arrays.stream(shape).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }
}
