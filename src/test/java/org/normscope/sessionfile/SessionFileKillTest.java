package org.normscope.sessionfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;

/** Save killed with SIGKILL at any moment: the file there before stays whole, or the new one is complete. */
class SessionFileKillTest {

    @TempDir
    Path dir;

    /** Saves a 64-channel session of {@code args[1]} steps to {@code args[0]} again and again, until killed. */
    public static void main(String[] args) throws Exception {
        List<ChannelSource> sources = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            sources.add(new ChannelSource.Normal(c % 3, 1));
        }
        Session s = new Session(new LayerConfig(LayerKind.BATCH_NORM_1D, 64, 1e-5, Momentum.DEFAULT, true, true),
                new BatchSpec(2, new int[] {2}, sources, 0, 3, true), null);
        long steps = Long.parseLong(args[1]);
        for (long i = 0; i < steps; i++) {
            s.stepQuietly();
        }
        System.out.println("saving");
        System.out.flush();
        while (true) {
            SessionFile.save(Path.of(args[0]), new SessionFile.Saved(s.state(), SessionView.DEFAULT));
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aSaveKilledAtAnyMomentLeavesTheOldSessionOrTheWholeNewOne() throws Exception {
        Path target = dir.resolve("lesson.normscope");
        Preset p = PresetLibrary.find("notebook");
        Session old = new Session(p.layer(), p.batches(), null);
        old.step();
        old.step();
        SessionFile.save(target, new SessionFile.Saved(old.state(), SessionView.DEFAULT));
        String java = System.getProperty("java.home") + "/bin/java";
        int sawOld = 0;
        int sawNew = 0;
        for (int kill = 0; kill < 8; kill++) {
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SessionFileKillTest.class.getName(), target.toString(), "1200").redirectErrorStream(true).start();
            BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream()));
            assertThat(lines.readLine()).isEqualTo("saving");
            Thread.sleep(kill * 37L);
            child.destroyForcibly(); // SIGKILL: no finally block runs
            child.waitFor();
            SessionFile.Saved opened = SessionFile.open(target); // whole, whichever it is
            long steps = opened.state().step();
            assertThat(steps).isIn(2L, 1200L);
            if (steps == 2) {
                sawOld++;
            } else {
                sawNew++;
            }
            Session again = Session.notebook();
            again.restore(opened.state());
            assertThat(again.stepCount()).isEqualTo(steps);
        }
        assertThat(sawOld + sawNew).isEqualTo(8);
    }
}
