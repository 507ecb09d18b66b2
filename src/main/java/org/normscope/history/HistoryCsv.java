package org.normscope.history;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Objects;

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
 * in {@link Float#toString(float)}'s layout ({@code 0.001} to {@code 9999999.0} plain,
 * otherwise {@code 1.0E-4}, {@code 1.2345678E7}; {@code Infinity}, {@code -Infinity}).
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
            line.append(format(v));
        }
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break. */
    static String quoted(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    /**
     * The shortest decimal (of at least 2 significant digits, the closest to {@code v} among
     * them) that {@link Float#parseFloat} reads back as {@code v}, laid out as
     * {@link Float#toString(float)} lays it out: what {@code Float.toString} gives from Java 19
     * on. (Java 17's sometimes gives a digit more than needed, e.g. {@code 1.18846831E13} for
     * {@code 1.1884683E13}.)
     */
    static String format(float v) {
        if (v == 0 || Float.isNaN(v) || Float.isInfinite(v)) {
            return Float.toString(v);
        }
        BigDecimal exact = new BigDecimal(v);
        BigDecimal shortest = null;
        for (int digits = 2; digits <= 9; digits++) { // 2: as Java 19+, 1.4E-45 rather than 1.0E-45
            BigDecimal candidate = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (Float.parseFloat(candidate.toString()) == v) {
                shortest = candidate.stripTrailingZeros();
                break;
            }
        }
        if (shortest == null) { // 9 significant digits always suffice for a float
            return Float.toString(v);
        }
        String digits = shortest.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - shortest.scale(); // v = d.ddd × 10^exponent
        StringBuilder s = new StringBuilder(16);
        if (v < 0) {
            s.append('-');
        }
        if (exponent >= -3 && exponent < 7) {
            String plain = shortest.abs().toPlainString();
            s.append(plain);
            if (plain.indexOf('.') < 0) {
                s.append(".0");
            }
        } else {
            s.append(digits.charAt(0)).append('.');
            s.append(digits.length() > 1 ? digits.substring(1) : "0");
            s.append('E').append(exponent);
        }
        return s.toString();
    }
}
