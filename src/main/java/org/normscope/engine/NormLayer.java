package org.normscope.engine;

/**
 * What every normalization layer of the engine has, as its PyTorch module has it:
 * BatchNorm1d/2d/3d, InstanceNorm1d/2d/3d, LayerNorm and GroupNorm. A caller that replays
 * steps (the scenario replayer) drives any of them through this.
 *
 * <p>Each forward either returns PyTorch's output or throws {@link TorchError} with PyTorch's
 * exception type and message, leaving the layer's state as PyTorch leaves it. A backward
 * applies to the last forward that was not refused.
 */
public interface NormLayer {

    /** The PyTorch class name: {@code BatchNorm2d}, {@code InstanceNorm1d}, {@code LayerNorm}, … */
    String kind();

    /** {@code training}. */
    boolean isTraining();

    /** {@code module.train(mode)}. */
    NormLayer train(boolean mode);

    /** {@code module.eval()}. */
    default NormLayer eval() {
        return train(false);
    }

    /** {@code eps}. */
    double eps();

    /**
     * Sets {@code eps}; it applies from the next forward.
     *
     * @throws IllegalArgumentException if eps is negative or not finite
     */
    void setEps(double eps);

    /** Whether the layer has learnable {@code weight} and {@code bias} ({@code affine}, {@code elementwise_affine}). */
    boolean affine();

    /** A copy of {@code weight} (flattened), or null without affine parameters. */
    float[] weight();

    /** A copy of {@code bias} (flattened), or null without affine parameters. */
    float[] bias();

    /** Sets {@code weight}, as {@code weight.copy_(…)} under {@code no_grad} would. */
    void setWeight(float[] values);

    /** Sets {@code bias}, as {@code bias.copy_(…)} under {@code no_grad} would. */
    void setBias(float[] values);

    /** Whether the layer keeps running statistics (never for LayerNorm and GroupNorm). */
    boolean trackRunningStats();

    /** A copy of {@code running_mean}, or null without tracking. */
    float[] runningMean();

    /** A copy of {@code running_var}, or null without tracking. */
    float[] runningVar();

    /** {@code num_batches_tracked}; 0 without tracking (where PyTorch has None). */
    long numBatchesTracked();

    /** {@code layer(input)}: a new output tensor. */
    Tensor forward(Tensor input);

    /**
     * {@code layer(input)} with everything but writing the output: the checks and refusals,
     * the statistics and the state's update exactly as {@link #forward(Tensor)}. The output
     * can be written afterwards by {@link #writeOutput}, bit for bit what {@code forward}
     * would have returned.
     */
    void forwardWithoutOutput(Tensor input);

    /**
     * Writes the output of the last forward that was not refused into {@code out}, which must
     * have that forward's input's shape; {@code input} must be that input, unchanged.
     *
     * @throws IllegalStateException if no forward ran, or {@code input} is not the last one's input
     * @throws IllegalArgumentException if {@code out} does not have the input's shape
     */
    void writeOutput(Tensor input, Tensor out);

    /**
     * The gradients of one backward pass of {@code gradOutput} through the last forward that
     * was not refused: {@code grad_input}, and {@code grad_weight}, {@code grad_bias} (null
     * without affine parameters).
     *
     * @throws IllegalStateException if there was no successful forward
     * @throws IllegalArgumentException if {@code gradOutput} does not have the input's shape
     */
    BatchNormGradients backward(Tensor gradOutput);
}
