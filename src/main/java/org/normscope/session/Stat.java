package org.normscope.session;

/** The per-channel numbers the session records at every step. */
public enum Stat {
    /** {@code running_mean} after the step (NaN without tracked stats). */
    RUNNING_MEAN("running_mean"),
    /** {@code running_var} after the step: an average of unbiased batch variances (NaN without tracked stats). */
    RUNNING_VAR("running_var"),
    /** The mean of the batch, {@code Σx/n} (what train mode normalizes with). */
    BATCH_MEAN("batch mean"),
    /** The biased variance of the batch, {@code Σ(x − mean)²/n} (what train mode normalizes with). */
    BATCH_VAR("batch var"),
    /** The mean of the distribution the batch was drawn from. */
    TRUE_MEAN("true mean"),
    /** The variance of the distribution the batch was drawn from. */
    TRUE_VAR("true var"),
    /** The comparison layer's {@code running_mean} (NaN without a comparison). */
    COMPARE_MEAN("running_mean (compare)"),
    /** The comparison layer's {@code running_var} (NaN without a comparison). */
    COMPARE_VAR("running_var (compare)");

    private final String label;

    Stat(String label) {
        this.label = label;
    }

    /** How charts and exports name it. */
    public String label() {
        return label;
    }
}
