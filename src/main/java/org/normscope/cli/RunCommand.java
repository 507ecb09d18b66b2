package org.normscope.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.normscope.files.AtomicWrite;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;
import org.normscope.session.Stat;
import org.normscope.sessionfile.SessionFile;
import org.normscope.sessionfile.SessionFileException;
import org.normscope.sessionfile.SessionView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: steps a preset headless, as the window's Play would, and exports a statistic's
 * history as CSV exactly as the window's File → Export history as CSV does (the same session, the
 * same history, the same CSV code), for tests and scripts.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run a preset's (or a saved session's) steps headless; save the session and/or export a"
                + " statistic's history as CSV, as the window would.")
final class RunCommand implements Callable<Integer> {

    /** The most steps one run takes (about a minute for a small layer here). */
    static final long MAX_STEPS = 1_000_000_000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "a preset's name or id (default notebook)")
    String preset;

    @Option(names = "--session", paramLabel = "FILE.normscope", description = "continue a saved session instead")
    Path session;

    @Option(names = "--save", paramLabel = "FILE.normscope", description = "save the session after the steps")
    Path save;

    @Option(names = "--steps", paramLabel = "K", defaultValue = "0", description = "steps to run (default 0)")
    long steps;

    @Option(names = "--csv", paramLabel = "STAT",
            description = "the statistic to export: running_mean, running_var, batch_mean or batch_var")
    String csv;

    @Option(names = "--rows", paramLabel = "R", defaultValue = "1000",
            description = "about how many rows (default ${DEFAULT-VALUE}): ⌈steps / R⌉ steps a row, as the window's choice")
    long rows;

    @Option(names = "--csv-out", paramLabel = "FILE.csv", description = "where to write the CSV")
    Path csvOut;

    @Override
    public Integer call() {
        if (steps < 0 || steps > MAX_STEPS) {
            return fail("--steps must be from 0 to " + MAX_STEPS + ", got " + steps);
        }
        if (rows < 1 || rows > 10_000_000) {
            return fail("--rows must be from 1 to 10000000, got " + rows);
        }
        Stat stat = null;
        if (csv != null) {
            stat = switch (csv) {
                case "running_mean" -> Stat.RUNNING_MEAN;
                case "running_var" -> Stat.RUNNING_VAR;
                case "batch_mean" -> Stat.BATCH_MEAN;
                case "batch_var" -> Stat.BATCH_VAR;
                default -> null;
            };
            if (stat == null) {
                return fail("--csv must be running_mean, running_var, batch_mean or batch_var, got " + csv);
            }
            if (csvOut == null) {
                return fail("--csv needs --csv-out FILE.csv");
            }
            try {
                AtomicWrite.checkTarget(csvOut); // before the steps, not after a minute of them
            } catch (IOException e) {
                return fail(e.getMessage());
            }
        } else if (csvOut != null) {
            return fail("--csv-out needs --csv STAT");
        }
        if (preset != null && session != null) {
            return fail("--preset and --session cannot be given together");
        }
        if (save != null) {
            try {
                AtomicWrite.checkTarget(save);
            } catch (IOException e) {
                return fail(e.getMessage());
            }
        }
        Session s = Session.notebook();
        String name;
        SessionView view = SessionView.DEFAULT;
        if (session != null) {
            try {
                SessionFile.Saved saved = SessionFile.open(session);
                s.open(saved.state());
                view = saved.view();
            } catch (SessionFileException e) {
                return fail(e.getMessage());
            } catch (IllegalArgumentException e) {
                return fail(session + ": the file is damaged (" + e.getMessage() + ")");
            }
            name = session.getFileName().toString();
        } else {
            Preset p;
            try {
                p = PresetLibrary.find(preset == null ? "notebook" : preset);
            } catch (IllegalArgumentException e) {
                return fail(e.getMessage());
            }
            s.load(p.layer(), p.batches(), p.compareMomentum(), p.training());
            name = p.name();
            view = view.withPreset(p.name());
        }
        long done = 0;
        boolean quiet = steps > SessionRunner.PRINT_ALL_UP_TO; // as the window's command of K steps prints them
        while (done < steps && (quiet ? s.stepQuietly() : s.step())) { // a refused step ends the run, as in the window
            done++;
        }
        s.printUnprinted();
        if (stat != null) {
            long total = s.stepCount();
            long perRow = Math.max(1, (total + rows - 1) / rows);
            Stat chosen = stat;
            try {
                AtomicWrite.utf8(csvOut, out -> s.history().csvColumns(chosen).write(out, 1, total, perRow));
            } catch (IOException e) {
                return fail(e.getMessage());
            }
        }
        if (save != null) {
            try {
                SessionFile.save(save, new SessionFile.Saved(s.state(), view));
            } catch (SessionFileException e) {
                return fail(e.getMessage());
            }
        }
        spec.commandLine().getOut().println("ran " + done + " steps of " + name + " (" + s.stepCount() + " in all)"
                + (stat == null ? "" : "; wrote " + csvOut) + (save == null ? "" : "; saved " + save));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("normscope run: " + message);
        return Main.BAD_INPUT;
    }
}
