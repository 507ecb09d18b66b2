package org.normscope.axes;

import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;
import org.normscope.engine.GroupNorm;
import org.normscope.engine.InstanceNorm;
import org.normscope.engine.InstanceNorm1d;
import org.normscope.engine.InstanceNorm2d;
import org.normscope.engine.InstanceNorm3d;
import org.normscope.engine.LayerNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/**
 * Each set's mean and biased variance as the engine computes them for a batch: the real layer
 * (no affine parameters, no running statistics, training mode, eps 1e-5) runs one forward on
 * the batch and its saved statistics are read, in {@link StatSets}' set order:
 * <pre>
 *   mean_s = Σ_{i∈s} x_i / |s|,   var_s = Σ_{i∈s} (x_i − mean_s)² / |s|
 * </pre>
 * {@code var_s} is the biased variance, the one the layer normalizes with,
 * {@code y = (x − mean_s) / sqrt(var_s + eps)} (BatchNorm's running_var takes the unbiased one).
 *
 * <p>When PyTorch refuses the batch, there are no statistics and {@link #refusal()} is its
 * error, {@code ValueError: Expected more than 1 value per channel when training, got input
 * size torch.Size([1, 4])} (BatchNorm with one value per channel), or {@code Expected more than
 * 1 spatial element when training, …} (InstanceNorm with one position). InstanceNorm1d reads a
 * 2-D input as one unbatched sample {@code (C, L)}; the explorer's {@code (N, C)} batch is
 * given to it as {@code (N, C, 1)}, which is what InstanceNorm on "one value per channel" means
 * and what it refuses.
 *
 * @param mean per set, or null when refused
 * @param var the biased variance per set, or null when refused
 * @param refusal PyTorch's error ({@code ValueError: …}), or null
 */
public record SetStats(float[] mean, float[] var, String refusal) {

    /** The eps of every layer here, PyTorch's default. */
    public static final double EPS = 1e-5;

    /**
     * Runs the layer of {@code sets.rule()} on {@code x} (shape {@code sets.shape()}) and reads its statistics.
     *
     * @throws IllegalArgumentException if {@code x} does not have the sets' shape
     */
    public static SetStats of(Tensor x, StatSets sets) {
        if (!x.hasShape(sets.shape())) {
            throw new IllegalArgumentException("the batch is " + x.sizeString() + ", the sets are of "
                    + Tensor.sizeString(sets.shape()));
        }
        int rank = x.dim();
        int c = sets.channels();
        try {
            switch (sets.rule().type()) {
                case BATCH -> {
                    BatchNorm bn = rank <= 3 ? new BatchNorm1d(c, EPS, Momentum.DEFAULT, false, false)
                            : rank == 4 ? new BatchNorm2d(c, EPS, Momentum.DEFAULT, false, false)
                            : new BatchNorm3d(c, EPS, Momentum.DEFAULT, false, false);
                    bn.forwardWithoutOutput(x);
                    return new SetStats(bn.lastMean(), bn.lastBatchVar(), null);
                }
                case INSTANCE -> {
                    InstanceNorm in = rank <= 3 ? new InstanceNorm1d(c, EPS, Momentum.DEFAULT, false, false)
                            : rank == 4 ? new InstanceNorm2d(c, EPS, Momentum.DEFAULT, false, false)
                            : new InstanceNorm3d(c, EPS, Momentum.DEFAULT, false, false);
                    Tensor batched = rank == 2 ? new Tensor(new int[] {x.size(0), c, 1}, x.data()) : x;
                    in.forwardWithoutOutput(batched);
                    return new SetStats(in.lastMean(), in.lastBatchVar(), null);
                }
                case GROUP -> {
                    GroupNorm gn = new GroupNorm(sets.rule().groups(), c, EPS, false);
                    gn.forwardWithoutOutput(x);
                    return new SetStats(gn.lastMean(), gn.lastVar(), null);
                }
                default -> {
                    int[] shape = x.shape();
                    LayerNorm ln = new LayerNorm(java.util.Arrays.copyOfRange(shape,
                            shape.length - sets.rule().layerDims(), shape.length), EPS, false);
                    ln.forwardWithoutOutput(x);
                    return new SetStats(ln.lastMean(), ln.lastVar(), null);
                }
            }
        } catch (TorchError e) {
            return new SetStats(null, null, e.toString());
        }
    }

    /** Whether PyTorch refused the batch. */
    public boolean refused() {
        return refusal != null;
    }
}
