package org.normscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.scenario.Replayer;
import org.normscope.scenario.Result;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.Step;
import org.normscope.session.Session;
import org.normscope.session.SessionScenario;

/** File → Export as PyTorch script… and Export as scenario…, without a window. */
class SessionFilesTest {

    @TempDir
    Path dir;

    private static SessionScenario.Export notebookSession() {
        Session s = Session.notebook();
        for (int i = 0; i < 4; i++) {
            s.step();
        }
        s.setTraining(false);
        s.step();
        return SessionScenario.of(s);
    }

    @Test
    void theScenarioFileReplaysToTheNotebooksNumbers() throws Exception {
        File file = dir.resolve("session.json").toFile();
        String said = SessionFiles.write(notebookSession(), false, file);
        assertThat(said).contains("session.json").contains("steps 1\u20135");
        ScenarioFile read = ScenarioFile.parse(Files.readString(file.toPath()));
        assertThat(read.scenario().steps()).hasSize(5);
        assertThat(((Step.Forward) read.scenario().steps().get(4)).mode()).isEqualTo(Step.Mode.eval);
        Result r = Replayer.replay(read.scenario());
        assertThat(r.steps().get(3).runningMean()).containsOnly(0.7599f);
        assertThat(r.steps().get(3).runningVar()).containsOnly(0.2401f);
        assertThat(r.steps().get(4).output().data()).containsOnly(0.49f);
    }

    @Test
    void theScriptEmbedsTheSessionAndSaysHowToRunIt() throws Exception {
        File file = dir.resolve("session.py").toFile();
        String said = SessionFiles.write(notebookSession(), true, file);
        assertThat(said).contains("session.py").contains("python3");
        String script = Files.readString(file.toPath());
        assertThat(script).contains("import torch").contains("python3 session.py").contains("BatchNorm1d(4, eps=0.0, momentum=0.3)");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file.toPath()); // small: no data file beside it, no temporary file left
        }
    }
}
