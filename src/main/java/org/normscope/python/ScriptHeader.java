package org.normscope.python;

import org.normscope.scenario.Scenario;

/** The comment at the top of a script: what it is, what made it from which scenario, how to run it. */
final class ScriptHeader {

    private ScriptHeader() {
    }

    static String text(Scenario scenario, String scriptName, String dataFile) {
        String run = "python3 " + scriptName.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?");
        String pad = " ".repeat(run.length());
        int steps = scenario.steps().size();
        StringBuilder sb = new StringBuilder()
                .append("# A PyTorch script made by ").append(PythonScript.MADE_BY)
                .append(" (export-python) from the scenario ").append(PythonLiterals.string(scenario.name()))
                .append(".\n")
                .append("# It builds the layer, replays every step through torch.nn, and compares what PyTorch gives\n")
                .append("# with the numbers NormScope's engine gave for the same steps (")
                .append(dataFile == null ? "embedded below" : "in " + PythonLiterals.string(dataFile) + ", beside it")
                .append(").\n")
                .append("# It needs Python 3 and PyTorch (made for PyTorch 1.13), nothing else.\n")
                .append("#\n")
                .append("#   ").append(run).append("         one line per difference, then \"N passed, M failed\":\n")
                .append("#   ").append(pad).append("         N and M count the compared items, each step's error,\n")
                .append("#   ").append(pad).append("         output, running_mean, running_var, num_batches_tracked\n")
                .append("#   ").append(pad).append("         and gradients; exit code 0 when none failed, else 1\n")
                .append("#   ").append(run).append(" --json  PyTorch's result as normscope-result/1 JSON instead\n")
                .append("#\n")
                .append("# The layer: ").append(LayerCode.constructor(scenario.layer())).append(", ")
                .append(steps).append(steps == 1 ? " step" : " steps").append("; numbers match when\n")
                .append("# |got - want| <= atol + rtol * |want| with atol ")
                .append(PythonLiterals.number(scenario.tolerance().atol())).append(", rtol ")
                .append(PythonLiterals.number(scenario.tolerance().rtol())).append('.');
        return sb.toString();
    }
}
