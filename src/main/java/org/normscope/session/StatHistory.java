package org.normscope.session;

/**
 * Every {@link Stat} of every channel against the step, in a bounded table: once it holds
 * {@code capacity} rows it keeps every other row and records every second step from then on,
 * so that a long run keeps its whole shape in fixed memory.
 *
 * <p>Written by one thread (the session's); {@link #view()} hands out a read-only view that
 * other threads may read while writing goes on: rows below the view's size are never written
 * again (thinning writes new arrays).
 */
public final class StatHistory {

    private static final Stat[] STATS = Stat.values();

    private final int channels;
    private final int capacity;
    private long[] steps;
    private float[][][] values; // [stat][channel][row]
    private int size;
    private long stride = 1;    // record a step when step % stride == 0 (after the first thinning)

    /**
     * @param channels {@code C}
     * @param capacity rows kept before thinning (even, at least 2)
     */
    public StatHistory(int channels, int capacity) {
        if (capacity < 2 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and at least 2, got " + capacity);
        }
        this.channels = channels;
        this.capacity = capacity;
        this.steps = new long[capacity];
        this.values = new float[STATS.length][channels][capacity];
    }

    /** {@code C}. */
    public int channels() {
        return channels;
    }

    /**
     * Records step {@code step}; {@code row[stat.ordinal()][c]} is channel {@code c}'s value.
     * Skipped when thinning has made this step one that is not kept.
     */
    public void append(long step, float[][] row) {
        if (step % stride != 0) {
            return;
        }
        if (size == capacity) {
            thin();
            if (step % stride != 0) {
                return;
            }
        }
        steps[size] = step;
        for (int s = 0; s < STATS.length; s++) {
            for (int c = 0; c < channels; c++) {
                values[s][c][size] = row[s][c];
            }
        }
        size++;
    }

    /** Keeps the rows whose step is a multiple of twice the stride, into new arrays (old views stay valid). */
    private void thin() {
        stride *= 2;
        long[] newSteps = new long[capacity];
        float[][][] newValues = new float[STATS.length][channels][capacity];
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (steps[i] % stride == 0) {
                newSteps[kept] = steps[i];
                for (int s = 0; s < STATS.length; s++) {
                    for (int c = 0; c < channels; c++) {
                        newValues[s][c][kept] = values[s][c][i];
                    }
                }
                kept++;
            }
        }
        steps = newSteps;
        values = newValues;
        size = kept;
    }

    /** The rows so far, safe to read from any thread after a safe publication. */
    public HistoryView view() {
        return new HistoryView(channels, steps, values, size, stride);
    }
}
