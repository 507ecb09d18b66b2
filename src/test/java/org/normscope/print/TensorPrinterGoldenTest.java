package org.normscope.print;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.scenario.ScenarioFormatException;
import org.normscope.scenario.TensorFile;

/**
 * Every {@code golden/repr/*.json}: PyTorch's {@code print(t)} of the tensor, matched character for
 * character. The file is read by {@link TensorFile#parse}, the same code as the {@code format} command.
 */
class TensorPrinterGoldenTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<Path> goldenFiles() throws IOException, URISyntaxException {
        Path dir = Path.of(TensorPrinterGoldenTest.class.getResource("/golden/repr").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> json = files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
            assertThat(json).isNotEmpty();
            return json;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void printsAsPyTorch(Path file) throws IOException, ScenarioFormatException {
        JsonNode golden = JSON.readTree(file.toFile());

        String repr = TensorPrinter.repr(TensorFile.parse(Files.readString(file, StandardCharsets.UTF_8)));

        assertThat(repr).isEqualTo(golden.get("repr").asText());
    }
}
