package org.normscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionState;
import org.normscope.sessionfile.SessionFile;
import org.normscope.sessionfile.SessionFileException;
import org.normscope.sessionfile.SessionView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench-files}: times saving and opening a session file, as File → Save and Open do: a
 * {@code BatchNorm1d(C)} session on (4, C, 2) batches is stepped K times, then saved (its state
 * taken with a copy of the history, then written) and opened (read, checked, restored) a few
 * times; prints the median of each and the file's size.
 */
@Command(name = "bench-files", mixinStandardHelpOptions = true,
        description = "Time saving and opening a session file of K steps and C channels (File → Save and Open).")
final class BenchFilesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--steps", defaultValue = "1000000", description = "steps in the session (default ${DEFAULT-VALUE})")
    long steps;

    @Option(names = "--channels", defaultValue = "64", description = "C, 1 to 64 (default ${DEFAULT-VALUE})")
    int channels;

    @Option(names = "--repeats", defaultValue = "5", description = "saves and opens timed (default ${DEFAULT-VALUE})")
    int repeats;

    @Override
    public Integer call() throws Exception {
        if (steps < 0 || steps > 100_000_000L) {
            return refuse("--steps must be from 0 to 100000000, got " + steps);
        }
        if (channels < 1 || channels > LayerConfig.MAX_FEATURES) {
            return refuse("--channels must be from 1 to " + LayerConfig.MAX_FEATURES + ", got " + channels);
        }
        if (repeats < 1 || repeats > 100) {
            return refuse("--repeats must be from 1 to 100, got " + repeats);
        }
        List<ChannelSource> sources = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            sources.add(new ChannelSource.Normal(c % 5 - 2, 0.5 + c % 3));
        }
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, channels, 1e-5, Momentum.DEFAULT, true, true),
                new BatchSpec(4, new int[] {2}, sources, 0, 11, true), Momentum.of(0.01));
        long t0 = System.nanoTime();
        for (long i = 0; i < steps; i++) {
            s.stepQuietly();
        }
        double fillS = (System.nanoTime() - t0) / 1e9;
        Path dir = Files.createTempDirectory("normscope-bench-files");
        Path file = dir.resolve("bench" + SessionFile.EXTENSION);
        double[] save = new double[repeats];
        double[] open = new double[repeats];
        try {
            for (int r = 0; r < repeats; r++) {
                long a = System.nanoTime();
                SessionState state = s.state().detached();
                SessionFile.save(file, new SessionFile.Saved(state, SessionView.DEFAULT));
                save[r] = (System.nanoTime() - a) / 1e6;
                long b = System.nanoTime();
                Session copy = Session.notebook();
                copy.restore(SessionFile.open(file).state());
                open[r] = (System.nanoTime() - b) / 1e6;
                if (copy.stepCount() != s.stepCount()) {
                    throw new IllegalStateException("the session opened with " + copy.stepCount() + " steps");
                }
            }
            long bytes = Files.size(file);
            var out = spec.commandLine().getOut();
            out.println(String.format(Locale.ROOT, "session of %,d steps, C = %d (filled in %.1f s); file %.1f MB",
                    steps, channels, fillS, bytes / 1048576.0));
            out.println(String.format(Locale.ROOT, "save: median %.0f ms   min %.0f ms;   open: median %.0f ms   min %.0f ms;"
                    + "   save + open %.0f ms", median(save), min(save), median(open), min(open),
                    median(save) + median(open)));
            out.flush();
        } catch (SessionFileException e) {
            return refuse(e.getMessage());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
        return 0;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        java.util.Arrays.sort(c);
        return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return java.util.Arrays.stream(v).min().orElse(Double.NaN);
    }

    private int refuse(String message) {
        spec.commandLine().getErr().println("normscope bench-files: " + message);
        return Main.BAD_INPUT;
    }
}
