package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code normscope bench}, and the top-level usage of the command line. */
class BenchCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String[] bench(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "bench";
        System.arraycopy(args, 0, all, 1, args.length);
        return all;
    }

    static Stream<Arguments> quickBenches() {
        return Stream.of(
                Arguments.of("BatchNorm1d", "8,4,16", "train"),
                Arguments.of("BatchNorm1d", "8,4,16", "eval"),
                Arguments.of("BatchNorm1d", "16,3", "train"),
                Arguments.of("BatchNorm2d", "4,3,5,5", "train"),
                Arguments.of("BatchNorm3d", "2,3,4,4,4", "train"),
                Arguments.of("BatchNorm3d", "2,3,4,4,4", "eval"),
                Arguments.of("InstanceNorm1d", "4,3,16", "train"),
                Arguments.of("InstanceNorm2d", "4,3,5,5", "eval"),
                Arguments.of("InstanceNorm3d", "2,3,4,4,4", "train"),
                Arguments.of("LayerNorm", "16,8", "train"),
                Arguments.of("LayerNorm", "4,3,5,5", "eval"),
                Arguments.of("GroupNorm", "4,6,5,5", "train"),
                Arguments.of("GroupNorm", "16,8", "eval"));
    }

    @Test
    void layerNormTakesTheTrailingDimsAndGroupNormTheGroups() {
        Cli.Run layerNorm = Cli.run(bench("--layer", "LayerNorm", "--shape", "4,3,5,5", "--normalized-dims", "3",
                "--iters", "2", "--warmup-ms", "1"));
        assertThat(layerNorm.exitCode()).as(layerNorm.describe()).isZero();
        assertThat(layerNorm.outLines().get(0)).startsWith("LayerNorm((3, 5, 5), eps=1e-05, elementwise_affine=True) ");

        Cli.Run byDefault = Cli.run(bench("--layer", "LayerNorm", "--shape", "4,3,5,5", "--iters", "2", "--warmup-ms", "1"));
        assertThat(byDefault.outLines().get(0)).startsWith("LayerNorm((5,), ");

        Cli.Run groupNorm = Cli.run(bench("--layer", "GroupNorm", "--shape", "4,6,5,5", "--groups", "3",
                "--iters", "2", "--warmup-ms", "1"));
        assertThat(groupNorm.exitCode()).as(groupNorm.describe()).isZero();
        assertThat(groupNorm.outLines().get(0)).startsWith("GroupNorm(3, 6, eps=1e-05, affine=True) ");

        // the default: C's largest divisor up to 32
        Cli.Run groups = Cli.run(bench("--layer", "GroupNorm", "--shape", "2,96,2", "--iters", "2", "--warmup-ms", "1"));
        assertThat(groups.outLines().get(0)).startsWith("GroupNorm(32, 96, ");
        assertThat(BenchCommand.defaultGroups(64)).isEqualTo(32);
        assertThat(BenchCommand.defaultGroups(60)).isEqualTo(30);
        assertThat(BenchCommand.defaultGroups(37)).isEqualTo(1);
        assertThat(BenchCommand.defaultGroups(6)).isEqualTo(6);

        // InstanceNorm with PyTorch's own defaults: no affine parameters, no running stats
        Cli.Run instance = Cli.run(bench("--layer", "InstanceNorm2d", "--shape", "2,3,4,4", "--iters", "2",
                "--warmup-ms", "1"));
        assertThat(instance.outLines().get(0))
                .startsWith("InstanceNorm2d(3, eps=1e-05, momentum=0.1, affine=False, track_running_stats=False) ");
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("quickBenches")
    void jsonBenchEndsWithAJsonLineOfTimings(String layer, String shape, String mode) throws Exception {
        Cli.Run run = Cli.run(bench("--layer", layer, "--shape", shape, "--mode", mode,
                "--iters", "5", "--warmup-ms", "10", "--json"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        List<String> lines = run.outLines();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(2);
        assertThat(lines.get(0)).startsWith(layer + "(").contains(mode + " forward on (" + shape.replace(",", ", ") + ")");
        assertThat(run.out()).contains("median").contains("min").contains("G elements/s");

        JsonNode json = JSON.readTree(lines.get(lines.size() - 1));
        assertThat(json.isObject()).isTrue();
        assertThat(json.get("median_ms").isNumber()).isTrue();
        assertThat(json.get("min_ms").isNumber()).isTrue();
        assertThat(json.get("elements_per_s").isNumber()).isTrue();
        double median = json.get("median_ms").asDouble();
        assertThat(median).isPositive();
        assertThat(json.get("min_ms").asDouble()).isPositive().isLessThanOrEqualTo(median);
        assertThat(json.get("elements_per_s").asDouble()).isPositive();
        assertThat(json.get("layer").asText()).isEqualTo(layer);
        assertThat(json.get("mode").asText()).isEqualTo(mode);
        assertThat(json.get("iters").asInt()).isEqualTo(5);
        int[] dims = java.util.Arrays.stream(shape.split(",")).mapToInt(Integer::parseInt).toArray();
        assertThat(json.get("shape")).hasSize(dims.length);
        for (int i = 0; i < dims.length; i++) {
            assertThat(json.get("shape").get(i).asInt()).isEqualTo(dims[i]);
        }
    }

    @Test
    void withoutJsonNoJsonLineIsPrinted() {
        Cli.Run run = Cli.run(bench("--layer", "BatchNorm1d", "--shape", "8,4,16", "--iters", "3", "--warmup-ms", "5"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains("median").doesNotContain("{");
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(List.of("--mode", "test"), "--mode: expected train or eval, got 'test'"),
                Arguments.of(List.of("--shape", "2"), "--shape: expected N,C,..."),
                Arguments.of(List.of("--shape", "0,4"), "--shape: expected N,C,..."),
                Arguments.of(List.of("--shape", "a,b"), "'a' is not an int"),
                Arguments.of(List.of("--layer", "Foo"), "--layer: expected one of BatchNorm1d, BatchNorm2d, BatchNorm3d, "
                        + "InstanceNorm1d, InstanceNorm2d, InstanceNorm3d, LayerNorm, GroupNorm, got 'Foo'"),
                Arguments.of(List.of("--layer", "GroupNorm", "--shape", "4,64", "--groups", "5"),
                        "--groups 5 with C = 64: ValueError: num_channels must be divisible by num_groups"),
                Arguments.of(List.of("--layer", "GroupNorm", "--groups", "0"), "--groups: expected at least 1, got 0"),
                Arguments.of(List.of("--layer", "BatchNorm2d", "--groups", "2"), "--groups: only for GroupNorm, not BatchNorm2d"),
                Arguments.of(List.of("--layer", "LayerNorm", "--shape", "4,8", "--normalized-dims", "3"),
                        "--normalized-dims: expected 1 to 2 (the shape's number of dims), got 3"),
                Arguments.of(List.of("--layer", "LayerNorm", "--normalized-dims", "0"),
                        "--normalized-dims: expected 1 to 4 (the shape's number of dims), got 0"),
                Arguments.of(List.of("--layer", "InstanceNorm2d", "--normalized-dims", "1"),
                        "--normalized-dims: only for LayerNorm, not InstanceNorm2d"),
                Arguments.of(List.of("--iters", "0"), "--iters: expected at least 1, got 0"),
                Arguments.of(List.of("--iters", "many"), "'many' is not an int"),
                Arguments.of(List.of("--frobnicate"), "Unknown option: '--frobnicate'"),
                Arguments.of(List.of("extra"), "Unmatched argument"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badOptions")
    void badOptionsExitTwoWithOneLine(List<String> args, String message) {
        List<String> all = new java.util.ArrayList<>(List.of("--warmup-ms", "1"));
        if (!args.contains("--iters")) {
            all.addAll(List.of("--iters", "1"));
        }
        all.addAll(args);

        Cli.Run run = Cli.run(bench(all.toArray(String[]::new)));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("normscope bench: ").contains(message)
                .endsWith(" (see `normscope bench --help`)");
        assertThat(run.err()).doesNotContain("Usage:").doesNotContain("Exception").doesNotContain("\tat ");
    }

    static Stream<Arguments> shapesTheLayerRefuses() {
        return Stream.of(
                Arguments.of("BatchNorm2d", "1,2,3", "ValueError: expected 4D input (got 3D input)"),
                Arguments.of("BatchNorm3d", "2,2,3,3", "ValueError: expected 5D input (got 4D input)"),
                Arguments.of("BatchNorm1d", "2,2,3,3", "ValueError: expected 2D or 3D input (got 4D input)"),
                Arguments.of("BatchNorm1d", "1,4",
                        "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])"),
                Arguments.of("InstanceNorm2d", "2,3", "ValueError: expected 3D or 4D input (got 2D input)"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("shapesTheLayerRefuses")
    void aShapeTheLayerRefusesExitsTwoWithPyTorchsError(String layer, String shape, String error) {
        Cli.Run run = Cli.run(bench("--layer", layer, "--shape", shape, "--iters", "1", "--warmup-ms", "1"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("normscope bench: " + layer + " refuses shape")
                .endsWith(error);
    }

    @Test
    void oneValuePerChannelIsFineInEvalMode() {
        Cli.Run run = Cli.run(bench("--layer", "BatchNorm1d", "--shape", "1,4", "--mode", "eval",
                "--iters", "1", "--warmup-ms", "1", "--json"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
    }

    @Test
    void aShapeTooLargeToCountExitsTwoWithOneLine() {
        Cli.Run run = Cli.run(bench("--layer", "BatchNorm1d", "--shape", "100000,100000,100000",
                "--iters", "1", "--warmup-ms", "1"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .startsWith("normscope bench: shape [100000, 100000, 100000]");
    }

    /**
     * Two billion floats (8 GB, twice: input and output) fit an int index but not the heap.
     * The command reports that in one line instead of dying with an OutOfMemoryError.
     */
    @Test
    void aShapeTooLargeForMemoryExitsTwoWithOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < 8_000_000_000L,
                "the heap could hold the 8 GB input");
        Cli.Run run = Cli.run(bench("--layer", "BatchNorm1d", "--shape", "2,1,1000000000", "--iters", "1",
                "--warmup-ms", "1"));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
    }

    @Test
    void benchHelpShowsTheOptionsAndExitsZero() {
        Cli.Run run = Cli.run("bench", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: normscope bench").contains("--layer").contains("--shape")
                .contains("--mode").contains("--iters").contains("--json");
    }

    // ---------------------------------------------------------------- the top level

    @Test
    void noCommandExitsTwoWithOneLineNamingTheCommands() {
        Cli.Run run = Cli.run();

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("normscope: Missing a command: ").contains("replay").contains("format")
                .contains("demo").contains("bench").doesNotContain("Usage:");
    }

    @Test
    void helpExitsZeroWithTheUsageOnStdout() {
        for (String flag : List.of("--help", "-h")) {
            Cli.Run run = Cli.run(flag);

            assertThat(run.exitCode()).isZero();
            assertThat(run.err()).isEmpty();
            assertThat(run.out()).startsWith("Usage: normscope").contains("replay").contains("format")
                    .contains("demo").contains("bench");
        }
    }

    @Test
    void helpReplayPrintsTheReplayUsage() {
        Cli.Run run = Cli.run("help", "replay");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: normscope replay").contains("FILE").contains("--check");
        assertThat(run.out()).isEqualTo(Cli.run("replay", "--help").out());
    }

    @Test
    void versionExitsZero() {
        Cli.Run run = Cli.run("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("NormScope ");
    }

    @Test
    void anUnknownCommandExitsTwo() {
        Cli.Run run = Cli.run("frobnicate");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("Unmatched argument at index 0: 'frobnicate'");
    }

    @Test
    void aMisspelledCommandIsOneLineWithTheNearestNames() {
        Cli.Run run = Cli.run("benc");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("normscope: Unmatched argument at index 0: 'benc'; did you mean "
                + "bench or bench-ui or bench-files? (see `normscope --help`)");
    }
}
