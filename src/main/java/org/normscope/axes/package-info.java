/**
 * The axis explorer's model, with no JavaFX: which values of a batch {@code (N, C, *)} share one
 * mean and variance under each normalization layer ({@link org.normscope.axes.NormRule},
 * {@link org.normscope.axes.StatSets}), and those means and variances as the engine computes them
 * for the batch, or PyTorch's refusal ({@link org.normscope.axes.SetStats}).
 */
package org.normscope.axes;
