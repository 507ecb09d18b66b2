package org.normscope.explain;

import java.math.BigDecimal;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.normscope.explain.StepExplanation.BatchStats;
import org.normscope.explain.StepExplanation.Normalization;
import org.normscope.explain.StepExplanation.OtherMode;
import org.normscope.explain.StepExplanation.Refusal;
import org.normscope.explain.StepExplanation.RunningUpdate;

/**
 * Turns a {@link StepExplanation} into its lines, in the order a teacher would say them: the
 * sizes, the batch statistics, the running-stat update, ε, invstd, y, and what the other mode
 * would give; or, for a refused step, the check, the error, why, and num_batches_tracked.
 * Captions come from {@code i18n/explain}.
 */
public final class ExplanationLines {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    /** The captions' language (the window's, set by the UI; English by default, as the CLI prints). */
    private static volatile Locale locale = Locale.ENGLISH;

    /** Below this a variance counts as tiny for the ε line (y then grows past about 1000·(x − μ)). */
    private static final double TINY_VARIANCE = 1e-6;

    private ExplanationLines() {
    }

    /** The lines of one explanation. */
    public static List<ExplanationLine> of(StepExplanation e) {
        List<ExplanationLine> lines = new ArrayList<>();
        if (e.shape().length >= 2) {
            lines.add(sizes(e));
        }
        if (e.refusal() != null) {
            refusal(e, lines);
        } else {
            normalized(e, lines);
        }
        otherMode(e, lines);
        return lines;
    }

    /** Makes the captions come in {@code l}'s language (English unless a bundle for it exists). */
    public static void setLocale(Locale l) {
        locale = l;
    }

    /** The caption of {@code key} with its arguments. */
    static String caption(String key, Object... args) {
        return MessageFormat.format(ResourceBundle.getBundle("i18n.explain", locale, NO_FALLBACK).getString(key),
                args);
    }

    private static ExplanationLine sizes(StepExplanation e) {
        Formula f = new Formula().text("n = ").text(e.sizeNames(), e.sizeNames().replace("·", "\\cdot ")).text(" = ");
        String[] names = e.sizeNames().split("·");
        int[] shape = e.shape();
        if (shape.length > 2) {
            for (int d = 0; d < shape.length - 1; d++) {
                if (d > 0) {
                    f.text("·", "\\cdot ");
                }
                f.operand(names[d], shape[d == 0 ? 0 : d + 1]);
            }
            f.text(" = ");
        }
        f.result("n", e.n());
        return f.line("n", caption("n", joinDims(shape), e.sizeNames()));
    }

    private static void normalized(StepExplanation e, List<ExplanationLine> lines) {
        BatchStats b = e.batch();
        RunningUpdate r = e.running();
        if (b != null) {
            lines.add(new Formula().text("μ_B = Σx/", "\\mu_B = \\frac{\\sum x}{").operand("n", e.n())
                    .text(" = ", "} = ").result("μ_B", b.mean())
                    .line("batch_mean", caption("batch_mean", e.channel(), e.n())));
            lines.add(new Formula().text("σ²_B = Σ(x − μ_B)²/", "\\sigma_B^2 = \\frac{\\sum (x-\\mu_B)^2}{")
                    .operand("n", e.n()).text(" = ", "} = ").result("σ²_B", b.varBiased())
                    .line("batch_var", caption("batch_var")));
        }
        if (r != null && r.updated()) {
            lines.add(new Formula().text("σ²_B·n/(n−1) = ", "\\sigma_B^2\\cdot\\frac{n}{n-1} = ")
                    .operand("σ²_B", b.varBiased()).text("·", "\\cdot\\frac{").operand("n", e.n())
                    .text("/", "}{").operand("n − 1", e.n() - 1).text(" = ", "} = ")
                    .result("σ²_B·n/(n−1)", b.varUnbiased())
                    .line("batch_var_unbiased", caption("batch_var_unbiased")));
            runningUpdate(r, b, lines);
        }
        if (r == null) {
            lines.add(new Formula().text("running_mean = None, running_var = None",
                    "\\mathrm{running\\_mean} = \\text{None},\\ \\mathrm{running\\_var} = \\text{None}")
                    .line("no_running", caption("no_running")));
        }
        Normalization nm = e.normalization();
        String varSymbol = nm.batchStats() ? "σ²_B" : "running_var";
        String varTex = nm.batchStats() ? "\\sigma_B^2" : "\\mathrm{running\\_var}";
        String meanSymbol = nm.batchStats() ? "μ_B" : "running_mean";
        lines.add(new Formula().text(varSymbol + " + ε = ", varTex + " + \\varepsilon = ").operand(varSymbol, nm.var())
                .text(" + ").operand("ε", nm.eps()).line("eps", caption(epsKey(nm))));
        boolean zero = nm.var() == 0f && nm.eps() == 0.0 && nm.invstd() == 0f;
        lines.add(new Formula().text("invstd = 1/√(" + varSymbol + " + ε) = 1/√(",
                "\\mathrm{invstd} = \\frac{1}{\\sqrt{" + varTex + " + \\varepsilon}} = \\frac{1}{\\sqrt{")
                .operand(varSymbol, nm.var()).text(" + ").operand("ε", nm.eps()).text(") = ", "}} = ")
                .result("invstd", nm.invstd()).line("invstd", caption(zero ? "invstd_zero" : "invstd")));
        lines.add(new Formula().text("y = (", "y = \\frac{").operand("x", e.x()).text(" − ", " - ")
                .signedOperand(meanSymbol, nm.mean()).text(")/√(", "}{\\sqrt{").operand(varSymbol, nm.var())
                .text(" + ").operand("ε", nm.eps()).text(")·", "}}\\cdot ").signedOperand("γ", nm.weight())
                .text(" + ").signedOperand("β", nm.bias()).text(" = ").result("y", nm.y())
                .line("y", caption(nm.batchStats() ? "y_batch" : "y_running", e.element(), e.channel())));
        lines.add(new Formula().text("y = ").operand("x", e.x()).text("·", "\\cdot ").signedOperand("α", nm.alpha())
                .text(" + ").signedOperand("β′", nm.betaShift()).text(" = ").result("y", nm.y())
                .line("affine_form", caption("affine_form")));
        if (r != null && !r.updated()) {
            lines.add(new Formula().text("running_mean = ", "\\mathrm{running\\_mean} = ")
                    .operand("running_mean", r.meanAfter()).text(", running_var = ", ",\\ \\mathrm{running\\_var} = ")
                    .operand("running_var", r.varAfter())
                    .text(", num_batches_tracked = ", ",\\ \\mathrm{num\\_batches\\_tracked} = ")
                    .operand("num_batches_tracked", r.numBatchesTracked())
                    .line("eval_no_update", caption("eval_no_update")));
        }
    }

    /** {@code running ← (1 − f)·running + f·stat} for the mean and the (unbiased) variance. */
    private static void runningUpdate(RunningUpdate r, BatchStats b, List<ExplanationLine> lines) {
        boolean cumulative = r.momentum().isCumulative();
        long k = r.numBatchesTracked();
        if (cumulative) {
            lines.add(new Formula().text("1/k = 1/", "\\frac{1}{k} = \\frac{1}{").operand("k", k)
                    .text(" = ", "} = ").operand("factor", r.factor())
                    .line("factor", caption("factor_cumulative", k)));
        } else {
            lines.add(new Formula().text("m = ").operand("momentum", r.factor())
                    .line("factor", caption("factor_momentum", momentumText(r), percent(r))));
        }
        lines.add(update("running_mean", r.factor(), r.meanBefore(), "μ_B", b.mean(), r.meanAfter(),
                cumulative ? caption("running_mean_cumulative", k) : caption("running_mean_momentum", percent(r))));
        lines.add(update("running_var", r.factor(), r.varBefore(), "σ²_B·n/(n−1)", b.varUnbiased(), r.varAfter(),
                cumulative ? caption("running_var_cumulative", k) : caption("running_var_momentum", percent(r))));
    }

    private static ExplanationLine update(String name, float factor, float before, String statSymbol, double stat,
            float after, String caption) {
        return new Formula().text(name + " ← (1 − ", "\\mathrm{" + name.replace("_", "\\_") + "} \\leftarrow (1-")
                .operand("factor", factor).text(")·", ")\\cdot ").signedOperand(name + " before", before)
                .text(" + ").operand("factor", factor).text("·", "\\cdot ").signedOperand(statSymbol, stat)
                .text(" = ").result(name + " after", after).line(name, caption);
    }

    private static String momentumText(RunningUpdate r) {
        return org.normscope.print.NumberText.exact(r.momentum().value());
    }

    /** The momentum as a percentage, from its decimal digits: 0.3 is 30, not 30.000000000000004. */
    private static String percent(RunningUpdate r) {
        return new BigDecimal(Double.toString(r.momentum().value())).movePointRight(2).stripTrailingZeros()
                .toPlainString();
    }

    private static String epsKey(Normalization nm) {
        if (nm.eps() == 0.0) {
            return nm.var() > 0 && nm.var() < TINY_VARIANCE ? "eps_zero_tiny" : "eps_zero";
        }
        return nm.var() < nm.eps() ? "eps_dominates" : "eps_small";
    }

    private static void refusal(StepExplanation e, List<ExplanationLine> lines) {
        Refusal r = e.refusal();
        if (r.batchSizeCheck()) {
            lines.add(new Formula().text("n = ").operand("n", e.n()).text(", not > 1", ",\\ \\text{not} > 1")
                    .line("check", caption("check_batch_size")));
        } else {
            String size = "input size torch.Size([" + joinDims(e.shape()) + "])";
            lines.add(new Formula().text(size, Formula.texText(size)).line("check", caption("check_other")));
        }
        String error = r.type() + ": " + r.message();
        lines.add(new Formula().text(error, Formula.texText(error)).line("error", caption("error")));
        if (r.batchSizeCheck()) {
            lines.add(new Formula().text("σ²_B·n/(n−1) = σ²_B·", "\\sigma_B^2\\cdot\\frac{n}{n-1} = \\sigma_B^2\\cdot\\frac{")
                    .operand("n", e.n()).text("/", "}{").operand("n − 1", e.n() - 1).text("", "}")
                    .line("why", caption("why_batch_size")));
        }
        if (r.numBatchesTrackedAfter() != null) {
            lines.add(new Formula().text("num_batches_tracked = ", "\\mathrm{num\\_batches\\_tracked} = ")
                    .operand("num_batches_tracked", r.numBatchesTrackedAfter())
                    .line("counted", caption(r.counted() ? "counted" : "not_counted")));
        }
    }

    private static void otherMode(StepExplanation e, List<ExplanationLine> lines) {
        OtherMode o = e.otherMode();
        String other = o.training() ? "train" : "eval";
        String self = o.training() ? "eval" : "train";
        if (o.refusal() != null) {
            String error = o.refusal().type() + ": " + o.refusal().message();
            lines.add(new Formula().text(error, Formula.texText(error))
                    .line("other_mode", caption("other_mode_refused", caption("mode_" + other))));
            return;
        }
        if (o.y() == null) {
            return;
        }
        Formula f = new Formula();
        String captionKey = "other_mode_" + (e.normalization() == null ? "alone_" : "") + other;
        if (e.normalization() == null) {
            f.text("y_" + other + " = ", "y_{\\text{" + other + "}} = ").result("y_" + other, o.y());
        } else {
            float y = e.normalization().y();
            f.text("y_" + other + " − y_" + self + " = ",
                    "y_{\\text{" + other + "}} - y_{\\text{" + self + "}} = ")
                    .result("y_" + other, o.y()).text(" − ", " - ").signedResult("y_" + self, y).text(" = ")
                    .result("difference", (double) o.y() - (double) y);
        }
        lines.add(f.line("other_mode", caption(captionKey)));
    }

    private static String joinDims(int[] shape) {
        return org.normscope.engine.Tensor.joinDims(shape);
    }
}
