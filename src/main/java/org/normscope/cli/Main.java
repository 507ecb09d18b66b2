package org.normscope.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar normscope.jar}: the desktop window; {@code java -jar normscope.jar COMMAND …}:
 * render the window headless to a PNG, replay scenarios, print tensors as PyTorch
 * does, replay the notebook, benchmark the engine. Exit codes: 0 done, 1 a check found
 * differences, 2 bad arguments or a bad file (one line on stderr, no stack trace).
 */
@Command(name = "normscope", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "NormScope: PyTorch's normalization layers, step by step, with PyTorch's numbers.",
        subcommands = {AppCommand.class, ScreenshotCommand.class, ReplayCommand.class, ExplainCommand.class,
            ExportPythonCommand.class, FormatCommand.class,
            DemoCommand.class, RunCommand.class, BenchCommand.class, BenchUiCommand.class, BenchFilesCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** {@code --version}: the pom's, read when asked (it is not a compile-time constant). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {org.normscope.NormScope.NAME_AND_VERSION};
        }
    }

    /** Exit code of a check that found differences. */
    static final int DIFFERENCES = 1;
    /** Exit code of bad arguments or a bad input file. */
    static final int BAD_INPUT = 2;
    /** Exit code of the window asked for where there is no display to show it on. */
    static final int NO_DISPLAY = 4;

    /**
     * One line saying that the window cannot open, or null if it can try: on Linux and the other
     * X11/Wayland systems (not Windows or macOS) neither {@code DISPLAY} nor {@code WAYLAND_DISPLAY}
     * is set (JavaFX would die with a stack trace).
     */
    static String noDisplay(String osName, String display, String waylandDisplay) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return null;
        }
        if ((display == null || display.isBlank()) && (waylandDisplay == null || waylandDisplay.isBlank())) {
            return "normscope: no display to open the window on (DISPLAY is not set); "
                    + "`normscope screenshot` renders the window to a PNG without one";
        }
        return null;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** With no arguments, or one session file: the desktop window ({@code app}). Otherwise the command given. */
    public static void main(String[] args) {
        if (args.length == 0) {
            args = new String[] {"app"};
        } else if (isSessionFile(args)) {
            args = new String[] {"app", args[0]}; // a double-clicked session (the desktop entry's %F)
        }
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Whether the whole command line is one session file ({@code normscope lesson.normscope}): open it in the window. */
    static boolean isSessionFile(String[] args) {
        return args.length == 1 && !args[0].startsWith("-")
                && args[0].toLowerCase(java.util.Locale.ROOT).endsWith(org.normscope.sessionfile.SessionFile.EXTENSION);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        // one line, never the usage (that is what --help is for)
        cli.setParameterExceptionHandler((ex, args2) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println(oneLine(failed.getCommandSpec().qualifiedName(" "), ex));
            return BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("normscope: internal error: " + ex);
            return 3;
        });
        return cli.execute(args);
    }

    /**
     * A refused command line as one line: {@code normscope bench: Unknown option: '--x'; did you mean
     * --shape? (see `normscope bench --help`)}.
     */
    static String oneLine(String command, CommandLine.ParameterException ex) {
        StringBuilder line = new StringBuilder(command).append(": ")
                .append(String.join(" ", String.valueOf(ex.getMessage()).strip().split("\\s*\\R\\s*")));
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions().stream().limit(3).toList()))
                    .append('?');
        }
        return line.append(" (see `").append(command).append(" --help`)").toString();
    }

    /** No command given: say so, and show what there is. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
