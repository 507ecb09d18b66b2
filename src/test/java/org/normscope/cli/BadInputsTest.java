package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad input file and bad option is refused cleanly: exit 2, nothing on stdout, exactly one
 * line on stderr naming the command and the problem, no stack trace, no hang.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputsTest {

    private static final String BAD = "src/test/resources/bad/files/";

    @TempDir
    static Path tmp;

    static void assertRefused(Cli.Run run, String command, String expected) {
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).as(run.describe()).isEmpty();
        assertThat(run.errLines()).as(run.describe()).hasSize(1);
        assertThat(run.err()).as(run.describe()).startsWith("normscope " + command + ": ").contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    // ------------------------------------------------------------------ scenario files (point 3)

    static Stream<Arguments> badScenarioFiles() {
        return Stream.of(
                Arguments.of("duplicate-key.json",
                        "duplicate-key.json: layer.momentum: a field given twice (the second at line 3, column"),
                Arguments.of("misspelt-field.json",
                        "misspelt-field.json: steps[0].momentun: unknown field for a set step; did you mean momentum?"),
                Arguments.of("misspelt-layer-field.json",
                        "misspelt-layer-field.json: layer.momentun: unknown field for a BatchNorm1d; did you mean momentum?"),
                Arguments.of("unknown-field.json",
                        "unknown-field.json: colour: unknown field; expected one of format, name, layer, steps, tolerance"),
                Arguments.of("golden-unknown-field.json",
                        "golden-unknown-field.json: expectd: unknown field of a golden file; did you mean expected?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarioFiles")
    void replayExplainAndExportPythonRefuseTheScenario(String file, String expected) {
        assertRefused(Cli.run("replay", BAD + file), "replay", BAD + expected);
        assertRefused(Cli.run("explain", BAD + file, "--step", "1"), "explain", BAD + expected);
        assertRefused(Cli.run("export-python", BAD + file, "--out", tmp.resolve("x.py").toString()), "export-python",
                BAD + expected);
        assertThat(tmp.resolve("x.py")).doesNotExist();
    }

    @Test
    void aMisspeltTensorFieldIsRefusedInAScenario() {
        String json = "{\"layer\": {\"type\": \"BatchNorm1d\", \"num_features\": 2}, \"steps\": ["
                + "{\"input\": {\"shape\": [2, 2], \"dta\": [1, 2, 3, 4]}}]}";
        assertRefused(Cli.runWithStdin(json, "replay", "-"), "replay",
                "-: steps[0].input.dta: unknown field of a tensor; did you mean data?");
    }

    @Test
    void aFieldGivenTwiceInATensorFileIsRefused() {
        assertRefused(Cli.runWithStdin("{\"shape\": [1], \"data\": [1], \"data\": [2]}", "format", "-"), "format",
                "-: data: a field given twice");
    }

    // ------------------------------------------------------------------ input files (point 1)

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aFolderIsRefused(String command) throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("a-folder"));
        assertRefused(run(command, folder.toString()), command, folder + ": is a folder, not a file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    @EnabledOnOs(OS.LINUX)
    void aDeviceIsRefusedBeforeAnyRead(String command) {
        assertRefused(run(command, "/dev/zero"), command, "/dev/zero: is not a regular file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    @EnabledOnOs(OS.LINUX)
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aFifoIsRefusedWithoutHanging(String command) throws Exception {
        Path fifo = tmp.resolve("fifo-" + command);
        if (!Files.exists(fifo)) {
            Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).isZero();
        }
        assertRefused(run(command, fifo.toString()), command, fifo + ": is not a regular file");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void aFileOverTheCapIsRefusedBeforeItIsRead(String command) throws IOException {
        Path big = tmp.resolve("big.json");
        if (!Files.exists(big)) {
            try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
                f.setLength(3L << 30); // sparse: no disk, and reading it would need 3 GB of heap
            }
        }
        assertRefused(run(command, big.toString()), command, big + ": 3.0 GB, over the 256 MB an input may have");
    }

    @Test
    void standardInputOverTheCapIsRefused() {
        java.io.InputStream saved = System.in;
        try {
            System.setIn(new java.io.InputStream() { // 257 MB of spaces, never held at once
                long left = InputFiles.MAX_BYTES + (1 << 20);

                @Override
                public int read() {
                    return left-- > 0 ? ' ' : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = (int) Math.min(len, left);
                    java.util.Arrays.fill(b, off, off + n, (byte) ' ');
                    left -= n;
                    return n;
                }
            });
            assertRefused(Cli.run("format", "-"), "format", "-: over the 256 MB an input may have");
        } finally {
            System.setIn(saved);
        }
    }

    static Stream<String> commands() {
        return Stream.of("replay", "format", "explain", "export-python");
    }

    private static Cli.Run run(String command, String file) {
        return switch (command) {
            case "explain" -> Cli.run("explain", file, "--step", "1");
            case "export-python" -> Cli.run("export-python", file, "--out", tmp.resolve("out.py").toString());
            default -> Cli.run(command, file);
        };
    }

    // ------------------------------------------------------------------ deep tensors (point 2)

    @Test
    void aTensorOf6000DimensionsIsRefusedNotAStackOverflow() {
        assertRefused(Cli.run("format", BAD + "deep-rank-6000.json"), "format",
                BAD + "deep-rank-6000.json: shape: a tensor of 6000 dimensions; at most 64 are supported");
    }

    @Test
    void aTensorOf64DimensionsStillPrints() {
        String json = "{\"shape\": [" + String.join(", ", java.util.Collections.nCopies(64, "1")) + "], \"data\": [2]}";
        Cli.Run run = Cli.runWithStdin(json, "format", "-");
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).startsWith("tensor(" + "[".repeat(64) + "2.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void listsNested100000DeepAreRefused(String command) throws IOException {
        Path deep = tmp.resolve("nested-100000.json");
        if (!Files.exists(deep)) {
            Files.writeString(deep, "[".repeat(100_000) + "]".repeat(100_000), StandardCharsets.UTF_8);
        }
        assertRefused(run(command, deep.toString()), command,
                deep + ": not JSON this reader takes: lists and objects nested more than 1000 deep");
    }

    @Test
    void aTensorNested100000DeepInsideItsDataIsRefused() {
        String json = "{\"shape\": [1], \"data\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        assertRefused(Cli.runWithStdin(json, "format", "-"), "format", "nested more than 1000 deep");
    }

    // ------------------------------------------------------------------ bench and bench-ui (point 4)

    static Stream<Arguments> badBenchOptions() {
        return Stream.of(
                Arguments.of(List.of("bench", "--shape", "1,2147483647"), "bench",
                        "normscope bench: shape [1, 2147483647]: more values than one Java float array holds"),
                Arguments.of(List.of("bench", "--shape", "65536,65536"), "bench",
                        "more values than one Java float array holds (at most 2147483639)"),
                Arguments.of(List.of("bench", "--shape", "1,1,2147483639"), "bench",
                        "normscope bench: shape [1, 1, 2147483639]: needs 16.0 GB for its input and output, but the "
                                + "Java heap has"),
                Arguments.of(List.of("bench-ui", "--shape", "1,4"), "bench-ui",
                        "--shape 1,4 has 1 value per channel, and a forward in train mode needs more"),
                Arguments.of(List.of("bench-ui", "--shape", "1,4,1"), "bench-ui", "has 1 value per channel"),
                Arguments.of(List.of("bench-ui", "--shape", "1000,64,1000,1000"), "bench-ui",
                        "--shape 1000,64,1000,1000 holds more values than a batch may (at most 16777216, 64 MB)"),
                Arguments.of(List.of("bench-ui", "--shape", "2147483647,64,2147483647,2147483647,2147483647"),
                        "bench-ui", "holds more values than a batch may"),
                Arguments.of(List.of("bench-ui", "--size", "99999x99999"), "bench-ui",
                        "--size must be from 640x480 to 7680x4320, got 99999x99999 (see `normscope bench-ui --help`)"),
                Arguments.of(List.of("bench-ui", "--size", "100x100"), "bench-ui",
                        "--size must be from 640x480 to 7680x4320, got 100x100"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBenchOptions")
    void benchOptionsAreCheckedBeforeAnythingIsAllocated(List<String> args, String command, String expected) {
        assertRefused(Cli.run(args.toArray(String[]::new)), command, expected);
    }
}
