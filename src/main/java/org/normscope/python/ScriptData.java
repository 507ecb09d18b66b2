package org.normscope.python;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.normscope.scenario.LayerSpec;
import org.normscope.scenario.Result;
import org.normscope.scenario.Scenario;
import org.normscope.scenario.Step;
import org.normscope.scenario.StepResult;

/**
 * The data section at the end of a script: the scenario's tensors, its steps and NormScope's
 * result for each step, embedded as Python literals ({@code TENSORS}, {@code INITIAL},
 * {@code STEPS}, {@code EXPECTED}), or read from a JSON file beside the script when the
 * tensors are too many to embed. Steps and results name tensors by their index in
 * {@code TENSORS}; the script's {@code with_tensors} swaps the indexes for the tensors.
 */
final class ScriptData {

    /** Base64 characters per line of the script. */
    private static final int LINE = 88;

    private final TensorTable tensors = new TensorTable();
    private final String initial;
    private final List<String> steps = new ArrayList<>();
    private final List<String> expected = new ArrayList<>();

    /** Collects every tensor of the scenario and of the result, each distinct one once. */
    ScriptData(Scenario scenario, Result result) {
        LayerSpec layer = scenario.layer();
        List<String> init = new ArrayList<>();
        for (String name : LayerCode.INITIAL_TENSORS) {
            float[] v = LayerCode.initial(layer, name);
            if (v != null) {
                init.add(key(name) + tensors.add(v));
            }
        }
        initial = "{" + String.join(", ", init) + "}";
        for (Step step : scenario.steps()) {
            steps.add(step(step));
        }
        for (StepResult r : result.steps()) {
            expected.add(result(r));
        }
    }

    /** The bytes of the distinct tensors as float32: what embedding them costs, before base64. */
    long tensorBytes() {
        return tensors.bytes();
    }

    /** The distinct tensors, in the order of their indexes. */
    List<TensorTable.Entry> tensors() {
        return tensors.entries();
    }

    /** The data section with everything embedded. */
    String embedded() {
        StringBuilder sb = new StringBuilder();
        sb.append(PythonScript.SECTION).append("the scenario's data\n")
                .append("# Each distinct tensor once, as (shape, base64 of its float32 values, little-endian);\n")
                .append("# the steps and results below name tensors by their index in this list.\n")
                .append("TENSORS = [decode(shape, text) for shape, text in [\n");
        List<TensorTable.Entry> entries = tensors.entries();
        for (int i = 0; i < entries.size(); i++) {
            appendTensor(sb, i, entries.get(i));
        }
        sb.append("]]\n\n")
                .append("# The layer's parameters and state before the first step, where the scenario sets them.\n")
                .append("INITIAL = with_tensors(").append(initial).append(", TENSORS)\n\n")
                .append("# The scenario's steps, in order.\n");
        appendList(sb, "STEPS", steps);
        sb.append("\n# NormScope's result for each step, from its engine when this script was made.\n");
        appendList(sb, "EXPECTED", expected);
        return sb.toString();
    }

    /** The data section that reads {@code {"scenario": …, "expected": …}} from {@code dataFile} beside the script. */
    static String fromFile(String dataFile, long tensorBytes) {
        return PythonScript.SECTION + "the scenario's data\n"
                + "# The scenario's tensors (" + megabytes(tensorBytes) + " as float32) are too many to embed:\n"
                + "# they are in DATA_FILE beside this script, {\"scenario\": ..., \"expected\": ...} as NormScope\n"
                + "# writes it, with NormScope's result for each step in \"expected\".\n"
                + "DATA_FILE = " + PythonLiterals.string(dataFile) + "\n\n\n"
                + """
                def read_data_file():
                    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), DATA_FILE)
                    with open(path, encoding="utf-8") as f:
                        data = json.load(f)
                    return data["scenario"], data["expected"]


                SCENARIO, RESULT = read_data_file()
                INITIAL = with_tensors(SCENARIO["layer"], None)
                STEPS = [with_tensors(step, None) for step in SCENARIO["steps"]]
                EXPECTED = [with_tensors(entry, None) for entry in RESULT["steps"]]
                """;
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    private static void appendTensor(StringBuilder sb, int index, TensorTable.Entry e) {
        String shape = PythonLiterals.shape(e.shape());
        String text = e.base64();
        if (text.length() <= LINE) {
            sb.append("    (").append(shape).append(", \"").append(text).append("\"),  # ").append(index).append('\n');
            return;
        }
        sb.append("    (").append(shape).append(",  # ").append(index).append('\n');
        for (int from = 0; from < text.length(); from += LINE) {
            sb.append("     \"").append(text, from, Math.min(text.length(), from + LINE)).append('"');
            sb.append(from + LINE >= text.length() ? "),\n" : "\n");
        }
    }

    private static void appendList(StringBuilder sb, String name, List<String> items) {
        sb.append(name).append(" = [with_tensors(entry, TENSORS) for entry in [\n");
        for (int i = 0; i < items.size(); i++) {
            sb.append("    ").append(items.get(i)).append(",  # steps[").append(i).append("]\n");
        }
        sb.append("]]\n");
    }

    private static String key(String name) {
        return "\"" + name + "\": ";
    }

    private String step(Step step) {
        List<String> fields = new ArrayList<>();
        if (step instanceof Step.Forward f) {
            fields.add(key("op") + "\"forward\"");
            fields.add(key("mode") + "\"" + f.mode().name() + "\"");
            fields.add(key("input") + tensors.add(f.input()));
            if (f.gradOutput() != null) {
                fields.add(key("grad_output") + tensors.add(f.gradOutput()));
            }
        } else if (step instanceof Step.Set s) {
            fields.add(key("op") + "\"set\"");
            if (s.eps() != null) {
                fields.add(key("eps") + PythonLiterals.number(s.eps()));
            }
            if (s.momentum() != null) {
                fields.add(key("momentum") + LayerCode.momentum(s.momentum()));
            }
            if (s.weight() != null) {
                fields.add(key("weight") + tensors.add(s.weight()));
            }
            if (s.bias() != null) {
                fields.add(key("bias") + tensors.add(s.bias()));
            }
        } else {
            fields.add(key("op") + "\"reset_running_stats\"");
        }
        return "{" + String.join(", ", fields) + "}";
    }

    /** One result entry, with the keys of {@code normscope-result/1} in ResultJson's order. */
    private String result(StepResult r) {
        List<String> fields = new ArrayList<>();
        if (r.error() != null) {
            fields.add(key("error") + "{" + key("type") + PythonLiterals.string(r.error().type()) + ", "
                    + key("message") + PythonLiterals.string(r.error().message()) + "}");
        } else {
            fields.add(key("output") + (r.output() == null ? "None" : tensors.add(r.output())));
        }
        fields.add(key("running_mean") + vector(r.runningMean()));
        fields.add(key("running_var") + vector(r.runningVar()));
        fields.add(key("num_batches_tracked") + (r.numBatchesTracked() == null ? "None" : r.numBatchesTracked()));
        if (r.hasGradients()) {
            fields.add(key("grad_input") + (r.gradInput() == null ? "None" : tensors.add(r.gradInput())));
            fields.add(key("grad_weight") + vector(r.gradWeight()));
            fields.add(key("grad_bias") + vector(r.gradBias()));
        }
        return "{" + String.join(", ", fields) + "}";
    }

    private String vector(float[] v) {
        return v == null ? "None" : String.valueOf(tensors.add(v));
    }
}
