package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code normscope bench --fresh}: a fresh batch drawn each step, then the forward (issue 18). */
class BenchFreshTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"ziggurat-1", "splittable-polar-1"})
    void freshBenchTimesTheDrawAndTheStep(String generator) throws Exception {
        Cli.Run run = Cli.run("bench", "--fresh", "--generator", generator, "--shape", "8,4,4,4", "--iters", "5",
                "--warmup-ms", "10", "--json");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).startsWith("BatchNorm2d(").contains("a fresh " + generator + " batch of (8, 4, 4, 4)");
        assertThat(run.out()).contains("draw           median").contains("draw + forward median").contains("steps/s");
        JsonNode json = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(json.get("generator").asText()).isEqualTo(generator);
        assertThat(json.get("draw_median_ms").asDouble()).isPositive();
        assertThat(json.get("step_median_ms").asDouble()).isPositive();
        assertThat(json.get("step_min_ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(json.get("step_median_ms").asDouble());
        assertThat(json.get("steps_per_s").asDouble()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"mersenne", ""})
    void anUnknownGeneratorExitsTwoWithOneLine(String generator) {
        Cli.Run run = Cli.run("bench", "--fresh", "--generator", generator, "--shape", "8,4", "--iters", "1",
                "--warmup-ms", "1");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("normscope bench: --generator: expected ziggurat-1 or"
                + " splittable-polar-1, got '" + generator + "'");
    }
}
