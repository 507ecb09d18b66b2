package org.normscope.json;

import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.show;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.List;

/**
 * Reading typed fields out of a JSON tree, with one-line errors that name the field's path
 * ({@code layer.eps: expected a number >= 0, got "x"}): the one reader of the scenario, result
 * and preset formats. Each format makes one with the refusal of its own kind
 * ({@code ScenarioFormatException::at}), so its readers throw that kind.
 *
 * @param <E> the format's exception
 */
public final class JsonFields<E extends JsonFormatException> {

    /** Makes the format's exception for a problem at a path. */
    @FunctionalInterface
    public interface Refusal<E extends JsonFormatException> {
        E at(String path, String problem);
    }

    private final Refusal<E> refusal;
    private final boolean suggestNearest;

    /**
     * @param refusal        the format's exception for a problem at a path
     * @param suggestNearest whether an unknown field is answered with the known name it most
     *                       likely meant ({@code did you mean momentum?}) when one is near, rather
     *                       than always with the list of known fields
     */
    public JsonFields(Refusal<E> refusal, boolean suggestNearest) {
        this.refusal = refusal;
        this.suggestNearest = suggestNearest;
    }

    /** The format's exception for {@code problem} at {@code path}, to throw. */
    public E at(String path, String problem) {
        return refusal.at(path, problem);
    }

    /** {@code node}, which must be an object. */
    public JsonNode object(JsonNode node, String path) throws E {
        if (node == null || node.isMissingNode()) {
            throw at(path, "missing, expected an object");
        }
        if (!node.isObject()) {
            throw at(path, "expected an object, got " + show(node));
        }
        return node;
    }

    /**
     * Refuses a field the object should not have, at its path: {@code steps[0].layer.momentun:
     * unknown field; did you mean momentum?} (when this reader suggests, and a name is near), or
     * the fields it may have ({@code ...; expected one of eps, momentum}).
     *
     * @param where what the fields belong to, when it matters ({@code " for a LayerNorm"}), or ""
     */
    public void noUnknownFields(JsonNode node, String path, List<String> known, String where) throws E {
        String field = JsonPaths.firstUnknownField(node, known);
        if (field != null) {
            String near = suggestNearest ? JsonPaths.nearest(field, known) : null;
            throw at(child(path, field), "unknown field" + where + (near != null
                    ? "; did you mean " + near + "?" : "; expected one of " + String.join(", ", known)));
        }
    }

    /** The field {@code field} of {@code parent}, which must be there (it may be a JSON null). */
    public JsonNode required(JsonNode parent, String field, String path, String expected) throws E {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw at(child(path, field), "missing, expected " + expected);
        }
        return node;
    }

    /** An absent or null field is {@code null}. */
    public static JsonNode optional(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? null : node;
    }

    public String text(JsonNode node, String path, String expected) throws E {
        if (!node.isTextual()) {
            throw at(path, "expected " + expected + ", got " + show(node));
        }
        return node.asText();
    }

    public int positiveInt(JsonNode node, String path) throws E {
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < 1) {
            throw at(path, "expected a whole number >= 1, got " + show(node));
        }
        return node.asInt();
    }

    public long wholeNumber(JsonNode node, String path) throws E {
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.asLong() < 0) {
            throw at(path, "expected a whole number >= 0, got " + show(node));
        }
        return node.asLong();
    }

    public boolean bool(JsonNode node, String path) throws E {
        if (node.getNodeType() != JsonNodeType.BOOLEAN) {
            throw at(path, "expected true or false, got " + show(node));
        }
        return node.asBoolean();
    }

    /** The field {@code field} of {@code parent} as true or false, {@code fallback} when absent. */
    public boolean bool(JsonNode parent, String field, String path, boolean fallback) throws E {
        JsonNode node = parent.get(field);
        return node == null ? fallback : bool(node, child(path, field));
    }

    public double number(JsonNode node, String path, String expected) throws E {
        if (!node.isNumber()) {
            throw at(path, "expected " + expected + ", got " + show(node));
        }
        return node.asDouble();
    }

    /** The field {@code field} of {@code parent} as a number, {@code fallback} when absent. */
    public double number(JsonNode parent, String field, String path, double fallback, String expected) throws E {
        JsonNode node = parent.get(field);
        return node == null ? fallback : number(node, child(path, field), expected);
    }
}
