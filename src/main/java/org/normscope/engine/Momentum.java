package org.normscope.engine;

/**
 * PyTorch's {@code momentum} argument of the BatchNorm layers: a number in [0, 1], or
 * {@code None} for a cumulative moving average.
 *
 * <p>PyTorch's momentum is the weight of the <em>new</em> batch statistic:
 * {@code running = (1 − factor)·running + factor·batch}, with {@code factor = momentum},
 * or {@code factor = 1/num_batches_tracked} when momentum is {@code None} (then the
 * running value is the plain mean of all batch statistics so far). Keras' momentum is
 * the weight of the old average instead, i.e. {@code 1 − momentum} here.
 */
public final class Momentum {

    /** {@code momentum=None}: a cumulative (simple) moving average. */
    public static final Momentum CUMULATIVE = new Momentum(Double.NaN);

    /** PyTorch's default, 0.1. */
    public static final Momentum DEFAULT = new Momentum(0.1);

    private final double value;

    private Momentum(double value) {
        this.value = value;
    }

    /**
     * An exponential moving average with weight {@code value} for the new batch.
     *
     * @throws IllegalArgumentException unless {@code 0 ≤ value ≤ 1}
     */
    public static Momentum of(double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException("momentum must be a number in [0, 1] or None, got " + value);
        }
        return new Momentum(value);
    }

    /** Whether this is {@code momentum=None}. */
    public boolean isCumulative() {
        return Double.isNaN(value);
    }

    /**
     * The momentum value.
     *
     * @throws IllegalStateException for {@link #CUMULATIVE}
     */
    public double value() {
        if (isCumulative()) {
            throw new IllegalStateException("momentum is None");
        }
        return value;
    }

    /**
     * The factor of the update after {@code numBatchesTracked} batches (counting the
     * current one): the momentum, or {@code 1/numBatchesTracked} when cumulative.
     */
    public double factor(long numBatchesTracked) {
        return isCumulative() ? 1.0 / numBatchesTracked : value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Momentum m && Double.compare(value, m.value) == 0;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value);
    }

    /** As PyTorch's module repr shows it: {@code 0.1} or {@code None}. */
    @Override
    public String toString() {
        return isCumulative() ? "None" : PythonFloat.repr(value);
    }
}
