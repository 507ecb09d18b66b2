package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.scenario.Result;
import org.normscope.scenario.ResultComparator;
import org.normscope.scenario.ResultJson;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.ScenarioFormatException;
import org.normscope.scenario.StepResult;

/** {@code normscope replay FILE}: the result JSON on stdout, or one clear line on stderr and exit 2. */
class ReplayCommandTest {

    private static final Path GOLDEN = Paths.get("src/test/resources/golden");

    @TempDir
    Path tmp;

    /** The shared goldens and the InstanceNorm, LayerNorm and GroupNorm cases of {@code golden/family/}. */
    static List<Path> goldenFiles() throws IOException {
        List<Path> list = new java.util.ArrayList<>();
        for (Path dir : List.of(GOLDEN, GOLDEN.resolve("family"))) {
            try (Stream<Path> files = Files.list(dir)) {
                list.addAll(files.filter(p -> p.toString().endsWith(".json")).sorted().toList());
            }
        }
        assertThat(list).hasSizeGreaterThanOrEqualTo(45);
        assertThat(list).extracting(p -> p.getFileName().toString()).contains("groupnorm_2groups.json",
                "instancenorm1d_tracking.json", "instancenorm2d_default.json", "layernorm_last2.json");
        return list;
    }

    private static ScenarioFile golden(Path p) {
        try {
            return ScenarioFile.parse(Files.readString(p, StandardCharsets.UTF_8));
        } catch (IOException | ScenarioFormatException e) {
            throw new AssertionError(p + ": " + e.getMessage(), e);
        }
    }

    private static Result parseResult(String stdout) throws ScenarioFormatException {
        return ResultJson.read(ScenarioFile.parseJson(stdout), "");
    }

    // ---------------------------------------------------------------- golden files

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void replayOfAGoldenFilePrintsPyTorchsResultOnStdoutAndNothingOnStderr(Path file) throws Exception {
        ScenarioFile golden = golden(file);

        Cli.Run run = Cli.run("replay", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).startsWith("{\"format\":\"normscope-result/1\"").endsWith("]}" + System.lineSeparator());
        Result got = parseResult(run.out());
        assertThat(got.steps()).hasSameSizeAs(golden.scenario().steps());
        assertThat(ResultComparator.compare(got, golden.expected(), golden.scenario().tolerance())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenFiles")
    void replayCheckOfAGoldenFileExitsZeroAndSaysItMatches(Path file) throws Exception {
        ScenarioFile golden = golden(file);

        Cli.Run run = Cli.run("replay", "--check", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(ResultComparator.compare(parseResult(run.out()), golden.expected(), golden.scenario().tolerance()))
                .isEmpty();
        assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("matches the expected result");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void checkReportsEachDifferenceOnStderrAndExitsOne() throws Exception {
        // seed_bn1d_ones: running_mean after the first step is 0.3; claim 0.25 instead.
        String text = Files.readString(GOLDEN.resolve("seed_bn1d_ones.json"), StandardCharsets.UTF_8);
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) ScenarioFile.parseJson(text);
        var firstStep = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("expected").get("steps").get(0);
        var mean = (com.fasterxml.jackson.databind.node.ArrayNode) firstStep.get("running_mean");
        assertThat(mean.get(0).asDouble()).isCloseTo(0.3, within(1e-6));
        mean.set(0, 0.25);
        Path file = tmp.resolve("wrong_expected.json");
        Files.writeString(file, root.toString());

        Cli.Run run = Cli.run("replay", "--check", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(parseResult(run.out()).steps().get(0).runningMean()[0]).isCloseTo(0.3f, within(1e-6f));
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.errLines().get(0)).contains("steps[0].running_mean[0]").contains("want 0.25");
        assertThat(run.errLines().get(1)).contains("1 difference from the expected result");
    }

    @Test
    void checkOnAScenarioWithoutExpectedResultExitsTwo() throws Exception {
        Path file = write("plain.json", SPEC_EXAMPLE);

        Cli.Run run = Cli.run("replay", "--check", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("--check needs a golden file");
    }

    // ---------------------------------------------------------------- plain scenarios

    /** The scenario example of the spec (shared/spec/scenario-format.md). */
    private static final String SPEC_EXAMPLE = """
            {
              "format": "normscope-scenario/1",
              "name": "seed_bn1d_ones",
              "layer": {
                "type": "BatchNorm1d",
                "num_features": 4,
                "eps": 0.0,
                "momentum": 0.3,
                "affine": true,
                "track_running_stats": true,
                "weight": [1, 1, 1, 1],
                "bias": [0, 0, 0, 0]
              },
              "steps": [
                {"op": "forward", "mode": "train", "input": {"shape": [2, 4, 1], "data": [1, 1, 1, 1, 1, 1, 1, 1]}},
                {"op": "forward", "mode": "eval",  "input": {"shape": [2, 4, 1], "data": [1, 1, 1, 1, 1, 1, 1, 1]},
                 "grad_output": {"shape": [2, 4, 1], "data": [0.5, 0, 0, 0, 0, 0, 0, 1]}},
                {"op": "reset_running_stats"}
              ]
            }
            """;

    private static void assertSpecExampleResult(Cli.Run run) throws ScenarioFormatException {
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        Result r = parseResult(run.out());
        assertThat(r.steps()).hasSize(3);

        StepResult train = r.steps().get(0);
        assertThat(train.error()).isNull();
        assertThat(train.output().shape()).containsExactly(2, 4, 1);
        assertThat(train.output().data()).containsOnly(0f);
        assertThat(train.runningMean()).containsExactly(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, within(1e-6f));
        assertThat(train.runningVar()).containsExactly(new float[] {0.7f, 0.7f, 0.7f, 0.7f}, within(1e-6f));
        assertThat(train.numBatchesTracked()).isEqualTo(1L);
        assertThat(train.hasGradients()).isFalse();

        // eval: (1 - 0.3) / sqrt(0.7) for every element; the gradients go through the running stats.
        StepResult eval = r.steps().get(1);
        float scale = (float) (1 / Math.sqrt(0.7));
        for (float v : eval.output().data()) {
            assertThat(v).isCloseTo(0.7f * scale, within(1e-5f));
        }
        assertThat(eval.numBatchesTracked()).isEqualTo(1L);
        assertThat(eval.hasGradients()).isTrue();
        assertThat(eval.gradInput().data()[0]).isCloseTo(0.5f * scale, within(1e-5f));
        assertThat(eval.gradInput().data()[7]).isCloseTo(scale, within(1e-5f));
        assertThat(eval.gradBias()).containsExactly(new float[] {0.5f, 0f, 0f, 1f}, within(1e-6f));
        assertThat(eval.gradWeight()[0]).isCloseTo(0.5f * 0.7f * scale, within(1e-5f));
        assertThat(eval.gradWeight()[3]).isCloseTo(0.7f * scale, within(1e-5f));

        StepResult reset = r.steps().get(2);
        assertThat(reset.output()).isNull();
        assertThat(reset.error()).isNull();
        assertThat(reset.runningMean()).containsExactly(0f, 0f, 0f, 0f);
        assertThat(reset.runningVar()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(reset.numBatchesTracked()).isEqualTo(0L);
    }

    @Test
    void aPlainScenarioFileReplays() throws Exception {
        assertSpecExampleResult(Cli.run("replay", write("spec_example.json", SPEC_EXAMPLE).toString()));
    }

    @Test
    void aScenarioOnStandardInputReplaysWithDash() throws Exception {
        assertSpecExampleResult(Cli.runWithStdin(SPEC_EXAMPLE, "replay", "-"));
    }

    @Test
    void aBadScenarioOnStandardInputIsNamedAsDash() {
        Cli.Run run = Cli.runWithStdin("{\"layer\": {\"type\": \"BatchNorm1d\"}, \"steps\": []}", "replay", "-");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("layer.num_features").contains("missing");
    }

    @Test
    void aScenarioWithoutModeOrOpRunsForwardsInTrainMode() throws Exception {
        Path file = write("defaults.json", """
                {"layer": {"type": "BatchNorm2d", "num_features": 1},
                 "steps": [{"input": {"shape": [2, 1, 1, 1], "data": [1, 3]}}]}""");

        Cli.Run run = Cli.run("replay", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        StepResult step = parseResult(run.out()).steps().get(0);
        // train mode: batch statistics (mean 2, biased var 1); running stats with the default momentum 0.1
        assertThat(step.output().data()[0]).isCloseTo(-1f, within(1e-4f));
        assertThat(step.output().data()[1]).isCloseTo(1f, within(1e-4f));
        assertThat(step.runningMean()).containsExactly(new float[] {0.2f}, within(1e-6f));
        assertThat(step.runningVar()[0]).isCloseTo(0.9f + 0.1f * 2f, within(1e-6f)); // unbiased var 2
        assertThat(step.numBatchesTracked()).isEqualTo(1L);
    }

    @Test
    void refusedStepsAreResultsAndStillExitZero() throws Exception {
        Path file = write("refused.json", """
                {"layer": {"type": "BatchNorm1d", "num_features": 2},
                 "steps": [
                   {"mode": "train", "input": {"shape": [1, 2], "data": [1, 2]}},
                   {"mode": "train", "input": {"shape": [2, 3], "data": [1, 2, 3, 4, 5, 6]}},
                   {"mode": "train", "input": {"shape": [2, 2, 1, 1], "data": [1, 2, 3, 4]}},
                   {"mode": "train", "input": {"shape": [2, 2], "data": [1, 2, 3, 4]}}
                 ]}""");

        Cli.Run run = Cli.run("replay", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("\"error\":{\"type\":\"ValueError\"");
        List<StepResult> steps = parseResult(run.out()).steps();
        assertThat(steps).hasSize(4);
        assertThat(steps.get(0).error()).isEqualTo(new StepResult.StepError("ValueError",
                "Expected more than 1 value per channel when training, got input size torch.Size([1, 2])"));
        assertThat(steps.get(0).output()).isNull();
        assertThat(steps.get(0).numBatchesTracked()).isEqualTo(1L);
        assertThat(steps.get(1).error()).isEqualTo(new StepResult.StepError("RuntimeError",
                "running_mean should contain 3 elements not 2"));
        assertThat(steps.get(1).numBatchesTracked()).isEqualTo(2L);
        assertThat(steps.get(2).error()).isEqualTo(new StepResult.StepError("ValueError",
                "expected 2D or 3D input (got 4D input)"));
        assertThat(steps.get(2).numBatchesTracked()).isEqualTo(2L);
        assertThat(steps.get(2).runningMean()).containsExactly(0f, 0f);
        assertThat(steps.get(3).error()).isNull();
        assertThat(steps.get(3).output()).isNotNull();
        assertThat(steps.get(3).numBatchesTracked()).isEqualTo(3L);
    }

    @Test
    void theGoldenErrorFileIsReplayedWithItsErrorEntries() throws Exception {
        Cli.Run run = Cli.run("replay", GOLDEN.resolve("errors_shape_and_batch.json").toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(parseResult(run.out()).steps()).anySatisfy(s -> assertThat(s.error()).isNotNull());
    }

    // ---------------------------------------------------------------- bad files

    private static final String LAYER = "\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2}";
    private static final String INPUT = "\"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, 4]}";

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("not JSON", "{\"layer\": ", List.of("not JSON", "line 1")),
                Arguments.of("not JSON at all", "not json {", List.of("not JSON")),
                Arguments.of("empty file", "", List.of("not JSON", "empty")),
                Arguments.of("blank file", "  \n ", List.of("not JSON", "empty")),
                Arguments.of("trailing garbage", "{" + LAYER + ", \"steps\": []} {}", List.of("not JSON")),
                Arguments.of("top level is a list", "[1, 2]", List.of("expected an object", "[1,2]")),
                Arguments.of("missing layer", "{\"steps\": []}", List.of("layer: missing", "expected an object")),
                Arguments.of("missing steps", "{" + LAYER + "}", List.of("steps: missing", "expected a list of steps")),
                Arguments.of("missing layer type", "{\"layer\": {\"num_features\": 2}, \"steps\": []}",
                        List.of("layer.type: missing", "expected a layer type")),
                Arguments.of("missing num_features", "{\"layer\": {\"type\": \"BatchNorm2d\"}, \"steps\": []}",
                        List.of("layer.num_features: missing", "expected a whole number >= 1")),
                Arguments.of("num_features 0", "{\"layer\": {\"type\": \"BatchNorm2d\", \"num_features\": 0}, \"steps\": []}",
                        List.of("layer.num_features: expected a whole number >= 1, got 0")),
                Arguments.of("num_features 2.5",
                        "{\"layer\": {\"type\": \"BatchNorm2d\", \"num_features\": 2.5}, \"steps\": []}",
                        List.of("layer.num_features: expected a whole number >= 1, got 2.5")),
                Arguments.of("data length is not the product of the shape",
                        "{" + LAYER + ", \"steps\": [{\"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3]}}]}",
                        List.of("steps[0].input.data", "3 values", "needs 4")),
                Arguments.of("unknown layer type", "{\"layer\": {\"type\": \"BatchNorm4d\", \"num_features\": 2}, \"steps\": []}",
                        List.of("layer.type: expected one of BatchNorm1d", "got \"BatchNorm4d\"")),
                Arguments.of("a string in data",
                        "{" + LAYER + ", \"steps\": [{\"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, \"abc\"]}}]}",
                        List.of("steps[0].input.data[3]: expected a number", "got \"abc\"")),
                Arguments.of("a boolean in data",
                        "{" + LAYER + ", \"steps\": [{\"input\": {\"shape\": [2, 2], \"data\": [1, 2, 3, true]}}]}",
                        List.of("steps[0].input.data[3]: expected a number", "got true")),
                Arguments.of("null in data",
                        "{" + LAYER + ", \"steps\": [{\"input\": {\"shape\": [2, 2], \"data\": [1, null, 3, 4]}}]}",
                        List.of("steps[0].input.data[1]: expected a number", "got null")),
                Arguments.of("a negative size",
                        "{" + LAYER + ", \"steps\": [{\"input\": {\"shape\": [-2, 2], \"data\": []}}]}",
                        List.of("steps[0].input.shape[0]: expected a size >= 0, got -2")),
                Arguments.of("momentum 7",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"momentum\": 7}, \"steps\": []}",
                        List.of("layer.momentum: expected a number in [0, 1] or null, got 7")),
                Arguments.of("momentum as a string",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"momentum\": \"0.5\"}, \"steps\": []}",
                        List.of("layer.momentum: expected a number in [0, 1] or null")),
                Arguments.of("eps -1",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"eps\": -1}, \"steps\": []}",
                        List.of("layer.eps: expected a finite number >= 0, got -1")),
                Arguments.of("affine not a boolean",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"affine\": \"yes\"}, \"steps\": []}",
                        List.of("layer.affine: expected true or false")),
                Arguments.of("mode test",
                        "{" + LAYER + ", \"steps\": [{\"mode\": \"test\", " + INPUT + "}]}",
                        List.of("steps[0].mode: expected \"train\" or \"eval\", got \"test\"")),
                Arguments.of("op backward",
                        "{" + LAYER + ", \"steps\": [{\"op\": \"backward\", " + INPUT + "}]}",
                        List.of("steps[0].op: expected \"forward\", \"reset_running_stats\" or \"set\", got \"backward\"")),
                Arguments.of("set with a weight per channel missing",
                        "{" + LAYER + ", \"steps\": [{\"op\": \"set\", \"weight\": [1]}]}",
                        List.of("steps[0].weight: 1 values, expected 2 (one per channel)")),
                Arguments.of("set with momentum 2",
                        "{" + LAYER + ", \"steps\": [{\"op\": \"set\", \"momentum\": 2}]}",
                        List.of("steps[0].momentum: expected a number in [0, 1] or null, got 2")),
                Arguments.of("running_mean on a layer that tracks nothing",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"track_running_stats\": false,"
                        + " \"running_mean\": [0, 0]}, \"steps\": []}",
                        List.of("layer.running_mean: given, but the layer tracks no running stats")),
                Arguments.of("num_batches_tracked -1",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"num_batches_tracked\": -1},"
                        + " \"steps\": []}",
                        List.of("layer.num_batches_tracked: expected a whole number >= 0, got -1")),
                Arguments.of("forward without input",
                        "{" + LAYER + ", \"steps\": [{\"op\": \"forward\", \"mode\": \"train\"}]}",
                        List.of("steps[0].input: missing, expected a tensor")),
                Arguments.of("a null step", "{" + LAYER + ", \"steps\": [null]}",
                        List.of("steps[0]: expected an object")),
                Arguments.of("grad_output of another shape",
                        "{" + LAYER + ", \"steps\": [{" + INPUT
                                + ", \"grad_output\": {\"shape\": [4], \"data\": [1, 2, 3, 4]}}]}",
                        List.of("steps[0].grad_output.shape", "expected the input's shape [2, 2]")),
                Arguments.of("weight with the wrong length",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"weight\": [1, 2, 3]}, \"steps\": []}",
                        List.of("layer.weight: 3 values, expected 2")),
                Arguments.of("bias without affine parameters",
                        "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2, \"affine\": false, \"bias\": [0, 0]},"
                                + " \"steps\": []}",
                        List.of("layer.bias: given, but the layer has no affine parameters")),
                Arguments.of("wrong format tag",
                        "{\"format\": \"normscope-scenario/9\", " + LAYER + ", \"steps\": []}",
                        List.of("format: expected \"normscope-scenario/1\"")),
                Arguments.of("golden file whose scenario is not an object", "{\"scenario\": 3}",
                        List.of("scenario: expected an object, got 3")),
                Arguments.of("golden file with a bad expected value",
                        "{\"scenario\": {" + LAYER + ", \"steps\": [{" + INPUT + "}]},"
                                + " \"expected\": {\"steps\": [{\"running_mean\": [0, \"x\"]}]}}",
                        List.of("expected.steps[0].running_mean[1]: expected a number")),
                Arguments.of("golden file with one result too many",
                        "{\"scenario\": {" + LAYER + ", \"steps\": []}, \"expected\": {\"steps\": [{}]}}",
                        List.of("expected.steps: 1 results, but the scenario has 0 steps")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void aBadFileExitsTwoWithOneLineNamingTheFieldAndNothingOnStdout(String what, String content, List<String> expected)
            throws IOException {
        Path file = write("bad.json", content);

        for (String[] args : List.of(new String[] {"replay", file.toString()},
                new String[] {"replay", "--check", file.toString()})) {
            Cli.Run run = Cli.run(args);

            assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
            assertThat(run.out()).as(run.describe()).isEmpty();
            assertThat(run.errLines()).as(run.describe()).hasSize(1);
            String line = run.errLines().get(0);
            assertThat(line).startsWith("normscope replay: " + file + ": ");
            for (String fragment : expected) {
                assertThat(line).contains(fragment);
            }
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aFileThatIsNotUtf8ExitsTwoWithOneLine() throws IOException {
        Path file = tmp.resolve("latin1.json");
        Files.write(file, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});

        assertOneLineError(Cli.run("replay", file.toString()), file + ": not UTF-8 text");
    }

    @Test
    void aFileThatDoesNotExistExitsTwoWithOneLine() {
        Path file = tmp.resolve("no-such-file.json");

        assertOneLineError(Cli.run("replay", file.toString()), file + ": no such file");
    }

    @Test
    void aFolderExitsTwoWithOneLine() {
        assertOneLineError(Cli.run("replay", tmp.toString()), tmp + ": is a folder, not a file");
    }

    @Test
    void noFileArgumentIsAnUsageError() {
        Cli.Run run = Cli.run("replay");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("normscope replay: Missing required parameter: 'FILE' "
                + "(see `normscope replay --help`)");
    }

    @Test
    void anUnknownOptionIsAnUsageError() throws IOException {
        Cli.Run run = Cli.run("replay", "--frobnicate", write("ok.json", SPEC_EXAMPLE).toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("Unknown option: '--frobnicate'").doesNotContain("Usage:");
    }

    /**
     * A layer too large for memory is a bad file like any other: the reader caps
     * {@code num_features} before the engine allocates anything.
     */
    @Test
    void aLayerTooLargeForMemoryExitsTwoWithOneLine() throws IOException {
        Path file = write("huge.json",
                "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2000000000}, \"steps\": []}");

        Cli.Run run = Cli.run("replay", file.toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                .contains("num_features");
    }

    private static void assertOneLineError(Cli.Run run, String expected) {
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("normscope replay: " + expected);
    }

    private Path write(String name, String content) throws IOException {
        Path file = tmp.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
