package org.normscope.cli;

import java.util.concurrent.Callable;
import org.normscope.demo.NotebookDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code demo notebook}: replays the reference notebook and prints what it printed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Replay a demo. 'notebook': the BatchNorm notebook our users start from "
            + "(BatchNorm1d(4, eps=0, momentum=0.3) on torch.ones(2, 4, 1), ...), printing what it printed.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "which demo: ${COMPLETION-CANDIDATES}")
    Demo name;

    enum Demo { notebook }

    @Override
    public Integer call() {
        new NotebookDemo(spec.commandLine().getOut()).run();
        spec.commandLine().getOut().flush();
        return 0;
    }
}
