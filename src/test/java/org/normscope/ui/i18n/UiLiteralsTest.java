package org.normscope.ui.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No user-visible English literal in the converted UI files: a string literal given straight to
 * a control's text (new Label/Button/ToggleButton/MenuItem/Menu/CheckBox/Tab/Tooltip, setText,
 * setTitle, setPromptText, setPlaceholder, .then/.otherwise of a text binding) must come from a
 * bundle instead. Allowed: symbols with no letters (✕, ×10) and the listed PyTorch identifiers.
 * Every file of the UI packages is scanned, and the session's console notes too.
 */
class UiLiteralsTest {

    /** Where the window's texts are built: every file of the UI's packages is scanned. */
    private static final Path UI = Path.of("src/main/java/org/normscope/ui");

    /** The session's console and banner notes (PyTorch's own code lines, ">>> …", stay as they are). */
    private static final Pattern SESSION_NOTE = Pattern.compile(
            "(?:announce|say|append\\(ConsoleLog\\.Kind\\.\\w+,)\\s*\\(?\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private static final Pattern VISIBLE = Pattern.compile(
            "(?:new\\s+(?:Label|Button|ToggleButton|MenuItem|Menu|CheckBox|Tab|Tooltip|RadioMenuItem)"
            + "|\\.set(?:Text|Title|PromptText|Placeholder)|\\.then|\\.otherwise)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** PyTorch's identifiers and other texts that are the same in every language. */
    private static final Set<String> ALLOWED = Set.of("running_mean", "running_var", "eps", "momentum",
            "num_batches_tracked", "affine", "track_running_stats",
            "Ag"); // a text measured for its line height, never shown

    @Test
    void noUiFileHoldsAVisibleLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (var walk = Files.walk(UI)) {
            files = walk.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThan(40);
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher m = VISIBLE.matcher(source);
            while (m.find()) {
                String literal = m.group(1);
                boolean hasLetters = literal.replaceAll("\\\\u[0-9a-fA-F]{4}", "").matches("(?s).*\\p{L}.*");
                if (hasLetters && !ALLOWED.contains(literal)) {
                    found.add(file + ": \"" + literal + "\"");
                }
            }
        }
        assertThat(found).as("visible literals that belong in a bundle").isEmpty();
    }

    @Test
    void theSessionsNotesComeFromItsBundle() throws IOException {
        List<String> found = new ArrayList<>();
        for (String file : List.of("Session.java", "StepPrintout.java")) {
            Matcher m = SESSION_NOTE.matcher(Files.readString(Path.of("src/main/java/org/normscope/session", file)));
            while (m.find()) {
                String literal = m.group(1);
                if (literal.matches("(?s).*\\p{L}.*") && !literal.startsWith(">>> ")) {
                    found.add(file + ": \"" + literal + "\"");
                }
            }
        }
        assertThat(found).as("session notes that belong in i18n/session").isEmpty();
    }

    @Test
    void theScanFindsAVisibleLiteral() {
        Matcher m = VISIBLE.matcher("Button b = new Button(\"Start again\"); l.setText(\"\\u2715\");");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("Start again");
    }
}
