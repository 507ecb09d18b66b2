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
 * The files not yet converted are not scanned (see CONVERTED).
 */
class UiLiteralsTest {

    /** The files whose visible texts all come from the bundles so far. */
    private static final List<String> CONVERTED = List.of(
            "org/normscope/ui/view/MainWindow.java",
            "org/normscope/ui/view/CjkFont.java",
            "org/normscope/ui/view/ChartsPane.java",
            "org/normscope/ui/view/ConsolePane.java",
            "org/normscope/ui/view/StatusBar.java",
            "org/normscope/ui/view/LayerPane.java",
            "org/normscope/ui/view/InputPane.java",
            "org/normscope/ui/view/Fields.java",
            "org/normscope/ui/view/CsvExportDialog.java",
            "org/normscope/ui/view/RunToDialog.java",
            "org/normscope/ui/view/HelpDialogs.java",
            "org/normscope/ui/view/PredictPane.java",
            "org/normscope/ui/view/LessonPane.java",
            "org/normscope/ui/view/ExplainPane.java",
            "org/normscope/ui/view/CodePane.java",
            "org/normscope/ui/viewmodel/StatusViewModel.java",
            "org/normscope/ui/viewmodel/LayerViewModel.java",
            "org/normscope/ui/viewmodel/InputViewModel.java",
            "org/normscope/ui/viewmodel/Parsers.java",
            "org/normscope/ui/viewmodel/ValidatedField.java",
            "org/normscope/ui/viewmodel/TimeTravelViewModel.java",
            "org/normscope/ui/viewmodel/ChartsViewModel.java",
            "org/normscope/ui/viewmodel/PredictViewModel.java",
            "org/normscope/ui/viewmodel/SessionExplainer.java",
            "org/normscope/ui/viewmodel/LessonViewModel.java",
            "org/normscope/ui/viewmodel/CodeViewModel.java",
            "org/normscope/ui/viewmodel/ExplainViewModel.java",
            "org/normscope/ui/viewmodel/Speed.java",
            "org/normscope/ui/app/ErrorDialog.java",
            "org/normscope/ui/viewmodel/UiLocale.java",
            "org/normscope/ui/viewmodel/UiText.java");

    private static final Pattern VISIBLE = Pattern.compile(
            "(?:new\\s+(?:Label|Button|ToggleButton|MenuItem|Menu|CheckBox|Tab|Tooltip|RadioMenuItem)"
            + "|\\.set(?:Text|Title|PromptText|Placeholder)|\\.then|\\.otherwise)\\s*\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** PyTorch's identifiers and other texts that are the same in every language. */
    private static final Set<String> ALLOWED = Set.of("running_mean", "running_var", "eps", "momentum",
            "num_batches_tracked", "affine", "track_running_stats");

    @Test
    void convertedUiFilesHoldNoVisibleLiteral() throws IOException {
        List<String> found = new ArrayList<>();
        for (String file : CONVERTED) {
            String source = Files.readString(Path.of("src/main/java").resolve(file));
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
    void theScanFindsAVisibleLiteral() {
        Matcher m = VISIBLE.matcher("Button b = new Button(\"Start again\"); l.setText(\"\\u2715\");");
        assertThat(m.find()).isTrue();
        assertThat(m.group(1)).isEqualTo("Start again");
    }
}
