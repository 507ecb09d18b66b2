package org.normscope.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import org.normscope.engine.Tensor;

/** A file holding one tensor: {@code {"tensor": {...}}} (as in golden/repr, other fields ignored) or a bare tensor. */
public final class TensorFile {

    private TensorFile() {
    }

    /** The tensor in the given JSON text. */
    public static Tensor parse(String json) throws ScenarioFormatException {
        JsonNode root = ScenarioFile.parseJson(json);
        if (root.isObject() && root.has("tensor")) {
            return TensorJson.read(root.get("tensor"), "tensor");
        }
        return TensorJson.read(root, "");
    }
}
