package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The window asked for with no display: one line naming `screenshot`, exit 4, no stack trace. */
class NoDisplayTest {

    @Test
    void withNeitherDisplayNorWaylandOnLinuxTheLineSaysSoAndNamesScreenshot() {
        assertThat(Main.noDisplay("Linux", null, null)).isEqualTo("normscope: no display to open the window on "
                + "(DISPLAY is not set); `normscope screenshot` renders the window to a PNG without one");
        assertThat(Main.noDisplay("Linux", "", " ")).startsWith("normscope: no display");
        assertThat(Main.noDisplay("Linux", ":0", null)).isNull();
        assertThat(Main.noDisplay("Linux", null, "wayland-0")).isNull();
        assertThat(Main.noDisplay("Windows 11", null, null)).isNull();
        assertThat(Main.noDisplay("Mac OS X", null, null)).isNull();
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(org.junit.jupiter.api.condition.OS.LINUX)
    void theJarWithNoArgumentsAndNoDisplayExitsFourWithOneLine() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "org.normscope.cli.Main");
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isEqualTo(4);
        assertThat(out).isEmpty();
        assertThat(err.lines().toList()).isEqualTo(List.of("normscope: no display to open the window on "
                + "(DISPLAY is not set); `normscope screenshot` renders the window to a PNG without one"));
    }
}
