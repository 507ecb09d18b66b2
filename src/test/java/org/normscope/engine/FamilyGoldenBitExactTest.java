package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.scenario.Replayer;
import org.normscope.scenario.ResultComparator;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.Tolerance;

/**
 * The InstanceNorm, LayerNorm and GroupNorm goldens (the four shared ones and
 * {@code golden/family/}) replay to PyTorch's floats exactly, not merely within the format's
 * tolerance: outputs, running stats, gradients and refusals. The other golden tests compare
 * within the tolerance; this one keeps the kernels from drifting by a bit unseen.
 */
class FamilyGoldenBitExactTest {

    static Stream<Path> familyGoldens() throws IOException {
        Path golden = Paths.get("src/test/resources/golden");
        List<Path> files = new ArrayList<>();
        for (String shared : List.of("instancenorm1d_tracking.json", "instancenorm2d_default.json",
                "layernorm_last2.json", "groupnorm_2groups.json")) {
            files.add(golden.resolve(shared));
        }
        try (Stream<Path> family = Files.list(golden.resolve("family"))) {
            files.addAll(family.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(34);
        return files.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("familyGoldens")
    void replaysToPyTorchsFloatsExactly(Path file) throws Exception {
        ScenarioFile golden = ScenarioFile.parse(Files.readString(file, StandardCharsets.UTF_8));

        assertThat(ResultComparator.compare(Replayer.replay(golden.scenario()), golden.expected(), new Tolerance(0, 0)))
                .isEmpty();
    }
}
