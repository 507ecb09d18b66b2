package org.normscope.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden scenario replays to PyTorch's numbers, through the same code as {@code replay}:
 * the shared goldens of {@code golden/} and the InstanceNorm, LayerNorm and GroupNorm cases
 * of {@code golden/family/} (written by its {@code gen_family.py} with real PyTorch 1.13).
 */
class GoldenScenarioTest {

    static final Path GOLDEN = Paths.get("src/test/resources/golden");
    static final Path FAMILY = GOLDEN.resolve("family");

    /** The shared goldens, then the family's. */
    static Stream<Path> goldenFiles() throws IOException {
        List<Path> list = new java.util.ArrayList<>(jsonFiles(GOLDEN));
        assertThat(list).hasSizeGreaterThanOrEqualTo(15);
        List<Path> family = jsonFiles(FAMILY);
        assertThat(family).hasSizeGreaterThanOrEqualTo(30);
        list.addAll(family);
        return list.stream();
    }

    static List<Path> jsonFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void replayGivesPyTorchsNumbers(Path file) throws Exception {
        ScenarioFile golden = ScenarioFile.parse(Files.readString(file, StandardCharsets.UTF_8));
        assertThat(golden.expected()).as("golden files carry PyTorch's result").isNotNull();

        Result got = Replayer.replay(golden.scenario());

        assertThat(ResultComparator.compare(got, golden.expected(), golden.scenario().tolerance())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
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
}
