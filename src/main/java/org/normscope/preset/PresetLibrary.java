package org.normscope.preset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.normscope.json.JsonPaths;

/**
 * The presets that ship with NormScope: {@code /presets/index.json} on the class path (the
 * repository's {@code resources/presets/}) lists the preset files in menu order, and the first
 * one is the preset the window opens with. Each preset has a short id, its file name without
 * {@code .json} ({@code notebook}).
 */
public final class PresetLibrary {

    /** The class-path folder of the built-in presets. */
    public static final String FOLDER = "/presets/";

    /** The ordered list of preset file names. */
    public static final String INDEX = FOLDER + "index.json";

    /** A preset and its short id. */
    record Entry(String id, Preset preset) {
    }

    private PresetLibrary() {
    }

    /** Loaded once, on first use. */
    private static final class BuiltIn {
        static final List<Entry> ENTRIES = load(PresetLibrary::readResource);
    }

    /**
     * The built-in presets in menu order; the first is the one the window opens with.
     *
     * @throws IllegalStateException if a built-in file is missing or does not parse (a broken build)
     */
    public static List<Preset> builtIn() {
        return BuiltIn.ENTRIES.stream().map(Entry::preset).toList();
    }

    /** The built-in presets' short ids, in the order of {@link #builtIn()}: {@code notebook}, …. */
    public static List<String> ids() {
        return BuiltIn.ENTRIES.stream().map(Entry::id).toList();
    }

    /** The built-in preset the window opens with. */
    public static Preset first() {
        return BuiltIn.ENTRIES.get(0).preset();
    }

    /**
     * The built-in preset with this name (in any case, as in "notebook: batchnorm1d on ones") or
     * short id ({@code notebook}); surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException naming the available presets when none matches
     */
    public static Preset find(String nameOrId) {
        return find(BuiltIn.ENTRIES, nameOrId);
    }

    static Preset find(List<Entry> entries, String nameOrId) {
        String wanted = nameOrId == null ? "" : nameOrId.strip();
        for (Entry e : entries) {
            if (e.id().equalsIgnoreCase(wanted) || e.preset().name().equalsIgnoreCase(wanted)) {
                return e.preset();
            }
        }
        throw new IllegalArgumentException("no preset \"" + wanted + "\"; the presets are: " + entries.stream()
                .map(e -> e.id() + " (\"" + e.preset().name() + "\")")
                .collect(Collectors.joining(", ")));
    }

    /**
     * Reads an index and its presets.
     *
     * @param read the text of a class-path resource (such as {@code /presets/notebook.json}), or null if absent
     */
    static List<Entry> load(Function<String, String> read) {
        String indexText = read.apply(INDEX);
        if (indexText == null) {
            throw new IllegalStateException(INDEX + " is not on the class path");
        }
        JsonNode index;
        try {
            index = PresetJson.parseTree(indexText);
        } catch (PresetFormatException e) {
            throw new IllegalStateException(INDEX + ": " + e.getMessage(), e);
        }
        if (!index.isArray() || index.isEmpty()) {
            throw new IllegalStateException(INDEX + ": expected a non-empty list of preset file names, got "
                    + JsonPaths.show(index));
        }
        List<Entry> entries = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < index.size(); i++) {
            JsonNode item = index.get(i);
            String file = item.isTextual() ? item.asText() : "";
            if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.json") || file.equals("index.json")) {
                throw new IllegalStateException(INDEX + "[" + i + "]: expected a preset file name such as "
                        + "\"notebook.json\", got " + JsonPaths.show(item));
            }
            String path = FOLDER + file;
            String text = read.apply(path);
            if (text == null) {
                throw new IllegalStateException(INDEX + "[" + i + "]: " + path + " is not on the class path");
            }
            Preset preset;
            try {
                preset = PresetJson.parse(text);
            } catch (PresetFormatException e) {
                throw new IllegalStateException(path + ": " + e.getMessage(), e);
            }
            String id = file.substring(0, file.length() - ".json".length());
            for (String key : new LinkedHashSet<>(List.of(id.toLowerCase(Locale.ROOT),
                    preset.name().toLowerCase(Locale.ROOT)))) {
                if (!keys.add(key)) {
                    throw new IllegalStateException(path + ": the id or name \"" + key
                            + "\" is already taken by another preset");
                }
            }
            entries.add(new Entry(id, preset));
        }
        return List.copyOf(entries);
    }

    private static String readResource(String path) {
        try (InputStream in = PresetLibrary.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
