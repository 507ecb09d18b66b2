package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * `screenshot` refuses a bad option or an output it must not touch before it renders anything:
 * exit 2, one line on stderr, nothing on stdout, and what was at the output left as it was.
 */
class ScreenshotRefusalsTest {

    @TempDir
    static Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--font-size 100     | normscope screenshot: --font-size must be from 11 to 30 px, got 100",
            "--font-size -1      | normscope screenshot: --font-size must be from 11 to 30 px, got -1",
            "--font-size NaN     | normscope screenshot: --font-size must be from 11 to 30 px, got NaN",
            "--font-size 10.5    | normscope screenshot: --font-size must be from 11 to 30 px, got 10.5",
            "--cursor -5         | normscope screenshot: --cursor must be a step from 1 (0: none), got -5",
            "--channel -1        | normscope screenshot: --channel must be at least 0, got -1"})
    void aBadOptionIsOneLine(String option, String line) {
        Path png = dir.resolve("x.png");
        String[] args = ("screenshot --out " + png + " " + option).split(" ");
        Cli.Run run = Cli.run(args);
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactly(line);
        assertThat(png).doesNotExist();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a-folder            | it is a folder; it is left as it is",
            "missing/x.png       | the folder <dir>/missing does not exist"})
    void anOutputThatIsNotAFileInAFolderIsRefusedAndLeftAsItIs(String name, String why) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("a-folder"));
        Files.writeString(folder.resolve("kept.txt"), "kept");
        Path out = dir.resolve(name);
        Cli.Run run = Cli.run("screenshot", "--out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).containsExactly("normscope screenshot: cannot write " + out + ": "
                + why.replace("<dir>", dir.toString()));
        assertThat(Files.readString(folder.resolve("kept.txt"))).isEqualTo("kept");
        assertThat(dir.resolve("missing")).doesNotExist();
    }

    @org.junit.jupiter.api.Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void aDeviceIsRefusedAndLeftAsItIs() {
        Cli.Run run = Cli.run("screenshot", "--out", "/dev/full");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines().toList()).containsExactly("normscope screenshot: cannot write /dev/full: it is "
                + "not a regular file (a device, a pipe or a socket); it is left as it is");
        assertThat(Files.isRegularFile(Path.of("/dev/full"))).isFalse();
    }
}
