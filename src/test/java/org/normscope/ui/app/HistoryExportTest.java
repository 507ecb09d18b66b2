package org.normscope.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.normscope.session.Session;
import org.normscope.session.Stat;

/** File → Export history as CSV writes the file off the FX thread and says what it wrote. */
class HistoryExportTest {

    @Test
    void writesEveryChannelsStatAtTheChosenResolutionInTheBackground(@TempDir Path dir) throws Exception {
        Session s = Session.notebook();
        for (int t = 0; t < 40; t++) {
            s.step();
        }
        File file = dir.resolve("mean.csv").toFile();
        CompletableFuture<String> done = new CompletableFuture<>();
        HistoryExport.writeInBackground(s.history(), Stat.RUNNING_MEAN, 10, 1, 40, file, done::complete,
                done::completeExceptionally);
        String said = done.get(20, TimeUnit.SECONDS);
        assertThat(said).isEqualTo("Wrote mean.csv: running_mean of steps 1\u201340, 10 steps per row.");
        List<String> lines = Files.readAllLines(file.toPath());
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("first_step,last_step,ch0_min,ch0_max,ch0_mean,ch1_min,ch1_max,ch1_mean,"
                + "ch2_min,ch2_max,ch2_mean,ch3_min,ch3_max,ch3_mean");
        assertThat(lines.get(1)).startsWith("1,10,0.3,");
        assertThat(lines.get(4)).startsWith("31,40,");
    }

    @Test
    void aFileThatCannotBeWrittenReportsTheError(@TempDir Path dir) throws Exception {
        Session s = Session.notebook();
        s.step();
        File file = dir.resolve("no-such-folder").resolve("x.csv").toFile();
        CompletableFuture<String> done = new CompletableFuture<>();
        HistoryExport.writeInBackground(s.history(), Stat.RUNNING_VAR, 1, 1, 1, file, done::complete,
                done::completeExceptionally);
        assertThat(done).failsWithin(20, TimeUnit.SECONDS);
    }
}
