package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.python.PythonScript;
import org.normscope.scenario.ScenarioFile;

/**
 * {@code normscope export-python FILE [--out FILE.py]}: the script on stdout or in a file (with
 * its data file beside it for a large scenario), or one line on stderr and exit 2.
 */
class ExportPythonCommandTest {

    private static final Path SEED = Paths.get("src/test/resources/golden/seed_bn1d_ones.json");
    private static final Path SEED_SCRIPT = Paths.get("src/test/resources/python/seed_bn1d_ones.py");

    @TempDir
    Path tmp;

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @Test
    void withoutOutTheScriptGoesToStdoutAndNothingToStderr() throws Exception {
        Cli.Run run = Cli.run("export-python", SEED.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).isEqualTo(read(SEED_SCRIPT));
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aScenarioOnStdinGivesTheSameScript() throws Exception {
        Cli.Run run = Cli.runWithStdin(read(SEED), "export-python", "-");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).isEqualTo(read(SEED_SCRIPT));
    }

    @Test
    void withOutTheScriptGoesToTheFileAndOneLineSaysSo() throws Exception {
        Path out = tmp.resolve("seed_bn1d_ones.py");

        Cli.Run run = Cli.run("export-python", SEED.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(read(out)).isEqualTo(read(SEED_SCRIPT));
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).containsExactly("normscope export-python: wrote " + out);
        assertThat(tmp.resolve("seed_bn1d_ones.json")).doesNotExist();
    }

    @Test
    void aLargeScenarioGoesToAJsonFileBesideTheScriptOnlyWithOut() throws Exception {
        Path input = tmp.resolve("large.json");
        Files.writeString(input, largeScenario(), StandardCharsets.UTF_8);
        Path out = tmp.resolve("run.py");

        Cli.Run toStdout = Cli.run("export-python", input.toString());
        Cli.Run toFile = Cli.run("export-python", input.toString(), "--out", out.toString());

        assertThat(toStdout.exitCode()).as(toStdout.describe()).isEqualTo(2);
        assertThat(toStdout.out()).isEmpty();
        assertThat(toStdout.errLines()).singleElement().asString()
                .isEqualTo("normscope export-python: " + input + ": its tensors are over the 4 MB a script embeds; "
                        + "give --out FILE.py to write them to FILE.json beside the script");
        assertThat(toFile.exitCode()).as(toFile.describe()).isZero();
        assertThat(toFile.errLines()).containsExactly("normscope export-python: wrote " + out + " and its data "
                + tmp.resolve("run.json"));
        assertThat(read(out)).contains("\nDATA_FILE = \"run.json\"\n").hasSizeLessThan(20_000);
        ScenarioFile data = ScenarioFile.parse(read(tmp.resolve("run.json")));
        assertThat(new ScenarioFile(data.scenario(), null).toJson())
                .isEqualTo(new ScenarioFile(ScenarioFile.parse(read(input)).scenario(), null).toJson());
        assertThat(data.expected().steps()).hasSize(1);
        assertThat(data.expected().steps().get(0).output().data()).hasSize(600_000).containsOnly(0f);
    }

    @Test
    void theDataFileNeverReplacesTheInputFile() throws Exception {
        Path input = tmp.resolve("large.json");
        String text = largeScenario();
        Files.writeString(input, text, StandardCharsets.UTF_8);

        Cli.Run run = Cli.run("export-python", input.toString(), "--out", tmp.resolve("large.py").toString());

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().endsWith("the input file; give --out another name");
        assertThat(read(input)).isEqualTo(text);
        assertThat(tmp.resolve("large.py")).doesNotExist();
    }

    /** BatchNorm1d(1) on 600,000 ones: 2.4 MB of input and 2.4 MB of output, over the limit together. */
    private static String largeScenario() {
        StringBuilder sb = new StringBuilder("{\"name\": \"large\", \"layer\": {\"type\": \"BatchNorm1d\", "
                + "\"num_features\": 1}, \"steps\": [{\"input\": {\"shape\": [2, 1, 300000], \"data\": [1");
        sb.append(",1".repeat(599_999));
        return sb.append("]}}]}").toString();
    }

    /** Checked by hand with real PyTorch 1.13: each family golden's script printed "N passed, 0 failed". */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "instancenorm2d_default.json, torch.nn.InstanceNorm2d(3)",
        "family/ln_last3.json, torch.nn.LayerNorm([",
        "groupnorm_2groups.json, torch.nn.GroupNorm(2, 4",
        "family/in1d_tracking_affine.json, track_running_stats=True)"})
    void theFamilysScenariosBecomeScriptsThatBuildTheirLayer(String golden, String constructor) {
        Cli.Run run = Cli.run("export-python", "src/test/resources/golden/" + golden);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).contains(constructor).contains("getattr(layer, \"running_mean\", None)");
    }

    static Stream<Arguments> badInvocations() {
        return Stream.of(
                Arguments.of(new String[] {"export-python", "no/such/file.json"}, "no/such/file.json: no such file"),
                Arguments.of(new String[] {"export-python", SEED.toString(), "--out", "no/such/folder/x.py"},
                        "cannot write no/such/folder/x.py: the folder no/such/folder does not exist"),
                Arguments.of(new String[] {"export-python", SEED.toString(), "--out", "src"},
                        "cannot write src: it is a folder; it is left as it is"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badInvocations")
    void problemsExitTwoWithOneLineOnStderrAndNothingOnStdout(String[] args, String says) {
        Cli.Run run = Cli.run(args);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("normscope export-python: ").contains(says);
    }

    @Test
    void aFileThatIsNotJsonExitsTwoWithOneLine() throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"layer\": ", StandardCharsets.UTF_8);

        Cli.Run run = Cli.run("export-python", bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).singleElement().asString().startsWith("normscope export-python: " + bad + ": not JSON");
    }

    @Test
    void theLimitTheMessageNamesIsTheLimitTheScriptUses() {
        assertThat(PythonScript.MAX_EMBEDDED_BYTES).isEqualTo(4L * 1024 * 1024);
    }
}
