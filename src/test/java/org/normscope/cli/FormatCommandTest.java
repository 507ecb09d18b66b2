package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code normscope format FILE}: the tensor exactly as PyTorch's {@code print(t)}, plus a newline. */
class FormatCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NL = System.lineSeparator();

    @TempDir
    Path tmp;

    static List<Path> reprFiles() throws IOException {
        try (Stream<Path> files = Files.list(Paths.get("src/test/resources/golden/repr"))) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(10);
            return list;
        }
    }

    /** The PyTorch cases that are a plain {@code print(t)}: no suffixes, not a parameter. */
    static List<Arguments> torchCases() throws IOException {
        JsonNode root = JSON.readTree(Paths.get("src/test/resources/print/torch-repr-cases.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : root) {
            if (c.path("suffixes").isEmpty() && !c.path("parameter").asBoolean()) {
                cases.add(Arguments.of(c.get("name").asText(), c.get("tensor"), c.get("repr").asText()));
            }
        }
        assertThat(cases).hasSizeGreaterThan(100);
        return cases;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reprFiles")
    void everyGoldenReprFilePrintsAsPyTorch(Path file) throws IOException {
        String repr = JSON.readTree(file.toFile()).get("repr").asText();

        Cli.Run run = Cli.run("format", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(repr + NL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("torchCases")
    void everyPlainTorchCasePrintsAsPyTorch(String name, JsonNode tensor, String repr) throws IOException {
        Path file = tmp.resolve(name + ".json");
        Files.writeString(file, JSON.createObjectNode().set("tensor", tensor).toString(), StandardCharsets.UTF_8);

        Cli.Run run = Cli.run("format", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(repr + NL);
    }

    @Test
    void aBareTensorFileWorks() throws IOException {
        Cli.Run run = Cli.run("format", write("bare.json", "{\"shape\": [2], \"data\": [1, 2]}").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo("tensor([1., 2.])" + NL);
    }

    @Test
    void otherFieldsBesideTheTensorAreIgnored() throws IOException {
        Cli.Run run = Cli.run("format", write("extra.json",
                "{\"name\": \"x\", \"tensor\": {\"shape\": [2], \"data\": [0.5, \"NaN\"]}, \"repr\": \"whatever\"}").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).isEqualTo("tensor([0.5000,    nan])" + NL);
    }

    @Test
    void multiLineTensorsKeepPyTorchsBlankLines() throws IOException {
        Cli.Run run = Cli.run("format", write("ones.json",
                "{\"shape\": [2, 2, 1], \"data\": [1, 1, 1, 1]}").toString());

        assertThat(run.out()).isEqualTo("tensor([[[1.]," + "\n" + "         [1.]]," + "\n\n"
                + "        [[1.]," + "\n" + "         [1.]]])" + NL);
    }

    @Test
    void aTensorOnStandardInputWithDash() {
        Cli.Run run = Cli.runWithStdin("{\"tensor\": {\"shape\": [0, 3], \"data\": []}}", "format", "-");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).isEqualTo("tensor([], size=(0, 3))" + NL);
    }

    static Stream<Arguments> badTensorFiles() {
        return Stream.of(
                Arguments.of("not JSON", "{\"shape\": [2], ", List.of("not JSON")),
                Arguments.of("empty file", "", List.of("not JSON", "empty")),
                Arguments.of("a list", "[1, 2]", List.of("expected an object")),
                Arguments.of("missing data", "{\"shape\": [2]}", List.of("data: missing", "expected a list of numbers")),
                Arguments.of("missing shape", "{\"data\": [1, 2]}", List.of("shape: missing", "expected a list of sizes")),
                Arguments.of("data length is not the product of the shape", "{\"shape\": [2, 2], \"data\": [1, 2, 3]}",
                        List.of("data: 3 values", "needs 4")),
                Arguments.of("a string in data", "{\"tensor\": {\"shape\": [2], \"data\": [1, \"abc\"]}}",
                        List.of("tensor.data[1]: expected a number", "got \"abc\"")),
                Arguments.of("a boolean in data", "{\"shape\": [2], \"data\": [true, 1]}",
                        List.of("data[0]: expected a number", "got true")),
                Arguments.of("a fractional size", "{\"shape\": [1.5], \"data\": [1]}",
                        List.of("shape[0]: expected a size >= 0, got 1.5")),
                Arguments.of("tensor is null", "{\"tensor\": null}", List.of("tensor: expected an object, got null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTensorFiles")
    void aBadTensorFileExitsTwoWithOneLine(String what, String content, List<String> expected) throws IOException {
        Path file = write("bad.json", content);

        Cli.Run run = Cli.run("format", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).as(run.describe()).hasSize(1);
        String line = run.errLines().get(0);
        assertThat(line).startsWith("normscope format: " + file + ": ");
        for (String fragment : expected) {
            assertThat(line).contains(fragment);
        }
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMissingFileOrAFolderExitsTwoWithOneLine() {
        Path missing = tmp.resolve("missing.json");
        for (var c : List.of(List.of(missing.toString(), "no such file"), List.of(tmp.toString(), "is a folder"))) {
            Cli.Run run = Cli.run("format", c.get(0));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .isEqualTo("normscope format: " + c.get(0) + ": " + c.get(1)
                            + (c.get(1).equals("is a folder") ? ", not a file" : ""));
        }
    }

    private Path write(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
