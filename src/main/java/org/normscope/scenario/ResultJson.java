package org.normscope.scenario;

import static org.normscope.json.JsonFields.optional;
import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.element;
import static org.normscope.json.JsonPaths.show;
import static org.normscope.scenario.ScenarioFormatException.FIELDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.normscope.engine.Tensor;
import org.normscope.json.ShortestFloat;

/** Reads and writes results ({@code normscope-result/1}, see the spec). */
public final class ResultJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Floats as their shortest decimal ({@link ShortestFloat}). */
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(ShortestFloat.JSON_FEATURE).build();

    private static final List<String> TOP_FIELDS = List.of("format", "steps");
    private static final List<String> STEP_FIELDS = List.of("output", "error", "running_mean", "running_var",
            "num_batches_tracked", "grad_input", "grad_weight", "grad_bias");
    private static final List<String> ERROR_FIELDS = List.of("type", "message");

    private ResultJson() {
    }

    /**
     * The result as JSON text: the header on the first line, then one step per line, so that
     * a diff of two results lines up step by step.
     */
    public static String write(Result result) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\"format\":\"").append(Result.FORMAT).append("\",\"steps\":[");
        List<StepResult> steps = result.steps();
        for (int i = 0; i < steps.size(); i++) {
            sb.append(i == 0 ? "\n" : ",\n");
            try {
                sb.append(MAPPER.writeValueAsString(writeStep(steps.get(i))));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.append("\n]}").toString();
    }

    /** One step's entry as a JSON object. */
    public static ObjectNode writeStep(StepResult r) {
        ObjectNode node = NODES.objectNode();
        if (r.error() != null) {
            ObjectNode err = node.putObject("error");
            err.put("type", r.error().type());
            err.put("message", r.error().message());
        } else if (r.output() != null) {
            node.set("output", TensorJson.write(r.output()));
        } else {
            node.putNull("output");
        }
        node.set("running_mean", TensorJson.writeVector(r.runningMean()));
        node.set("running_var", TensorJson.writeVector(r.runningVar()));
        if (r.numBatchesTracked() == null) {
            node.putNull("num_batches_tracked");
        } else {
            node.put("num_batches_tracked", r.numBatchesTracked());
        }
        if (r.hasGradients()) {
            node.set("grad_input", r.gradInput() == null ? NODES.nullNode() : TensorJson.write(r.gradInput()));
            node.set("grad_weight", TensorJson.writeVector(r.gradWeight()));
            node.set("grad_bias", TensorJson.writeVector(r.gradBias()));
        }
        return node;
    }

    /** The result object at {@code path} of a parsed document. */
    public static Result read(JsonNode root, String path) throws ScenarioFormatException {
        FIELDS.object(root, path);
        FIELDS.noUnknownFields(root, path, TOP_FIELDS, "");
        JsonNode format = optional(root, "format");
        if (format != null && !Result.FORMAT.equals(format.asText())) {
            throw ScenarioFormatException.at(child(path, "format"), "expected \"" + Result.FORMAT + "\", got " + show(format));
        }
        JsonNode steps = FIELDS.required(root, "steps", path, "a list of step results");
        String sp = child(path, "steps");
        if (!steps.isArray()) {
            throw ScenarioFormatException.at(sp, "expected a list of step results, got " + show(steps));
        }
        List<StepResult> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            out.add(readStep(steps.get(i), element(sp, i)));
        }
        return new Result(out);
    }

    private static StepResult readStep(JsonNode node, String path) throws ScenarioFormatException {
        FIELDS.object(node, path);
        FIELDS.noUnknownFields(node, path, STEP_FIELDS, "");
        StepResult.StepError error = null;
        JsonNode err = optional(node, "error");
        if (err != null) {
            String ep = child(path, "error");
            FIELDS.object(err, ep);
            FIELDS.noUnknownFields(err, ep, ERROR_FIELDS, "");
            error = new StepResult.StepError(
                    FIELDS.text(FIELDS.required(err, "type", ep, "an exception type"), child(ep, "type"), "a string"),
                    FIELDS.text(FIELDS.required(err, "message", ep, "a message"), child(ep, "message"), "a string"));
        }
        JsonNode outNode = optional(node, "output");
        Tensor output = outNode == null ? null : TensorJson.readExact(outNode, child(path, "output"));
        float[] rm = TensorJson.readVector(node.get("running_mean"), child(path, "running_mean"));
        float[] rv = TensorJson.readVector(node.get("running_var"), child(path, "running_var"));
        JsonNode nbtNode = optional(node, "num_batches_tracked");
        Long nbt = nbtNode == null ? null : FIELDS.wholeNumber(nbtNode, child(path, "num_batches_tracked"));
        boolean hasGrad = node.has("grad_input");
        Tensor gradInput = null;
        float[] gw = null;
        float[] gb = null;
        if (hasGrad) {
            JsonNode gi = optional(node, "grad_input");
            gradInput = gi == null ? null : TensorJson.readExact(gi, child(path, "grad_input"));
            gw = TensorJson.readVector(node.get("grad_weight"), child(path, "grad_weight"));
            gb = TensorJson.readVector(node.get("grad_bias"), child(path, "grad_bias"));
        }
        return new StepResult(output, error, rm, rv, nbt, hasGrad, gradInput, gw, gb);
    }
}
