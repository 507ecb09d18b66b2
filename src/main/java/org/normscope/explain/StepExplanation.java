package org.normscope.explain;

import org.normscope.engine.Momentum;

/**
 * Everything about one channel at one forward step, every number as the engine computed it.
 * Parts that do not apply are null: {@code batch} when the running stats normalized,
 * {@code running} without tracking, {@code normalization} for a refused step, {@code refusal}
 * otherwise.
 *
 * @param layer the layer as PyTorch prints it, e.g. {@code BatchNorm1d(4, eps=0.0, momentum=0.3, …)}
 * @param shape the input's shape
 * @param n the values per channel, {@code N·∏ spatial}
 * @param sizeNames the names of the sizes multiplied into n: {@code N}, {@code N·L}, {@code N·H·W}, {@code N·D·H·W}
 * @param sizeProduct those sizes written out: {@code 2·1}
 * @param element the index of the chosen value among the channel's n values (batch-major)
 * @param x the chosen input value, or null if the input has no such element (a refused rank)
 */
public record StepExplanation(StepCase stepCase, boolean training, String layer, int[] shape, long n,
        String sizeNames, String sizeProduct, int channel, int element, Float x, BatchStats batch,
        RunningUpdate running, Normalization normalization, Refusal refusal, OtherMode otherMode) {

    /**
     * The batch's statistics for the channel.
     *
     * @param mean {@code μ_B = Σx / n}
     * @param varBiased {@code σ²_B = Σ(x − μ_B)² / n}, what normalizes the batch
     * @param varUnbiased {@code Σ(x − μ_B)² / (n − 1) = σ²_B·n/(n−1)}, exactly as the running_var update used it
     */
    public record BatchStats(float mean, float varBiased, double varUnbiased) {
    }

    /**
     * The running stats of the channel around the step.
     *
     * <pre>running ← (1 − f)·running + f·stat,  f = momentum, or 1/k with momentum None</pre>
     *
     * @param updated whether the step updated them (train mode); in eval before equals after
     * @param factor the f the update used (as the float the kernel multiplies by), NaN if not updated
     * @param numBatchesTracked {@code num_batches_tracked} after the step: the k of {@code 1/k}
     */
    public record RunningUpdate(boolean updated, Momentum momentum, float factor, long numBatchesTracked,
            float meanBefore, float meanAfter, float varBefore, float varAfter) {
    }

    /**
     * How the chosen element was normalized.
     *
     * <pre>y = (x − μ)/√(σ² + ε)·γ + β,  computed as  y = x·α + β′,  α = invstd·γ,  β′ = β − μ·α</pre>
     *
     * @param batchStats whether μ and σ² are the batch's (else running_mean and running_var)
     * @param invstd the engine's {@code 1/√(σ² + ε)}; 0 where σ² and ε are both 0, as in PyTorch
     * @param weight γ (1 without affine)
     * @param bias β (0 without affine)
     * @param y the engine's output for the element
     */
    public record Normalization(boolean batchStats, float mean, float var, double eps, float invstd, float weight,
            float bias, float alpha, float betaShift, float y) {
    }

    /**
     * A forward PyTorch refused.
     *
     * @param batchSizeCheck whether it was the "more than 1 value per channel" check of train mode
     * @param counted whether num_batches_tracked counted the batch anyway
     * @param numBatchesTrackedAfter its value after the step, or null without tracking
     */
    public record Refusal(String type, String message, boolean batchSizeCheck, boolean counted,
            Long numBatchesTrackedAfter) {
    }

    /**
     * What a fresh copy of the layer in the other mode gives for the same batch and element.
     *
     * @param training the other mode: true for train
     * @param y its output for the element, or null if it refused the batch
     * @param refusal its refusal, or null
     */
    public record OtherMode(boolean training, Float y, Refusal refusal) {
    }
}
