package org.normscope;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * What NormScope says of itself: its name and version, the same in the window, the command line,
 * exported files and the installers. The version is written once, in the pom; Maven copies it
 * into {@code version.properties} beside this class.
 */
public final class NormScope {

    /** The pom's version, e.g. {@code 1.0.0}. */
    public static final String VERSION = readVersion();

    /** {@code NormScope 1.0.0}. */
    public static final String NAME_AND_VERSION = "NormScope " + VERSION;

    private NormScope() {
    }

    private static String readVersion() {
        try (InputStream in = NormScope.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("version.properties is missing from the build");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "");
            if (v.isBlank() || v.contains("${")) {
                throw new IllegalStateException("version.properties was not filled in by the build: " + v);
            }
            return v.strip();
        } catch (IOException e) {
            throw new IllegalStateException("version.properties cannot be read", e);
        }
    }
}
