package org.normscope.python;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionJournal;

/** The session as the PyTorch code a teacher would type into a notebook. */
class SessionCodeTest {

    private static final String PRINTS = """
            print(y)
            print(layer.running_mean)
            print(layer.running_var)
            """;

    private static BatchSpec spec(int n, int[] spatial, List<ChannelSource> sources, double drift, boolean fresh) {
        return new BatchSpec(n, spatial, sources, drift, 42, fresh);
    }

    @Test
    void theNotebookSessionIsTheNotebooksCode() {
        Session s = Session.notebook();
        for (int i = 0; i < 4; i++) {
            s.step();
        }
        s.setTraining(false);
        s.step();
        assertThat(SessionCode.of(s.journal())).isEqualTo("""
                import torch
                from torch import nn

                layer = nn.BatchNorm1d(4, eps=0.0, momentum=0.3)
                x = torch.ones(2, 4, 1)
                for _ in range(4):
                    y = layer(x)
                print(y)
                print(layer.running_mean)
                print(layer.running_var)
                layer.eval()
                y = layer(x)
                """ + PRINTS);
        assertValidLooking(SessionCode.of(s.journal()));
    }

    @Test
    void changesAreTheStatementsThatMakeThemAndFreshBatchesAreDrawnInTheLoop() {
        LayerConfig config = new LayerConfig(LayerKind.BATCH_NORM_2D, 2, 1e-5, Momentum.DEFAULT, true, true);
        Session s = new Session(config, spec(8, new int[] {3, 3}, List.of(new ChannelSource.Normal(1, 2),
                new ChannelSource.Normal(1, 2)), 0, true), null);
        for (int i = 0; i < 100; i++) {
            s.stepQuietly();
        }
        s.configure(s.config().withEps(1e-3).withMomentum(Momentum.CUMULATIVE));
        s.setWeight(1, 2f);
        s.setBias(0, 0.1f);
        s.queueOutlier();
        s.step();
        s.resetRunningStats();
        s.setTraining(false);
        s.step();
        s.setTraining(true);
        s.setBatches(spec(1, new int[] {1, 1}, List.of(new ChannelSource.Normal(1, 2),
                new ChannelSource.Normal(1, 2)), 0, true));
        s.step();
        assertThat(SessionCode.of(s.journal())).isEqualTo("""
                import torch
                from torch import nn

                torch.manual_seed(42)
                layer = nn.BatchNorm2d(2)
                for _ in range(100):
                    x = torch.randn(8, 2, 3, 3) * 2.0 + 1.0
                    y = layer(x)
                """ + PRINTS + """
                layer.eps = 0.001
                layer.momentum = None
                with torch.no_grad():
                    layer.weight[1] = 2.0
                    layer.bias[0] = 0.1
                x = torch.randn(8, 2, 3, 3) * 2.0 + 1.0
                y = layer(x + 20.0)  # an outlier batch: every value + 10 standard deviations (at least 10)
                """ + PRINTS + """
                layer.reset_running_stats()
                layer.eval()
                x = torch.randn(8, 2, 3, 3) * 2.0 + 1.0
                y = layer(x)
                """ + PRINTS + """
                layer.train()
                x = torch.randn(1, 2, 1, 1) * 2.0 + 1.0
                try:
                    y = layer(x)
                except ValueError as e:  # PyTorch refuses this batch: Expected more than 1 value per channel when training, got input size torch.Size([1, 2, 1, 1])
                    print("ValueError:", e)
                """);
        assertValidLooking(SessionCode.of(s.journal()));
    }

    @Test
    void aDriftIsAddedPerStepToTheBatchDrawnOnceOrFreshInTheLoop() {
        LayerConfig config = new LayerConfig(LayerKind.BATCH_NORM_1D, 3, 1e-5, Momentum.of(0.2), false, true);
        Session s = new Session(config, spec(4, new int[0], List.of(new ChannelSource.Uniform(-1, 1),
                new ChannelSource.Uniform(0, 1), new ChannelSource.Uniform(2, 6)), 0.5, false), null);
        for (int i = 0; i < 3; i++) {
            s.step();
        }
        s.setBatches(spec(4, new int[0], List.of(new ChannelSource.Constant(3), new ChannelSource.Constant(3),
                new ChannelSource.Constant(3)), -0.25, true));
        s.step();
        s.step();
        s.setBatches(spec(4, new int[0], List.of(new ChannelSource.Normal(0, 1), new ChannelSource.Normal(0, 1),
                new ChannelSource.Normal(0, 1)), 0.125, true));
        s.step();
        s.step();
        assertThat(SessionCode.of(s.journal())).isEqualTo("""
                import torch
                from torch import nn

                torch.manual_seed(42)
                layer = nn.BatchNorm1d(3, momentum=0.2, affine=False)
                x0 = torch.rand(4, 3) * torch.tensor([2.0, 1.0, 4.0]).view(1, 3) + torch.tensor([-1.0, 0.0, 2.0]).view(1, 3)
                for step in range(1, 4):
                    x = x0 + 0.5 * (step - 1)
                    y = layer(x)
                """ + PRINTS + """
                x0 = torch.full((4, 3), 3.0)
                for step in range(4, 6):
                    x = x0 - 0.25 * (step - 1)
                    y = layer(x)
                """ + PRINTS + """
                for step in range(6, 8):
                    x = torch.randn(4, 3) + 0.125 * (step - 1)
                    y = layer(x)
                """ + PRINTS);
    }

    @Test
    void everySourceKindIsItsTorchExpression() {
        int[] l = {5};
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Constant(1)), 0, true), "x", ""))
                .containsExactly("x = torch.ones(2, 1, 5)");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Constant(0)), 0, true), "x", ""))
                .containsExactly("x = torch.zeros(2, 1, 5)");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Constant(-2.5)), 0, true), "x", ""))
                .containsExactly("x = torch.full((2, 1, 5), -2.5)");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Normal(0, 1)), 0, true), "x", ""))
                .containsExactly("x = torch.randn(2, 1, 5)");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Normal(-1, 0.5)), 0, true), "x", ""))
                .containsExactly("x = torch.randn(2, 1, 5) * 0.5 - 1.0");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Uniform(-3, 5)), 0, true), "x", ""))
                .containsExactly("x = torch.rand(2, 1, 5) * 8.0 - 3.0");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Constant(1),
                new ChannelSource.Constant(2)), 0, true), "x", ""))
                .containsExactly("x = torch.ones(2, 2, 5) * torch.tensor([1.0, 2.0]).view(1, 2, 1)");
        assertThat(TorchExpressions.draw(spec(2, new int[] {2, 3, 4}, List.of(new ChannelSource.Normal(0, 1),
                new ChannelSource.Normal(1, 3)), 0, true), "x", ""))
                .containsExactly("x = torch.randn(2, 2, 2, 3, 4) * torch.tensor([1.0, 3.0]).view(1, 2, 1, 1, 1)"
                        + " + torch.tensor([0.0, 1.0]).view(1, 2, 1, 1, 1)");
        assertThat(TorchExpressions.draw(spec(2, l, List.of(new ChannelSource.Uniform(-3, 5),
                new ChannelSource.Constant(2), new ChannelSource.Normal(1, 0.5)), 0, true), "x", " + 0.1 * 3"))
                .containsExactly("x = torch.empty(2, 3, 5)", "x[:, 0] = torch.rand(2, 5) * 8.0 - 3.0", "x[:, 1] = 2.0",
                        "x[:, 2] = torch.randn(2, 5) * 0.5 + 1.0", "x = x + 0.1 * 3");
        assertThat(TorchExpressions.outlierShift(spec(2, l, List.of(new ChannelSource.Normal(0, 0.5),
                new ChannelSource.Normal(0, 3)), 0, true))).isEqualTo("torch.tensor([10.0, 30.0]).view(1, 2, 1)");
    }

    @Test
    void aJournalThatDroppedEntriesSaysSoAtTheTop() {
        Session s = Session.notebook();
        s.step();
        List<SessionJournal.Entry> entries = s.journal().entries();
        String code = SessionCode.of(entries, 12);
        assertThat(code).startsWith("# NormScope kept only this session's newest actions: 12 older ones are left out,\n"
                + "# so the numbers below are not the session's.\nimport torch\n");
    }

    /** Balanced brackets on every line, indentation in fours that deepens only after a colon. */
    static void assertValidLooking(String code) {
        Map<Character, Character> pairs = Map.of(')', '(', ']', '[', '}', '{');
        int indent = 0;
        boolean opened = false;
        for (String line : code.split("\n")) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            Deque<Character> open = new ArrayDeque<>();
            String code0 = line.contains("  #") ? line.substring(0, line.indexOf("  #")) : line;
            for (char c : code0.toCharArray()) {
                if ("([{".indexOf(c) >= 0) {
                    open.push(c);
                } else if (pairs.containsKey(c)) {
                    assertThat(open).as(line).isNotEmpty();
                    assertThat(open.pop()).as(line).isEqualTo(pairs.get(c));
                }
            }
            assertThat(open).as(line).isEmpty();
            int spaces = line.length() - line.stripLeading().length();
            assertThat(spaces % 4).as(line).isZero();
            assertThat(spaces).as(line).isLessThanOrEqualTo(opened ? indent + 4 : indent);
            if (opened) {
                assertThat(spaces).as("a block after a colon: " + line).isEqualTo(indent + 4);
            }
            indent = spaces;
            opened = code0.stripTrailing().endsWith(":");
        }
        assertThat(opened).isFalse();
    }
}
