package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;

/** The session's words in the console and the banner (see {@link ConsoleNotes}), in English. */
class ConsoleNotesTest {

    @BeforeEach
    void english() {
        SessionText.setLocale(Locale.ENGLISH);
    }

    @Test
    void aChangeReadsAsThePythonThatMakesIt() {
        assertThat(ConsoleNotes.mode(true)).isEqualTo(">>> layer.train()");
        assertThat(ConsoleNotes.mode(false)).isEqualTo(">>> layer.eval()");
        assertThat(ConsoleNotes.eps(1e-5)).isEqualTo(">>> layer.eps = 1e-05");
        assertThat(ConsoleNotes.momentum(Momentum.CUMULATIVE)).isEqualTo(">>> layer.momentum = None");
        assertThat(ConsoleNotes.parameter("weight", 2, 0.5f)).isEqualTo(">>> layer.weight.data[2] = 0.5");
        assertThat(ConsoleNotes.appliesNext(List.of(ConsoleNotes.eps(0), ConsoleNotes.momentum(Momentum.of(0.3)))))
                .isEqualTo(">>> layer.eps = 0.0\n>>> layer.momentum = 0.3\n(applies from the next step, as in PyTorch)");
        assertThat(ConsoleNotes.statsReset().console()).startsWith(">>> layer.reset_running_stats()\n");
    }

    @Test
    void quietStepsAreCountedAsOneOrARange() {
        assertThat(ConsoleNotes.quiet(3, 3)).isEqualTo("step 3 ran without printing (playing fast)");
        assertThat(ConsoleNotes.quiet(3, 7)).isEqualTo("steps 3\u20137 ran without printing (playing fast)");
    }

    @Test
    void anEditForALayerThatChangedSaysWhyAndOneThatFitsSaysNothing() {
        assertThat(ConsoleNotes.staleEdit("weight", new float[4], 3)).isNull();
        assertThat(ConsoleNotes.staleEdit("weight", null, 0))
                .isEqualTo("The edit of weight[0] was dropped: the layer has no weight now (affine=False).");
        assertThat(ConsoleNotes.staleEdit("bias", new float[2], 5))
                .isEqualTo("The edit of bias[5] was dropped: the layer has 2 channels now.");
        assertThat(ConsoleNotes.staleEdit("bias", new float[2], -1)).isNotNull();
    }

    @Test
    void aLoadedPresetSaysItsModeAndComparisonInTheConsoleAndItsLayerInTheBanner() {
        NormLayer layer = LayerConfig.notebook().build(new int[] {1});
        ConsoleNotes.Note plain = ConsoleNotes.loaded(layer, true, null);
        assertThat(plain.console()).isEqualTo(ConsoleNotes.built(layer)).isEqualTo(">>> layer = nn." + layer);
        assertThat(plain.banner()).isEqualTo("New layer " + layer + ".");
        ConsoleNotes.Note eval = ConsoleNotes.loaded(layer, false, Momentum.of(0.1));
        assertThat(eval.console()).isEqualTo(">>> layer = nn." + layer
                + "\n>>> layer.eval()\nComparison layer: the same with momentum=0.1");
        assertThat(eval.banner()).isEqualTo("New layer " + layer + ", in eval mode.");
    }

    @Test
    void aComparisonIsSaidAlikeInTheConsoleAndTheBanner() {
        ConsoleNotes.Note none = ConsoleNotes.compare(null);
        assertThat(none.console()).isEqualTo(none.banner()).isEqualTo("No comparison layer.");
        ConsoleNotes.Note set = ConsoleNotes.compare(Momentum.CUMULATIVE);
        assertThat(set.console()).isEqualTo(set.banner()).contains("momentum=None");
    }

    @Test
    void anUndoneRestartSaysInTheConsoleWhereTheSessionIsBack() {
        NormLayer layer = LayerConfig.notebook().build(new int[] {1});
        String text = ConsoleNotes.putBack("undone", UndoableChange.of("reset.layer"));
        assertThat(text).startsWith("Undone: ");
        ConsoleNotes.Note back = ConsoleNotes.backAt(text, layer, 12);
        assertThat(back.banner()).isEqualTo(text);
        assertThat(back.console()).isEqualTo(text + "\nThe layer is back as it was: nn." + layer
                + " at step 12, with its running stats and curves.");
    }
}
