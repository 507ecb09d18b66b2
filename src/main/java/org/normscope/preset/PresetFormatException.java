package org.normscope.preset;

import org.normscope.json.JsonFields;
import org.normscope.json.JsonFormatException;

/**
 * A preset file that does not follow the preset format ({@code resources/presets/README.md}).
 * The message is one line that starts with the field's path, such as
 * {@code input.channels[2].std}, and says what was expected.
 */
public final class PresetFormatException extends JsonFormatException {

    private static final long serialVersionUID = 1L;

    /** The preset reader's field reader: an unknown field is answered with the list of known ones. */
    static final JsonFields<PresetFormatException> FIELDS = new JsonFields<>(PresetFormatException::at, false);

    PresetFormatException(String path, String problem, Throwable cause) {
        super(path, problem, cause);
    }

    static PresetFormatException at(String path, String problem) {
        return new PresetFormatException(path, problem, null);
    }
}
