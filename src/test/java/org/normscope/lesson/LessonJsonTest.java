package org.normscope.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The lesson format: a good file, and bad ones refused with one line naming the field. */
class LessonJsonTest {

    private static final List<String> PRESETS = List.of("notebook", "drifting");

    private static final String TEXT = "{\"en\": \"e\", \"zh-CN\": \"中\"}";

    static String stage(String extra) {
        return "{\"title\": " + TEXT + ", \"preset\": \"notebook\", \"text\": " + TEXT + ", \"question\": " + TEXT
                + ", \"press\": " + TEXT + extra + "}";
    }

    static String lesson(String stages) {
        return "{\"title\": " + TEXT + ", \"stages\": [" + stages + "]}";
    }

    @Test
    void readsAGoodLesson() throws Exception {
        String json = "{\"title\": {\"en\": \"The notebook\", \"zh-CN\": \"笔记本\"}, \"stages\": ["
                + stage("") + ", " + stage(", \"run\": [{\"mode\": \"train\", \"steps\": 4}, {\"mode\": \"eval\"}, "
                + "{\"steps\": 2}], \"reveal\": {\"en\": \"0.4900\", \"zh-CN\": \"0.4900\"}").replace("\"notebook\"",
                "\"drifting\"") + "]}";
        Lesson l = LessonJson.parse(json, "nb", PRESETS);
        assertThat(l.id()).isEqualTo("nb");
        assertThat(l.title()).isEqualTo(new Lesson.Text("The notebook", "笔记本"));
        assertThat(l.stages()).hasSize(2);
        Lesson.Stage first = l.stages().get(0);
        assertThat(first.preset()).isEqualTo("notebook");
        assertThat(first.run()).isEmpty();
        assertThat(first.reveal().isEmpty()).isTrue();
        Lesson.Stage second = l.stages().get(1);
        assertThat(second.preset()).isEqualTo("drifting");
        assertThat(second.run()).containsExactly(new Lesson.Run(true, 4), new Lesson.Run(false, 0),
                new Lesson.Run(null, 2));
        assertThat(second.reveal().en()).isEqualTo("0.4900");
        assertThat(second.text().zhCn()).isEqualTo("中");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "no stages          | `{\"title\": {\"en\": \"a\", \"zh-CN\": \"b\"}, \"stages\": []}`| stages: expected a non-empty list",
        "unknown top field  | `{\"title\": {\"en\": \"a\", \"zh-CN\": \"b\"}, \"stage\": []}` | stage: unknown field",
        "no title           | `{\"stages\": []}`                                            | title: missing",
        "not json           | `{\"title\": `                                                | not valid JSON",
        "trailing text      | `{\"title\": {\"en\": \"a\", \"zh-CN\": \"b\"}, \"stages\": [1]} x` | not valid JSON",
        "stage not object   | `{\"title\": {\"en\": \"a\", \"zh-CN\": \"b\"}, \"stages\": [1]}` | stages[0]: expected an object",
    })
    void refusesBadFilesWithOneLineNamingTheField(String what, String json, String message) {
        assertThatThrownBy(() -> LessonJson.parse(json, "x", PRESETS)).isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "unknown preset     | `\"preset\": \"notebok\"`    | stages[1].preset: no preset \"notebok\"; the presets are: notebook, drifting",
        "preset not text    | `\"preset\": 3`              | stages[1].preset: expected a preset id",
        "mode typo          | `\"run\": [{\"mode\": \"evaluate\"}]` | stages[1].run[0].mode: expected \"train\" or \"eval\"",
        "steps not whole    | `\"run\": [{\"steps\": 1.5}]`  | stages[1].run[0].steps: expected a whole number from 1 to 100000",
        "steps zero         | `\"run\": [{\"steps\": 0}]`    | stages[1].run[0].steps: expected a whole number",
        "empty run entry    | `\"run\": [{}]`                | stages[1].run[0]: expected \"mode\", \"steps\", \"weight\" or \"bias\"",
        "run not list       | `\"run\": 4`                   | stages[1].run: expected a list",
        "unknown run field  | `\"run\": [{\"step\": 4}]`     | stages[1].run[0].step: unknown field",
        "no translation     | `\"reveal\": {\"en\": \"a\"}`  | stages[1].reveal.zh-CN: missing",
        "blank english      | `\"reveal\": {\"en\": \" \", \"zh-CN\": \"b\"}` | stages[1].reveal.en: expected a non-empty string",
        "plain string text  | `\"reveal\": \"0.3\"`         | stages[1].reveal: expected {\"en\"",
        "unknown language   | `\"reveal\": {\"en\": \"a\", \"zh-CN\": \"b\", \"fr\": \"c\"}` | stages[1].reveal.fr: unknown field",
        "unknown stage field| `\"answer\": {\"en\": \"a\", \"zh-CN\": \"b\"}` | stages[1].answer: unknown field",
    })
    void refusesBadStagesWithOneLineNamingTheField(String what, String field, String message) {
        String bad = stage(", " + field);
        if (field.startsWith("\"preset\"")) {
            bad = bad.replace("\"preset\": \"notebook\", ", "");
        }
        String json = lesson(stage("") + ", " + bad);
        assertThatThrownBy(() -> LessonJson.parse(json, "x", PRESETS)).isInstanceOf(LessonFormatException.class)
                .hasMessageStartingWith(message).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void aFieldGivenTwiceIsRefused() {
        String json = lesson(stage(", \"press\": " + TEXT));
        assertThatThrownBy(() -> LessonJson.parse(json, "x", PRESETS)).isInstanceOf(LessonFormatException.class)
                .hasMessageContaining("press");
    }

    @Test
    void aMissingQuestionIsRefused() {
        String json = lesson(stage("").replace(", \"question\": " + TEXT, ""));
        assertThatThrownBy(() -> LessonJson.parse(json, "x", PRESETS)).hasMessage("stages[0].question: missing");
    }
}
