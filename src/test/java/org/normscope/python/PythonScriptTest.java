package org.normscope.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.engine.Tensor;
import org.normscope.scenario.Replayer;
import org.normscope.scenario.Result;
import org.normscope.scenario.ResultComparator;
import org.normscope.scenario.Scenario;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.Step;
import org.normscope.scenario.StepResult;
import org.normscope.scenario.Tolerance;

/**
 * The script {@link PythonScript} writes, checked on its text (no Python runs here): the
 * checked-in script of a small scenario, the embedded tensors decoded back, the data file
 * beside the script for large scenarios.
 */
class PythonScriptTest {

    static final Path GOLDEN = Paths.get("src/test/resources/golden");
    static final Path EXPECTED_SCRIPT = Paths.get("src/test/resources/python/seed_bn1d_ones.py");

    @TempDir
    Path tmp;

    static ScenarioFile golden(String name) throws Exception {
        return ScenarioFile.parse(Files.readString(GOLDEN.resolve(name), StandardCharsets.UTF_8));
    }

    static Stream<String> batchNormGoldenFiles() throws IOException {
        try (Stream<Path> files = Files.list(GOLDEN)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("(bn1d|bn2d|bn3d|errors|seed)_.*\\.json")).sorted().toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(12);
            return names.stream();
        }
    }

    /**
     * The whole script for {@code seed_bn1d_ones} equals the checked-in
     * {@code src/test/resources/python/seed_bn1d_ones.py}, which real PyTorch 1.13 ran to
     * "28 passed, 0 failed". When the script's format changes on purpose, regenerate that file
     * deliberately ({@code ./mvnw -q -B -o package -DskipTests && java -jar target/normscope.jar
     * export-python src/test/resources/golden/seed_bn1d_ones.json --out
     * src/test/resources/python/seed_bn1d_ones.py}), run it with PyTorch, and review the diff.
     */
    @Test
    void scriptOfSeedBn1dOnesEqualsTheCheckedInScript() throws Exception {
        ScenarioFile golden = golden("seed_bn1d_ones.json");
        Result result = Replayer.replay(golden.scenario());

        String script = PythonScript.text(golden.scenario(), result, "seed_bn1d_ones.py");

        assertThat(script).isEqualTo(Files.readString(EXPECTED_SCRIPT, StandardCharsets.UTF_8));
    }

    @Test
    void headerSaysWhatMadeTheScriptFromWhichScenarioAndHowToRunIt() throws Exception {
        ScenarioFile golden = golden("seed_bn1d_ones.json");
        String script = PythonScript.text(golden.scenario(), Replayer.replay(golden.scenario()), "s.py");

        assertThat(script.lines().limit(14).toList())
                .startsWith("#!/usr/bin/env python3",
                        "# A PyTorch script made by NormScope 1.0.0 (export-python) from the scenario \"seed_bn1d_ones\".")
                .contains("#   python3 s.py --json  PyTorch's result as normscope-result/1 JSON instead")
                .anyMatch(l -> l.startsWith("#   python3 s.py         one line per difference, then \"N passed, M failed\""));
        assertThat(script).contains("    layer = torch.nn.BatchNorm1d(4, eps=0.0, momentum=0.3)\n    return layer\n")
                .contains("\nATOL = 1e-05\nRTOL = 0.0001\n")
                .endsWith("\n\nif __name__ == \"__main__\":\n    sys.exit(main())\n")
                .doesNotContain("{{").doesNotContain("import numpy").doesNotContain("normscope.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNormGoldenFiles")
    void embeddedTensorsDecodeToTheScenariosStepsAndTheEnginesResult(String name) throws Exception {
        Scenario scenario = golden(name).scenario();
        Result result = Replayer.replay(scenario);

        String script = PythonScript.text(scenario, result, name + ".py");
        List<Tensor> tensors = ScriptPayload.tensors(script);
        List<JsonNode> steps = ScriptPayload.steps(script);
        List<JsonNode> expected = ScriptPayload.expected(script);

        assertThat(steps).hasSameSizeAs(scenario.steps());
        for (int i = 0; i < steps.size(); i++) {
            assertStep(tensors, steps.get(i), scenario.steps().get(i));
        }
        assertThat(expected).hasSameSizeAs(result.steps());
        for (int i = 0; i < expected.size(); i++) {
            assertResult(tensors, expected.get(i), result.steps().get(i));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batchNormGoldenFiles")
    void embeddedExpectationsMatchPyTorchsGoldenNumbers(String name) throws Exception {
        ScenarioFile golden = golden(name);
        String script = PythonScript.text(golden.scenario(), Replayer.replay(golden.scenario()), name + ".py");
        List<Tensor> tensors = ScriptPayload.tensors(script);

        List<StepResult> decoded = ScriptPayload.expected(script).stream().map(e -> stepResult(tensors, e)).toList();

        assertThat(ResultComparator.compare(new Result(decoded), golden.expected(), golden.scenario().tolerance()))
                .isEmpty();
    }

    @Test
    void aBatchRepeatedAtEveryStepIsStoredOnce() throws Exception {
        Scenario scenario = golden("seed_bn1d_ones.json").scenario();
        String script = PythonScript.text(scenario, Replayer.replay(scenario), "s.py");

        List<Tensor> tensors = ScriptPayload.tensors(script);
        List<JsonNode> steps = ScriptPayload.steps(script);

        assertThat(steps).extracting(s -> s.get("input").asInt()).containsOnly(0).hasSize(7);
        Tensor batch = ((Step.Forward) scenario.steps().get(0)).input();
        assertThat(tensors).filteredOn(t -> t.equals(batch)).hasSize(1);
        // 1 batch, 2 outputs (train: zeros, eval: 0.49) and 5 distinct (running_mean, running_var) pairs
        assertThat(tensors).hasSize(13).doesNotHaveDuplicates();
    }

    @Test
    void initialStateAndSetStepsBecomeTorchCalls() throws Exception {
        Scenario scenario = golden("bn1d_session_with_changes.json").scenario();
        String script = PythonScript.text(scenario, Replayer.replay(scenario), "s.py");
        List<Tensor> tensors = ScriptPayload.tensors(script);

        JsonNode initial = ScriptPayload.initial(script);
        for (String field : List.of("weight", "bias", "running_mean", "running_var")) {
            float[] given = LayerCode.initial(scenario.layer(), field);
            if (given != null) {
                assertThat(script).contains("        layer." + field + ".copy_(INITIAL[\"" + field + "\"].reshape(layer." + field + ".shape))\n");
                assertThat(tensors.get(initial.get(field).asInt()).data()).isEqualTo(given);
            } else {
                assertThat(initial.has(field)).isFalse();
            }
        }
        if (scenario.layer().numBatchesTracked() != null) {
            assertThat(script).contains("        layer.num_batches_tracked.fill_("
                    + scenario.layer().numBatchesTracked() + ")\n");
        }
        assertThat(scenario.steps()).anyMatch(Step.Set.class::isInstance);
    }

    @Test
    void aScenarioOverTheLimitGoesToAJsonFileBesideTheScriptThatParsesBackToTheSameScenario() throws Exception {
        Scenario scenario = golden("bn2d_grad_train.json").scenario();
        Result result = Replayer.replay(scenario);
        Path out = tmp.resolve("grad.py");

        PythonScript.Written written = PythonScript.write(scenario, result, out, 64);

        assertThat(written.script()).isEqualTo(out);
        assertThat(written.dataFile()).isEqualTo(tmp.resolve("grad.json"));
        ScenarioFile back = ScenarioFile.parse(Files.readString(written.dataFile(), StandardCharsets.UTF_8));
        assertThat(back.toJson()).isEqualTo(new ScenarioFile(scenario, result).toJson());
        assertThat(ResultComparator.compare(back.expected(), result, new Tolerance(0, 0))).isEmpty();
        String script = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(script).contains("\nDATA_FILE = \"grad.json\"\n")
                .contains("os.path.join(os.path.dirname(os.path.abspath(__file__)), DATA_FILE)")
                .doesNotContain("TENSORS = [decode(")
                .contains("(in \"grad.json\", beside it)");
    }

    @Test
    void aScenarioUnderTheLimitIsOneFileWithEverythingEmbedded() throws Exception {
        Scenario scenario = golden("bn2d_grad_train.json").scenario();
        Result result = Replayer.replay(scenario);
        Path out = tmp.resolve("grad.py");

        PythonScript.Written written = PythonScript.write(scenario, result, out);

        assertThat(written.dataFile()).isNull();
        assertThat(Files.readString(out, StandardCharsets.UTF_8)).isEqualTo(PythonScript.text(scenario, result, "grad.py"));
        assertThat(tmp.resolve("grad.json")).doesNotExist();
        assertThat(PythonScript.needsDataFile(scenario, result)).isFalse();
    }

    @Test
    void theDataFileIsTheScriptsBaseNameWithJsonAndNeverTheScriptItself() {
        assertThat(PythonScript.dataFileFor(Paths.get("out/run.py"))).isEqualTo(Paths.get("out/run.json"));
        assertThat(PythonScript.dataFileName("run")).isEqualTo("run.json");
        assertThat(PythonScript.dataFileName("a.b.py")).isEqualTo("a.b.json");
        assertThat(PythonScript.dataFileName("run.json")).isEqualTo("run.json.json");
        assertThat(PythonScript.dataFileName(".py")).isEqualTo(".py.json");
    }

    @Test
    void everyLayerOfTheFamilyHasAScriptThatBuildsIt() throws Exception {
        for (String[] c : new String[][] {{"instancenorm2d_default.json", "torch.nn.InstanceNorm2d(3)"},
                {"layernorm_last2.json", "torch.nn.LayerNorm([4, 3])"},
                {"groupnorm_2groups.json", "torch.nn.GroupNorm(2, 4)"}}) {
            Scenario scenario = golden(c[0]).scenario();
            String script = PythonScript.text(scenario, Replayer.replay(scenario), "s.py");
            assertThat(script).as(c[0]).contains("    layer = " + c[1] + "\n");
        }
    }

    @Test
    void aResultForOtherStepsIsRefused() throws Exception {
        Scenario scenario = golden("seed_bn1d_ones.json").scenario();

        assertThatThrownBy(() -> PythonScript.text(scenario, new Result(List.of()), "s.py"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("0 results for 7 steps");
    }

    @Test
    void aScenarioNameCannotBreakOutOfTheHeaderComment() throws Exception {
        Scenario s = golden("seed_bn1d_ones.json").scenario();
        Scenario evil = new Scenario("x\"\nimport os; os.system('rm -rf /')\u2028#", s.layer(), s.steps(), s.tolerance());

        String script = PythonScript.text(evil, Replayer.replay(evil), "a\nb.py");

        assertThat(script.lines().filter(l -> l.contains("rm -rf")).toList()).singleElement().asString()
                .startsWith("# A PyTorch script made by");
        assertThat(script).contains("from the scenario \"x\\\"\\nimport os; os.system('rm -rf /')\\u2028#\".")
                .contains("python3 a?b.py --json");
    }

    private static void assertStep(List<Tensor> tensors, JsonNode step, Step want) {
        if (want instanceof Step.Forward f) {
            assertThat(step.get("op").asText()).isEqualTo("forward");
            assertThat(step.get("mode").asText()).isEqualTo(f.mode().name());
            assertThat(ScriptPayload.tensor(tensors, step, "input")).isEqualTo(f.input());
            if (f.gradOutput() != null) {
                assertThat(ScriptPayload.tensor(tensors, step, "grad_output")).isEqualTo(f.gradOutput());
            } else {
                assertThat(step.has("grad_output")).isFalse();
            }
        } else if (want instanceof Step.Set s) {
            assertThat(step.get("op").asText()).isEqualTo("set");
            if (s.eps() != null) {
                assertThat(step.get("eps").asDouble()).isEqualTo(s.eps());
            }
            if (s.momentum() != null) {
                assertThat(step.get("momentum").isNull()).isEqualTo(s.momentum().isCumulative());
            }
            if (s.weight() != null) {
                assertThat(ScriptPayload.vector(tensors, step, "weight")).isEqualTo(s.weight());
            }
            if (s.bias() != null) {
                assertThat(ScriptPayload.vector(tensors, step, "bias")).isEqualTo(s.bias());
            }
        } else {
            assertThat(step.get("op").asText()).isEqualTo("reset_running_stats");
        }
    }

    private static void assertResult(List<Tensor> tensors, JsonNode entry, StepResult want) {
        assertThat(stepResult(tensors, entry)).usingRecursiveComparison().isEqualTo(want);
    }

    /** An EXPECTED entry as the StepResult it stands for. */
    private static StepResult stepResult(List<Tensor> tensors, JsonNode e) {
        StepResult.StepError error = e.has("error")
                ? new StepResult.StepError(e.get("error").get("type").asText(), e.get("error").get("message").asText())
                : null;
        Tensor output = e.has("output") ? ScriptPayload.tensor(tensors, e, "output") : null;
        JsonNode nbt = e.get("num_batches_tracked");
        boolean grads = e.has("grad_input");
        return new StepResult(output, error, ScriptPayload.vector(tensors, e, "running_mean"),
                ScriptPayload.vector(tensors, e, "running_var"), nbt.isNull() ? null : nbt.asLong(), grads,
                grads ? ScriptPayload.tensor(tensors, e, "grad_input") : null,
                grads ? ScriptPayload.vector(tensors, e, "grad_weight") : null,
                grads ? ScriptPayload.vector(tensors, e, "grad_bias") : null);
    }
}
