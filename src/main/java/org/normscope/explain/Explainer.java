package org.normscope.explain;

import java.util.function.Supplier;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;
import org.normscope.explain.StepExplanation.BatchStats;
import org.normscope.explain.StepExplanation.Normalization;
import org.normscope.explain.StepExplanation.OtherMode;
import org.normscope.explain.StepExplanation.Refusal;
import org.normscope.explain.StepExplanation.RunningUpdate;

/**
 * Explains one forward step for one channel and one element by running the engine on fresh
 * copies of the layer and reading every number from the engine: its accessors, its output and its
 * running stats. Nothing is recomputed here, and the caller's layer is never touched.
 */
public final class Explainer {

    private static final String BATCH_SIZE_MESSAGE = "Expected more than 1 value per channel";

    private Explainer() {
    }

    /**
     * Runs {@code layer(x)} in the given mode on a copy from {@code layerBeforeStep}, and the same
     * batch in the other mode on another copy.
     *
     * @param layerBeforeStep builds the layer as it was just before the step (each call a new one)
     * @param channel the channel to explain, {@code 0 ≤ channel < num_features}
     * @param element the index of the value among the channel's n values, batch-major
     *     ({@code element = b·∏ spatial + s})
     * @throws IllegalArgumentException if the channel or the element is out of range
     */
    public static StepExplanation explain(Supplier<BatchNorm> layerBeforeStep, boolean training, Tensor x,
            int channel, int element) {
        BatchNorm layer = layerBeforeStep.get();
        if (channel < 0 || channel >= layer.numFeatures()) {
            throw new IllegalArgumentException("channel " + channel + " is out of range: the layer has "
                    + layer.numFeatures() + " channel" + (layer.numFeatures() == 1 ? "" : "s")
                    + " (0 to " + (layer.numFeatures() - 1) + ")");
        }
        int[] shape = x.shape();
        long n = valuesPerChannel(shape);
        boolean hasChannel = shape.length >= 2 && channel < shape[1];
        if (hasChannel && (element < 0 || element >= n)) {
            throw new IllegalArgumentException("element " + element + " is out of range: channel " + channel
                    + " has " + n + " value" + (n == 1 ? "" : "s") + " in this batch"
                    + (n > 0 ? " (0 to " + (n - 1) + ")" : ""));
        }
        int flat = hasChannel ? flatIndex(shape, channel, element) : -1;
        Float xValue = flat >= 0 ? x.data()[flat] : null;

        float[] meanBefore = layer.runningMean();
        float[] varBefore = layer.runningVar();
        long countBefore = layer.numBatchesTracked();
        layer.train(training);
        OtherMode other = otherMode(layerBeforeStep, !training, x, flat);
        String sizeNames = sizeNames(shape.length);
        String sizeProduct = sizeProduct(shape);
        Tensor out;
        try {
            out = layer.forward(x);
        } catch (TorchError e) {
            Refusal refusal = refusal(e, layer, countBefore);
            return new StepExplanation(StepCase.REFUSED, training, layer.toString(), shape, n, sizeNames,
                    sizeProduct, channel, element, xValue, null, null, null, refusal, other);
        }
        boolean batchStats = layer.lastUsedBatchStats();
        BatchStats batch = batchStats ? new BatchStats(layer.lastMean()[channel], layer.lastBatchVar()[channel],
                layer.lastUnbiasedVar()[channel]) : null;
        RunningUpdate running = null;
        if (layer.trackRunningStats()) {
            boolean updated = !Double.isNaN(layer.lastFactor());
            running = new RunningUpdate(updated, layer.momentum(), updated ? (float) layer.lastFactor() : Float.NaN,
                    layer.numBatchesTracked(), meanBefore[channel], layer.runningMean()[channel],
                    varBefore[channel], layer.runningVar()[channel]);
        }
        float[] weight = layer.weight();
        float[] bias = layer.bias();
        Normalization norm = new Normalization(batchStats, layer.lastMean()[channel],
                batchStats ? batch.varBiased() : varBefore[channel], layer.eps(), layer.lastInvStd()[channel],
                weight == null ? 1f : weight[channel], bias == null ? 0f : bias[channel],
                layer.lastAlpha()[channel], layer.lastBeta()[channel], out.data()[flat]);
        StepCase stepCase = layer.trackRunningStats()
                ? (training ? StepCase.TRAIN_TRACKED : StepCase.EVAL_TRACKED)
                : (training ? StepCase.UNTRACKED_TRAIN : StepCase.UNTRACKED_EVAL);
        return new StepExplanation(stepCase, training, layer.toString(), shape, layer.lastReductionSize(),
                sizeNames, sizeProduct, channel, element, xValue, batch, running, norm, null, other);
    }

    private static OtherMode otherMode(Supplier<BatchNorm> layerBeforeStep, boolean training, Tensor x, int flat) {
        BatchNorm other = layerBeforeStep.get().train(training);
        long countBefore = other.numBatchesTracked();
        try {
            Tensor out = other.forward(x);
            return new OtherMode(training, flat >= 0 ? out.data()[flat] : null, null);
        } catch (TorchError e) {
            return new OtherMode(training, null, refusal(e, other, countBefore));
        }
    }

    private static Refusal refusal(TorchError e, BatchNorm layer, long countBefore) {
        Long after = layer.trackRunningStats() ? layer.numBatchesTracked() : null;
        return new Refusal(e.pythonType(), e.getMessage(), e.getMessage().startsWith(BATCH_SIZE_MESSAGE),
                after != null && after > countBefore, after);
    }

    /** {@code N·∏ spatial}: the sizes of every dimension but the channels; 0 for a shape without channels. */
    static long valuesPerChannel(int[] shape) {
        if (shape.length < 2) {
            return 0;
        }
        long n = shape[0];
        for (int d = 2; d < shape.length; d++) {
            n *= shape[d];
        }
        return n;
    }

    private static int flatIndex(int[] shape, int channel, int element) {
        int slice = 1;
        for (int d = 2; d < shape.length; d++) {
            slice *= shape[d];
        }
        int b = element / slice;
        int s = element % slice;
        return (b * shape[1] + channel) * slice + s;
    }

    private static String sizeNames(int dims) {
        return switch (dims) {
            case 2 -> "N";
            case 3 -> "N·L";
            case 4 -> "N·H·W";
            case 5 -> "N·D·H·W";
            default -> "N·∏ spatial";
        };
    }

    private static String sizeProduct(int[] shape) {
        if (shape.length < 2) {
            return "";
        }
        StringBuilder sb = new StringBuilder().append(shape[0]);
        for (int d = 2; d < shape.length; d++) {
            sb.append('·').append(shape[d]);
        }
        return sb.toString();
    }
}
