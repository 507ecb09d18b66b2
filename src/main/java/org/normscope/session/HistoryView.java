package org.normscope.session;

/**
 * A read-only view of a {@link StatHistory}: {@link #size()} rows, each a step number and
 * every channel's value of every {@link Stat}. The rows in it never change.
 */
public final class HistoryView {

    /** A view with no rows. */
    public static HistoryView empty(int channels) {
        return new HistoryView(channels, new long[0], new float[Stat.values().length][channels][0], 0, 1);
    }

    private final int channels;
    private final long[] steps;
    private final float[][][] values;
    private final int size;
    private final long stride;

    HistoryView(int channels, long[] steps, float[][][] values, int size, long stride) {
        this.channels = channels;
        this.steps = steps;
        this.values = values;
        this.size = size;
        this.stride = stride;
    }

    public int channels() {
        return channels;
    }

    /** How many rows. */
    public int size() {
        return size;
    }

    /** The step number of row {@code i}. */
    public long step(int i) {
        checkRow(i);
        return steps[i];
    }

    /** Channel {@code c}'s value of {@code stat} at row {@code i}. */
    public float value(Stat stat, int c, int i) {
        checkRow(i);
        return values[stat.ordinal()][c][i];
    }

    /** Every how many steps a row is kept now (1 until the history first thinned out). */
    public long stride() {
        return stride;
    }

    private void checkRow(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("row " + i + " of " + size);
        }
    }
}
