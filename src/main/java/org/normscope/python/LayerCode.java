package org.normscope.python;

import java.util.ArrayList;
import java.util.List;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.scenario.LayerSpec;

/**
 * The Python that builds a scenario's layer: the constructor with only the arguments that
 * differ from PyTorch's defaults, then the initial parameters and state the scenario sets,
 * copied in under {@code torch.no_grad()} from the script's {@code INITIAL} tensors.
 */
final class LayerCode {

    /** The keys of {@code INITIAL} (the layer's tensors a scenario may set), in the order they are set. */
    static final List<String> INITIAL_TENSORS = List.of("weight", "bias", "running_mean", "running_var");

    private LayerCode() {
    }

    /**
     * {@code torch.nn.BatchNorm1d(4, eps=0.0, momentum=0.3)}, {@code torch.nn.InstanceNorm2d(3, affine=True)},
     * {@code torch.nn.LayerNorm([4, 8])}, {@code torch.nn.GroupNorm(2, 4, affine=False)}: the arguments
     * that differ from the kind's PyTorch defaults.
     */
    static String constructor(LayerSpec spec) {
        StringBuilder sb = new StringBuilder("torch.nn.").append(spec.type().torchName()).append('(');
        switch (spec.type()) {
            case LAYER_NORM -> {
                sb.append('[');
                int[] shape = spec.normalizedShape();
                for (int i = 0; i < shape.length; i++) {
                    sb.append(i > 0 ? ", " : "").append(shape[i]);
                }
                sb.append(']');
            }
            case GROUP_NORM -> sb.append(spec.numGroups()).append(", ").append(spec.numChannels());
            default -> sb.append(spec.numFeatures());
        }
        if (Double.compare(spec.eps(), BatchNorm.DEFAULT_EPS) != 0) {
            sb.append(", eps=").append(PythonLiterals.number(spec.eps()));
        }
        boolean normBase = spec.type().isBatchNorm() || spec.type().isInstanceNorm();
        if (normBase && !spec.momentum().equals(Momentum.DEFAULT)) {
            sb.append(", momentum=").append(momentum(spec.momentum()));
        }
        boolean defaultAffine = !spec.type().isInstanceNorm();
        if (spec.affine() != defaultAffine) {
            sb.append(spec.type() == LayerKind.LAYER_NORM ? ", elementwise_affine=" : ", affine=")
                    .append(spec.affine() ? "True" : "False");
        }
        if (normBase && spec.trackRunningStats() != spec.type().isBatchNorm()) {
            sb.append(", track_running_stats=").append(spec.trackRunningStats() ? "True" : "False");
        }
        return sb.append(')').toString();
    }

    /** A momentum as Python: the number, or {@code None} for a cumulative moving average. */
    static String momentum(Momentum m) {
        return m.isCumulative() ? "None" : PythonLiterals.number(m.value());
    }

    /** The body of {@code make_layer()}, indented by four spaces, without its {@code return}. */
    static String body(LayerSpec spec) {
        List<String> lines = new ArrayList<>();
        lines.add("    layer = " + constructor(spec));
        List<String> state = new ArrayList<>();
        for (String name : INITIAL_TENSORS) {
            if (initial(spec, name) != null) {
                state.add("        layer." + name + ".copy_(INITIAL[\"" + name + "\"].reshape(layer." + name + ".shape))");
            }
        }
        if (spec.numBatchesTracked() != null) {
            state.add("        layer.num_batches_tracked.fill_(" + spec.numBatchesTracked() + ")");
        }
        if (!state.isEmpty()) {
            lines.add("    with torch.no_grad():");
            lines.addAll(state);
        }
        return String.join("\n", lines);
    }

    /** The initial tensor {@code name} the scenario sets (one of {@link #INITIAL_TENSORS}), or null. */
    static float[] initial(LayerSpec spec, String name) {
        return switch (name) {
            case "weight" -> spec.weight();
            case "bias" -> spec.bias();
            case "running_mean" -> spec.runningMean();
            case "running_var" -> spec.runningVar();
            default -> throw new IllegalArgumentException(name);
        };
    }
}
