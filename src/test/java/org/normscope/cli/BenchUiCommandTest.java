package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.ui.app.UiBenchmark;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bench-ui}: the options it refuses, and a one-second run of the real window, headless. */
class BenchUiCommandTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--channels 65|at most 64 channels",
        "--shape 8,32,4,4 --channels 16|differs from the shape's C 32",
        "--shape 8|--shape needs 2 to 5 sizes",
        "--shape 8,0,4|at least 1",
        "--seconds 0.5|--seconds must be from 1 to 3600",
        "--steps -1|--steps must be from 0",
        "--warmup -1|--warmup must be from 0 to 600",
        "--size 12x10|--size must look like 1600x950"})
    void refusesWhatItCannotRun(String args, String message) {
        String[] parts = ("bench-ui " + args).split(" ");
        Cli.Run run = Cli.run(parts);
        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.err()).contains(message);
    }

    /** Runs bench-ui on a tiny (4, 2, 3) layer with {@code --json}, which must succeed. */
    private static Cli.Run runTiny(String steps, String warmup, String seconds) {
        Cli.Run run = Cli.run("bench-ui", "--shape", "4,2,3", "--steps", steps, "--warmup", warmup, "--seconds", seconds,
                "--json");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        return run;
    }

    private static JsonNode lastLine(Cli.Run run) throws Exception {
        List<String> lines = run.outLines();
        return new ObjectMapper().readTree(lines.get(lines.size() - 1));
    }

    @Test
    void aShortRunEndsWithAJsonLineOfItsFigures() throws Exception {
        Cli.Run run = runTiny("500", "1", "1");
        assertThat(run.out()).contains("history filled with 500 steps").contains("after 1 s of warm-up").contains("fps").contains("steps/s");
        JsonNode json = lastLine(run);
        for (String field : new String[] {"fps", "frame_p50_ms", "frame_p99_ms", "steps_per_s", "heap_mb",
            "history_bytes", "bench_before_per_s", "bench_after_per_s", "steps_vs_bench"}) {
            assertThat(json.get(field).isNumber()).as(field).isTrue();
        }
        assertThat(json.get("fps").asDouble()).isPositive();
        assertThat(json.get("frame_p99_ms").asDouble()).isGreaterThanOrEqualTo(json.get("frame_p50_ms").asDouble());
        assertThat(json.get("steps_per_s").asDouble()).isPositive();
        assertThat(json.get("history_bytes").asLong()).isPositive();
        assertThat(json.get("bench_before_per_s").asDouble()).isPositive();
        assertThat(json.get("steps_vs_bench").asDouble())
                .isCloseTo(json.get("steps_per_s").asDouble() / ((json.get("bench_before_per_s").asDouble()
                        + json.get("bench_after_per_s").asDouble()) / 2), org.assertj.core.api.Assertions.within(0.01));
        assertThat(run.out()).contains("% of their mean");
        assertThat(json.get("filled_steps").asLong()).isEqualTo(500);
        assertThat(json.get("channels").asInt()).isEqualTo(2);
        assertThat(json.get("bench_timings").asInt()).isEqualTo(2);
        // the idle window's pulses, recorded while bench timed the forward (about two seconds)
        assertThat(json.get("idle_frame_p50_ms").asDouble()).isPositive();
        assertThat(json.get("idle_frame_p99_ms").asDouble()).isGreaterThanOrEqualTo(json.get("idle_frame_p50_ms").asDouble());
        assertThat(run.out()).contains("the window idle while bench timed the forward").contains("the floor for the frames");
    }

    @Test
    void playingIsCutIntoSlicesWithTheForwardTimedBetweenThem() throws Exception {
        Cli.Run run = runTiny("100", "0", "4");
        JsonNode json = lastLine(run);
        assertThat(json.get("bench_timings").asInt()).isEqualTo(3);
        assertThat(run.out()).contains("timed 3 times: before, between and after 2 slices of playing");
        assertThat(json.get("steps_vs_bench").asDouble()).isCloseTo(json.get("steps_per_s").asDouble()
                / json.get("bench_mean_per_s").asDouble(), org.assertj.core.api.Assertions.within(0.01));
        assertThat(json.get("fps").asDouble()).isPositive();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "2, 1", "3, 2", "4, 2", "10, 5", "20, 10", "3600, 10"})
    void aSliceLastsAboutTwoSecondsAndThereAreAtMostTen(double seconds, int slices) {
        assertThat(UiBenchmark.slices(seconds)).isEqualTo(slices);
    }
}
