package org.normscope.scenario;

import java.util.ArrayList;
import java.util.List;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNormGradients;
import org.normscope.engine.NormBase;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/**
 * Runs a scenario on the engine, step by step, as a PyTorch script would: a refused step
 * becomes an error entry (with the stats as PyTorch leaves them) and the run goes on.
 * Every layer type of the format runs: BatchNorm, InstanceNorm, LayerNorm and GroupNorm.
 */
public final class Replayer {

    private Replayer() {
    }

    /**
     * Builds the layer a spec describes, with its initial parameters and state.
     *
     * @throws org.normscope.engine.TorchError for a GroupNorm whose channels do not divide into its groups (the
     *     scenario reader refuses such a file before)
     */
    public static NormLayer create(LayerSpec spec) {
        LayerKind kind = spec.type();
        NormLayer layer = kind.create(kind == LayerKind.GROUP_NORM ? spec.numChannels() : spec.numFeatures(), spec.eps(),
                spec.momentum(), spec.affine(), spec.trackRunningStats(), spec.numGroups(), spec.normalizedShape());
        if (spec.weight() != null) {
            layer.setWeight(spec.weight());
        }
        if (spec.bias() != null) {
            layer.setBias(spec.bias());
        }
        if (layer instanceof NormBase base) {
            if (spec.runningMean() != null) {
                base.setRunningMean(spec.runningMean());
            }
            if (spec.runningVar() != null) {
                base.setRunningVar(spec.runningVar());
            }
            if (spec.numBatchesTracked() != null) {
                base.setNumBatchesTracked(spec.numBatchesTracked());
            }
        }
        return layer;
    }

    /**
     * The BatchNorm layer a spec describes, for the commands that know BatchNorm alone
     * ({@code bench}, {@code explain}).
     *
     * @throws UnsupportedLayerException for any other layer type
     */
    public static BatchNorm createLayer(LayerSpec spec) throws UnsupportedLayerException {
        if (!spec.type().isBatchNorm()) {
            throw new UnsupportedLayerException(spec.type());
        }
        return (BatchNorm) create(spec);
    }

    /**
     * Replays every step on a fresh layer.
     *
     * @throws UnsupportedLayerException never for the format's present types; kept for callers that
     *     handle a type the engine lacks
     */
    public static Result replay(Scenario scenario) throws UnsupportedLayerException {
        NormLayer layer = create(scenario.layer());
        List<StepResult> results = new ArrayList<>(scenario.steps().size());
        for (Step step : scenario.steps()) {
            results.add(run(layer, step));
        }
        return new Result(results);
    }

    /** Runs one step on {@code layer} and reports what it returned and holds afterwards. */
    public static StepResult run(NormLayer layer, Step step) {
        if (step instanceof Step.ResetRunningStats) {
            if (!(layer instanceof NormBase base)) { // the reader refuses this step; Python raises
                return stats(layer, null, new StepResult.StepError("AttributeError",
                        "'" + layer.kind() + "' object has no attribute 'reset_running_stats'"), null);
            }
            base.resetRunningStats();
            return stats(layer, null, null, null);
        }
        if (step instanceof Step.Set set) {
            apply(layer, set);
            return stats(layer, null, null, null);
        }
        Step.Forward f = (Step.Forward) step;
        layer.train(f.mode() == Step.Mode.train);
        try {
            Tensor output = layer.forward(f.input());
            BatchNormGradients grads = f.gradOutput() == null ? null : layer.backward(f.gradOutput());
            return stats(layer, output, null, grads);
        } catch (TorchError e) {
            return stats(layer, null, new StepResult.StepError(e.pythonType(), e.getMessage()), null);
        }
    }

    /**
     * A {@code set} step: the attributes and parameters it names, as the Python assignments would
     * set them ({@code momentum} on a layer without one is a plain attribute that changes nothing).
     */
    public static void apply(NormLayer layer, Step.Set set) {
        if (set.eps() != null) {
            layer.setEps(set.eps());
        }
        if (set.momentum() != null && layer instanceof NormBase base) {
            base.setMomentum(set.momentum());
        }
        if (set.weight() != null) {
            layer.setWeight(set.weight());
        }
        if (set.bias() != null) {
            layer.setBias(set.bias());
        }
    }

    private static StepResult stats(NormLayer layer, Tensor output, StepResult.StepError error,
            BatchNormGradients grads) {
        Long nbt = layer.trackRunningStats() ? layer.numBatchesTracked() : null;
        return new StepResult(output, error, layer.runningMean(), layer.runningVar(), nbt, grads != null,
                grads == null ? null : grads.gradInput(), grads == null ? null : grads.gradWeight(),
                grads == null ? null : grads.gradBias());
    }
}
