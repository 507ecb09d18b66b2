package org.normscope.cli;

import java.util.concurrent.Callable;
import org.normscope.print.TensorPrinter;
import org.normscope.scenario.ScenarioFormatException;
import org.normscope.scenario.TensorFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code format FILE}: prints a tensor exactly as PyTorch's {@code print(t)}. */
@Command(name = "format", mixinStandardHelpOptions = true,
        description = "Print a tensor ({\"tensor\": {...}} as in golden/repr, or a bare {\"shape\", \"data\"}) "
            + "exactly as PyTorch's print(t) does with default print options.")
final class FormatCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "tensor JSON file, or - for stdin")
    String file;

    @Override
    public Integer call() {
        try {
            String text = TensorPrinter.repr(TensorFile.parse(InputFiles.read(file)));
            spec.commandLine().getOut().println(text);
            spec.commandLine().getOut().flush();
            return 0;
        } catch (InputFiles.BadInput e) {
            return fail(e.getMessage());
        } catch (ScenarioFormatException e) {
            return fail(file + ": " + e.getMessage());
        }
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("normscope format: " + message);
        return Main.BAD_INPUT;
    }
}
