package org.normscope.history;

/**
 * Several buckets reduced to one: min of the mins, max of the maxes and the count-weighted
 * mean {@code Σ mean_b·count_b / Σ count_b} (summed in double). Buckets with no value
 * ({@code count == 0}) are ignored; with none left every result is NaN.
 */
final class Reduction {

    private float min;
    private float max;
    private double sum;
    private long count;

    Reduction() {
        reset();
    }

    void reset() {
        min = Float.NaN;
        max = Float.NaN;
        sum = 0;
        count = 0;
    }

    void add(float bucketMin, float bucketMax, float bucketMean, int bucketCount) {
        if (bucketCount <= 0) {
            return;
        }
        if (count == 0) {
            min = bucketMin;
            max = bucketMax;
        } else {
            min = Math.min(min, bucketMin);
            max = Math.max(max, bucketMax);
        }
        sum += (double) bucketMean * bucketCount;
        count += bucketCount;
    }

    boolean isEmpty() {
        return count == 0;
    }

    float min() {
        return min;
    }

    float max() {
        return max;
    }

    float mean() {
        return count == 0 ? Float.NaN : (float) (sum / count);
    }
}
