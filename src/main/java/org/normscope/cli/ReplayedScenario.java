package org.normscope.cli;

import org.normscope.scenario.Replayer;
import org.normscope.scenario.Result;
import org.normscope.scenario.ScenarioFile;
import org.normscope.scenario.ScenarioFormatException;
import org.normscope.scenario.UnsupportedLayerException;

/** A command's scenario file, read and replayed on the engine; any problem is one line naming the file. */
record ReplayedScenario(ScenarioFile input, Result result) {

    static ReplayedScenario of(String file) throws InputFiles.BadInput {
        try {
            ScenarioFile input = ScenarioFile.parse(InputFiles.read(file));
            return new ReplayedScenario(input, Replayer.replay(input.scenario()));
        } catch (ScenarioFormatException | UnsupportedLayerException e) {
            throw new InputFiles.BadInput(file + ": " + e.getMessage());
        } catch (OutOfMemoryError e) {
            throw new InputFiles.BadInput(file + ": not enough memory to replay it (" + e.getMessage() + ")");
        }
    }
}
