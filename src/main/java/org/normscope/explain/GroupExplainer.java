package org.normscope.explain;

import java.util.ArrayList;
import java.util.List;
import org.normscope.engine.GroupNorm;
import org.normscope.engine.InstanceNorm;
import org.normscope.engine.LayerNorm;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/**
 * One element of a step explained for InstanceNorm, LayerNorm and GroupNorm, whose groups of
 * values sharing a mean and variance are contiguous runs of {@code m} values in the input's
 * {@code (N, C, *)} layout:
 * <pre>
 *   InstanceNorm  one run per (n, c):            m = ∏ spatial
 *   LayerNorm     one run per row:               m = ∏ normalized_shape
 *   GroupNorm     one run per (n, group of C/G): m = (C/G)·∏ spatial
 *   μ = Σx/m,  σ² = Σ(x − μ)²/m,  y = (x − μ)/√(σ² + ε)·γ + β
 * </pre>
 * μ and σ² are computed here in double over the run; y is the engine's own output. InstanceNorm
 * in eval mode with tracked statistics normalizes with running_mean and running_var instead.
 * (BatchNorm, whose channel is not one run, has {@link Explainer}.)
 */
public final class GroupExplainer {

    private GroupExplainer() {
    }

    /**
     * @param layer a copy of the layer as it was just before the step (it is run on {@code x})
     * @param x the step's input {@code (N, C, *)}
     * @param channel the element's channel
     * @param index the element's index among the channel's values, batch-major (as {@link Explainer} counts)
     * @return the lines, or one line with PyTorch's message if the layer refuses {@code x}
     */
    public static List<ExplanationLine> explain(NormLayer layer, Tensor x, int channel, int index) {
        int n = x.size(0);
        int channels = x.size(1);
        int slice = x.numel() / n / channels;
        int sample = Math.min(index / slice, n - 1);
        int flat = (sample * channels + channel) * slice + index % slice;
        float[] running = runningStats(layer, channel);
        Tensor y;
        try {
            y = layer.forward(x);
        } catch (TorchError e) {
            List<ExplanationLine> lines = new ArrayList<>();
            lines.add(new Formula().text(e.toString(), Formula.texText(e.toString()))
                    .line("error", ExplanationLines.caption("group_refused", layer.kind())));
            return lines;
        }
        int m = runLength(layer, channels, slice);
        int start = flat / m * m;
        float[] d = x.data();
        double sum = 0;
        for (int i = start; i < start + m; i++) {
            sum += d[i];
        }
        double mean = sum / m;
        double sq = 0;
        for (int i = start; i < start + m; i++) {
            sq += (d[i] - mean) * (d[i] - mean);
        }
        double var = sq / m;
        int param = layer instanceof LayerNorm ? flat % m : channel;
        float[] w = layer.weight();
        float[] b = layer.bias();
        double gamma = w == null ? 1 : w[param];
        double beta = b == null ? 0 : b[param];
        List<ExplanationLine> lines = new ArrayList<>();
        lines.add(new Formula().text("m = ").result("m", m)
                .line("group", ExplanationLines.caption(groupKey(layer), m, sample, channel, groupOf(layer, channel),
                        layer.toString())));
        boolean useRunning = running != null;
        String muS = useRunning ? "running_mean" : "μ";
        String varS = useRunning ? "running_var" : "σ²";
        lines.add(new Formula().text("μ = Σx/", "\\mu = \\frac{\\sum x}{").operand("m", m).text(" = ", "} = ")
                .result("μ", mean).line("group_mean", ExplanationLines.caption("group_mean", m)));
        lines.add(new Formula().text("σ² = Σ(x − μ)²/", "\\sigma^2 = \\frac{\\sum (x-\\mu)^2}{").operand("m", m)
                .text(" = ", "} = ").result("σ²", var).line("group_var", ExplanationLines.caption("group_var")));
        double mu = useRunning ? running[0] : mean;
        double v = useRunning ? running[1] : var;
        lines.add(new Formula().text("y = (", "y = \\frac{").operand("x", d[flat]).text(" − ", " - ")
                .signedOperand(muS, mu).text(")/√(", "}{\\sqrt{").operand(varS, v).text(" + ")
                .operand("ε", layer.eps()).text(")·", "}}\\cdot ").signedOperand("γ", gamma).text(" + ")
                .signedOperand("β", beta).text(" = ").result("y", y.data()[flat])
                .line("y", ExplanationLines.caption(useRunning ? "group_y_running" : "group_y", index, channel)));
        if (useRunning) {
            lines.add(new Formula().text("running_mean = ", "\\mathrm{running\\_mean} = ")
                    .operand("running_mean", running[0]).text(", running_var = ", ",\\ \\mathrm{running\\_var} = ")
                    .operand("running_var", running[1]).line("eval_no_update", ExplanationLines.caption("group_running")));
        }
        return lines;
    }

    /** The values in one group: the length of the runs the layer normalizes over. */
    static int runLength(NormLayer layer, int channels, int slice) {
        if (layer instanceof LayerNorm l) {
            return (int) Tensor.numel(l.normalizedShape());
        }
        if (layer instanceof GroupNorm g) {
            return channels / g.numGroups() * slice;
        }
        return slice;
    }

    private static String groupKey(NormLayer layer) {
        return layer instanceof LayerNorm ? "group_layer" : layer instanceof GroupNorm ? "group_group" : "group_instance";
    }

    private static int groupOf(NormLayer layer, int channel) {
        return layer instanceof GroupNorm g ? channel / (g.numChannels() / g.numGroups()) : channel;
    }

    /** InstanceNorm's running statistics of {@code channel} if eval mode normalizes with them; else null. */
    private static float[] runningStats(NormLayer layer, int channel) {
        if (layer instanceof InstanceNorm in && !in.isTraining() && in.trackRunningStats()) {
            return new float[] {in.runningMean()[channel], in.runningVar()[channel]};
        }
        return null;
    }
}
