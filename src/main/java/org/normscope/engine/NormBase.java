package org.normscope.engine;

/**
 * The layers PyTorch builds on {@code _NormBase}, BatchNorm and InstanceNorm: a channel
 * count {@code num_features}, a {@code momentum}, and, with {@code track_running_stats},
 * the buffers {@code running_mean}, {@code running_var} and {@code num_batches_tracked},
 * which can be set as loading a state dict sets them.
 */
public interface NormBase extends NormLayer {

    /** {@code num_features}. */
    int numFeatures();

    /** {@code momentum}. */
    Momentum momentum();

    /** Sets {@code momentum}; it applies from the next forward. */
    void setMomentum(Momentum momentum);

    /** Sets {@code running_mean} (C values). @throws IllegalStateException without tracking */
    void setRunningMean(float[] values);

    /** Sets {@code running_var} (C values). @throws IllegalStateException without tracking */
    void setRunningVar(float[] values);

    /**
     * Sets {@code num_batches_tracked}.
     *
     * @throws IllegalArgumentException if {@code value} is negative
     * @throws IllegalStateException without tracking (PyTorch has None there)
     */
    void setNumBatchesTracked(long value);

    /** {@code reset_running_stats()}: running_mean 0, running_var 1, num_batches_tracked 0; nothing without tracking. */
    void resetRunningStats();
}
