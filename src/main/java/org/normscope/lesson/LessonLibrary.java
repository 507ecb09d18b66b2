package org.normscope.lesson;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.normscope.json.JsonPaths;
import org.normscope.preset.PresetLibrary;

/**
 * The lessons that ship with NormScope: {@code /lessons/index.json} on the class path (the
 * repository's {@code resources/lessons/}) lists the lesson files in menu order. Each stage names
 * a built-in preset by its id; a lesson on a preset that does not exist is a broken build.
 */
public final class LessonLibrary {

    public static final String FOLDER = "/lessons/";
    public static final String INDEX = FOLDER + "index.json";

    private LessonLibrary() {
    }

    private static final class BuiltIn {
        static final List<Lesson> LESSONS = load(LessonLibrary::readResource, PresetLibrary.ids());
    }

    /**
     * The built-in lessons in menu order.
     *
     * @throws IllegalStateException if a file is missing or does not parse (a broken build)
     */
    public static List<Lesson> builtIn() {
        return BuiltIn.LESSONS;
    }

    /** The built-in lesson with this id ({@code notebook}). */
    public static Lesson find(String id) {
        return builtIn().stream().filter(l -> l.id().equalsIgnoreCase(id.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no lesson \"" + id + "\"; the lessons are: "
                        + String.join(", ", builtIn().stream().map(Lesson::id).toList())));
    }

    /**
     * Reads an index and its lessons.
     *
     * @param read the text of a class-path resource, or null if absent
     * @param presetIds the presets a stage may name
     */
    static List<Lesson> load(Function<String, String> read, Collection<String> presetIds) {
        String indexText = read.apply(INDEX);
        if (indexText == null) {
            throw new IllegalStateException(INDEX + " is not on the class path");
        }
        JsonNode index;
        try {
            index = LessonJson.parseTree(indexText);
        } catch (LessonFormatException e) {
            throw new IllegalStateException(INDEX + ": " + e.getMessage(), e);
        }
        if (!index.isArray() || index.isEmpty()) {
            throw new IllegalStateException(INDEX + ": expected a non-empty list of lesson file names, got "
                    + JsonPaths.show(index));
        }
        List<Lesson> lessons = new ArrayList<>();
        for (int i = 0; i < index.size(); i++) {
            JsonNode item = index.get(i);
            String file = item.isTextual() ? item.asText() : "";
            if (!file.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.json") || file.equals("index.json")) {
                throw new IllegalStateException(INDEX + "[" + i + "]: expected a lesson file name such as "
                        + "\"notebook.json\", got " + JsonPaths.show(item));
            }
            String path = FOLDER + file;
            String text = read.apply(path);
            if (text == null) {
                throw new IllegalStateException(INDEX + "[" + i + "]: " + path + " is not on the class path");
            }
            String id = file.substring(0, file.length() - ".json".length());
            if (lessons.stream().anyMatch(l -> l.id().equalsIgnoreCase(id))) {
                throw new IllegalStateException(INDEX + "[" + i + "]: " + file + " is listed twice");
            }
            try {
                lessons.add(LessonJson.parse(text, id, presetIds));
            } catch (LessonFormatException e) {
                throw new IllegalStateException(path + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(lessons);
    }

    private static String readResource(String path) {
        try (InputStream in = LessonLibrary.class.getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
