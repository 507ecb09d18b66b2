package org.normscope.ui.app;

import java.io.File;
import java.io.IOException;
import java.util.function.Consumer;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;

/** Writes a statistic's history to a CSV file, off the FX thread. */
final class HistoryExport {

    private HistoryExport() {
    }

    /** Writes steps {@code from..to} of every channel's {@code stat}; one row per {@code stepsPerRow} steps. */
    static void write(SessionHistory history, Stat stat, long stepsPerRow, long from, long to, File file)
            throws IOException {
        org.normscope.files.AtomicWrite.utf8(file.toPath(), out -> history.csvColumns(stat).write(out, from, to, stepsPerRow));
    }

    /** {@link #write} on a background thread; then {@code done} gets a sentence for the user, or {@code failed} the error. */
    static void writeInBackground(SessionHistory history, Stat stat, long stepsPerRow, long from, long to, File file,
                                  Consumer<String> done, Consumer<Throwable> failed) {
        Thread t = new Thread(() -> {
            try {
                write(history, stat, stepsPerRow, from, to, file);
                done.accept(org.normscope.ui.viewmodel.UiText.get(stepsPerRow == 1 ? "export.csv.done.one" : "export.csv.done",
                        file.getName(), org.normscope.ui.viewmodel.UiText.get("charts.stat."
                                + stat.name().toLowerCase(java.util.Locale.ROOT)),
                        String.format("%,d", from), String.format("%,d", to), String.format("%,d", stepsPerRow)));
            } catch (IOException | RuntimeException e) {
                failed.accept(e);
            }
        }, "normscope-csv-export");
        t.setDaemon(true);
        t.start();
    }
}
