package org.normscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.normscope.cli.Main;

class VersionTest {

    private static String pomVersion() throws IOException {
        String pom = Files.readString(Paths.get("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>normscope</artifactId>\\s*(?:<!--.*?-->\\s*)?<version>([^<]+)</version>",
                Pattern.DOTALL).matcher(pom);
        assertThat(m.find()).as("the project's <version> in pom.xml").isTrue();
        return m.group(1);
    }

    @Test
    void theVersionIsThePomsAndNumericForTheInstallers() throws IOException {
        assertThat(NormScope.VERSION).isEqualTo(pomVersion()).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(NormScope.NAME_AND_VERSION).isEqualTo("NormScope " + pomVersion());
    }

    @Test
    void versionOptionPrintsIt() throws IOException {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"--version"}, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).isZero();
        assertThat(out.toString().strip()).isEqualTo("NormScope " + pomVersion());
    }

    @Test
    void theChangelogStartsWithThisVersion() throws IOException {
        String changelog = Files.readString(Paths.get("CHANGELOG.md"));
        Matcher first = Pattern.compile("(?m)^## \\[?(\\d+\\.\\d+\\.\\d+)").matcher(changelog);
        assertThat(first.find()).as("a '## x.y.z' heading in CHANGELOG.md").isTrue();
        assertThat(first.group(1)).isEqualTo(pomVersion());
    }
}
