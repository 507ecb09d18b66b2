package org.normscope.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.Callable;
import org.normscope.python.PythonScript;
import org.normscope.scenario.Result;
import org.normscope.scenario.ScenarioFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export-python FILE [--out FILE.py]}: a Python script that replays the scenario in
 * PyTorch and compares PyTorch's numbers with the engine's (see {@link PythonScript}).
 */
@Command(name = "export-python", mixinStandardHelpOptions = true,
        description = {"Replay a scenario (or a golden file {\"scenario\", \"expected\"}) on the engine and write a "
            + "Python script that replays it in PyTorch and compares PyTorch's numbers with NormScope's.",
            "The script needs Python 3 and PyTorch only. A bad file: one line on stderr, exit 2."})
final class ExportPythonCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "scenario or golden JSON file, or - for stdin")
    String file;

    @Option(names = "--out", paramLabel = "FILE.py", description = "write the script there (and, for a scenario "
            + "with over 4 MB of tensors, FILE.json beside it) instead of printing it")
    String out;

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
        if (out == null) {
            return print(input, result);
        }
        Path target;
        try {
            target = Paths.get(out);
        } catch (InvalidPathException e) {
            return fail(out + ": not a file name (" + e.getReason() + ")");
        }
        try {
            org.normscope.files.AtomicWrite.checkTarget(target); // a folder, a device, a missing folder
        } catch (IOException e) {
            return fail(e.getMessage());
        }
        if (!"-".equals(file) && PythonScript.needsDataFile(input.scenario(), result)
                && sameFile(Paths.get(file), PythonScript.dataFileFor(target))) {
            return fail(out + ": its data would go to " + PythonScript.dataFileFor(target)
                    + ", the input file; give --out another name");
        }
        try {
            PythonScript.Written written = PythonScript.write(input.scenario(), result, target);
            spec.commandLine().getErr().println("normscope export-python: wrote " + written.script()
                    + (written.dataFile() == null ? "" : " and its data " + written.dataFile()));
            return 0;
        } catch (NoSuchFileException e) {
            return fail(out + ": cannot write it (no such folder)");
        } catch (AccessDeniedException e) {
            return fail(out + ": cannot write it (permission denied)");
        } catch (IOException e) {
            return fail(out + ": cannot write it (" + e.getMessage() + ")");
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    private int print(ScenarioFile input, Result result) {
        if (PythonScript.needsDataFile(input.scenario(), result)) {
            return fail(file + ": its tensors are over the " + PythonScript.MAX_EMBEDDED_BYTES / (1024 * 1024)
                    + " MB a script embeds; give --out FILE.py to write them to FILE.json beside the script");
        }
        spec.commandLine().getOut().print(PythonScript.text(input.scenario(), result, scriptName(input)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The file name the header's "how to run it" suggests when the script goes to stdout. */
    private static String scriptName(ScenarioFile input) {
        String name = input.scenario().name().replaceAll("[^A-Za-z0-9_.-]", "_");
        return (name.isEmpty() ? "scenario" : name) + ".py";
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("normscope export-python: " + message);
        return Main.BAD_INPUT;
    }
}
