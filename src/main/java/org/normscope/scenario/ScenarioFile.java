package org.normscope.scenario;

import static org.normscope.scenario.ScenarioFormatException.FIELDS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.normscope.json.JsonPaths;
import org.normscope.json.ShortestFloat;

/**
 * A file that {@code replay} takes: a scenario, or a golden file
 * {@code {"scenario": …, "expected": …}} whose expected result came from PyTorch.
 *
 * @param expected the golden result, or null for a plain scenario
 */
public record ScenarioFile(Scenario scenario, Result expected) {

    /**
     * Strict as the preset and lesson readers: no text after the document, no field given twice;
     * writes floats as their shortest decimal ({@link ShortestFloat}).
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(ShortestFloat.JSON_FEATURE)
            .build();

    private static final List<String> GOLDEN_FIELDS = List.of("scenario", "expected");

    /** Parses the text of a scenario or golden file. */
    public static ScenarioFile parse(String json) throws ScenarioFormatException {
        JsonNode root = parseJson(json);
        if (root.isObject() && root.has("scenario")) {
            FIELDS.noUnknownFields(root, "", GOLDEN_FIELDS, " of a golden file");
            Scenario s = ScenarioJson.read(root.get("scenario"), "scenario");
            JsonNode exp = root.get("expected");
            Result expected = exp == null || exp.isNull() ? null : ResultJson.read(exp, "expected");
            if (expected != null && expected.steps().size() != s.steps().size()) {
                throw ScenarioFormatException.at("expected.steps", expected.steps().size()
                        + " results, but the scenario has " + s.steps().size() + " steps");
            }
            return new ScenarioFile(s, expected);
        }
        return new ScenarioFile(ScenarioJson.read(root, ""), null);
    }

    /** Parses JSON text into a tree; the error says where the text stops being JSON. */
    public static JsonNode parseJson(String json) throws ScenarioFormatException {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new ScenarioFormatException("not JSON: the file is empty");
            }
            return root;
        } catch (StreamReadException e) {
            String where = JsonPaths.where(e);
            String message = e.getOriginalMessage().lines().findFirst().orElse("");
            if (message.startsWith("Duplicate field")) {
                throw new ScenarioFormatException(JsonPaths.pathOf(e) + ": a field given twice (the second" + where
                        + ")", e);
            }
            throw new ScenarioFormatException("not JSON" + where + ": " + plain(message), e);
        } catch (StreamConstraintsException e) {
            int depth = StreamReadConstraints.defaults().getMaxNestingDepth();
            String message = String.valueOf(e.getOriginalMessage());
            throw new ScenarioFormatException(message.contains("nesting depth")
                    ? "not JSON this reader takes: lists and objects nested more than " + depth + " deep"
                    : "not JSON this reader takes: " + message.lines().findFirst().orElse(""), e);
        } catch (JsonProcessingException e) {
            String where = JsonPaths.where(e);
            throw new ScenarioFormatException("not JSON" + where + ": "
                    + plain(e.getOriginalMessage().lines().findFirst().orElse("")), e);
        }
    }

    /**
     * The parser's message without its advice on the parser's own settings, which a user cannot
     * change: {@code Non-standard token 'NaN': enable `JsonReadFeature...` to allow} says how the
     * spec writes a non-finite value instead.
     */
    static String plain(String message) {
        java.util.regex.Matcher token = java.util.regex.Pattern
                .compile("Non-standard token '(-?Infinity|[+-]?NaN)'.*").matcher(message);
        if (token.matches()) {
            String t = token.group(1);
            return t + " is not a JSON number; write the string \"" + (t.contains("NaN") ? "NaN" : t) + "\"";
        }
        if (message.startsWith("Trailing token")) {
            return "more text after the end of the JSON value";
        }
        return message.replaceAll(": enable `[^`]*` to allow", "")
                .replaceAll(" \\(start marker at .*", "")
                .replaceAll(" \\(not recognized as one since .*", "")
                .replaceAll(" \\(bound as `[^`]*`\\)", "")
                .replaceAll(": not allowed as per `[^`]*`", "");
    }

    /** The file as JSON text: the scenario alone, or the golden pair. */
    public String toJson() {
        try {
            ObjectNode s = ScenarioJson.write(scenario);
            if (expected == null) {
                return MAPPER.writeValueAsString(s);
            }
            ObjectNode root = MAPPER.createObjectNode();
            root.set("scenario", s);
            root.set("expected", MAPPER.readTree(ResultJson.write(expected)));
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
