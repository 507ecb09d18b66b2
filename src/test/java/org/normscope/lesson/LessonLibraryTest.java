package org.normscope.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;

/** The built-in lessons: every stage loads and names a preset that exists; bad indexes are refused. */
class LessonLibraryTest {

    @Test
    void everyBuiltInLessonLoadsAndEveryStageNamesABuiltInPreset() {
        List<Lesson> lessons = LessonLibrary.builtIn();
        assertThat(lessons).extracting(Lesson::id).startsWith("notebook").doesNotHaveDuplicates();
        for (Lesson l : lessons) {
            assertThat(l.stages()).isNotEmpty();
            for (Lesson.Stage s : l.stages()) {
                assertThat(PresetLibrary.ids()).as("%s: %s", l.id(), s.title().en()).contains(s.preset());
                assertThat(PresetLibrary.find(s.preset())).isNotNull();
                for (Lesson.Text t : List.of(s.title(), s.text(), s.question(), s.press())) {
                    assertThat(t.en()).isNotBlank();
                    assertThat(t.zhCn()).isNotBlank();
                }
            }
        }
    }

    @Test
    void theNotebookLessonFollowsTheNotebook() {
        Lesson l = LessonLibrary.find("notebook");
        assertThat(l.stages()).hasSize(7);
        assertThat(l.stages()).extracting(s -> s.title().en()).containsExactly("eps and the formula",
                "momentum and the running stats", "Why running_var shrinks", "Eval uses the running stats",
                "momentum=None", "affine: \u03b3 and \u03b2", "track_running_stats=False");
        assertThat(l.stages().get(1).reveal().en()).contains("0.3, 0.51, 0.657, 0.7599");
        Lesson.Stage eval = l.stages().get(3);
        assertThat(eval.run()).containsExactly(new Lesson.Run(true, 4), new Lesson.Run(false, 0));
        assertThat(eval.reveal().en()).startsWith("0.4900");
        assertThat(l.stages().get(4).preset()).isEqualTo("notebook-momentum-none");
        assertThat(l.stages().get(6).preset()).isEqualTo("notebook-untracked");
        // the Chinese uses the notebook's own terms, and keeps PyTorch's identifiers as they are
        String zh = String.join(" ", l.stages().stream().flatMap(s -> java.util.stream.Stream.of(s.text().zhCn(),
                s.question().zhCn(), s.reveal().zhCn())).toList());
        assertThat(zh).contains("均值", "方差", "动量", "训练模式", "评估模式", "running_mean", "eps",
                "momentum=None", "track_running_stats");
    }

    /** A preset's description is on screen while the class guesses: it never gives away a stage's answer. */
    @Test
    void noPresetDescriptionGivesAwayAnAnswer() {
        Pattern decimal = Pattern.compile("\\d+\\.\\d+");
        for (Lesson l : LessonLibrary.builtIn()) {
            for (Lesson.Stage s : l.stages()) {
                Preset p = PresetLibrary.find(s.preset());
                Matcher m = decimal.matcher(s.reveal().en());
                while (m.find()) {
                    if (!s.question().en().contains(m.group()) && !s.text().en().contains(m.group())) {
                        assertThat(p.description()).as("%s's description (stage %s)", s.preset(), s.title().en())
                                .doesNotContain(m.group());
                    }
                }
            }
        }
        assertThat(PresetLibrary.find("notebook").description()).doesNotContain("0.51", "0.657", "0.7599");
    }

    @Test
    void theReadmeDocumentsEveryField() throws Exception {
        String readme = Files.readString(Path.of("resources/lessons/README.md"));
        assertThat(readme).contains("`title`", "`stages`", "`stages[i].preset`", "`stages[i].run`", "\"mode\"",
                "\"steps\"", "`stages[i].text`", "`stages[i].question`", "`stages[i].press`", "`stages[i].reveal`",
                "\"zh-CN\"", "index.json");
        for (Lesson l : LessonLibrary.builtIn()) {
            assertThat(readme).contains("`" + l.id() + ".json`");
        }
    }

    private static Map<String, String> files(String index, String lesson) {
        Map<String, String> files = new HashMap<>();
        files.put(LessonLibrary.INDEX, index);
        if (lesson != null) {
            files.put("/lessons/a.json", lesson);
        }
        return files;
    }

    @Test
    void aBrokenLessonFileIsRefusedNamingTheFileAndTheField() {
        String bad = LessonJsonTest.lesson(LessonJsonTest.stage("").replace("\"notebook\"", "\"nope\""));
        Map<String, String> f = files("[\"a.json\"]", bad);
        assertThatThrownBy(() -> LessonLibrary.load(f::get, List.of("notebook")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("/lessons/a.json: stages[0].preset: no preset \"nope\"");
        Map<String, String> missing = files("[\"b.json\"]", null);
        assertThatThrownBy(() -> LessonLibrary.load(missing::get, List.of("notebook")))
                .hasMessage("/lessons/index.json[0]: /lessons/b.json is not on the class path");
        Map<String, String> empty = files("[]", null);
        assertThatThrownBy(() -> LessonLibrary.load(empty::get, List.of("notebook")))
                .hasMessageStartingWith("/lessons/index.json: expected a non-empty list");
        Map<String, String> twice = files("[\"a.json\", \"a.json\"]", LessonJsonTest.lesson(LessonJsonTest.stage("")));
        assertThatThrownBy(() -> LessonLibrary.load(twice::get, List.of("notebook")))
                .hasMessage("/lessons/index.json[1]: a.json is listed twice");
    }
}
