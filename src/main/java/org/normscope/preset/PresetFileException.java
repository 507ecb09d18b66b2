package org.normscope.preset;

/**
 * A preset file refused: one line that starts with the file's name, then the field's path (as a
 * {@link PresetFormatException} names it) and what was wrong, for example
 * {@code my-lesson.json: layer.momentum: momentum must be a number in [0, 1] or None, got 1.5}.
 * A problem with the file as a whole (not JSON, a folder, no such file) has no field path:
 * {@code notes.json: not JSON at line 1, column 2: ...}.
 */
public final class PresetFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String path;

    PresetFileException(String file, String path, String problem, Throwable cause) {
        super(file + ": " + (path.isEmpty() ? problem : path + ": " + problem), cause);
        this.file = file;
        this.path = path;
    }

    /** The format error of the file {@code file}, with its field path. */
    static PresetFileException of(String file, PresetFormatException e) {
        String message = e.getMessage();
        String problem = e.path().isEmpty() ? message : message.substring(e.path().length() + 2);
        return new PresetFileException(file, e.path(), problem, e);
    }

    /** The file's name (without its folder). */
    public String file() {
        return file;
    }

    /** The path of the field at fault ({@code layer.eps}, {@code name}), or "" for the whole file. */
    public String path() {
        return path;
    }
}
