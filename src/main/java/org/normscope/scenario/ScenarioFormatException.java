package org.normscope.scenario;

import org.normscope.json.JsonFields;
import org.normscope.json.JsonFormatException;

/**
 * A scenario or result file that does not follow the spec. The message is one line that
 * names the field (as a path such as {@code steps[2].input.data[5]}) and what was expected.
 */
public final class ScenarioFormatException extends JsonFormatException {

    private static final long serialVersionUID = 1L;

    /** The scenario and result readers' field reader: an unknown field is answered with the name it most likely meant. */
    static final JsonFields<ScenarioFormatException> FIELDS = new JsonFields<>(ScenarioFormatException::at, true);

    ScenarioFormatException(String message) {
        this(message, null);
    }

    ScenarioFormatException(String message, Throwable cause) {
        super("", message, cause);
    }

    private ScenarioFormatException(String path, String problem, Throwable cause) {
        super(path, problem, cause);
    }

    static ScenarioFormatException at(String path, String problem) {
        return new ScenarioFormatException(path, problem, null);
    }
}
