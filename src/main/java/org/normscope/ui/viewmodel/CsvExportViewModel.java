package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.Locale;
import org.normscope.session.SessionHistory;
import org.normscope.session.SessionSnapshot;
import org.normscope.session.Stat;

/**
 * File → Export history as CSV: the statistics and resolutions the dialog offers for the session
 * shown, in the current language, and the export of the user's choice. One row per
 * {@code stepsPerRow} steps; "auto" is ⌈steps / 1000⌉ steps per row (about a thousand rows), "exact"
 * is one row per step over the steps the history still keeps exactly.
 */
public final class CsvExportViewModel {

    /** Writes a statistic's history to a file the user picks (the app does it off the FX thread). */
    @FunctionalInterface
    public interface Exporter {
        void export(SessionHistory history, Stat stat, long stepsPerRow, long from, long to);
    }

    /** A resolution the dialog offers: its words, and the rows it makes. */
    public record Resolution(String label, long stepsPerRow, boolean exactOnly) {
        @Override
        public String toString() {
            return label;
        }
    }

    private final SessionHistory history;
    private final long steps;
    private final List<Stat> stats;
    private final List<Resolution> resolutions;

    private CsvExportViewModel(SessionHistory history, long steps) {
        this.history = history;
        this.steps = steps;
        this.stats = List.copyOf(SessionHistory.exportable());
        long auto = Math.max(1, (steps + 999) / 1000);
        String exact = String.format("%,d", history.exactSteps());
        this.resolutions = List.of(
                new Resolution(UiText.get("csv.resolution.auto", String.format("%,d", auto)), auto, false),
                new Resolution(UiText.get("csv.resolution.exact", exact), 1, true),
                new Resolution(UiText.get("csv.resolution.steps", "10"), 10, false),
                new Resolution(UiText.get("csv.resolution.steps", "100"), 100, false),
                new Resolution(UiText.get("csv.resolution.steps", "1,000"), 1000, false),
                new Resolution(UiText.get("csv.resolution.steps", "10,000"), 10_000, false));
    }

    /** The export of snapshot {@code s}'s history; {@code null} when there is nothing to export yet (no step). */
    static CsvExportViewModel of(SessionSnapshot s) {
        return s == null || s.step() == 0 ? null : new CsvExportViewModel(s.history(), s.step());
    }

    /** The statistics, by their names in the current language (running_mean and running_var as PyTorch names them). */
    public List<String> statistics() {
        return stats.stream().map(s -> UiText.get("charts.stat." + s.name().toLowerCase(Locale.ROOT))).toList();
    }

    /** The statistic chosen at first: running_mean. */
    public int firstStatistic() {
        return Math.max(0, stats.indexOf(Stat.RUNNING_MEAN));
    }

    /** The resolutions, "auto" first (chosen at first). */
    public List<Resolution> resolutions() {
        return resolutions;
    }

    /** The note under the choices: how many steps the history keeps exactly. */
    public String note() {
        return UiText.get("csv.note", String.format("%,d", history.exactSteps()));
    }

    /** Exports statistic {@code stat} (an index into {@link #statistics()}) at {@code resolution} through {@code to}. */
    public void export(int stat, Resolution resolution, Exporter to) {
        to.export(history, stats.get(stat), resolution.stepsPerRow(),
                resolution.exactOnly() ? history.exactFrom() : 1, steps);
    }
}
