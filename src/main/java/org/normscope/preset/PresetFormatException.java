package org.normscope.preset;

/**
 * A preset file that does not follow the preset format ({@code resources/presets/README.md}).
 * The message is one line that starts with the field's path, such as
 * {@code input.channels[2].std}, and says what was expected.
 */
public final class PresetFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    PresetFormatException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
    }

    static PresetFormatException at(String path, String problem) {
        return new PresetFormatException(path, problem, null);
    }

    /** The path of the field at fault ({@code layer.eps}, {@code input.channels[0]}), or "" for the whole text. */
    public String path() {
        return path;
    }
}
