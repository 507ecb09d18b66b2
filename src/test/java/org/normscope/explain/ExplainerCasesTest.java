package org.normscope.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.normscope.explain.NotebookExplanationTest.line;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.BatchNorm1d;
import org.normscope.engine.BatchNorm2d;
import org.normscope.engine.BatchNorm3d;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/**
 * Every kind of step: each number an explanation shows is the engine's own (read independently
 * from a separate layer), and the shown arithmetic, redone in double from the shown exact values,
 * gives the shown result within float32 rounding.
 */
class ExplainerCasesTest {

    /** One kind of step: the layer before it, the mode, the batch, the channel and element explained. */
    record Case(String name, Supplier<BatchNorm> before, boolean training, Tensor x, int channel, int element,
            StepCase expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Tensor ramp(int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) Math.sin(1.7 * i) * 2.5f + 0.1f * i;
        }
        return t;
    }

    static BatchNorm configured(BatchNorm bn) {
        int c = bn.numFeatures();
        if (bn.affine()) {
            float[] w = new float[c];
            float[] b = new float[c];
            for (int i = 0; i < c; i++) {
                w[i] = 0.5f + 0.75f * i;
                b[i] = -0.25f + 0.3f * i;
            }
            bn.setWeight(w);
            bn.setBias(b);
        }
        if (bn.trackRunningStats()) {
            float[] m = new float[c];
            float[] v = new float[c];
            for (int i = 0; i < c; i++) {
                m[i] = 0.2f - 0.35f * i;
                v[i] = 1.3f + 0.4f * i;
            }
            bn.setRunningMean(m);
            bn.setRunningVar(v);
            bn.setNumBatchesTracked(2);
        }
        return bn;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("train tracked", () -> configured(new BatchNorm2d(3, 1e-5, Momentum.of(0.1), true, true)),
                        true, ramp(2, 3, 2, 2), 1, 5, StepCase.TRAIN_TRACKED),
                new Case("train, momentum None", () -> configured(new BatchNorm1d(2, 1e-3, Momentum.CUMULATIVE, true,
                        true)), true, ramp(4, 2, 3), 1, 7, StepCase.TRAIN_TRACKED),
                new Case("eval tracked", () -> configured(new BatchNorm1d(4, 1e-5, Momentum.DEFAULT, true, true)),
                        false, ramp(3, 4), 2, 1, StepCase.EVAL_TRACKED),
                new Case("untracked train", () -> configured(new BatchNorm3d(2, 1e-5, Momentum.DEFAULT, true, false)),
                        true, ramp(2, 2, 1, 2, 2), 0, 6, StepCase.UNTRACKED_TRAIN),
                new Case("untracked eval", () -> configured(new BatchNorm3d(2, 1e-5, Momentum.DEFAULT, false, false)),
                        false, ramp(2, 2, 1, 2, 2), 1, 3, StepCase.UNTRACKED_EVAL),
                new Case("eps 0, tiny running_var", () -> {
                    BatchNorm bn = new BatchNorm1d(4, 0.0, Momentum.of(0.3), true, true);
                    for (int i = 0; i < 300; i++) {
                        bn.forward(Tensor.ones(2, 4, 1));
                    }
                    return bn;
                }, false, Tensor.ones(2, 4, 1), 3, 1, StepCase.EVAL_TRACKED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyNumberIsTheEnginesOwn(Case c) {
        StepExplanation e = Explainer.explain(c.before(), c.training(), c.x(), c.channel(), c.element());
        assertThat(e.stepCase()).isEqualTo(c.expected());

        BatchNorm ref = c.before().get().train(c.training());
        float[] meanBefore = ref.runningMean();
        float[] varBefore = ref.runningVar();
        Tensor out = ref.forward(c.x());
        int flat = flatIndex(c.x(), c.channel(), c.element());
        int ch = c.channel();
        List<ExplanationLine> lines = ExplanationLines.of(e);

        assertThat(last(lines, "y")).isEqualTo(out.data()[flat]);
        assertThat(first(lines, "y")).isEqualTo(c.x().data()[flat]);
        assertThat(last(lines, "invstd")).isEqualTo(ref.lastInvStd()[ch]);
        assertThat(value(lines, "affine_form", 1)).isEqualTo(ref.lastAlpha()[ch]);
        assertThat(value(lines, "affine_form", 2)).isEqualTo(ref.lastBeta()[ch]);
        assertThat(value(lines, "y", 3)).isEqualTo(ref.eps());
        if (ref.lastUsedBatchStats()) {
            assertThat(last(lines, "batch_mean")).isEqualTo(ref.lastMean()[ch]);
            assertThat(last(lines, "batch_var")).isEqualTo(ref.lastBatchVar()[ch]);
            assertThat(first(lines, "n")).isEqualTo(c.x().size(0));
            assertThat(last(lines, "n")).isEqualTo(ref.lastReductionSize());
        } else {
            assertThat(value(lines, "y", 1)).isEqualTo(meanBefore[ch]);
            assertThat(value(lines, "y", 2)).isEqualTo(varBefore[ch]);
        }
        if (c.expected() == StepCase.TRAIN_TRACKED) {
            assertThat(last(lines, "batch_var_unbiased")).isEqualTo(ref.lastUnbiasedVar()[ch]);
            assertThat(value(lines, "running_mean", 0)).isEqualTo((float) ref.lastFactor());
            assertThat(value(lines, "running_mean", 1)).isEqualTo(meanBefore[ch]);
            assertThat(last(lines, "running_mean")).isEqualTo(ref.runningMean()[ch]);
            assertThat(value(lines, "running_var", 1)).isEqualTo(varBefore[ch]);
            assertThat(value(lines, "running_var", 3)).isEqualTo(ref.lastUnbiasedVar()[ch]);
            assertThat(last(lines, "running_var")).isEqualTo(ref.runningVar()[ch]);
        }
        if (c.expected() == StepCase.EVAL_TRACKED) {
            assertThat(numbers(lines, "eval_no_update")).containsExactly(ref.runningMean()[ch], ref.runningVar()[ch],
                    ref.numBatchesTracked());
        }
        if (c.expected() == StepCase.UNTRACKED_TRAIN || c.expected() == StepCase.UNTRACKED_EVAL) {
            assertThat(line(lines, "no_running").formula()).isEqualTo("running_mean = None, running_var = None");
            assertThat(lines).extracting(ExplanationLine::key).doesNotContain("running_mean", "running_var");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theShownArithmeticAddsUp(Case c) {
        List<ExplanationLine> lines = ExplanationLines.of(
                Explainer.explain(c.before(), c.training(), c.x(), c.channel(), c.element()));
        for (String key : List.of("running_mean", "running_var")) {
            if (lines.stream().anyMatch(l -> l.key().equals(key))) {
                double[] v = numbers(lines, key); // f, old, f, stat, new
                double a = (1 - v[0]) * v[1];
                double b = v[2] * v[3];
                assertCloseInFloat(key, a + b, v[4], Math.abs(a) + Math.abs(b));
            }
        }
        if (lines.stream().anyMatch(l -> l.key().equals("batch_var_unbiased"))) {
            double[] v = numbers(lines, "batch_var_unbiased"); // σ²_B, n, n − 1, unbiased
            assertCloseInFloat("unbiased", v[0] * v[1] / v[2], v[3], v[3]);
        }
        double[] inv = numbers(lines, "invstd"); // σ², ε, invstd
        if (inv[0] + inv[1] > 0) {
            assertCloseInFloat("invstd", 1 / Math.sqrt(inv[0] + inv[1]), inv[2], inv[2]);
        }
        double[] y = numbers(lines, "y"); // x, μ, σ², ε, γ, β, y
        double[] affine = numbers(lines, "affine_form"); // x, α, β′, y
        double scaled = y[4] * (y[0] - y[1]) / Math.sqrt(y[2] + y[3]);
        // the engine adds x·α and β′ in float: their size sets the rounding (huge for the tiny variance)
        assertCloseInFloat("y", scaled + y[5], y[6], Math.abs(affine[0] * affine[1]) + Math.abs(affine[2]));
        assertThat((double) Math.fma((float) affine[0], (float) affine[1], (float) affine[2])).isEqualTo(affine[3]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theOtherModeIsWhatASeparateLayerInThatModeOutputs(Case c) {
        StepExplanation e = Explainer.explain(c.before(), c.training(), c.x(), c.channel(), c.element());
        Tensor other = c.before().get().train(!c.training()).forward(c.x());
        float expected = other.data()[flatIndex(c.x(), c.channel(), c.element())];
        assertThat(e.otherMode().training()).isEqualTo(!c.training());
        assertThat(e.otherMode().y()).isEqualTo(expected);
        double[] v = numbers(ExplanationLines.of(e), "other_mode"); // y_other, y, difference
        assertThat(v[0]).isEqualTo(expected);
        assertThat(v[1]).isEqualTo(e.normalization().y());
        assertThat(v[2]).isEqualTo((double) expected - e.normalization().y());
    }

    @Test
    void momentumNoneIsACumulativeAverageOfKBatches() {
        List<ExplanationLine> lines = ExplanationLines.of(Explainer.explain(
                () -> configured(new BatchNorm1d(2, 1e-3, Momentum.CUMULATIVE, true, true)), true, ramp(4, 2, 3), 1, 0));
        assertThat(line(lines, "factor").formula()).isEqualTo("1/k = 1/3 = 0.3333");
        assertThat(line(lines, "factor").caption()).contains("cumulative average of 3 batches");
        assertThat(line(lines, "running_mean").formula()).startsWith("running_mean ← (1 − 0.3333)·(−0.1500) + 0.3333·");
    }

    @Test
    void aRefusedTrainStepSaysWhatPyTorchCheckedAndThatTheBatchCounted() {
        Supplier<BatchNorm> before = () -> configured(new BatchNorm1d(4));
        Tensor x = ramp(1, 4);
        StepExplanation e = Explainer.explain(before, true, x, 2, 0);
        assertThat(e.stepCase()).isEqualTo(StepCase.REFUSED);
        BatchNorm ref = before.get();
        TorchError error = org.assertj.core.api.Assertions.catchThrowableOfType(() -> ref.forward(x), TorchError.class);
        List<ExplanationLine> lines = ExplanationLines.of(e);
        assertThat(lines).extracting(ExplanationLine::key)
                .containsExactly("n", "check", "error", "why", "counted", "other_mode");
        assertThat(line(lines, "error").formula()).isEqualTo(error.toString()).isEqualTo(
                "ValueError: Expected more than 1 value per channel when training, got input size torch.Size([1, 4])");
        assertThat(line(lines, "n").formula()).isEqualTo("n = N = 1");
        assertThat(line(lines, "why").formula()).isEqualTo("σ²_B·n/(n−1) = σ²_B·1/0");
        assertThat(line(lines, "counted").formula()).isEqualTo("num_batches_tracked = " + ref.numBatchesTracked())
                .isEqualTo("num_batches_tracked = 3");
        assertThat(line(lines, "counted").caption()).contains("counted the batch anyway");
        float evalY = before.get().eval().forward(x).data()[2];
        assertThat(e.otherMode().y()).isEqualTo(evalY);
        assertThat(numbers(lines, "other_mode")).containsExactly(evalY);
    }

    @Test
    void aRankRefusalIsNotCounted() {
        StepExplanation e = Explainer.explain(() -> new BatchNorm2d(4), true, ramp(2, 4, 3), 0, 0);
        List<ExplanationLine> lines = ExplanationLines.of(e);
        assertThat(line(lines, "error").formula()).isEqualTo("ValueError: expected 4D input (got 3D input)");
        assertThat(line(lines, "counted").formula()).isEqualTo("num_batches_tracked = 0");
        assertThat(line(lines, "counted").key()).isEqualTo("counted");
        assertThat(line(lines, "counted").caption()).contains("did not count");
        assertThat(e.otherMode().refusal().message()).isEqualTo("expected 4D input (got 3D input)");
    }

    @Test
    void outOfRangeChannelsAndElementsAreRefusedWithTheRange() {
        assertThatThrownBy(() -> Explainer.explain(() -> new BatchNorm1d(4), true, ramp(2, 4), 4, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "channel 4 is out of range: the layer has 4 channels (0 to 3)");
        assertThatThrownBy(() -> Explainer.explain(() -> new BatchNorm1d(4), true, ramp(2, 4, 3), 0, 6))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(
                        "element 6 is out of range: channel 0 has 6 values in this batch (0 to 5)");
    }

    // ---- helpers ----------------------------------------------------------------------------------

    static int flatIndex(Tensor x, int channel, int element) {
        int slice = x.numel() / x.size(0) / x.size(1);
        return ((element / slice) * x.size(1) + channel) * slice + element % slice;
    }

    /** The numbers of a line, read back from their exact texts (so the texts must round-trip). */
    static double[] numbers(List<ExplanationLine> lines, String key) {
        return line(lines, key).numbers().stream().mapToDouble(n -> {
            double parsed = Double.parseDouble(n.exact().replace("inf", "Infinity").replace("nan", "NaN"));
            float asFloat = Float.parseFloat(n.exact().replace("inf", "Infinity").replace("nan", "NaN"));
            // a float's exact text reads back to the float; a double's (ε, n) to the double
            return (double) asFloat == n.value() ? asFloat : parsed;
        }).toArray();
    }

    static double value(List<ExplanationLine> lines, String key, int index) {
        double[] v = numbers(lines, key);
        assertThat(v[index]).isEqualTo(line(lines, key).numbers().get(index).value());
        return v[index];
    }

    static double first(List<ExplanationLine> lines, String key) {
        return value(lines, key, 0);
    }

    static double last(List<ExplanationLine> lines, String key) {
        return value(lines, key, line(lines, key).numbers().size() - 1);
    }

    /** Within a few float32 ulps of the shown result, or of the terms it was summed from. */
    static void assertCloseInFloat(String what, double computed, double shown, double scale) {
        double tolerance = 4 * Math.max(Math.ulp((float) Math.abs(shown)), Math.ulp((float) Math.abs(scale)));
        assertThat(Math.abs(computed - shown)).as(what + ": " + computed + " vs shown " + shown)
                .isLessThanOrEqualTo(tolerance);
    }

}
