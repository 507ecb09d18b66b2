package org.normscope.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.normscope.scenario.Result;
import org.normscope.scenario.ResultComparator;
import org.normscope.scenario.ResultJson;
import org.normscope.scenario.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code replay FILE}: runs a scenario on the engine and prints the result JSON. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replay a scenario (or a golden file {\"scenario\", \"expected\"}) on the engine and print "
            + "the result JSON (normscope-result/1) on stdout.",
            "Refused steps are results too (exit 0). A bad file: one line on stderr, exit 2."})
final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "scenario or golden JSON file, or - for stdin")
    String file;

    @Option(names = "--check", description = "for a golden file: also compare with its expected result; "
            + "differences go to stderr and exit 1")
    boolean check;

    @Override
    public Integer call() {
        ScenarioFile input;
        Result result;
        try {
            ReplayedScenario replayed = ReplayedScenario.of(file);
            input = replayed.input();
            result = replayed.result();
        } catch (InputFiles.BadInput e) {
            return fail(e.getMessage());
        }
        if (check && input.expected() == null) {
            return fail(file + ": --check needs a golden file with an \"expected\" result");
        }
        spec.commandLine().getOut().println(ResultJson.write(result));
        spec.commandLine().getOut().flush();
        if (!check) {
            return 0;
        }
        List<String> differences = ResultComparator.compare(result, input.expected(), input.scenario().tolerance());
        differences.forEach(d -> spec.commandLine().getErr().println(file + ": " + d));
        spec.commandLine().getErr().println(file + ": " + (differences.isEmpty()
                ? "matches the expected result (" + count(result.steps().size(), "step") + ")"
                : count(differences.size(), "difference") + " from the expected result"));
        return differences.isEmpty() ? 0 : Main.DIFFERENCES;
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("normscope replay: " + message);
        return Main.BAD_INPUT;
    }
}
