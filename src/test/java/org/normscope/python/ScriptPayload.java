package org.normscope.python;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normscope.engine.Tensor;

/**
 * Reads back what a script embeds from its text alone, without Python: the {@code TENSORS}
 * (base64 of little-endian float32), and the {@code INITIAL}, {@code STEPS} and
 * {@code EXPECTED} literals as JSON (they are Python dicts whose only non-JSON word is None).
 */
final class ScriptPayload {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern TENSOR = Pattern.compile(
            "\\(\\[([0-9, ]*)\\],(?:\\s*#\\s*\\d+)?\\s*((?:\"[A-Za-z0-9+/=]*\"\\s*)+)\\),");
    private static final Pattern ITEM = Pattern.compile("^    (\\{.*\\}),  # steps\\[(\\d+)\\]$");
    private static final Pattern NONE = Pattern.compile("(?<=[:\\[ ])None(?=[,}\\]])");

    private ScriptPayload() {
    }

    /** The embedded tensors, in the order of their indexes. */
    static List<Tensor> tensors(String script) {
        String section = between(script, "TENSORS = [decode(shape, text) for shape, text in [\n", "\n]]\n");
        List<Tensor> out = new ArrayList<>();
        Matcher m = TENSOR.matcher(section);
        while (m.find()) {
            int[] shape = m.group(1).isBlank() ? new int[0]
                    : Arrays.stream(m.group(1).split(",\\s*")).mapToInt(Integer::parseInt).toArray();
            String base64 = m.group(2).replaceAll("[\"\\s]", "");
            ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64)).order(ByteOrder.LITTLE_ENDIAN);
            float[] data = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(data);
            out.add(new Tensor(shape, data));
        }
        int lines = (int) section.lines().filter(l -> l.startsWith("    (")).count();
        if (out.size() != lines) {
            throw new AssertionError("read " + out.size() + " tensors from " + lines + " entries");
        }
        return out;
    }

    /** {@code INITIAL}, as JSON (tensors as their indexes). */
    static JsonNode initial(String script) {
        return json(between(script, "INITIAL = with_tensors(", ", TENSORS)\n"));
    }

    /** The {@code STEPS} entries, as JSON (tensors as their indexes). */
    static List<JsonNode> steps(String script) {
        return items(between(script, "STEPS = [with_tensors(entry, TENSORS) for entry in [\n", "\n]]\n"));
    }

    /** The {@code EXPECTED} entries, as JSON (tensors as their indexes). */
    static List<JsonNode> expected(String script) {
        return items(between(script, "EXPECTED = [with_tensors(entry, TENSORS) for entry in [\n", "\n]]\n"));
    }

    /** The tensor an entry's field names, or null for None. */
    static Tensor tensor(List<Tensor> tensors, JsonNode entry, String field) {
        JsonNode v = entry.get(field);
        if (v == null) {
            throw new AssertionError("no " + field + " in " + entry);
        }
        return v.isNull() ? null : tensors.get(v.asInt());
    }

    /** The vector an entry's field names, or null for None. */
    static float[] vector(List<Tensor> tensors, JsonNode entry, String field) {
        Tensor t = tensor(tensors, entry, field);
        return t == null ? null : t.data();
    }

    private static List<JsonNode> items(String section) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : section.lines().toList()) {
            Matcher m = ITEM.matcher(line);
            if (!m.matches() || Integer.parseInt(m.group(2)) != out.size()) {
                throw new AssertionError("not entry " + out.size() + ": " + line);
            }
            out.add(json(m.group(1)));
        }
        return out;
    }

    private static JsonNode json(String pythonDict) {
        try {
            return MAPPER.readTree(NONE.matcher(pythonDict).replaceAll("null"));
        } catch (IOException e) {
            throw new AssertionError("not a JSON-like dict: " + pythonDict, e);
        }
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            throw new AssertionError("no " + start.strip() + " in the script");
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return text.substring(from, to);
    }
}
