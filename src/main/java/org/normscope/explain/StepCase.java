package org.normscope.explain;

/** What kind of forward step a {@link StepExplanation} explains. */
public enum StepCase {
    /** Train mode with tracked stats: batch statistics normalize, the running stats move toward them. */
    TRAIN_TRACKED,
    /** Eval mode with tracked stats: running_mean and running_var normalize; nothing is updated. */
    EVAL_TRACKED,
    /** {@code track_running_stats=False} in train mode: batch statistics, no running stats (None). */
    UNTRACKED_TRAIN,
    /** {@code track_running_stats=False} in eval mode: still batch statistics, no running stats (None). */
    UNTRACKED_EVAL,
    /** PyTorch refused the forward (a {@code ValueError} or {@code RuntimeError}). */
    REFUSED
}
