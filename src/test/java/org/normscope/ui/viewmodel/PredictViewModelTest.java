package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Predict, then reveal, with no screen: guesses validated and kept, each step revealing the session's value. */
class PredictViewModelTest {

    private Vm m;
    private PredictViewModel p;

    @BeforeEach
    void open() {
        m = new Vm();
        p = m.vm.predict();
        m.settle();
    }

    @AfterEach
    void close() {
        m.close();
    }

    private void guess(String text) {
        p.guessTextProperty().set(text);
        p.addGuesses();
    }

    @Test
    void guessesAreValidatedAndKept() {
        p.onProperty().set(true);
        guess("0.3");
        guess("0.25 .5;1e-1");
        assertThat(p.guesses()).extracting(PredictViewModel.Guess::text).containsExactly("0.3", "0.25", ".5", "1e-1");
        assertThat(p.guesses()).extracting(PredictViewModel.Guess::value).containsExactly(0.3, 0.25, 0.5, 0.1);
        assertThat(p.errorProperty().get()).isEmpty();
        assertThat(p.guessTextProperty().get()).isEmpty();

        p.guessTextProperty().set("0.4 abc");
        assertThat(p.addGuesses()).isFalse();
        assertThat(p.guesses()).hasSize(5); // 0.4 kept
        assertThat(p.guessTextProperty().get()).isEqualTo("abc"); // the bad one stays in the field
        assertThat(p.errorProperty().get()).isEqualTo("\u201cabc\u201d is not a number: type e.g. 0.3, .51 or 1e-3")
                .doesNotContain("\n");
        for (String bad : new String[] {"NaN", "Infinity", "0x1p3", "1f", "--1"}) {
            p.guessTextProperty().set(bad);
            assertThat(p.addGuesses()).as(bad).isFalse();
        }
        p.guessTextProperty().set("0,51");
        assertThat(p.addGuesses()).isFalse();
        assertThat(p.errorProperty().get()).contains("use a point for decimals, 0.51");
        p.guessTextProperty().set("  ");
        assertThat(p.addGuesses()).isFalse();
        assertThat(p.guesses()).hasSize(5);

        p.removeGuess(4);
        assertThat(p.guesses()).extracting(PredictViewModel.Guess::text).containsExactly("0.3", "0.25", ".5", "1e-1");
        p.clearGuesses();
        assertThat(p.guesses()).isEmpty();
    }

    @Test
    void eachStepRevealsTheSessionsRunningMeanBesideEveryGuess() {
        p.onProperty().set(true);
        assertThat(p.targetProperty().get()).isEqualTo(PredictViewModel.Target.RUNNING_MEAN);
        assertThat(p.questionProperty().get()).isEqualTo("running_mean of channel 0 after step 1?");
        guess("0.3 0.25 1");
        m.vm.step();
        m.settle();
        assertThat(p.revealProperty().get()).isEqualTo("After step 1: running_mean of channel 0 = 0.3");
        assertThat(p.verdicts()).extracting(PredictViewModel.Verdict::text)
                .containsExactly("0.3: right", "0.25: off by 0.05 (too low)", "1: off by 0.7 (too high)");
        assertThat(p.verdicts()).allSatisfy(v -> assertThat(v.truth()).isEqualTo("0.3"));
        assertThat(p.guesses()).isEmpty(); // revealed: ready for the next step
        assertThat(p.revealedStepProperty().get()).isEqualTo(1);
        // the truth is the snapshot's own value
        assertThat(p.verdicts().get(0).truth()).isEqualTo(org.normscope.print.NumberText.operand(m.snap().runningMean()[0]));
        assertThat(p.questionProperty().get()).isEqualTo("running_mean of channel 0 after step 2?");

        guess("0.5");
        m.vm.step();
        m.settle();
        assertThat(p.revealProperty().get()).isEqualTo("After step 2: running_mean of channel 0 = 0.51");
        assertThat(p.verdicts()).extracting(PredictViewModel.Verdict::text).containsExactly("0.5: off by 0.01 (too low)");
    }

    @Test
    void runningVarCanBeAskedForAndTheChannelChosen() {
        p.onProperty().set(true);
        p.askVarianceProperty().set(true);
        p.channelProperty().set(2);
        assertThat(p.questionProperty().get()).isEqualTo("running_var of channel 2 after step 1?");
        guess("0.7");
        m.vm.step();
        m.settle();
        assertThat(p.revealProperty().get()).isEqualTo("After step 1: running_var of channel 2 = 0.7");
        assertThat(p.verdicts()).extracting(PredictViewModel.Verdict::text).containsExactly("0.7: right");
        assertThat(p.revealedChannelProperty().get()).isEqualTo(2);
        // the Explain pane follows the revealed channel
        assertThat(m.vm.explain().channelProperty().get()).isEqualTo(2);
    }

    @Test
    void inEvalTheOutputOfElementZeroIsAskedOfTheSession() {
        m.vm.step(4);
        m.settle();
        m.vm.layer().eval();
        m.settle();
        p.onProperty().set(true);
        assertThat(p.targetProperty().get()).isEqualTo(PredictViewModel.Target.OUTPUT);
        assertThat(p.questionProperty().get()).isEqualTo("The output y of element 0 of channel 0 after step 5 (eval)?");
        guess("0 0.49");
        m.vm.step();
        m.settle();
        m.pullUntil(10, "the output's reveal", () -> !p.revealProperty().get().isEmpty());
        assertThat(p.revealProperty().get()).isEqualTo("After step 5: y of element 0 of channel 0 = 0.49");
        assertThat(p.verdicts()).extracting(PredictViewModel.Verdict::text)
                .containsExactly("0: off by 0.49 (too low)", "0.49: right");
    }

    @Test
    void withoutPredictOrWithoutAStepNothingIsRevealed() {
        guess("0.3");
        m.vm.step();
        m.settle();
        assertThat(p.revealProperty().get()).isEmpty();
        assertThat(p.guesses()).hasSize(1);

        p.onProperty().set(true);
        m.vm.step(); // armed
        m.vm.load(Vm.preset("notebook")); // a new layer before the reveal: the question no longer stands
        m.settle();
        m.vm.pull();
        assertThat(p.revealProperty().get()).isEmpty();
        assertThat(p.questionProperty().get()).isEqualTo("running_mean of channel 0 after step 1?");
    }

    @Test
    void aRefusedStepRevealsNothing() {
        m.vm.input().batchSize().textProperty().set("1");
        m.vm.input().batchSize().commit();
        m.settle();
        p.onProperty().set(true);
        guess("0.3");
        m.vm.step();
        m.settle();
        assertThat(p.revealProperty().get()).isEqualTo("The step was refused (see the banner): nothing to reveal.");
        assertThat(p.guesses()).hasSize(1);
    }

    @Test
    void qTogglesPredict() {
        m.vm.predict().toggle();
        assertThat(p.onProperty().get()).isTrue();
        m.vm.predict().toggle();
        assertThat(p.onProperty().get()).isFalse();
    }
}
