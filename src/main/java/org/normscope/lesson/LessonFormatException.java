package org.normscope.lesson;

/**
 * A lesson file that does not follow the lesson format ({@code resources/lessons/README.md}).
 * The message is one line that starts with the field's path, such as {@code stages[2].preset},
 * and says what was expected.
 */
public final class LessonFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    LessonFormatException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem);
        this.path = path;
    }

    /** The path of the field at fault ({@code stages[0].text.en}), or "" for the whole text. */
    public String path() {
        return path;
    }
}
