package org.normscope.scenario;

import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.element;
import static org.normscope.json.JsonPaths.show;
import static org.normscope.scenario.ScenarioFormatException.FIELDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.normscope.engine.Tensor;

/**
 * Tensors and per-channel vectors in the spec's encoding: {@code {"shape": [...], "data": [...]}},
 * row-major float32 values as JSON numbers, and the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"} for the non-finite ones.
 */
public final class TensorJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String NUMBER = "a number or \"NaN\", \"Infinity\", \"-Infinity\"";

    /** The most dimensions a tensor may have: PyTorch's limit (its printer and kernels recurse over them). */
    public static final int MAX_DIMENSIONS = 64;

    private TensorJson() {
    }

    private static final java.util.List<String> TENSOR_FIELDS = java.util.List.of("shape", "data");

    /** A tensor object {@code {"shape", "data"}} and no other field (as in a scenario or a result). */
    public static Tensor readExact(JsonNode node, String path) throws ScenarioFormatException {
        FIELDS.object(node, path);
        FIELDS.noUnknownFields(node, path, TENSOR_FIELDS, " of a tensor");
        return read(node, path);
    }

    /** A tensor object {@code {"shape", "data"}}; other fields are ignored. */
    public static Tensor read(JsonNode node, String path) throws ScenarioFormatException {
        FIELDS.object(node, path);
        JsonNode shapeNode = FIELDS.required(node, "shape", path, "a list of sizes");
        String shapePath = child(path, "shape");
        if (!shapeNode.isArray()) {
            throw ScenarioFormatException.at(shapePath, "expected a list of sizes, got " + show(shapeNode));
        }
        if (shapeNode.size() > MAX_DIMENSIONS) {
            throw ScenarioFormatException.at(shapePath, "a tensor of " + shapeNode.size() + " dimensions; at most "
                    + MAX_DIMENSIONS + " are supported");
        }
        int[] shape = new int[shapeNode.size()];
        long expected = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.asInt() < 0) {
                throw ScenarioFormatException.at(element(shapePath, i), "expected a size >= 0, got " + show(d));
            }
            shape[i] = d.asInt();
            expected *= shape[i];
            if (expected > Integer.MAX_VALUE - 8) {
                throw ScenarioFormatException.at(shapePath, "too many values for one tensor");
            }
        }
        JsonNode dataNode = FIELDS.required(node, "data", path, "a list of numbers");
        String dataPath = child(path, "data");
        if (!dataNode.isArray()) {
            throw ScenarioFormatException.at(dataPath, "expected a list of numbers, got " + show(dataNode));
        }
        if (dataNode.size() != expected) {
            throw ScenarioFormatException.at(dataPath, dataNode.size() + " values, but shape "
                    + shapeNode + " needs " + expected);
        }
        return new Tensor(shape, values(dataNode, dataPath));
    }

    /** A per-channel vector: a list of numbers, or {@code null} (given as a null node or Java null). */
    public static float[] readVector(JsonNode node, String path) throws ScenarioFormatException {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ScenarioFormatException.at(path, "expected a list of numbers or null, got " + show(node));
        }
        return values(node, path);
    }

    private static float[] values(JsonNode array, String path) throws ScenarioFormatException {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = value(array.get(i), element(path, i));
        }
        return out;
    }

    /** One value: a JSON number (rounded to float32) or one of the three non-finite strings. */
    static float value(JsonNode v, String path) throws ScenarioFormatException {
        if (v.isNumber()) {
            float f = (float) v.asDouble();
            if (Float.isInfinite(f)) { // a JSON number is finite; it must not turn into an infinity unseen
                throw ScenarioFormatException.at(path, show(v) + " is too large for a float32 (at most "
                        + Float.MAX_VALUE + "); write \"Infinity\" or \"-Infinity\" for an infinity");
            }
            return f;
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Float.NaN;
                case "Infinity":
                    return Float.POSITIVE_INFINITY;
                case "-Infinity":
                    return Float.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw ScenarioFormatException.at(path, "expected " + NUMBER + ", got " + show(v));
    }

    /** The tensor object {@code {"shape", "data"}}. */
    public static ObjectNode write(Tensor t) {
        ObjectNode node = NODES.objectNode();
        ArrayNode shape = node.putArray("shape");
        for (int d : t.shape()) {
            shape.add(d);
        }
        node.set("data", writeValues(t.data()));
        return node;
    }

    /** A vector as a list, or a JSON null. */
    public static JsonNode writeVector(float[] v) {
        return v == null ? NODES.nullNode() : writeValues(v);
    }

    private static ArrayNode writeValues(float[] values) {
        ArrayNode array = NODES.arrayNode(values.length);
        for (float f : values) {
            if (Float.isNaN(f)) {
                array.add("NaN");
            } else if (Float.isInfinite(f)) {
                array.add(f > 0 ? "Infinity" : "-Infinity");
            } else {
                array.add(f);
            }
        }
        return array;
    }
}
