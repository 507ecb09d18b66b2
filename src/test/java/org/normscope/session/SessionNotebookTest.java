package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;

/**
 * {@link Session#notebook()} replays {@code src/test/resources/reference/batchnorm-notebook.md}:
 * {@code BatchNorm1d(4, eps=0, momentum=0.3)} on {@code torch.ones(2, 4, 1)}.
 */
class SessionNotebookTest {

    /** PyTorch's float32 running stats after steps 1..4 (the notebook prints them to 4 digits). */
    private static final double[] TORCH_MEANS = {0.30000001192092896, 0.5099999904632568, 0.6570000052452087,
            0.7598999738693237};
    private static final double[] TORCH_VARS = {0.699999988079071, 0.4899999797344208, 0.34299999475479126,
            0.24009999632835388};

    private static final String TRAIN_OUTPUT = "tensor([[[0.],\n"
            + "         [0.],\n"
            + "         [0.],\n"
            + "         [0.]],\n"
            + "\n"
            + "        [[0.],\n"
            + "         [0.],\n"
            + "         [0.],\n"
            + "         [0.]]], grad_fn=<NativeBatchNormBackward0>)";

    private static final String EVAL_OUTPUT = "tensor([[[0.4900],\n"
            + "         [0.4900],\n"
            + "         [0.4900],\n"
            + "         [0.4900]],\n"
            + "\n"
            + "        [[0.4900],\n"
            + "         [0.4900],\n"
            + "         [0.4900],\n"
            + "         [0.4900]]], grad_fn=<NativeBatchNormBackward0>)";

    @Test
    void theNotebooksLayerAndBatches() {
        Session s = Session.notebook();
        SessionSnapshot snap = s.snapshot();

        assertThat(s.config()).isEqualTo(new LayerConfig(LayerKind.BATCH_NORM_1D, 4, 0.0, Momentum.of(0.3), true, true));
        assertThat(s.batches().shape()).containsExactly(2, 4, 1);
        assertThat(s.isTraining()).isTrue();
        assertThat(s.stepCount()).isZero();
        assertThat(s.refusal()).isNull();
        assertThat(snap.step()).isZero();
        assertThat(snap.numBatchesTracked()).isZero();
        assertThat(snap.lastFactor()).isNaN();
        assertThat(snap.lastN()).isZero();
        assertThat(snap.runningMean()).containsExactly(0f, 0f, 0f, 0f);
        assertThat(snap.runningVar()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(snap.weight()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(snap.bias()).containsExactly(0f, 0f, 0f, 0f);
        assertThat(snap.batchMean()).isNull();
        assertThat(snap.batchVar()).isNull();
        assertThat(snap.inputHistograms()).isEmpty();
        assertThat(snap.outputHistograms()).isEmpty();
        assertThat(snap.history().steps()).isZero();
        assertThat(snap.compareRunningMean()).isNull();
        assertThat(snap.compareMomentum()).isNull();
        assertThat(snap.outlierQueued()).isFalse();
        assertThat(snap.channels()).isEqualTo(4);
        assertThat(snap.trueMean()).containsExactly(1.0, 1.0, 1.0, 1.0);
        assertThat(snap.trueVar()).containsExactly(0.0, 0.0, 0.0, 0.0);

        List<ConsoleLog.Entry> console = s.console().since(0);
        assertThat(console).hasSize(1);
        assertThat(console.get(0).seq()).isEqualTo(1);
        assertThat(console.get(0).kind()).isEqualTo(ConsoleLog.Kind.NOTICE);
        assertThat(console.get(0).text()).isEqualTo(">>> layer = nn.BatchNorm1d(4, eps=0.0, momentum=0.3, affine=True,"
                + " track_running_stats=True)");
    }

    @Test
    void fourTrainStepsGiveTheNotebooksRunningStats() {
        Session s = Session.notebook();
        float f = 0.3f;
        float rm = 0f;
        float rv = 1f;
        for (int t = 1; t <= 4; t++) {
            assertThat(s.step()).as("step %d", t).isTrue();
            rm = (1 - f) * rm + f * 1f;   // the batch mean of torch.ones is 1
            rv = (1 - f) * rv + f * 0f;   // and its unbiased variance 0
            SessionSnapshot snap = s.snapshot();
            for (int c = 0; c < 4; c++) {
                assertThat(snap.runningMean()[c]).as("running_mean[%d] at step %d", c, t).isCloseTo(rm, within(1e-6f));
                assertThat(snap.runningVar()[c]).as("running_var[%d] at step %d", c, t).isCloseTo(rv, within(1e-6f));
                assertThat(snap.runningMean()[c]).isCloseTo((float) TORCH_MEANS[t - 1], within(1e-6f));
                assertThat(snap.runningVar()[c]).isCloseTo((float) TORCH_VARS[t - 1], within(1e-6f));
            }
        }
        SessionSnapshot snap = s.snapshot();
        for (int c = 0; c < 4; c++) {
            assertThat(snap.runningMean()[c]).isCloseTo(0.7599f, within(1e-6f));
            assertThat(snap.runningVar()[c]).isCloseTo(0.2401f, within(1e-6f));
        }
        assertThat(s.stepCount()).isEqualTo(4);
        assertThat(snap.step()).isEqualTo(4);
        assertThat(snap.numBatchesTracked()).isEqualTo(4);
        assertThat(snap.lastFactor()).isCloseTo(0.3, within(1e-12));
        assertThat(snap.lastN()).isEqualTo(2);
        assertThat(snap.batchMean()).containsExactly(1f, 1f, 1f, 1f);
        assertThat(snap.batchVar()).containsExactly(0f, 0f, 0f, 0f);
        assertThat(snap.refusal()).isNull();

        // every step's history row
        SessionHistory h = snap.history();
        assertThat(h.steps()).isEqualTo(4);
        assertThat(h.exactFrom()).isEqualTo(1);
        for (int i = 0; i < 4; i++) {
            for (int c = 0; c < 4; c++) {
                assertThat(h.valueAt(Stat.RUNNING_MEAN, c, (i) + 1)).isCloseTo((float) TORCH_MEANS[i], within(1e-6f));
                assertThat(h.valueAt(Stat.RUNNING_VAR, c, (i) + 1)).isCloseTo((float) TORCH_VARS[i], within(1e-6f));
                assertThat(h.valueAt(Stat.BATCH_MEAN, c, (i) + 1)).isEqualTo(1f);
                assertThat(h.valueAt(Stat.BATCH_VAR, c, (i) + 1)).isEqualTo(0f);
                assertThat(h.valueAt(Stat.TRUE_MEAN, c, (i) + 1)).isEqualTo(1f);
                assertThat(h.valueAt(Stat.TRUE_VAR, c, (i) + 1)).isEqualTo(0f);
                assertThat(h.valueAt(Stat.COMPARE_MEAN, c, (i) + 1)).isNaN();
                assertThat(h.valueAt(Stat.COMPARE_VAR, c, (i) + 1)).isNaN();
            }
        }

        // train-mode outputs are all 0 (eps = 0 and variance 0: invstd is taken as 0)
        for (ChannelHistogram out : snap.outputHistograms()) {
            assertThat(out.lo()).isZero();
            assertThat(out.hi()).isZero();
            assertThat(out.counts()).containsExactly(2);
        }
    }

    @Test
    void evalAfterFourStepsGivesPoint49AndLeavesTheRunningStats() {
        Session s = Session.notebook();
        for (int t = 0; t < 4; t++) {
            s.step();
        }
        float[] meanBefore = s.snapshot().runningMean();
        float[] varBefore = s.snapshot().runningVar();

        s.setTraining(false);
        assertThat(s.isTraining()).isFalse();
        assertThat(s.layer().isTraining()).isFalse();
        assertThat(Fixtures.lastEntry(s).text()).isEqualTo(">>> layer.eval()");

        assertThat(s.step()).isTrue();
        SessionSnapshot snap = s.snapshot();
        assertThat(snap.training()).isFalse();
        assertThat(snap.step()).isEqualTo(5);
        assertThat(snap.runningMean()).containsExactly(meanBefore);
        assertThat(snap.runningVar()).containsExactly(varBefore);
        assertThat(snap.numBatchesTracked()).isEqualTo(4);
        assertThat(snap.lastFactor()).as("eval updates no running stat").isNaN();
        assertThat(snap.lastN()).isEqualTo(2);

        // y = (1 − 0.7599)/sqrt(0.2401) = 0.49
        float expected = (1f - meanBefore[0]) / (float) Math.sqrt(varBefore[0]);
        for (ChannelHistogram out : snap.outputHistograms()) {
            assertThat(out.lo()).isCloseTo(0.49, within(1e-6));
            assertThat(out.hi()).isEqualTo(out.lo());
            assertThat(out.lo()).isCloseTo(expected, within(1e-6));
            assertThat(out.counts()).containsExactly(2);
        }

        ConsoleLog.Entry entry = Fixtures.lastEntry(s);
        assertThat(entry.kind()).isEqualTo(ConsoleLog.Kind.STEP);
        assertThat(entry.text()).contains("0.4900")
                .startsWith("step 5 · eval · x: torch.Size([2, 4, 1])\n")
                .contains("y = " + EVAL_OUTPUT)
                .contains("running_mean = tensor([0.7599, 0.7599, 0.7599, 0.7599])")
                .contains("running_var = tensor([0.2401, 0.2401, 0.2401, 0.2401])");

        // twice in eval: the same (In [14])
        assertThat(s.step()).isTrue();
        assertThat(Fixtures.lastEntry(s).text()).contains("y = " + EVAL_OUTPUT);
        assertThat(s.snapshot().runningMean()).containsExactly(meanBefore);

        // back to train: zeros again, and the stats move on (In [15])
        s.setTraining(true);
        assertThat(Fixtures.lastEntry(s).text()).isEqualTo(">>> layer.train()");
        assertThat(s.step()).isTrue();
        assertThat(Fixtures.lastEntry(s).text()).contains("y = " + TRAIN_OUTPUT).contains("· train ·");
        assertThat(s.snapshot().numBatchesTracked()).isEqualTo(5);
        assertThat(s.snapshot().runningMean()[0]).isCloseTo(0.3f + 0.7f * meanBefore[0], within(1e-6f));
    }

    @Test
    void settingTheSameModeAgainSaysNothing() {
        Session s = Session.notebook();
        long seq = s.console().lastSeq();
        long version = s.version();
        s.setTraining(true);
        assertThat(s.console().lastSeq()).isEqualTo(seq);
        assertThat(s.version()).isEqualTo(version);
    }

    @Test
    void consoleEntriesHavePyTorchsPrintFormat() {
        Session s = Session.notebook();
        for (int t = 0; t < 4; t++) {
            s.step();
        }
        List<ConsoleLog.Entry> entries = s.console().since(1);
        assertThat(entries).hasSize(4);
        String[] means = {"0.3000", "0.5100", "0.6570", "0.7599"};
        String[] vars = {"0.7000", "0.4900", "0.3430", "0.2401"};
        for (int i = 0; i < 4; i++) {
            ConsoleLog.Entry e = entries.get(i);
            assertThat(e.seq()).isEqualTo(i + 2);
            assertThat(e.kind()).isEqualTo(ConsoleLog.Kind.STEP);
            String m = means[i];
            String v = vars[i];
            assertThat(e.text()).isEqualTo("step " + (i + 1) + " · train · x: torch.Size([2, 4, 1])\n"
                    + "y = " + TRAIN_OUTPUT + "\n"
                    + "running_mean = tensor([" + m + ", " + m + ", " + m + ", " + m + "])\n"
                    + "running_var = tensor([" + v + ", " + v + ", " + v + ", " + v + "])");
        }
        assertThat(entries.get(3).text())
                .contains("tensor([0.7599, 0.7599, 0.7599, 0.7599])")
                .contains("grad_fn=<NativeBatchNormBackward0>");
    }

    /** The printouts above are the notebook's own (PyTorch then named the node NativeBatchNormBackward). */
    @Test
    void theExpectedPrintoutsAreTheReferenceNotebooks() throws IOException {
        String notebook;
        try (InputStream in = getClass().getResourceAsStream("/reference/batchnorm-notebook.md")) {
            assertThat(in).isNotNull();
            notebook = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String old = "grad_fn=<NativeBatchNormBackward>";
        assertThat(notebook).contains(TRAIN_OUTPUT.replace("grad_fn=<NativeBatchNormBackward0>", old));
        assertThat(notebook).contains(EVAL_OUTPUT.replace("grad_fn=<NativeBatchNormBackward0>", old));
        for (String printed : new String[] {"tensor([0.3000, 0.3000, 0.3000, 0.3000])",
                "tensor([0.7000, 0.7000, 0.7000, 0.7000])", "tensor([0.5100, 0.5100, 0.5100, 0.5100])",
                "tensor([0.4900, 0.4900, 0.4900, 0.4900])", "tensor([0.6570, 0.6570, 0.6570, 0.6570])",
                "tensor([0.3430, 0.3430, 0.3430, 0.3430])", "tensor([0.7599, 0.7599, 0.7599, 0.7599])",
                "tensor([0.2401, 0.2401, 0.2401, 0.2401])"}) {
            assertThat(notebook).contains(printed);
        }
    }
}
