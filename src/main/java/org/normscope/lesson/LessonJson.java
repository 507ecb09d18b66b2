package org.normscope.lesson;

import static org.normscope.json.JsonPaths.child;
import static org.normscope.json.JsonPaths.element;
import static org.normscope.json.JsonPaths.show;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.normscope.json.JsonPaths;

/**
 * Reads lesson files (the format is described in {@code resources/lessons/README.md}).
 *
 * <p>Reading is strict, as for presets: a field the format does not know, a value of the wrong
 * type, a missing translation, a stage on a preset that does not exist, a field given twice or
 * text after the object are a {@link LessonFormatException} whose one-line message starts with
 * the field's path ({@code stages[1].preset}) and says what was expected.
 */
public final class LessonJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final List<String> TOP_FIELDS = List.of("title", "stages");
    private static final List<String> STAGE_FIELDS = List.of("title", "preset", "run", "text", "question", "press",
            "reveal", "predict", "remote_steps");
    private static final List<String> RUN_FIELDS = List.of("mode", "steps", "weight", "bias");
    /** The most steps the remote's "next" takes in one stage. */
    public static final int MAX_REMOTE_STEPS = 100;
    private static final List<String> TEXT_FIELDS = List.of("en", "zh-CN");

    /** The most steps a stage may run when it opens (a lesson sets a scene, it does not train a model). */
    public static final int MAX_STEPS = 100_000;

    private LessonJson() {
    }

    /**
     * Parses the text of a lesson file.
     *
     * @param id the lesson's id (its file name without {@code .json})
     * @param presetIds the ids of the presets a stage may name
     */
    public static Lesson parse(String json, String id, Collection<String> presetIds) throws LessonFormatException {
        JsonNode root = parseTree(json);
        object(root, "");
        noUnknownFields(root, "", TOP_FIELDS);
        Lesson.Text title = text(required(root, "title", ""), "title", true);
        JsonNode stagesNode = required(root, "stages", "");
        if (!stagesNode.isArray() || stagesNode.isEmpty()) {
            throw new LessonFormatException("stages", "expected a non-empty list of stages, got " + show(stagesNode));
        }
        List<Lesson.Stage> stages = new ArrayList<>();
        for (int i = 0; i < stagesNode.size(); i++) {
            stages.add(stage(stagesNode.get(i), element("stages", i), presetIds));
        }
        return new Lesson(id, title, stages);
    }

    private static Lesson.Stage stage(JsonNode node, String path, Collection<String> presetIds)
            throws LessonFormatException {
        object(node, path);
        noUnknownFields(node, path, STAGE_FIELDS);
        Lesson.Text title = text(required(node, "title", path), child(path, "title"), true);
        String presetPath = child(path, "preset");
        JsonNode presetNode = required(node, "preset", path);
        if (!presetNode.isTextual() || presetNode.asText().isBlank()) {
            throw new LessonFormatException(presetPath, "expected a preset id such as \"notebook\", got "
                    + show(presetNode));
        }
        String preset = presetNode.asText();
        if (!presetIds.contains(preset)) {
            throw new LessonFormatException(presetPath, "no preset \"" + preset + "\"; the presets are: "
                    + String.join(", ", presetIds));
        }
        List<Lesson.Run> run = new ArrayList<>();
        JsonNode runNode = node.get("run");
        if (runNode != null) {
            String runPath = child(path, "run");
            if (!runNode.isArray()) {
                throw new LessonFormatException(runPath, "expected a list such as [{\"mode\": \"train\", \"steps\": 4}, "
                        + "{\"mode\": \"eval\"}], got " + show(runNode));
            }
            for (int i = 0; i < runNode.size(); i++) {
                run.add(run(runNode.get(i), element(runPath, i)));
            }
        }
        Lesson.Text text = text(required(node, "text", path), child(path, "text"), true);
        Lesson.Text question = text(required(node, "question", path), child(path, "question"), true);
        Lesson.Text press = text(required(node, "press", path), child(path, "press"), true);
        JsonNode revealNode = node.get("reveal");
        Lesson.Text reveal = revealNode == null ? Lesson.Text.NONE : text(revealNode, child(path, "reveal"), true);
        Lesson.Ask predict = null;
        JsonNode predictNode = node.get("predict");
        if (predictNode != null) {
            for (Lesson.Ask a : Lesson.Ask.values()) {
                if (predictNode.isTextual() && predictNode.asText().equals(a.json())) {
                    predict = a;
                }
            }
            if (predict == null) {
                throw new LessonFormatException(child(path, "predict"),
                        "expected \"running_mean\", \"running_var\" or \"y\", got " + show(predictNode));
            }
        }
        int remoteSteps = 1;
        JsonNode remoteNode = node.get("remote_steps");
        if (remoteNode != null) {
            if (!remoteNode.isIntegralNumber() || !remoteNode.canConvertToInt() || remoteNode.asInt() < 0
                    || remoteNode.asInt() > MAX_REMOTE_STEPS) {
                throw new LessonFormatException(child(path, "remote_steps"), "expected a whole number from 0 to "
                        + MAX_REMOTE_STEPS + ", got " + show(remoteNode));
            }
            remoteSteps = remoteNode.asInt();
        }
        return new Lesson.Stage(title, preset, run, text, question, press, reveal, predict, remoteSteps);
    }

    private static Lesson.Run run(JsonNode node, String path) throws LessonFormatException {
        object(node, path);
        noUnknownFields(node, path, RUN_FIELDS);
        if (node.isEmpty()) {
            throw new LessonFormatException(path, "expected \"mode\", \"steps\", \"weight\" or \"bias\", got {}");
        }
        Float weight = number(node.get("weight"), child(path, "weight"));
        Float bias = number(node.get("bias"), child(path, "bias"));
        Boolean training = null;
        JsonNode modeNode = node.get("mode");
        if (modeNode != null) {
            String mode = modeNode.isTextual() ? modeNode.asText() : "";
            switch (mode) {
                case "train" -> training = true;
                case "eval" -> training = false;
                default -> throw new LessonFormatException(child(path, "mode"), "expected \"train\" or \"eval\", got "
                        + show(modeNode));
            }
        }
        int steps = 0;
        JsonNode stepsNode = node.get("steps");
        if (stepsNode != null) {
            if (!stepsNode.isIntegralNumber() || !stepsNode.canConvertToInt() || stepsNode.asInt() < 1
                    || stepsNode.asInt() > MAX_STEPS) {
                throw new LessonFormatException(child(path, "steps"), "expected a whole number from 1 to "
                        + MAX_STEPS + ", got " + show(stepsNode));
            }
            steps = stepsNode.asInt();
        }
        return new Lesson.Run(training, steps, weight, bias);
    }

    /** A finite number that fits a float (γ or β for every channel), or null if absent. */
    private static Float number(JsonNode node, String path) throws LessonFormatException {
        if (node == null) {
            return null;
        }
        if (!node.isNumber() || !Float.isFinite((float) node.asDouble())) {
            throw new LessonFormatException(path, "expected a finite number such as 2 or 0.5, got " + show(node));
        }
        return (float) node.asDouble();
    }

    /** {@code {"en": "...", "zh-CN": "..."}}: both required and non-blank. */
    private static Lesson.Text text(JsonNode node, String path, boolean required) throws LessonFormatException {
        if (!node.isObject()) {
            throw new LessonFormatException(path, "expected {\"en\": \"...\", \"zh-CN\": \"...\"}, got " + show(node));
        }
        noUnknownFields(node, path, TEXT_FIELDS);
        String en = nonBlank(node, "en", path);
        String zh = nonBlank(node, "zh-CN", path);
        return new Lesson.Text(en, zh);
    }

    private static String nonBlank(JsonNode parent, String field, String path) throws LessonFormatException {
        JsonNode node = parent.get(field);
        String p = child(path, field);
        if (node == null) {
            throw new LessonFormatException(p, "missing: expected a non-empty string"
                    + (field.equals("en") ? " (the English text)" : " (the Chinese translation)"));
        }
        if (!node.isTextual() || node.asText().isBlank()) {
            throw new LessonFormatException(p, "expected a non-empty string, got " + show(node));
        }
        return node.asText().strip();
    }

    static JsonNode parseTree(String json) throws LessonFormatException {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new LessonFormatException("", "the text is empty: expected a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new LessonFormatException("", "not valid JSON" + JsonPaths.where(e) + ": " + m);
        }
    }

    private static void object(JsonNode node, String path) throws LessonFormatException {
        if (!node.isObject()) {
            throw new LessonFormatException(path, "expected an object, got " + show(node));
        }
    }

    private static JsonNode required(JsonNode parent, String field, String path) throws LessonFormatException {
        JsonNode n = parent.get(field);
        if (n == null) {
            throw new LessonFormatException(child(path, field), "missing");
        }
        return n;
    }

    private static void noUnknownFields(JsonNode node, String path, List<String> known) throws LessonFormatException {
        String name = org.normscope.json.JsonPaths.firstUnknownField(node, known);
        if (name != null) {
            throw new LessonFormatException(child(path, name), "unknown field; expected one of "
                    + String.join(", ", known));
        }
    }
}
