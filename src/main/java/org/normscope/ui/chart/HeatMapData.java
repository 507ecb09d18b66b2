package org.normscope.ui.chart;

/**
 * A table of values drawn as horizontal bands, one per row (a channel), under a
 * {@link CurveChart}'s x axis. Column {@code j} sits at {@code x(j)} (increasing) and, as a
 * cell, reaches half-way to its neighbours (the first and last cells extend by half the
 * spacing to their only neighbour, or ±0.5 when there is one column). NaN values are drawn
 * in {@link Palette#MISSING} grey.
 */
public interface HeatMapData {

    int rows();

    int columns();

    /** The x of column {@code column}; increasing. */
    double x(int column);

    double value(int row, int column);

    /** The label of a row on the y axis, e.g. {@code "0"} for channel 0. */
    String rowLabel(int row);

    /**
     * A heat map over {@code values[row][column]} at columns {@code x}; row labels are the
     * row indices. The arrays are used as they are, not copied.
     */
    static HeatMapData of(double[] x, double[][] values) {
        for (double[] row : values) {
            if (row.length != x.length) {
                throw new IllegalArgumentException("a row has " + row.length + " values for " + x.length + " columns");
            }
        }
        return new HeatMapData() {
            @Override
            public int rows() {
                return values.length;
            }

            @Override
            public int columns() {
                return x.length;
            }

            @Override
            public double x(int column) {
                return x[column];
            }

            @Override
            public double value(int row, int column) {
                return values[row][column];
            }

            @Override
            public String rowLabel(int row) {
                return Integer.toString(row);
            }
        };
    }
}
