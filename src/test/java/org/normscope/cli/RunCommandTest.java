package org.normscope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run}: a preset's steps headless and the window's CSV export of a statistic. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void theNotebooksFourStepsExportTheirRunningMeanRowByRow() throws Exception {
        Path csv = dir.resolve("h.csv");
        Cli.Run run = Cli.run("run", "--preset", "notebook", "--steps", "4", "--csv", "running_mean", "--rows", "4",
                "--csv-out", csv.toString());
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.out()).isEqualTo("ran 4 steps of Notebook: BatchNorm1d on ones (4 in all); wrote " + csv + "\n");
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("first_step,last_step,ch0_min,ch0_max,ch0_mean,ch1_min");
        assertThat(lines.get(1)).startsWith("1,1,0.3,0.3,0.3,");
        assertThat(lines.get(2)).startsWith("2,2,0.51,0.51,0.51,");
        assertThat(lines.get(3)).startsWith("3,3,0.657,0.657,0.657,");
        assertThat(lines.get(4)).startsWith("4,4,0.7599,0.7599,0.7599,");
    }

    @Test
    void aSavedSessionContinuedGivesTheVerySameHistoryAsOneRunStraightThrough() throws Exception {
        Path saved = dir.resolve("half.normscope");
        Cli.Run first = Cli.run("run", "--preset", "noisy-small-batches", "--steps", "12000", "--save", saved.toString());
        assertThat(first.exitCode()).as(first.describe()).isZero();
        Path continued = dir.resolve("continued.csv");
        Cli.Run second = Cli.run("run", "--session", saved.toString(), "--steps", "3500", "--csv", "batch_var",
                "--rows", "700", "--csv-out", continued.toString());
        assertThat(second.exitCode()).as(second.describe()).isZero();
        assertThat(second.out()).startsWith("ran 3500 steps of half.normscope (15500 in all)");
        Path straight = dir.resolve("straight.csv");
        Cli.Run whole = Cli.run("run", "--preset", "noisy-small-batches", "--steps", "15500", "--csv", "batch_var",
                "--rows", "700", "--csv-out", straight.toString());
        assertThat(whole.exitCode()).as(whole.describe()).isZero();
        assertThat(Files.readAllBytes(continued)).isEqualTo(Files.readAllBytes(straight));
    }

    @Test
    void badArgumentsAreOneLineAndNothingIsWritten() {
        Path csv = dir.resolve("h.csv");
        for (String[] args : new String[][] {
                {"run", "--steps", "-1"},
                {"run", "--csv", "running_men", "--csv-out", csv.toString()},
                {"run", "--csv", "running_mean"},
                {"run", "--csv-out", csv.toString()},
                {"run", "--preset", "no-such-preset"},
                {"run", "--rows", "0", "--csv", "running_mean", "--csv-out", csv.toString()},
                {"run", "--csv", "running_mean", "--csv-out", dir.resolve("missing/h.csv").toString()},
                {"run", "--session", dir.resolve("none.normscope").toString()},
                {"run", "--session", dir.toString()},
                {"run", "--session", "x.normscope", "--preset", "notebook"},
                {"run", "--save", dir.resolve("missing/s.normscope").toString()},
                {"run", "--save", dir.toString()}}) {
            Cli.Run run = Cli.run(args);
            assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
            assertThat(run.out()).isEmpty();
            assertThat(run.errLines()).hasSize(1);
            assertThat(run.err()).startsWith("normscope run: ");
        }
        assertThat(csv).doesNotExist();
    }
}
