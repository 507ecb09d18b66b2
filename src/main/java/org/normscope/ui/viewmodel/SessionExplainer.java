package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Tensor;
import org.normscope.engine.NormLayer;
import org.normscope.explain.Explainer;
import org.normscope.explain.GroupExplainer;
import org.normscope.explain.ExplanationLine;
import org.normscope.explain.ExplanationLines;
import org.normscope.explain.LayerSnapshot;
import org.normscope.explain.StepExplanation;
import org.normscope.python.SessionCode;
import org.normscope.session.RefusedAttempt;
import org.normscope.session.Session;

/**
 * What the Explain and code panes ask of the session, on the session's thread: a step run again
 * on a copy of the layer as it was just before it ({@link Session#layerBefore}), explained by the
 * engine itself ({@link Explainer}); and the session as PyTorch code ({@link SessionCode}).
 */
final class SessionExplainer {

    private SessionExplainer() {
    }

    /**
     * @param step the step to explain (1-based), or 0 for the newest thing that happened: a
     *     refused attempt if that was the last thing, else the newest step
     */
    static ExplainViewModel.Explained explain(Session s, long step, int channel, ExplainViewModel.Element element) {
        if (!s.config().kind().isBatchNorm()) {
            return explainGroup(s, step, channel, element);
        }
        if (step == 0) {
            RefusedAttempt refused = s.refusedAttempt();
            if (refused != null) {
                StepExplanation e = Explainer.explain(LayerSnapshot.of((BatchNorm) refused.layerBefore()), refused.training(),
                        refused.batch(), channel, 0);
                return new ExplainViewModel.Explained(UiText.get("explain.heading.refused", refused.step(),
                        mode(refused.training()), channel), lines(e), "");
            }
            step = s.stepCount();
        }
        if (step < 1) {
            return new ExplainViewModel.Explained("", List.of(), UiText.get("explain.empty"));
        }
        BatchNorm before = (BatchNorm) s.layerBefore(step);
        Tensor x = s.batchAt(step);
        if (before == null || x == null) {
            // the oldest exact step has no known state before it (see Session.layerBefore)
            int exact = s.history().exactSteps();
            long explainable = s.stepCount() > exact ? exact - 1 : exact;
            return new ExplainViewModel.Explained("", List.of(), UiText.get("explain.gone", step,
                    String.format("%,d", explainable)));
        }
        LayerSnapshot layer = LayerSnapshot.of(before);
        int values = valuesPerChannel(x);
        String note = "";
        int index;
        if (element.index() >= 0) {
            index = Math.min(element.index(), values - 1);
        } else {
            Tensor side = element.output() ? layer.get().forward(x) : x;
            index = firstInRange(side, channel, element.lo(), element.hi());
            if (index < 0) {
                index = 0;
                note = UiText.get("explain.no.value", channel, step);
            }
        }
        StepExplanation e = Explainer.explain(layer, before.isTraining(), x, channel, index);
        return new ExplainViewModel.Explained(UiText.get("explain.heading", step, mode(before.isTraining()), channel,
                index, values), lines(e), note, index);
    }

    /** InstanceNorm, LayerNorm, GroupNorm: {@link GroupExplainer} on the layer as it was before the step. */
    private static ExplainViewModel.Explained explainGroup(Session s, long step, int channel,
            ExplainViewModel.Element element) {
        long t = step == 0 ? s.stepCount() : step;
        if (t < 1) {
            return new ExplainViewModel.Explained("", List.of(), UiText.get("explain.empty"));
        }
        NormLayer before = s.layerBefore(t);
        Tensor x = s.batchAt(t);
        if (before == null || x == null) {
            int exact = s.history().exactSteps();
            long explainable = s.stepCount() > exact ? exact - 1 : exact;
            return new ExplainViewModel.Explained("", List.of(), UiText.get("explain.gone", t,
                    String.format("%,d", explainable)));
        }
        int values = valuesPerChannel(x);
        int index = Math.max(0, Math.min(element.index() >= 0 ? element.index() : 0, values - 1));
        boolean training = before.isTraining();
        List<FormulaLine> lines = lines(GroupExplainer.explain(before, x, channel, index));
        return new ExplainViewModel.Explained(UiText.get("explain.heading", t, mode(training), channel, index, values),
                lines, "", index);
    }

    static String code(Session s) {
        return SessionCode.of(s.journal());
    }

    private static String mode(boolean training) {
        return UiText.get(training ? "explain.mode.train" : "explain.mode.eval");
    }

    private static List<FormulaLine> lines(StepExplanation e) {
        return lines(ExplanationLines.of(e));
    }

    private static List<FormulaLine> lines(List<ExplanationLine> explained) {
        List<FormulaLine> lines = new ArrayList<>();
        for (ExplanationLine l : explained) {
            String exact = l.numbers().stream().map(n -> n.symbol() + " = " + n.exact()).distinct()
                    .collect(Collectors.joining("\n"));
            lines.add(new FormulaLine(l.key(), l.caption(), l.tex(), l.formula(), exact));
        }
        return lines;
    }

    /** {@code n = N·∏ spatial}: the values of one channel in the batch. */
    private static int valuesPerChannel(Tensor x) {
        return x.dim() < 2 ? x.numel() : x.numel() / x.size(1);
    }

    /**
     * The index (batch-major, as {@link Explainer} counts) of the first of channel {@code c}'s
     * values in {@code t} that lies in [lo, hi], or −1.
     */
    static int firstInRange(Tensor t, int c, double lo, double hi) {
        int channels = t.size(1);
        int slice = t.numel() / t.size(0) / channels;
        float[] d = t.data();
        int index = 0;
        for (int b = 0; b < t.size(0); b++) {
            int base = (b * channels + c) * slice;
            for (int i = 0; i < slice; i++, index++) {
                float v = d[base + i];
                if (v >= lo && v <= hi) {
                    return index;
                }
            }
        }
        return -1;
    }
}
