package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad inputs in {@code src/test/resources/bad/}: every file listed in
 * {@code files.txt} and every command line in {@code command-lines.txt} is refused cleanly: exit 2,
 * nothing on stdout, exactly one line on stderr that starts with {@code normscope <command>: } (or
 * {@code normscope: }) and holds the expected text, no stack trace, no hang, nothing written.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadCorpusTest {

    private static final Path BAD = Path.of("src/test/resources/bad");
    private static final String FILES = "src/test/resources/bad/files/";
    private static final Set<String> COMMANDS = Set.of("app", "screenshot", "replay", "explain", "export-python",
            "format", "demo", "run", "bench", "bench-ui", "bench-files", "help");

    /** At least this many cases, so that the corpus cannot shrink unseen. */
    private static final int MIN_FILE_CASES = 100;
    private static final int MIN_FILES = 100;
    private static final int MIN_COMMAND_LINES = 60;

    @TempDir
    static Path tmp;

    private static List<String> lines(String name) throws IOException {
        return Files.readAllLines(BAD.resolve(name), StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    static void assertRefused(Cli.Run run, String prefix, String expected) {
        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.out()).as(run.describe()).isEmpty();
        assertThat(run.errLines()).as(run.describe()).hasSize(1);
        assertThat(run.err()).as(run.describe()).startsWith(prefix).contains(expected)
                .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("internal error");
    }

    // ------------------------------------------------------------------ files

    static Stream<Arguments> files() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines("files.txt")) {
            String[] parts = line.split(" \\| ", 3);
            assertThat(parts).as(line).hasSize(3);
            cases.add(Arguments.of(parts[0].trim(), parts[1].trim(), parts[2].trim()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("files")
    void aBadFileIsRefused(String command, String file, String expected) throws IOException {
        String path = FILES + file;
        assertThat(Path.of(path)).as("listed in files.txt").isRegularFile();
        assertThat(Files.size(Path.of(path))).as("a corpus file stays small").isLessThan(20 * 1024); // deep-rank-6000.json, 18 KB, is the largest;
        List<String> args = new ArrayList<>(Arrays.asList(command.split(" ")));
        args.add(1, path);
        Path py = tmp.resolve("out-" + file + ".py");
        if (command.equals("export-python")) {
            args.add("--out");
            args.add(py.toString());
        }
        String name = args.get(0);
        assertThat(name).isIn("replay", "explain", "export-python", "format");
        assertRefused(Cli.run(args.toArray(String[]::new)), "normscope " + name + ": " + path + ": ", expected);
        assertThat(py).doesNotExist();
    }

    // ------------------------------------------------------------------ command lines

    static Stream<Arguments> commandLines() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : lines("command-lines.txt")) {
            int bar = line.indexOf(" | ");
            assertThat(bar).as(line).isPositive();
            cases.add(Arguments.of(line.substring(0, bar).trim(), line.substring(bar + 3).trim()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void aBadCommandLineIsRefused(String line, String expected) throws IOException {
        String argsText = line;
        if (argsText.startsWith("linux:")) {
            assumeTrue(OS.LINUX.isCurrentOs(), "a Linux-only case");
            argsText = argsText.substring("linux:".length()).trim();
        }
        String dir = tmp.toString();
        String[] args = Arrays.stream(argsText.split(" +")).map(a -> a.replace("{tmp}", dir)).toArray(String[]::new);
        String prefix = args.length > 0 && COMMANDS.contains(args[0]) ? "normscope " + args[0] + ": " : "normscope: ";
        Set<String> before = listing(tmp);
        assertRefused(Cli.run(args), prefix, expected.replace("{tmp}", dir));
        assertThat(listing(tmp)).as("nothing is written").isEqualTo(before);
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith("out-")).map(Path::toString)
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    // ------------------------------------------------------------------ the corpus's size

    @Test
    void theCorpusDoesNotShrink() throws IOException {
        List<String> fileCases = lines("files.txt");
        Set<String> listed = fileCases.stream().map(l -> l.split(" \\| ", 3)[1].trim())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(fileCases).hasSizeGreaterThanOrEqualTo(MIN_FILE_CASES);
        assertThat(listed).hasSizeGreaterThanOrEqualTo(MIN_FILES);
        assertThat(lines("command-lines.txt")).hasSizeGreaterThanOrEqualTo(MIN_COMMAND_LINES);
        try (Stream<Path> s = Files.list(BAD.resolve("files"))) {
            Set<String> present = s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            assertThat(listed).as("every file in bad/files is listed in files.txt, and the reverse")
                    .isEqualTo(present);
        }
    }

    @Test
    void everyCommandHasBadCommandLines() throws IOException {
        Set<String> covered = lines("command-lines.txt").stream()
                .map(l -> l.replaceFirst("^linux:\\s*", "").split(" +")[0]).collect(Collectors.toSet());
        assertThat(covered).contains("replay", "format", "explain", "export-python", "demo", "run", "bench",
                "bench-ui", "screenshot");
    }
}
