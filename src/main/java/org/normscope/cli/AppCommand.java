package org.normscope.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.normscope.ui.app.NormScopeApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code app [FILE]}: opens the desktop window (what running with no command does too), with the
 * session in {@code FILE} if one is given ({@code normscope x.normscope} is the same: that is how
 * the desktop opens a double-clicked session).
 */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Open the desktop window (the default),"
        + " with the session FILE (.normscope) if given.")
final class AppCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "a saved session to open")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String refused = refusal(file);
        if (refused != null) {
            throw new ParameterException(spec.commandLine(), refused);
        }
        String noDisplay = Main.noDisplay(System.getProperty("os.name", ""), System.getenv("DISPLAY"),
                System.getenv("WAYLAND_DISPLAY"));
        if (noDisplay != null) {
            spec.commandLine().getErr().println(noDisplay);
            return Main.NO_DISPLAY;
        }
        try {
            if (file == null) {
                NormScopeApp.launchApp();
            } else {
                NormScopeApp.launchApp(file.toAbsolutePath().toString());
            }
        } catch (UnsupportedOperationException e) { // JavaFX could not open the display after all
            spec.commandLine().getErr().println("normscope: no display to open the window on (" + e.getMessage()
                    + "); `normscope screenshot` renders the window to a PNG without one");
            return Main.NO_DISPLAY;
        }
        return 0;
    }

    /** Why {@code file} cannot be opened before the window starts (it is missing, a folder, unreadable), or null. */
    static String refusal(Path file) {
        if (file == null) {
            return null;
        }
        if (Files.isDirectory(file)) {
            return file + ": is a folder, not a session file";
        }
        if (!Files.isRegularFile(file)) {
            return file + ": no such file";
        }
        if (!Files.isReadable(file)) {
            return file + ": cannot be read";
        }
        return null;
    }
}
