package org.normscope.python;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.normscope.files.AtomicWrite;
import org.normscope.scenario.Result;
import org.normscope.scenario.Scenario;
import org.normscope.scenario.ScenarioFile;

/**
 * A self-contained Python 3 script that replays a scenario through PyTorch's {@code torch.nn}
 * and compares what PyTorch gives with NormScope's own result, step by step; with
 * {@code --json} it prints PyTorch's result ({@code normscope-result/1}) instead. It needs
 * Python 3 and PyTorch only.
 *
 * <p>The scenario's tensors travel inside the script (base64 float32, each distinct tensor
 * once) up to {@link #MAX_EMBEDDED_BYTES}; above that, they go to a JSON file beside the
 * script, {@code {"scenario": …, "expected": …}}, with the script's base name and
 * {@code .json}, which the script reads relative to its own path. The Python code that does
 * not depend on the scenario is the resource {@code python/scenario_script.py.template}.
 */
public final class PythonScript {

    /**
     * The most tensor bytes (distinct tensors as float32, before base64) a script embeds: 4 MB
     * of values is about 5.3 MB of script, still a file an editor opens at once.
     */
    public static final long MAX_EMBEDDED_BYTES = 4L * 1024 * 1024;

    /** What made the script, for its header. */
    static final String MADE_BY = org.normscope.NormScope.NAME_AND_VERSION;

    /** The start of a section comment in the script. */
    static final String SECTION = "# " + "-".repeat(76) + " ";

    private static final String TEMPLATE = "/python/scenario_script.py.template";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z]+)\\}\\}");

    /** What {@link #write} wrote: the script, and the JSON file beside it or null when all is embedded. */
    public record Written(Path script, Path dataFile) {
    }

    private PythonScript() {
    }

    /**
     * Whether the scenario's tensors (with the result's) are over {@link #MAX_EMBEDDED_BYTES},
     * so that a script for it needs a JSON file beside it.
     */
    public static boolean needsDataFile(Scenario scenario, Result result) {
        return new ScriptData(scenario, result).tensorBytes() > MAX_EMBEDDED_BYTES;
    }

    /**
     * The script with every tensor embedded, whatever their size.
     *
     * @param scenario a scenario of any layer of the family
     * @param result NormScope's result for it ({@code Replayer.replay}), what the script expects
     * @param scriptName the script's file name, for the "how to run it" lines of its header
     * @throws IllegalArgumentException for a result whose steps do not match the scenario's
     */
    public static String text(Scenario scenario, Result result, String scriptName) {
        return render(scenario, result, scriptName, null);
    }

    /**
     * Writes the script to {@code out} (atomically), and, when the tensors are over
     * {@link #MAX_EMBEDDED_BYTES}, the JSON file they go to beside it (first, so that the script
     * never exists without its data).
     *
     * @return the files written
     * @throws IOException when a file cannot be written
     * @throws IllegalArgumentException as {@link #text}
     */
    public static Written write(Scenario scenario, Result result, Path out) throws IOException {
        return write(scenario, result, out, MAX_EMBEDDED_BYTES);
    }

    /** {@link #write} with another limit on the embedded bytes (tests). */
    static Written write(Scenario scenario, Result result, Path out, long maxEmbeddedBytes) throws IOException {
        String scriptName = out.getFileName().toString();
        ScriptData data = new ScriptData(scenario, result);
        if (data.tensorBytes() <= maxEmbeddedBytes) {
            AtomicWrite.text(out, render(scenario, result, scriptName, data, null));
            return new Written(out, null);
        }
        Path dataFile = dataFileFor(out);
        AtomicWrite.text(dataFile, new ScenarioFile(scenario, result).toJson());
        AtomicWrite.text(out, render(scenario, result, scriptName, data, dataFile.getFileName().toString()));
        return new Written(out, dataFile);
    }

    /**
     * Where {@link #write} puts the JSON file for a script written to {@code out}, when it needs
     * one: beside it, {@code run.py} → {@code run.json}.
     */
    public static Path dataFileFor(Path out) {
        return out.resolveSibling(dataFileName(out.getFileName().toString()));
    }

    /** {@code run.py} → {@code run.json}; never the script's own name. */
    static String dataFileName(String scriptName) {
        int dot = scriptName.lastIndexOf('.');
        String base = dot > 0 ? scriptName.substring(0, dot) : scriptName;
        String name = base + ".json";
        return name.equals(scriptName) ? scriptName + ".json" : name;
    }

    private static String render(Scenario scenario, Result result, String scriptName, String dataFile) {
        return render(scenario, result, scriptName, new ScriptData(scenario, result), dataFile);
    }

    private static String render(Scenario scenario, Result result, String scriptName, ScriptData data,
            String dataFile) {
        if (result.steps().size() != scenario.steps().size()) {
            throw new IllegalArgumentException(result.steps().size() + " results for " + scenario.steps().size()
                    + " steps");
        }
        String dataSection = dataFile == null ? data.embedded() : ScriptData.fromFile(dataFile, data.tensorBytes());
        return fill(template(), Map.of(
                "HEADER", ScriptHeader.text(scenario, scriptName, dataFile),
                "ATOL", PythonLiterals.number(scenario.tolerance().atol()),
                "RTOL", PythonLiterals.number(scenario.tolerance().rtol()),
                "LAYER", LayerCode.body(scenario.layer()),
                "DATA", dataSection));
    }

    /** The template with each {@code {{NAME}}} replaced, in one pass (a value may hold any text). */
    private static String fill(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder(template.length() + values.get("DATA").length());
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("no value for " + m.group());
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        return m.appendTail(sb).toString();
    }

    private static String template() {
        try (InputStream in = PythonScript.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
