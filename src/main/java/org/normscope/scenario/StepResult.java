package org.normscope.scenario;

import org.normscope.engine.Tensor;

/**
 * What a layer returned and held after one step ({@code normscope-result/1}). Vectors are
 * null where the layer has none; {@code numBatchesTracked} is null without tracking.
 *
 * @param output the forward's output; null for a refused step or a reset
 * @param error the refusal, or null
 * @param hasGradients whether the step ran a backward (then gradInput is set)
 */
public record StepResult(Tensor output, StepError error, float[] runningMean, float[] runningVar,
        Long numBatchesTracked, boolean hasGradients, Tensor gradInput, float[] gradWeight, float[] gradBias) {

    /** A refusal as PyTorch raises it: the Python exception type and its message. */
    public record StepError(String type, String message) {
    }
}
