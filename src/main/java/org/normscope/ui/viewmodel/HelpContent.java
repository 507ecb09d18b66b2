package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import org.normscope.NormScope;

/** What the Help menu shows: the keyboard shortcuts, and who NormScope is (its version and its libraries' licences). */
public final class HelpContent {

    /** One row of the shortcuts table. */
    public record Shortcut(String keys, String action) {
    }

    private HelpContent() {
    }

    /** Every shortcut, in the order the bundle lists them ({@code shortcuts=…}). */
    public static List<Shortcut> shortcuts() {
        List<Shortcut> rows = new ArrayList<>();
        for (String id : UiText.get("shortcuts").split(",")) {
            String key = "shortcut." + id.trim();
            rows.add(new Shortcut(UiText.get(key + ".keys"), UiText.get(key + ".action")));
        }
        return rows;
    }

    /** The About text: name and version (from the build), Java and JavaFX, then the libraries and their licences. */
    public static String about() {
        return UiText.get("about.text", NormScope.NAME_AND_VERSION, System.getProperty("java.version"),
                System.getProperty("javafx.runtime.version", "?")) + "\n\n" + UiText.get("about.libraries");
    }
}
