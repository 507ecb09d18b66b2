package org.normscope.scenario;

import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.List;
import org.normscope.json.JsonPaths;


/** Reading typed fields out of a JSON tree, with errors that name the field's path. */
final class JsonFields {

    private JsonFields() {
    }

    static JsonNode object(JsonNode node, String path) throws ScenarioFormatException {
        if (node == null || node.isMissingNode()) {
            throw ScenarioFormatException.at(path, "missing, expected an object");
        }
        if (!node.isObject()) {
            throw ScenarioFormatException.at(path, "expected an object, got " + show(node));
        }
        return node;
    }

    /**
     * Refuses a field the object should not have, at its path: {@code steps[0].layer.momentun:
     * unknown field; did you mean momentum?}, or the fields it may have when no name is near.
     *
     * @param where what the fields belong to, when it matters ({@code " for a LayerNorm"}), or ""
     */
    static void noUnknownFields(JsonNode node, String path, List<String> known, String where)
            throws ScenarioFormatException {
        String field = JsonPaths.firstUnknownField(node, known);
        if (field != null) {
            String near = JsonPaths.nearest(field, known);
            throw ScenarioFormatException.at(child(path, field), "unknown field" + where + (near != null
                    ? "; did you mean " + near + "?" : "; expected one of " + String.join(", ", known)));
        }
    }

    static JsonNode required(JsonNode parent, String field, String path, String expected) throws ScenarioFormatException {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw ScenarioFormatException.at(child(path, field), "missing, expected " + expected);
        }
        return node;
    }

    /** An absent or null field is {@code null}. */
    static JsonNode optional(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    static String text(JsonNode node, String path, String expected) throws ScenarioFormatException {
        if (!node.isTextual()) {
            throw ScenarioFormatException.at(path, "expected " + expected + ", got " + show(node));
        }
        return node.asText();
    }

    static int positiveInt(JsonNode node, String path) throws ScenarioFormatException {
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1) {
            throw ScenarioFormatException.at(path, "expected a whole number >= 1, got " + show(node));
        }
        return node.asInt();
    }

    static boolean bool(JsonNode node, String path) throws ScenarioFormatException {
        if (node.getNodeType() != JsonNodeType.BOOLEAN) {
            throw ScenarioFormatException.at(path, "expected true or false, got " + show(node));
        }
        return node.asBoolean();
    }

    static double number(JsonNode node, String path, String expected) throws ScenarioFormatException {
        if (!node.isNumber()) {
            throw ScenarioFormatException.at(path, "expected " + expected + ", got " + show(node));
        }
        return node.asDouble();
    }

    static long wholeNumber(JsonNode node, String path) throws ScenarioFormatException {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw ScenarioFormatException.at(path, "expected a whole number >= 0, got " + show(node));
        }
        return node.asLong();
    }
}
