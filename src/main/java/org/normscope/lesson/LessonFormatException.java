package org.normscope.lesson;

import org.normscope.json.JsonFormatException;

/**
 * A lesson file that does not follow the lesson format ({@code resources/lessons/README.md}).
 * The message is one line that starts with the field's path, such as {@code stages[2].preset},
 * and says what was expected.
 */
public final class LessonFormatException extends JsonFormatException {

    private static final long serialVersionUID = 1L;

    LessonFormatException(String path, String problem) {
        super(path, problem, null);
    }
}
