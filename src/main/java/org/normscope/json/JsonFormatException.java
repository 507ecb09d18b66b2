package org.normscope.json;

/**
 * A file in one of NormScope's JSON formats (a scenario or result, a preset, a lesson) that does
 * not follow its format. The message is one line that starts with the field's path, such as
 * {@code steps[2].input.data[5]} or {@code layer.eps}, and says what was expected; each format
 * has its own subclass, so that a caller knows which kind of file was refused.
 */
public abstract class JsonFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String path;

    /** {@code path: problem}, or {@code problem} alone when {@code path} is empty (the whole text). */
    protected JsonFormatException(String path, String problem, Throwable cause) {
        super(path.isEmpty() ? problem : path + ": " + problem, cause);
        this.path = path;
    }

    /** The path of the field at fault ({@code layer.eps}, {@code input.channels[0]}), or "" for the whole text. */
    public String path() {
        return path;
    }
}
