package org.normscope.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.engine.Tensor;
import org.normscope.scenario.ScenarioFormatException;
import org.normscope.scenario.TensorJson;

/**
 * The cases in {@code print/torch-repr-cases.json}, printed by PyTorch 1.13 (see the README beside it).
 * Tensors are read by the main code's {@link TensorJson}, as the {@code format} command reads them.
 */
class TensorPrinterTorchCasesTest {

    static List<Arguments> cases() throws IOException {
        JsonNode root;
        try (InputStream in = TensorPrinterTorchCasesTest.class.getResourceAsStream("/print/torch-repr-cases.json")) {
            root = new ObjectMapper().readTree(in);
        }
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : root) {
            cases.add(Arguments.of(c.get("name").asText(), c));
        }
        assertThat(cases).hasSizeGreaterThan(100);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void printsAsPyTorch(String name, JsonNode c) throws ScenarioFormatException {
        Tensor t = TensorJson.read(c.get("tensor"), "tensor");
        List<String> suffixes = new ArrayList<>();
        c.path("suffixes").forEach(s -> suffixes.add(s.asText()));

        String repr = c.path("parameter").asBoolean()
                ? TensorPrinter.parameterRepr(t)
                : TensorPrinter.repr(t, suffixes.toArray(String[]::new));

        assertThat(repr).isEqualTo(c.get("repr").asText());
    }
}
