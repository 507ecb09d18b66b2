package org.normscope.history;

/**
 * Buckets, arriving in step order, reduced into consecutive columns of steps (the chart's
 * pixel columns, or the rows of a CSV export): min of the mins, max of the maxes and the
 * count-weighted mean ({@link Reduction}). A bucket wider than a column goes to every column it
 * overlaps, with its {@linkplain #share share} of the count; given to the column of its first
 * step only, the columns after it would read NaN, and a long history drew as a sawtooth of
 * bucket columns and gaps. Columns with no value keep what the caller filled them with.
 */
final class ColumnReducer implements BucketSink {

    /** How steps {@code from..to} fall into columns {@code 0, 1, …}. */
    interface Columns {
        /** The column holding {@code step}. */
        int columnOf(long step);

        /** The first step of column {@code c}. */
        long firstStepOf(int c);

        /** The last step of column {@code c}. */
        long lastStepOf(int c);
    }

    /**
     * {@code span} steps from {@code from} shared out over {@code columns} columns as evenly as
     * whole steps allow ({@link StepColumns}).
     */
    static Columns even(long from, long span, int columns) {
        return new Columns() {
            @Override
            public int columnOf(long step) {
                return (int) (((step - from + 1) * columns - 1) / span);
            }

            @Override
            public long firstStepOf(int c) {
                return StepColumns.firstStep(from, span, columns, c);
            }

            @Override
            public long lastStepOf(int c) {
                return StepColumns.lastStep(from, span, columns, c);
            }
        };
    }

    /** Columns of {@code width} steps each from {@code from} on. */
    static Columns fixed(long from, long width) {
        return new Columns() {
            @Override
            public int columnOf(long step) {
                return (int) ((step - from) / width);
            }

            @Override
            public long firstStepOf(int c) {
                return from + c * width;
            }

            @Override
            public long lastStepOf(int c) {
                return from + c * width + width - 1;
            }
        };
    }

    /**
     * A bucket's count weighted by the part of its {@code width} steps that a column covers
     * ({@code overlap} of them), at least 1 where it has values: its weight in that column's mean.
     * (Its min and max bound the covered steps' values whatever the share.)
     */
    static int share(int count, long overlap, long width) {
        if (count == 0 || overlap >= width) {
            return count;
        }
        return (int) Math.max(1, Math.round((double) count * overlap / width));
    }

    private final Columns columns;
    private final long from;
    private final long to;
    private final float[] min;
    private final float[] max;
    private final float[] mean;
    private final double[] sums; // null unless asked for
    private final Reduction reduction = new Reduction();
    private int column = -1;

    /**
     * @param columns how steps {@code from..to} fall into columns
     * @param sums where each column's sum in double goes, or null
     */
    ColumnReducer(Columns columns, long from, long to, float[] min, float[] max, float[] mean, double[] sums) {
        this.columns = columns;
        this.from = from;
        this.to = to;
        this.min = min;
        this.max = max;
        this.mean = mean;
        this.sums = sums;
    }

    @Override
    public void bucket(long firstStep, long lastStep, float bMin, float bMax, float bMean, int count) {
        long first = Math.max(firstStep, from);
        long last = Math.min(lastStep, to);
        if (first > last) {
            return;
        }
        int c0 = columns.columnOf(first);
        int c1 = columns.columnOf(last);
        for (int c = c0; c <= c1; c++) {
            enter(c);
            long overlap = Math.min(last, columns.lastStepOf(c)) - Math.max(first, columns.firstStepOf(c)) + 1;
            reduction.add(bMin, bMax, bMean, share(count, overlap, lastStep - firstStep + 1));
        }
    }

    /** The column holding {@code step}. */
    int columnOf(long step) {
        return columns.columnOf(step);
    }

    /** The last step of column {@code c}. */
    long lastStepOf(int c) {
        return columns.lastStepOf(c);
    }

    /**
     * Adds exact steps {@code first..last} from the exact window's {@code ring} (step {@code t}
     * in slot {@code (t−1) mod ring.length}) to their columns: what the steps one by one would
     * add, but each whole 16-step block inside a column is added by its summary when
     * {@link BlockSummaries#reduce} can do so with the very same result. Every step must still
     * be in the window; {@code summaries} may be null (none kept).
     *
     * @return how many raw values were read (the blocks added by summary are not counted)
     */
    long addExact(float[] ring, BlockSummaries summaries, int blockSlots, long first, long last) {
        final int block = HistoryPyramid.BLOCK;
        long raw = 0;
        long t = first;
        while (t <= last) {
            int c = columnOf(t);
            long end = Math.min(last, lastStepOf(c));
            enter(c);
            // Block b holds steps 16b+1 .. 16b+16. Those starting at or after t ≥ exactFrom() are
            // wholly inside the exact window, so their summaries are valid.
            long b0 = (t - 1 + block - 1) / block; // the first block starting at or after t
            long b1 = end / block - 1; // last block ending at or before end
            if (summaries == null || b0 > b1) {
                raw += addRaw(ring, t, end);
            } else {
                raw += addRaw(ring, t, b0 * block);
                for (long b = b0; b <= b1; b++) {
                    if (!summaries.reduce((int) (b % blockSlots), reduction)) {
                        raw += addRaw(ring, b * block + 1, (b + 1) * block);
                    }
                }
                raw += addRaw(ring, (b1 + 1) * block + 1, end);
            }
            t = end + 1;
        }
        return raw;
    }

    /** Adds the raw values of steps {@code first..last} (none if {@code first > last}) in step order; returns how many. */
    private int addRaw(float[] ring, long first, long last) {
        if (first > last) {
            return 0;
        }
        int n = (int) (last - first + 1);
        int i = (int) ((first - 1) % ring.length);
        for (int k = 0; k < n; k++) {
            float v = ring[i];
            if (++i == ring.length) {
                i = 0;
            }
            if (v == v) { // not NaN
                reduction.addValue(v);
            }
        }
        return n;
    }

    /** Makes {@code c} the column being reduced, flushing the previous one if it differs. */
    void enter(int c) {
        if (c != column) {
            flush();
            column = c;
        }
    }

    /** Writes the column being reduced (if it has values) and starts afresh. */
    void flush() {
        if (column >= 0 && !reduction.isEmpty()) {
            min[column] = reduction.min();
            max[column] = reduction.max();
            mean[column] = reduction.mean();
            if (sums != null) {
                sums[column] = reduction.sum();
            }
        }
        reduction.reset();
    }
}
