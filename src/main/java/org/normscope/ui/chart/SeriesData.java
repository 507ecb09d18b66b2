package org.normscope.ui.chart;

/**
 * Points {@code (x(i), y(i))}, {@code i = 0 .. size()-1}, with {@code x} increasing. A NaN
 * (or infinite) {@code y} is a gap: the line is broken there and nothing is drawn for it.
 * Implementations may be views over live arrays; call the chart's {@code refresh()} after
 * changing them in place.
 */
public interface SeriesData {

    int size();

    double x(int i);

    double y(int i);

    /** Points {@code (x[i], y[i])}; the arrays are used as they are, not copied. */
    static SeriesData of(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x has " + x.length + " values, y has " + y.length);
        }
        return new SeriesData() {
            @Override
            public int size() {
                return x.length;
            }

            @Override
            public double x(int i) {
                return x[i];
            }

            @Override
            public double y(int i) {
                return y[i];
            }
        };
    }

    /** Points {@code (x0 + i·dx, y[i])}; the array is used as it is, not copied. */
    static SeriesData of(double x0, double dx, double[] y) {
        return new SeriesData() {
            @Override
            public int size() {
                return y.length;
            }

            @Override
            public double x(int i) {
                return x0 + i * dx;
            }

            @Override
            public double y(int i) {
                return y[i];
            }
        };
    }

    /** The horizontal line {@code y = value} from {@code x0} to {@code x1} (two points): a reference line. */
    static SeriesData constant(double x0, double x1, double value) {
        return of(new double[] {x0, x1}, new double[] {value, value});
    }
}
