package org.normscope.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.explain.ExplanationLine;
import org.normscope.explain.ExplanationLines;
import org.normscope.explain.Explainer;
import org.normscope.explain.GroupExplainer;
import org.normscope.explain.LayerSnapshot;
import org.normscope.explain.StepExplanation;
import org.normscope.json.ShortestFloat;
import org.normscope.scenario.Replayer;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.ScenarioFormatException;
import org.normscope.scenario.Step;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain FILE --step K}: replays steps 1..K−1, then explains step K formula by formula. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain one forward step of a scenario (or a golden file) for one channel and one element: "
            + "every formula with the engine's numbers substituted, one per line, each with its caption.",
            "Steps 1..K-1 are replayed first. A bad file or argument: one line on stderr, exit 2."})
final class ExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "scenario or golden JSON file, or - for stdin")
    String file;

    @Option(names = "--step", required = true, paramLabel = "K", description = "the step to explain, from 1; "
            + "it must be a forward step")
    int step;

    @Option(names = "--channel", paramLabel = "C", defaultValue = "0", description = "the channel (default 0)")
    int channel;

    @Option(names = "--element", paramLabel = "E", defaultValue = "0",
            description = "which of the channel's n values, batch-major (default 0)")
    int element;

    @Option(names = "--json", description = "print one JSON object instead of the formulas")
    boolean json;

    @Override
    public Integer call() {
        ScenarioFile input;
        NormLayer built;
        try {
            input = ScenarioFile.parse(InputFiles.read(file));
            built = Replayer.create(input.scenario().layer());
        } catch (InputFiles.BadInput e) {
            return fail(e.getMessage());
        } catch (ScenarioFormatException e) {
            return fail(file + ": " + e.getMessage());
        }
        if (!(built instanceof BatchNorm) && json) {
            return fail(file + ": --json explains BatchNorm alone; " + built.kind() + " is explained as text");
        }
        List<Step> steps = input.scenario().steps();
        if (step < 1 || step > steps.size()) {
            return fail(file + ": step " + step + " is out of range: the scenario has " + steps.size() + " step"
                    + (steps.size() == 1 ? "" : "s") + " (1 to " + steps.size() + ")");
        }
        if (!(steps.get(step - 1) instanceof Step.Forward forward)) {
            return fail(file + ": step " + step + " is not a forward step, so there is nothing to explain");
        }
        for (Step s : steps.subList(0, step - 1)) {
            Replayer.run(built, s);
        }
        if (!(built instanceof BatchNorm layer)) {
            return explainGroup(built, forward);
        }
        StepExplanation explanation;
        try {
            explanation = Explainer.explain(LayerSnapshot.of(layer), forward.mode() == Step.Mode.train,
                    forward.input(), channel, element);
        } catch (IllegalArgumentException e) {
            return fail(file + ": step " + step + ": " + e.getMessage());
        }
        List<ExplanationLine> lines = ExplanationLines.of(explanation);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ExplanationJson.write(explanation, lines));
        } else {
            out.println("Step " + step + " (" + forward.mode() + "), channel " + channel + ", element " + element
                    + ": " + explanation.layer());
            for (ExplanationLine line : lines) {
                out.println();
                out.println(line.formula());
                out.println("  " + line.caption());
            }
        }
        out.flush();
        return 0;
    }

    /** InstanceNorm, LayerNorm, GroupNorm: the element's group, m, μ, σ² and y ({@link GroupExplainer}). */
    private int explainGroup(NormLayer layer, Step.Forward forward) {
        Tensor x = forward.input();
        if (x.dim() < 2 || channel >= x.size(1) || element < 0 || element >= x.numel() / x.size(1)) {
            return fail(file + ": step " + step + ": channel " + channel + ", element " + element
                    + " is not in the input " + x.sizeString());
        }
        layer.train(forward.mode() == Step.Mode.train);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Step " + step + " (" + forward.mode() + "), channel " + channel + ", element " + element + ": "
                + layer);
        for (ExplanationLine line : GroupExplainer.explain(layer, x, channel, element)) {
            out.println();
            out.println(line.formula());
            out.println("  " + line.caption());
        }
        out.flush();
        return 0;
    }

    private int fail(String message) {
        spec.commandLine().getErr().println("normscope explain: " + message);
        return Main.BAD_INPUT;
    }

    /** The {@code --json} object: snake_case keys, numbers as JSON numbers, null where not applicable. */
    static final class ExplanationJson {

        private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(ShortestFloat.JSON_FEATURE).build();

        private ExplanationJson() {
        }

        static String write(StepExplanation e, List<ExplanationLine> lines) {
            ObjectNode o = MAPPER.createObjectNode();
            o.put("case", e.stepCase().name().toLowerCase(Locale.ROOT));
            o.put("mode", e.training() ? "train" : "eval");
            o.put("layer", e.layer());
            ArrayNode shape = o.putArray("shape");
            for (int d : e.shape()) {
                shape.add(d);
            }
            o.put("channel", e.channel());
            o.put("element", e.element());
            o.put("n", e.n());
            o.put("n_product", e.sizeProduct().isEmpty() ? null : e.sizeNames() + " = " + e.sizeProduct());
            number(o, "x_element", e.x());
            var b = e.batch();
            number(o, "batch_mean", b == null ? null : b.mean());
            number(o, "batch_var_biased", b == null ? null : b.varBiased());
            number(o, "batch_var_unbiased", b == null ? null : (float) b.varUnbiased());
            var r = e.running();
            boolean updated = r != null && r.updated();
            number(o, "factor", updated ? r.factor() : null);
            // as in a scenario file: null for momentum None (then "cumulative_average" is true)
            if (r == null || r.momentum().isCumulative()) {
                o.putNull("momentum");
            } else {
                o.put("momentum", r.momentum().value());
            }
            if (r == null) {
                o.putNull("cumulative_average");
            } else {
                o.put("cumulative_average", r.momentum().isCumulative());
            }
            if (r == null && (e.refusal() == null || e.refusal().numBatchesTrackedAfter() == null)) {
                o.putNull("num_batches_tracked");
            } else {
                o.put("num_batches_tracked", r != null ? r.numBatchesTracked() : e.refusal().numBatchesTrackedAfter());
            }
            number(o, "running_mean_before", r == null ? null : r.meanBefore());
            number(o, "running_mean_after", r == null ? null : r.meanAfter());
            number(o, "running_var_before", r == null ? null : r.varBefore());
            number(o, "running_var_after", r == null ? null : r.varAfter());
            var nm = e.normalization();
            if (nm == null) {
                o.putNull("eps");
            } else {
                o.put("eps", nm.eps());
            }
            number(o, "weight", nm == null ? null : nm.weight());
            number(o, "bias", nm == null ? null : nm.bias());
            number(o, "mean_used", nm == null ? null : nm.mean());
            number(o, "var_used", nm == null ? null : nm.var());
            number(o, "invstd", nm == null ? null : nm.invstd());
            number(o, "y_element", nm == null ? null : nm.y());
            o.put("other_mode", e.otherMode().training() ? "train" : "eval");
            number(o, "other_mode_y", e.otherMode().y());
            error(o, "error", e.refusal());
            error(o, "other_mode_error", e.otherMode().refusal());
            ArrayNode arr = o.putArray("lines");
            for (ExplanationLine line : lines) {
                ObjectNode l = arr.addObject();
                l.put("key", line.key());
                l.put("caption", line.caption());
                l.put("formula", line.formula());
                l.put("tex", line.tex());
            }
            try {
                return MAPPER.writeValueAsString(o);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        }

        /** A float as its shortest digits; non-finite values as the scenario format's strings. */
        private static void number(ObjectNode o, String key, Float value) {
            if (value == null) {
                o.putNull(key);
            } else if (Float.isNaN(value)) {
                o.put(key, "NaN");
            } else if (Float.isInfinite(value)) {
                o.put(key, value > 0 ? "Infinity" : "-Infinity");
            } else {
                o.put(key, value.floatValue());
            }
        }

        private static void error(ObjectNode o, String key, StepExplanation.Refusal refusal) {
            if (refusal == null) {
                o.putNull(key);
                return;
            }
            ObjectNode err = o.putObject(key);
            err.put("type", refusal.type());
            err.put("message", refusal.message());
        }
    }
}
