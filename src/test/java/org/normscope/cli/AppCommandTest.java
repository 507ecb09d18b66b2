package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code normscope x.normscope} / {@code normscope app x.normscope}: the window with that session; a bad file is refused first. */
class AppCommandTest {

    @TempDir
    Path dir;

    @Test
    void oneArgumentEndingInTheExtensionIsASessionToOpenInTheWindow() {
        assertThat(Main.isSessionFile(new String[] {"lesson.normscope"})).isTrue();
        assertThat(Main.isSessionFile(new String[] {"/home/t/Lesson One.NormScope"})).isTrue();
        assertThat(Main.isSessionFile(new String[] {"replay"})).isFalse();
        assertThat(Main.isSessionFile(new String[] {"--version"})).isFalse();
        assertThat(Main.isSessionFile(new String[] {"run", "x.normscope"})).isFalse();
        assertThat(Main.isSessionFile(new String[] {})).isFalse();
    }

    @Test
    void aMissingFileOrAFolderIsRefusedInOneLineBeforeAnyWindow() throws Exception {
        Path missing = dir.resolve("gone.normscope");
        assertThat(run("app", missing.toString())).isEqualTo(
                "2|normscope app: " + missing + ": no such file (see `normscope app --help`)");
        Path folder = Files.createDirectory(dir.resolve("f.normscope"));
        assertThat(run("app", folder.toString())).isEqualTo(
                "2|normscope app: " + folder + ": is a folder, not a session file (see `normscope app --help`)");
        assertThat(run("app", "a.normscope", "b.normscope")).startsWith("2|normscope app: Unmatched argument");
    }

    private static String run(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        return code + "|" + err.toString().strip();
    }
}
