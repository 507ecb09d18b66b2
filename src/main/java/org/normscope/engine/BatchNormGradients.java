package org.normscope.engine;

/**
 * The result of {@link BatchNorm#backward}: {@code grad_input} (the input's shape), and
 * {@code grad_weight}, {@code grad_bias} per channel (null without affine parameters).
 */
public record BatchNormGradients(Tensor gradInput, float[] gradWeight, float[] gradBias) {
}
