package org.normscope.history;

/**
 * How {@code span} steps from {@code from} are shared out over {@code columns} columns (a chart's
 * pixel columns, the rows of a quantile band) as evenly as whole steps allow: column {@code i}
 * holds steps {@code from + ⌊i·span/columns⌋} to {@code from + ⌊(i+1)·span/columns⌋ − 1}, and a
 * chart draws its value at the middle of those steps. The one place that formula is written:
 * the reduction ({@link HistoryPyramid#columns}) and every curve drawn over it use it, so a
 * point stands in the middle of the steps it summarises.
 */
public final class StepColumns {

    private StepColumns() {
    }

    /**
     * The first step of column {@code i}: {@code from + ⌊i·span/columns⌋}, exactly while
     * {@code i·span} fits in a long (the pyramid refuses a range where it would not), in double
     * beyond. (Below 2^53 the double quotient floors to the same step, so the curves, which once
     * computed it in double, draw where they did.)
     */
    public static long firstStep(long from, long span, int columns, int i) {
        long product = i * span;
        if (Math.multiplyHigh(i, span) == product >> 63) { // the product fits in a long
            return from + product / columns;
        }
        return from + (long) Math.floor((double) i * span / columns);
    }

    /** The last step of column {@code i} (before its first when the column holds no step). */
    public static long lastStep(long from, long span, int columns, int i) {
        return firstStep(from, span, columns, i + 1) - 1;
    }

    /** The step in the middle of column {@code i} ({@code x.5} for an even count), or NaN if it holds no step. */
    public static double middleStep(long from, long span, int columns, int i) {
        long a = firstStep(from, span, columns, i);
        long b = lastStep(from, span, columns, i);
        return b < a ? Double.NaN : (a + b) / 2.0;
    }
}
