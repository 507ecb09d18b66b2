package org.normscope.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link JsonFields}, the one field reader of the JSON formats, and their one exception base. */
class JsonFieldsTest {

    static final class TestFormatException extends JsonFormatException {
        private static final long serialVersionUID = 1L;

        TestFormatException(String path, String problem) {
            super(path, problem, null);
        }
    }

    private static final JsonFields<TestFormatException> SUGGESTING = new JsonFields<>(TestFormatException::new, true);
    private static final JsonFields<TestFormatException> LISTING = new JsonFields<>(TestFormatException::new, false);

    private static JsonNode json(String text) throws Exception {
        return new ObjectMapper().readTree(text);
    }

    @Test
    void aRefusalNamesTheFieldsPathAndWhatWasExpected() throws Exception {
        JsonNode layer = json("{\"eps\": \"x\"}");
        assertThatThrownBy(() -> SUGGESTING.number(layer, "eps", "layer", 1e-5, "a number >= 0"))
                .isInstanceOf(TestFormatException.class)
                .hasMessage("layer.eps: expected a number >= 0, got \"x\"")
                .extracting(e -> ((JsonFormatException) e).path()).isEqualTo("layer.eps");
        assertThatThrownBy(() -> SUGGESTING.required(layer, "type", "", "a layer type"))
                .hasMessage("type: missing, expected a layer type");
        assertThatThrownBy(() -> SUGGESTING.object(null, "layer")).hasMessage("layer: missing, expected an object");
    }

    @Test
    void anAbsentFieldTakesItsDefaultButAWrongOneIsRefused() throws Exception {
        JsonNode node = json("{\"affine\": false, \"track\": 1}");
        assertThat(LISTING.bool(node, "affine", "layer", true)).isFalse();
        assertThat(LISTING.bool(node, "missing", "layer", true)).isTrue();
        assertThat(LISTING.number(node, "missing", "layer", 0.5, "a number")).isEqualTo(0.5);
        assertThatThrownBy(() -> LISTING.bool(node, "track", "layer", true))
                .hasMessage("layer.track: expected true or false, got 1");
    }

    @Test
    void anUnknownFieldIsAnsweredWithTheNearestNameOrTheList() throws Exception {
        JsonNode node = json("{\"momentun\": 0.1}");
        List<String> known = List.of("eps", "momentum");
        assertThatThrownBy(() -> SUGGESTING.noUnknownFields(node, "layer", known, ""))
                .hasMessage("layer.momentun: unknown field; did you mean momentum?");
        assertThatThrownBy(() -> LISTING.noUnknownFields(node, "layer", known, " for a LayerNorm"))
                .hasMessage("layer.momentun: unknown field for a LayerNorm; expected one of eps, momentum");
    }

    @Test
    void theFormatsRefusalsShareTheBase() {
        assertThat(JsonFormatException.class)
                .isAssignableFrom(org.normscope.scenario.ScenarioFormatException.class)
                .isAssignableFrom(org.normscope.preset.PresetFormatException.class)
                .isAssignableFrom(org.normscope.lesson.LessonFormatException.class);
    }
}
