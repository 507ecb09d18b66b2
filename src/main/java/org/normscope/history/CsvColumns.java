package org.normscope.history;

import java.io.IOException;

/**
 * Some series of a {@link HistoryPyramid}, named, ready to be written as CSV with
 * {@link HistoryCsv#write}.
 *
 * @param pyramid where the series are
 * @param series their indices
 * @param names their names, the column prefixes ({@code name_min, name_max, name_mean})
 */
public record CsvColumns(HistoryPyramid pyramid, int[] series, String[] names) {

    public CsvColumns {
        if (series.length != names.length) {
            throw new IllegalArgumentException(series.length + " series but " + names.length + " names");
        }
        series = series.clone();
        names = names.clone();
    }

    /** Steps {@code from..to}, one row per {@code stepsPerRow} steps (see {@link HistoryCsv#write}). */
    public void write(Appendable out, long from, long to, long stepsPerRow) throws IOException {
        HistoryCsv.write(out, pyramid, series, names, from, to, stepsPerRow);
    }
}
