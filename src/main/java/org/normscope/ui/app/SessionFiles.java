package org.normscope.ui.app;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import org.normscope.files.AtomicWrite;
import org.normscope.python.PythonScript;
import org.normscope.scenario.Replayer;
import org.normscope.scenario.Result;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.UnsupportedLayerException;
import org.normscope.session.SessionScenario;
import org.normscope.ui.viewmodel.UiText;

/**
 * File → Export as PyTorch script… and Export as scenario…: the session's newest steps (see
 * {@link SessionScenario}) written off the FX thread, atomically.
 */
final class SessionFiles {

    private SessionFiles() {
    }

    /** Writes the export as a self-contained PyTorch script (with NormScope's numbers), or as a scenario. */
    static String write(SessionScenario.Export export, boolean script, File file) throws IOException {
        if (script) {
            Result result;
            try {
                result = Replayer.replay(export.scenario());
            } catch (UnsupportedLayerException e) {
                throw new IOException(e.getMessage(), e);
            }
            PythonScript.Written written = PythonScript.write(export.scenario(), result, file.toPath());
            String name = written.dataFile() == null ? file.getName()
                    : file.getName() + " + " + written.dataFile().getFileName();
            return UiText.get("export.script.done", name, export.firstStep(), export.lastStep());
        }
        AtomicWrite.text(file.toPath(), new ScenarioFile(export.scenario(), null).toJson() + "\n");
        return UiText.get("export.scenario.done", file.getName(), export.firstStep(), export.lastStep());
    }

    /** {@link #write} on a thread of its own; then {@code done} gets a sentence for the user, or {@code failed} the error. */
    static void writeInBackground(SessionScenario.Export export, boolean script, File file, Consumer<String> done,
                                  Consumer<Throwable> failed) {
        Thread t = new Thread(() -> {
            try {
                done.accept(write(export, script, file));
            } catch (IOException | RuntimeException e) {
                failed.accept(e);
            }
        }, "normscope-session-export");
        t.setDaemon(true);
        t.start();
    }
}
