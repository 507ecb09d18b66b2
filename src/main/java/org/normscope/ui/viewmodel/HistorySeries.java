package org.normscope.ui.viewmodel;

import org.normscope.history.StepColumns;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;
import org.normscope.ui.viewmodel.ChartContent.Bands;
import org.normscope.ui.viewmodel.ChartContent.Grid;
import org.normscope.ui.viewmodel.ChartContent.Points;

/**
 * The session's history over steps {@code from..to} reduced to the charts' pixel columns:
 * each column covers an equal share of the steps, and a curve gets at most two points per
 * column (its min and max there), a heat map one cell, a band chart one set of quantiles.
 * Columns in which no stored bucket starts (zoomed in further than the history keeps) are
 * left out, so a line joins the neighbouring buckets instead of breaking.
 */
final class HistorySeries {

    private final SessionHistory history;
    private final long from;
    private final long to;
    private final int columns;
    private final double[] x;

    private HistorySeries(SessionHistory history, long from, long to, int columns) {
        this.history = history;
        this.from = from;
        this.to = to;
        this.columns = columns;
        this.x = new double[columns];
        long span = to - from + 1;
        for (int i = 0; i < columns; i++) {
            x[i] = StepColumns.middleStep(from, span, columns, i);
        }
    }

    /** Steps {@code from..to} of {@code history} in {@code columns} columns (at least 1). */
    static HistorySeries of(SessionHistory history, long from, long to, int columns) {
        return new HistorySeries(history, from, Math.max(from, to), Math.max(1, columns));
    }

    /**
     * Step 0 of channel {@code c}'s {@code stat} (the layer as built) if the range starts at
     * the first step and the stat has a value there (the running stats), else NaN.
     */
    private float initial(Stat stat, int c) {
        return from <= 1 ? history.initialValue(stat, c) : Float.NaN;
    }

    /**
     * Channel {@code c}'s {@code stat}: each non-empty column's min and max, at the column's
     * middle step; from the first step on, a running stat's curve starts at step 0 (x = 0) with
     * the layer as built, so that it does not start in mid-air.
     */
    Points series(Stat stat, int c) {
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        history.columns(stat, c, from, to, columns, min, max, mean);
        int n = 0;
        double[] px = new double[2 * columns + 1];
        double[] py = new double[2 * columns + 1];
        float start = initial(stat, c);
        if (!Float.isNaN(start)) {
            px[n] = 0;
            py[n++] = start;
        }
        for (int i = 0; i < columns; i++) {
            if (Float.isNaN(min[i]) || Double.isNaN(x[i])) {
                continue;
            }
            px[n] = x[i];
            py[n++] = min[i];
            if (max[i] != min[i]) {
                px[n] = x[i];
                py[n++] = max[i];
            }
        }
        return new Points(java.util.Arrays.copyOf(px, n), java.util.Arrays.copyOf(py, n));
    }

    /**
     * Every channel's {@code stat}: a row per channel, a cell per non-empty column (the column's
     * mean); from the first step on, a running stat starts with a cell at step 0 (see {@link #series}).
     */
    Grid heatMap(Stat stat) {
        int rows = history.channels();
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        double[][] cells = new double[rows][];
        int[] kept = null;
        int n = 0;
        int lead = rows > 0 && !Float.isNaN(initial(stat, 0)) ? 1 : 0; // step 0's cell
        for (int r = 0; r < rows; r++) {
            history.columns(stat, r, from, to, columns, min, max, mean);
            if (kept == null) {
                kept = new int[columns];
                for (int i = 0; i < columns; i++) {
                    if (!Float.isNaN(mean[i]) && !Double.isNaN(x[i])) {
                        kept[n++] = i;
                    }
                }
            }
            cells[r] = new double[lead + n];
            if (lead == 1) {
                cells[r][0] = initial(stat, r);
            }
            for (int j = 0; j < n; j++) {
                cells[r][lead + j] = mean[kept[j]];
            }
        }
        double[] cx = new double[lead + n];
        for (int j = 0; j < n; j++) {
            cx[lead + j] = x[kept[j]];
        }
        return new Grid(cx, cells);
    }

    /** Channel {@code c}'s x or y as quantile bands, one point per column with a sample in it; null if none. */
    Bands bands(int c, SessionHistory.Side side) {
        int k = SessionHistory.QUANTILES.length;
        float[][] q = new float[k][columns];
        double[] qx = new double[columns];
        history.quantileColumns(c, side, from, to, columns, q, qx);
        int n = 0;
        for (int i = 0; i < columns; i++) {
            if (!Float.isNaN(q[k / 2][i]) && !Double.isNaN(qx[i])) {
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        double[] bx = new double[n];
        double[][] values = new double[k][n];
        int j = 0;
        for (int i = 0; i < columns; i++) {
            if (!Float.isNaN(q[k / 2][i]) && !Double.isNaN(qx[i])) {
                bx[j] = qx[i];
                for (int l = 0; l < k; l++) {
                    values[l][j] = q[l][i];
                }
                j++;
            }
        }
        return new Bands(bx, SessionHistory.QUANTILES.clone(), values);
    }
}
