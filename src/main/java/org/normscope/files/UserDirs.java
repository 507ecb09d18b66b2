package org.normscope.files;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where NormScope keeps what it writes on its own (the autosave, recent files, user presets):
 * the user's data folder for applications, as each system names it. The system property
 * {@code normscope.data} (then the environment variable {@code NORMSCOPE_DATA}) overrides it,
 * so that tests and portable installs keep everything in a folder of their own.
 *
 * <ul>
 *   <li>Linux and others: {@code $XDG_DATA_HOME/normscope}, else {@code ~/.local/share/normscope};
 *   <li>Windows: {@code %APPDATA%\NormScope};
 *   <li>macOS: {@code ~/Library/Application Support/NormScope}.
 * </ul>
 * Nothing here creates the folder: the writers do, when they first write.
 */
public final class UserDirs {

    /** The system property that overrides the data folder. */
    public static final String PROPERTY = "normscope.data";
    /** The environment variable that overrides it when the property is not set. */
    public static final String VARIABLE = "NORMSCOPE_DATA";

    private UserDirs() {
    }

    /** The data folder (it may not exist yet). */
    public static Path data() {
        String forced = System.getProperty(PROPERTY);
        if (forced == null || forced.isBlank()) {
            forced = System.getenv(VARIABLE);
        }
        if (forced != null && !forced.isBlank()) {
            return Path.of(forced);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = System.getenv("APPDATA");
            return appData == null || appData.isBlank() ? Path.of(home, "AppData", "Roaming", "NormScope")
                    : Path.of(appData, "NormScope");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "NormScope");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return xdg == null || xdg.isBlank() ? Path.of(home, ".local", "share", "normscope") : Path.of(xdg, "normscope");
    }

    /** The folder of the user's own presets. */
    public static Path presets() {
        return data().resolve("presets");
    }
}
