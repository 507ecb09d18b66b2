package org.normscope.scenario;

import java.util.ArrayList;
import java.util.List;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;
import org.normscope.engine.BatchNormGradients;
import org.normscope.engine.TorchError;

/**
 * Runs a scenario on the engine, step by step, as a PyTorch script would: a refused step
 * becomes an error entry (with the stats as PyTorch leaves them) and the run goes on.
 */
public final class Replayer {

    private Replayer() {
    }

    /** Builds the layer a spec describes, with its initial parameters. */
    public static BatchNorm createLayer(LayerSpec spec) throws UnsupportedLayerException {
        BatchNorm layer = switch (spec.type()) {
            case BatchNorm1d -> new BatchNorm1d(spec.numFeatures(), spec.eps(), spec.momentum(), spec.affine(),
                    spec.trackRunningStats());
            case BatchNorm2d -> new BatchNorm2d(spec.numFeatures(), spec.eps(), spec.momentum(), spec.affine(),
                    spec.trackRunningStats());
            case BatchNorm3d -> new BatchNorm3d(spec.numFeatures(), spec.eps(), spec.momentum(), spec.affine(),
                    spec.trackRunningStats());
            default -> throw new UnsupportedLayerException(spec.type());
        };
        if (spec.weight() != null) {
            layer.setWeight(spec.weight());
        }
        if (spec.bias() != null) {
            layer.setBias(spec.bias());
        }
        if (spec.runningMean() != null) {
            layer.setRunningMean(spec.runningMean());
        }
        if (spec.runningVar() != null) {
            layer.setRunningVar(spec.runningVar());
        }
        if (spec.numBatchesTracked() != null) {
            layer.setNumBatchesTracked(spec.numBatchesTracked());
        }
        return layer;
    }

    /** Replays every step on a fresh layer. */
    public static Result replay(Scenario scenario) throws UnsupportedLayerException {
        BatchNorm layer = createLayer(scenario.layer());
        List<StepResult> results = new ArrayList<>(scenario.steps().size());
        for (Step step : scenario.steps()) {
            results.add(run(layer, step));
        }
        return new Result(results);
    }

    /** Runs one step on {@code layer} and reports what it returned and holds afterwards. */
    public static StepResult run(BatchNorm layer, Step step) {
        if (step instanceof Step.ResetRunningStats) {
            layer.resetRunningStats();
            return stats(layer, null, null, null);
        }
        if (step instanceof Step.Set set) {
            apply(layer, set);
            return stats(layer, null, null, null);
        }
        Step.Forward f = (Step.Forward) step;
        layer.train(f.mode() == Step.Mode.train);
        try {
            var output = layer.forward(f.input());
            BatchNormGradients grads = f.gradOutput() == null ? null : layer.backward(f.gradOutput());
            return stats(layer, output, null, grads);
        } catch (TorchError e) {
            return stats(layer, null, new StepResult.StepError(e.pythonType(), e.getMessage()), null);
        }
    }

    /** A {@code set} step: the attributes and parameters it names, as the Python assignments would set them. */
    public static void apply(BatchNorm layer, Step.Set set) {
        if (set.eps() != null) {
            layer.setEps(set.eps());
        }
        if (set.momentum() != null) {
            layer.setMomentum(set.momentum());
        }
        if (set.weight() != null) {
            layer.setWeight(set.weight());
        }
        if (set.bias() != null) {
            layer.setBias(set.bias());
        }
    }

    private static StepResult stats(BatchNorm layer, org.normscope.engine.Tensor output, StepResult.StepError error,
            BatchNormGradients grads) {
        Long nbt = layer.trackRunningStats() ? layer.numBatchesTracked() : null;
        return new StepResult(output, error, layer.runningMean(), layer.runningVar(), nbt, grads != null,
                grads == null ? null : grads.gradInput(), grads == null ? null : grads.gradWeight(),
                grads == null ? null : grads.gradBias());
    }
}
