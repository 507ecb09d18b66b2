package org.normscope;

/** What NormScope says of itself: its name and version, the same in the window, the command line and exported files. */
public final class NormScope {

    /** The version, as in the pom. */
    public static final String VERSION = "0.1.0";

    /** {@code NormScope 0.1.0}. */
    public static final String NAME_AND_VERSION = "NormScope " + VERSION;

    private NormScope() {
    }
}
