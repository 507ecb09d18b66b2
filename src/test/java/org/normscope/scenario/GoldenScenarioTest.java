package org.normscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden scenario replays to PyTorch's numbers, through the same code as {@code replay}. */
class GoldenScenarioTest {

    static final Path GOLDEN = Paths.get("src/test/resources/golden");

    static Stream<Path> goldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(15);
            return list.stream();
        }
    }

    static Stream<Path> supportedGoldenFiles() throws IOException {
        return goldenFiles().filter(p -> supported(p));
    }

    static Stream<Path> unsupportedGoldenFiles() throws IOException {
        return goldenFiles().filter(p -> !supported(p));
    }

    private static boolean supported(Path p) {
        try {
            return ScenarioFile.parse(Files.readString(p, StandardCharsets.UTF_8)).scenario().layer().type().supported();
        } catch (IOException | ScenarioFormatException e) {
            throw new AssertionError(p + ": " + e.getMessage(), e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedGoldenFiles")
    void replayGivesPyTorchsNumbers(Path file) throws Exception {
        ScenarioFile golden = ScenarioFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(golden.expected()).as("golden files carry PyTorch's result").isNotNull();

        Result got = Replayer.replay(golden.scenario());

        assertThat(ResultComparator.compare(got, golden.expected(), golden.scenario().tolerance())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedGoldenFiles")
    void resultSurvivesItsOwnJson(Path file) throws Exception {
        ScenarioFile golden = ScenarioFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        Result got = Replayer.replay(golden.scenario());

        Result reread = ResultJson.read(ScenarioFile.parseJson(ResultJson.write(got)), "");

        assertThat(ResultComparator.compare(reread, got, new Tolerance(0, 0))).isEmpty();
        assertThat(ResultComparator.compare(reread, golden.expected(), golden.scenario().tolerance())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void scenarioSurvivesItsOwnJson(Path file) throws Exception {
        ScenarioFile golden = ScenarioFile.parse(Files.readString(file, StandardCharsets.UTF_8));

        ScenarioFile reread = ScenarioFile.parse(golden.toJson());

        assertThat(reread.toJson()).isEqualTo(golden.toJson());
        assertThat(reread.scenario().steps()).hasSameSizeAs(golden.scenario().steps());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedGoldenFiles")
    void layerTypesNotInTheEngineAreRefusedPolitely(Path file) throws Exception {
        ScenarioFile golden = ScenarioFile.parse(Files.readString(file, StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Replayer.replay(golden.scenario()))
                .isInstanceOf(UnsupportedLayerException.class)
                .hasMessageContaining("not supported yet");
    }
}
