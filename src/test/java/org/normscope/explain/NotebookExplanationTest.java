package org.normscope.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;

/** The notebook: BatchNorm1d(4, eps=0, momentum=0.3) on torch.ones(2, 4, 1), four train steps, then eval. */
class NotebookExplanationTest {

    private static final Tensor ONES = Tensor.ones(2, 4, 1);

    private static BatchNorm afterTrainSteps(int steps) {
        BatchNorm bn = new BatchNorm1d(4, 0.0, Momentum.of(0.3), true, true);
        for (int i = 0; i < steps; i++) {
            bn.forward(ONES);
        }
        return bn;
    }

    @Test
    void step4TrainLineByLine() {
        StepExplanation e = Explainer.explain(LayerSnapshot.of(afterTrainSteps(3)), true, ONES, 0, 0);
        assertThat(e.stepCase()).isEqualTo(StepCase.TRAIN_TRACKED);
        assertThat(ExplanationLines.of(e)).extracting(ExplanationLine::formula).containsExactly(
                "n = N·L = 2·1 = 2",
                "μ_B = Σx/2 = 1",
                "σ²_B = Σ(x − μ_B)²/2 = 0",
                "σ²_B·n/(n−1) = 0·2/1 = 0",
                "m = 0.3",
                "running_mean ← (1 − 0.3)·0.657 + 0.3·1 = 0.7599",
                "running_var ← (1 − 0.3)·0.343 + 0.3·0 = 0.2401",
                "σ²_B + ε = 0 + 0",
                "invstd = 1/√(σ²_B + ε) = 1/√(0 + 0) = 0",
                "y = (1 − 1)/√(0 + 0)·1 + 0 = 0",
                "y = 1·0 + 0 = 0",
                "y_eval − y_train = 0.5857 − 0 = 0.5857");
    }

    @Test
    void step4CaptionsAndTexSayWhatTheyShow() {
        List<ExplanationLine> lines = ExplanationLines.of(
                Explainer.explain(LayerSnapshot.of(afterTrainSteps(3)), true, ONES, 0, 0));
        ExplanationLine mean = line(lines, "running_mean");
        assertThat(mean.caption()).isEqualTo("The running mean moves 30 % of the way toward this batch's mean.");
        assertThat(line(lines, "running_var").tex())
                .isEqualTo("\\mathrm{running\\_var} \\leftarrow (1-0.3)\\cdot 0.343 + 0.3\\cdot 0 = 0.2401");
        assertThat(line(lines, "invstd").caption()).contains("PyTorch takes 1/√0 as 0");
        assertThat(mean.numbers()).extracting(ShownNumber::symbol, ShownNumber::text, ShownNumber::exact)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("factor", "0.3", "0.3"),
                        org.assertj.core.groups.Tuple.tuple("running_mean before", "0.657", "0.657"),
                        org.assertj.core.groups.Tuple.tuple("factor", "0.3", "0.3"),
                        org.assertj.core.groups.Tuple.tuple("μ_B", "1", "1"),
                        org.assertj.core.groups.Tuple.tuple("running_mean after", "0.7599", "0.7599"));
    }

    @Test
    void firstEvalStepUsesTheRunningStatsAndUpdatesNothing() {
        StepExplanation e = Explainer.explain(LayerSnapshot.of(afterTrainSteps(4)), false, ONES, 0, 0);
        List<ExplanationLine> lines = ExplanationLines.of(e);
        assertThat(e.stepCase()).isEqualTo(StepCase.EVAL_TRACKED);
        assertThat(line(lines, "y").formula()).isEqualTo("y = (1 − 0.7599)/√(0.2401 + 0)·1 + 0 = 0.4900");
        assertThat(line(lines, "invstd").formula()).isEqualTo("invstd = 1/√(running_var + ε) = 1/√(0.2401 + 0) = 2.041");
        assertThat(line(lines, "eval_no_update").formula())
                .isEqualTo("running_mean = 0.7599, running_var = 0.2401, num_batches_tracked = 4");
        assertThat(line(lines, "eval_no_update").caption()).startsWith("Nothing is updated in eval");
        assertThat(line(lines, "other_mode").formula()).isEqualTo("y_train − y_eval = 0 − 0.4900 = −0.4900");
        assertThat(lines).extracting(ExplanationLine::key).doesNotContain("running_mean", "batch_mean");
    }

    @Test
    void epsZeroAfter300StepsBlowsUpInEval() {
        StepExplanation e = Explainer.explain(LayerSnapshot.of(afterTrainSteps(300)), false, ONES, 0, 0);
        List<ExplanationLine> lines = ExplanationLines.of(e);
        assertThat(line(lines, "eps").formula()).isEqualTo("running_var + ε = 1.4e-45 + 0");
        assertThat(line(lines, "eps").caption()).contains("blows up");
        assertThat(line(lines, "y").formula()).isEqualTo("y = (1 − 1.000)/√(1.4e-45 + 0)·1 + 0 = 2.2518e+15");
        assertThat(line(lines, "y").tex()).endsWith("= 2.2518\\cdot 10^{15}");
        assertThat(line(lines, "affine_form").formula()).isEqualTo("y = 1·2.6714e+22 + (−2.6714e+22) = 2.2518e+15");
    }

    @Test
    void theRealLayerIsNotTouched() {
        BatchNorm bn = afterTrainSteps(3);
        Explainer.explain(LayerSnapshot.of(bn), true, ONES, 0, 0);
        assertThat(bn.numBatchesTracked()).isEqualTo(3);
        assertThat(bn.runningMean()[0]).isEqualTo(0.657f);
        assertThat(bn.isTraining()).isTrue();
    }

    static ExplanationLine line(List<ExplanationLine> lines, String key) {
        return lines.stream().filter(l -> l.key().equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no line " + key + " in " + lines));
    }
}
