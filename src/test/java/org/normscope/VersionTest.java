package org.normscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class VersionTest {

    @Test
    void theVersionIsThePomsWithoutItsSnapshotSuffix() throws IOException {
        String pom = Files.readString(Paths.get("pom.xml"));
        assertThat(pom).contains("<artifactId>normscope</artifactId>\n  <version>" + NormScope.VERSION + "-SNAPSHOT</version>");
    }
}
