package org.normscope.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.normscope.engine.Tensor;

/**
 * A file holding one tensor: {@code {"tensor": {...}}} (as in golden/repr, other fields ignored) or a
 * bare tensor {@code {"shape", "data"}} and no other field.
 */
public final class TensorFile {

    private static final java.util.List<String> WRAPPER_FIELDS_OR_TENSOR = java.util.List.of("tensor", "shape", "data");

    private TensorFile() {
    }

    /** The tensor in the given JSON text. */
    public static Tensor parse(String json) throws ScenarioFormatException {
        JsonNode root = ScenarioFile.parseJson(json);
        ScenarioFormatException.FIELDS.object(root, "");
        if (root.has("tensor")) {
            return TensorJson.readExact(root.get("tensor"), "tensor");
        }
        if (!root.has("shape") && !root.has("data")) {
            ScenarioFormatException.FIELDS.noUnknownFields(root, "", WRAPPER_FIELDS_OR_TENSOR, " of a tensor file");
        }
        return TensorJson.readExact(root, "");
    }
}
