package org.normscope.cli;

import java.util.concurrent.Callable;
import org.normscope.ui.app.NormScopeApp;
import picocli.CommandLine.Command;

/** {@code app}: opens the desktop window (what running with no command does too). */
@Command(name = "app", mixinStandardHelpOptions = true, description = "Open the desktop window (the default).")
final class AppCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        NormScopeApp.launchApp();
        return 0;
    }
}
