package org.normscope.scenario;

/**
 * A scenario or result file that does not follow the spec. The message is one line that
 * names the field (as a path such as {@code steps[2].input.data[5]}) and what was expected.
 */
public final class ScenarioFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    ScenarioFormatException(String message) {
        super(message);
    }

    ScenarioFormatException(String message, Throwable cause) {
        super(message, cause);
    }

    static ScenarioFormatException at(String path, String problem) {
        return new ScenarioFormatException(path.isEmpty() ? problem : path + ": " + problem);
    }
}
