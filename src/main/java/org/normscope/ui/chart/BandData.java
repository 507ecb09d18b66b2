package org.normscope.ui.chart;

/**
 * A distribution over x, as quantiles at fixed levels: point {@code i} at {@code x(i)}
 * (increasing) has {@code quantile(i, k)} at level {@code levels()[k]} (increasing, in
 * [0, 1]; 0 is the minimum, 1 the maximum), for {@code k = 0 .. levels().length - 1}. A point
 * whose x or any quantile is NaN (or infinite) is missing: the bands are broken there.
 * Drawn by {@link BandChart}; implementations may be views over live arrays (call the chart's
 * {@code refresh()} after changing them in place). The owner reduces the points to about one
 * per pixel column ({@link XAxisChart#plotWidthPixels()}).
 */
public interface BandData {

    int size();

    double x(int i);

    /** The quantile at level {@code levels()[k]} of point {@code i}. */
    double quantile(int i, int k);

    /** The quantile levels, increasing; the same for every point. */
    double[] levels();

    /** Min, −1σ, median, +1σ, max: the levels {0, 0.159, 0.5, 0.841, 1} (a new array each call). */
    static double[] sigmaLevels() {
        return new double[] {0, 0.159, 0.5, 0.841, 1};
    }

    /**
     * Points at {@code x} with {@code quantiles[k][i]} at level {@code levels[k]}; the arrays
     * are used as they are, not copied.
     */
    static BandData of(double[] x, double[] levels, double[][] quantiles) {
        if (quantiles.length != levels.length) {
            throw new IllegalArgumentException(quantiles.length + " rows of quantiles for " + levels.length + " levels");
        }
        for (double[] row : quantiles) {
            if (row.length != x.length) {
                throw new IllegalArgumentException("a row has " + row.length + " quantiles for " + x.length + " points");
            }
        }
        for (int k = 1; k < levels.length; k++) {
            if (!(levels[k] > levels[k - 1])) {
                throw new IllegalArgumentException("levels must increase: " + java.util.Arrays.toString(levels));
            }
        }
        return new BandData() {
            @Override
            public int size() {
                return x.length;
            }

            @Override
            public double x(int i) {
                return x[i];
            }

            @Override
            public double quantile(int i, int k) {
                return quantiles[k][i];
            }

            @Override
            public double[] levels() {
                return levels.clone();
            }
        };
    }
}
