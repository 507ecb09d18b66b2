package org.normscope.history;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.normscope.json.ShortestFloat;

/**
 * A statistic's history as CSV, at a resolution the caller chooses.
 *
 * <p>The header is {@code first_step,last_step} followed, for each name, by
 * {@code <name>_min,<name>_max,<name>_mean}. Then one row for each run of {@code stepsPerRow}
 * consecutive steps, from {@code from} to {@code to} clamped to {@code 1..steps()}: row
 * {@code r} covers {@code [a + r·n, min(a + (r+1)·n - 1, b)]} where {@code a..b} is the clamped
 * range and {@code n = stepsPerRow} (so the last row may be shorter). Lines end in {@code \n}.
 *
 * <p><b>What a cell is.</b> A row's cells reduce the stored buckets that <em>begin</em> in the
 * row (a bucket that begins before {@code a} counts as beginning at {@code a}), exactly as
 * {@link HistoryPyramid#columns} does: min of the mins, max of the maxes, count-weighted mean.
 * Where the stored resolution is at least as fine as the row (the exact window, or buckets no
 * wider than {@code n} and aligned with it), a row summarises exactly its own steps; with
 * {@code n = 1} in the exact window the cells are the raw values. Where the stored buckets
 * are <em>coarser</em> than the row, nothing is invented: the row in which a bucket begins
 * carries that whole bucket (whose steps run on past the row's {@code last_step}) and the
 * rows it goes on to cover have empty cells. A bucket that is not aligned with the rows is
 * likewise counted once, in the row where it begins. Ask {@link HistoryPyramid#bucketAt} for
 * a bucket's true range.
 *
 * <p>An empty cell is NaN: no value (every value missing, or no bucket beginning in the row),
 * or a mean of +∞ and -∞. Numbers are the shortest decimal that reads back as the same float,
 * in {@link Float#toString(float)}'s layout ({@link ShortestFloat}).
 */
public final class HistoryCsv {

    /** Rows reduced per pass over the buckets. */
    private static final int CHUNK_ROWS = 1024;

    private HistoryCsv() {
    }

    /**
     * Writes series {@code seriesIndices[i]} of {@code p} under the name {@code names[i]}.
     * Reads a {@linkplain HistoryPyramid#copy(int...) copy} of those series, so the pyramid may
     * go on growing meanwhile and the file is one consistent moment of it.
     *
     * @throws IllegalArgumentException if the two arrays differ in length or {@code stepsPerRow < 1}
     * @throws IOException              from {@code out}
     */
    public static void write(Appendable out, HistoryPyramid p, int[] seriesIndices, String[] names, long from, long to,
            long stepsPerRow) throws IOException {
        Objects.requireNonNull(out, "out");
        if (seriesIndices.length != names.length) {
            throw new IllegalArgumentException(seriesIndices.length + " series but " + names.length + " names");
        }
        if (stepsPerRow < 1) {
            throw new IllegalArgumentException("stepsPerRow must be at least 1, got " + stepsPerRow);
        }
        HistoryPyramid snapshot = p.copy(seriesIndices);
        int k = seriesIndices.length;

        out.append("first_step,last_step");
        for (String name : names) {
            for (String stat : new String[] {"_min", "_max", "_mean"}) {
                out.append(',').append(quoted(name + stat));
            }
        }
        out.append('\n');

        long a = Math.max(from, 1);
        long b = Math.min(to, snapshot.steps());
        if (a > b) {
            return;
        }
        long rows = (b - a) / stepsPerRow + 1;
        float[][] min = new float[k][CHUNK_ROWS];
        float[][] max = new float[k][CHUNK_ROWS];
        float[][] mean = new float[k][CHUNK_ROWS];
        StringBuilder line = new StringBuilder();
        for (long r0 = 0; r0 < rows; r0 += CHUNK_ROWS) {
            int n = (int) Math.min(CHUNK_ROWS, rows - r0);
            long chunkFirst = a + r0 * stepsPerRow;
            long chunkLast = r0 + n == rows ? b : chunkFirst + n * stepsPerRow - 1; // (no overflow past b)
            for (int i = 0; i < k; i++) {
                reduceRows(snapshot, i, a, chunkFirst, chunkLast, stepsPerRow, n, min[i], max[i], mean[i]);
            }
            for (int r = 0; r < n; r++) {
                long first = chunkFirst + r * stepsPerRow;
                long last = first + Math.min(stepsPerRow - 1, b - first);
                line.setLength(0);
                line.append(first).append(',').append(last);
                for (int i = 0; i < k; i++) {
                    cell(line, min[i][r]);
                    cell(line, max[i][r]);
                    cell(line, mean[i][r]);
                }
                out.append(line).append('\n');
            }
        }
    }

    /**
     * Rows {@code 0..n-1} of the chunk {@code chunkFirst..chunkLast}: each bucket overlapping the
     * chunk goes to every row of the chunk it overlaps, weighted by the share of its steps the row
     * covers (see {@link ColumnReducer#share}); so a row's min and max bracket every value of its
     * steps and no row within the history is empty, even where a bucket is wider than a row.
     */
    private static void reduceRows(HistoryPyramid p, int s, long a, long chunkFirst, long chunkLast, long stepsPerRow,
            int n, float[] min, float[] max, float[] mean) {
        Arrays.fill(min, 0, n, Float.NaN);
        Arrays.fill(max, 0, n, Float.NaN);
        Arrays.fill(mean, 0, n, Float.NaN);
        ColumnReducer reducer = new ColumnReducer(ColumnReducer.fixed(chunkFirst, stepsPerRow), chunkFirst, chunkLast, min,
                max, mean, null);
        p.buckets(s, chunkFirst, chunkLast, reducer);
        reducer.flush();
    }

    private static void cell(StringBuilder line, float v) {
        line.append(',');
        if (!Float.isNaN(v)) {
            line.append(ShortestFloat.format(v));
        }
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
