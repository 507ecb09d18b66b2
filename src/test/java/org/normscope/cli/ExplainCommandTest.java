package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code normscope explain FILE --step K}: the formulas of one step, or one clear line on stderr and exit 2. */
class ExplainCommandTest {

    /** BatchNorm1d(4, eps=0, momentum=0.3) on ones(2, 4, 1): steps 1-4 train, 5-6 eval, 7 train. */
    private static final String NOTEBOOK = "src/test/resources/golden/seed_bn1d_ones.json";

    @TempDir
    Path tmp;

    @Test
    void step4IsTheFourthTrainStepOfTheNotebook() {
        Cli.Run run = Cli.run("explain", NOTEBOOK, "--step", "4");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.outLines()).first().asString().startsWith("Step 4 (train), channel 0, element 0: BatchNorm1d(4");
        assertThat(run.outLines()).contains(
                "n = N·L = 2·1 = 2",
                "μ_B = Σx/2 = 1",
                "σ²_B = Σ(x − μ_B)²/2 = 0",
                "σ²_B·n/(n−1) = 0·2/1 = 0",
                "running_mean ← (1 − 0.3)·0.657 + 0.3·1 = 0.7599",
                "  The running mean moves 30 % of the way toward this batch's mean.",
                "running_var ← (1 − 0.3)·0.343 + 0.3·0 = 0.2401");
    }

    @Test
    void step5IsTheFirstEvalStep() {
        Cli.Run run = Cli.run("explain", NOTEBOOK, "--step", "5", "--channel", "3", "--element", "1");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.outLines()).contains("y = (1 − 0.7599)/√(0.2401 + 0)·1 + 0 = 0.4900",
                "running_mean = 0.7599, running_var = 0.2401, num_batches_tracked = 4");
    }

    @Test
    void jsonHasTheNumbersAsNumbers() throws IOException {
        Cli.Run run = Cli.run("explain", NOTEBOOK, "--step", "4", "--json");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("case").asText()).isEqualTo("train_tracked");
        assertThat(j.get("n").asLong()).isEqualTo(2);
        assertThat(j.get("batch_mean").isNumber()).isTrue();
        assertThat(j.get("batch_mean").floatValue()).isEqualTo(1f);
        assertThat(j.get("batch_var_biased").floatValue()).isZero();
        assertThat(j.get("batch_var_unbiased").floatValue()).isZero();
        assertThat(j.get("factor").floatValue()).isEqualTo(0.3f);
        assertThat(j.get("running_mean_before").floatValue()).isEqualTo(0.657f);
        assertThat(j.get("running_mean_after").floatValue()).isEqualTo(0.7599f);
        assertThat(j.get("running_var_before").floatValue()).isEqualTo(0.343f);
        assertThat(j.get("running_var_after").floatValue()).isEqualTo(0.2401f);
        assertThat(j.get("y_element").floatValue()).isZero();
        assertThat(j.get("x_element").floatValue()).isEqualTo(1f);
        assertThat(j.get("eps").doubleValue()).isZero();
        assertThat(j.get("weight").floatValue()).isEqualTo(1f);
        assertThat(j.get("bias").floatValue()).isZero();
        assertThat(j.get("other_mode").asText()).isEqualTo("eval");
        assertThat(j.get("other_mode_y").floatValue()).isEqualTo(0.5857f, org.assertj.core.data.Offset.offset(1e-4f));
        assertThat(j.get("error").isNull()).isTrue();
        assertThat(j.get("lines").get(0).get("formula").asText()).isEqualTo("n = N·L = 2·1 = 2");
        assertThat(j.get("momentum").doubleValue()).isEqualTo(0.3);
        assertThat(j.get("cumulative_average").asBoolean()).isFalse();
    }

    @Test
    void momentumNoneIsNullAsInAScenarioFileWithTheFactorOneOverK() throws IOException {
        Cli.Run run = Cli.run("explain", "src/test/resources/golden/bn1d_cma_momentum_none.json", "--step", "2",
                "--json");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("momentum").isNull()).isTrue();
        assertThat(j.get("cumulative_average").asBoolean()).isTrue();
        assertThat(j.get("num_batches_tracked").asLong()).isEqualTo(2);
        assertThat(j.get("factor").doubleValue()).isEqualTo(0.5);
    }

    @Test
    void aRefusedStepGivesTheErrorAndNullsWhereNothingWasComputed() throws IOException {
        Path file = scenario("{\"op\": \"forward\", \"mode\": \"train\", \"input\": {\"shape\": [1, 4], "
                + "\"data\": [1, 2, 3, 4]}}");
        Cli.Run run = Cli.run("explain", file.toString(), "--step", "1", "--json");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("case").asText()).isEqualTo("refused");
        assertThat(j.get("error").get("type").asText()).isEqualTo("ValueError");
        assertThat(j.get("error").get("message").asText())
                .isEqualTo("Expected more than 1 value per channel when training, got input size torch.Size([1, 4])");
        assertThat(j.get("num_batches_tracked").asLong()).isEqualTo(1);
        assertThat(j.get("y_element").isNull()).isTrue();
        assertThat(j.get("batch_mean").isNull()).isTrue();
        assertThat(j.get("running_mean_after").isNull()).isTrue();
        assertThat(j.get("other_mode_y").floatValue()).isEqualTo(1f / (float) Math.sqrt(1f + 1e-5f), 
                org.assertj.core.data.Offset.offset(1e-6f));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "step 0            | 0 | 0 | step 0 is out of range: the scenario has 7 steps (1 to 7)",
        "step 8            | 8 | 0 | step 8 is out of range: the scenario has 7 steps (1 to 7)",
        "channel 4         | 4 | 4 | step 4: channel 4 is out of range: the layer has 4 channels (0 to 3)"})
    void outOfRangeArgumentsAreOneLineAndExit2(String name, String step, String channel, String message) {
        Cli.Run run = Cli.run("explain", NOTEBOOK, "--step", step, "--channel", channel);
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("normscope explain: " + NOTEBOOK + ": " + message);
    }

    @Test
    void aResetStepIsNotAForward() throws IOException {
        Path file = scenario("{\"op\": \"reset_running_stats\"}");
        Cli.Run run = Cli.run("explain", file.toString(), "--step", "1");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("normscope explain: " + file
                + ": step 1 is not a forward step, so there is nothing to explain");
    }

    @Test
    void aMissingOrBadFileIsOneLine() throws IOException {
        Cli.Run missing = Cli.run("explain", tmp.resolve("nope.json").toString(), "--step", "1");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.out()).isEmpty();
        assertThat(missing.errLines()).containsExactly("normscope explain: " + tmp.resolve("nope.json") + ": no such file");
        Path bad = Files.writeString(tmp.resolve("bad.json"), "{\"format\": ");
        Cli.Run broken = Cli.run("explain", bad.toString(), "--step", "1");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.out()).isEmpty();
        assertThat(broken.errLines()).hasSize(1).first().asString().startsWith("normscope explain: " + bad + ": not JSON");
    }

    private Path scenario(String step) throws IOException {
        return Files.writeString(tmp.resolve("s.json"), "{\"format\": \"normscope-scenario/1\", \"name\": \"t\", "
                + "\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 4}, \"steps\": [" + step + "]}");
    }

    @Test
    void aGroupNormStepIsExplainedThroughTheElementsGroupWithPyTorchsOutput() {
        Cli.Run run = Cli.run("explain", "src/test/resources/golden/groupnorm_2groups.json", "--step", "1",
                "--channel", "3");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).startsWith("Step 1 (train), channel 3, element 0: GroupNorm(2, 4, eps=1e-05, affine=True)")
                .contains("m = 8").contains("sample 0, group 1")
                .contains("= 0.4079"); // PyTorch's y for (0, 3, 0, 0): 0.40785521
    }
}
