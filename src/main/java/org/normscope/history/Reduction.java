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

    /**
     * One raw value (not NaN): exactly what {@code add(v, v, v, 1)} does, since
     * {@code (double) v * 1 == v}.
     */
    void addValue(float v) {
        if (count == 0) {
            min = v;
            max = v;
        } else {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        sum += v;
        count++;
    }

    /**
     * Several values at once by their min, max, sum (in double) and count ({@code > 0}): the
     * caller vouches that {@code sum() + valuesSum} is what adding them one by one would give.
     */
    void addSummary(float valuesMin, float valuesMax, double valuesSum, int valuesCount) {
        if (count == 0) {
            min = valuesMin;
            max = valuesMax;
        } else {
            min = Math.min(min, valuesMin);
            max = Math.max(max, valuesMax);
        }
        sum += valuesSum;
        count += valuesCount;
    }

    /** How many values (bucket counts included) were added since the last reset. */
    long count() {
        return count;
    }

    /** Becomes exactly {@code other} (a copy of a pyramid). */
    void copyFrom(Reduction other) {
        set(other.min, other.max, other.sum, other.count);
    }

    /** Sets every field as read from a saved pyramid (the reader checks them). */
    void set(float min, float max, double sum, long count) {
        this.min = min;
        this.max = max;
        this.sum = sum;
        this.count = count;
    }

    /** The running sum (in double) of the values and bucket means times counts added so far. */
    double sum() {
        return sum;
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
