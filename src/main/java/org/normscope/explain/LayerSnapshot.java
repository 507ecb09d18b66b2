package org.normscope.explain;

import java.util.function.Supplier;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;

/**
 * A layer's state frozen at one moment (configuration, eps, momentum, weight, bias, running stats,
 * num_batches_tracked, mode), as a supplier of fresh copies, so that an explanation can run the
 * next step, and the other mode, without touching the real layer.
 */
public final class LayerSnapshot implements Supplier<BatchNorm> {

    private final String kind;
    private final int numFeatures;
    private final double eps;
    private final org.normscope.engine.Momentum momentum;
    private final boolean affine;
    private final boolean track;
    private final boolean training;
    private final float[] weight;
    private final float[] bias;
    private final float[] runningMean;
    private final float[] runningVar;
    private final long numBatchesTracked;

    private LayerSnapshot(BatchNorm layer) {
        kind = layer.kind();
        numFeatures = layer.numFeatures();
        eps = layer.eps();
        momentum = layer.momentum();
        affine = layer.affine();
        track = layer.trackRunningStats();
        training = layer.isTraining();
        weight = layer.weight();
        bias = layer.bias();
        runningMean = layer.runningMean();
        runningVar = layer.runningVar();
        numBatchesTracked = layer.numBatchesTracked();
    }

    /** The state of {@code layer} now; later changes to the layer do not show in the copies. */
    public static LayerSnapshot of(BatchNorm layer) {
        return new LayerSnapshot(layer);
    }

    /** A new layer with the state the snapshot holds. */
    @Override
    public BatchNorm get() {
        BatchNorm copy = switch (kind) {
            case "BatchNorm1d" -> new BatchNorm1d(numFeatures, eps, momentum, affine, track);
            case "BatchNorm2d" -> new BatchNorm2d(numFeatures, eps, momentum, affine, track);
            case "BatchNorm3d" -> new BatchNorm3d(numFeatures, eps, momentum, affine, track);
            default -> throw new IllegalStateException("no copy for " + kind);
        };
        if (affine) {
            copy.setWeight(weight);
            copy.setBias(bias);
        }
        if (track) {
            copy.setRunningMean(runningMean);
            copy.setRunningVar(runningVar);
            copy.setNumBatchesTracked(numBatchesTracked);
        }
        return copy.train(training);
    }
}
