package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.normscope.session.Stat;

/** Edit → Undo and Redo as the window drives them, with no screen: the menu's texts and what comes back. */
class UndoViewModelTest {

    @Test
    void uncheckingAffineAfter302StepsThenUndoGivesBackThe302StepsAndTheMenuSaysWhatItUndoes() {
        try (Vm w = new Vm()) {
            assertThat(w.vm.edits().canUndoProperty().get()).as("the window opens with nothing to undo").isFalse();
            assertThat(w.vm.edits().undoTextProperty().get()).isEqualTo("Undo (Ctrl Z)");
            assertThat(w.vm.edits().redoTextProperty().get()).isEqualTo("Redo (Ctrl Shift Z)");
            w.vm.load(Vm.preset("noisy-small-batches"));
            w.vm.step(302);
            w.settle();
            assertThat(w.steps()).isEqualTo(302);
            float[] runningMean = w.snap().runningMean();
            float[] weight = w.snap().weight();
            float meanAt150 = w.snap().history().valueAt(Stat.RUNNING_MEAN, 1, 150);
            assertThat(w.vm.edits().undoTextProperty().get()).isEqualTo("Undo load of preset (Ctrl Z)");

            w.vm.layer().affineProperty().set(false);
            w.settle();
            assertThat(w.steps()).as("a new layer").isZero();
            assertThat(w.snap().weight()).isNull();
            assertThat(w.vm.edits().canUndoProperty().get()).isTrue();
            assertThat(w.vm.edits().undoTextProperty().get()).isEqualTo("Undo affine change (Ctrl Z)");
            assertThat(w.vm.edits().canRedoProperty().get()).isFalse();

            w.vm.edits().undo();
            w.settle();
            assertThat(w.steps()).isEqualTo(302);
            assertThat(w.snap().history().steps()).isEqualTo(302);
            assertThat(w.snap().runningMean()).isEqualTo(runningMean);
            assertThat(w.snap().weight()).isEqualTo(weight);
            assertThat(w.snap().history().valueAt(Stat.RUNNING_MEAN, 1, 150)).isEqualTo(meanAt150);
            assertThat(w.vm.layer().affineProperty().get()).as("the check box follows").isTrue();
            assertThat(w.vm.layer().parameters()).hasSize(weight.length);
            assertThat(w.vm.bannerProperty().get()).isEqualTo("Undone: affine change");
            assertThat(w.last(ConsoleViewModel.Kind.NOTICE)).startsWith("Undone: affine change\n");
            assertThat(w.vm.edits().undoTextProperty().get()).isEqualTo("Undo load of preset (Ctrl Z)");
            assertThat(w.vm.edits().canRedoProperty().get()).isTrue();
            assertThat(w.vm.edits().redoTextProperty().get()).isEqualTo("Redo affine change (Ctrl Shift Z)");

            w.vm.edits().redo();
            w.settle();
            assertThat(w.steps()).isZero();
            assertThat(w.vm.layer().affineProperty().get()).isFalse();
            assertThat(w.vm.bannerProperty().get()).isEqualTo("Redone: affine change");
            assertThat(w.vm.edits().canRedoProperty().get()).isFalse();
            assertThat(w.vm.edits().redoTextProperty().get()).isEqualTo("Redo (Ctrl Shift Z)");
        }
    }

    @Test
    void anEpsTypedThenUndoneShowsTheOldEpsInItsFieldAndTheStepsStay() {
        try (Vm w = new Vm()) {
            w.vm.step(5);
            w.settle();
            assertThat(Vm.type(w.vm.layer().eps(), "0.25")).isTrue();
            w.vm.step(3);
            w.settle();
            assertThat(w.snap().layer().eps()).isEqualTo(0.25);

            w.vm.edits().undo();
            w.settle();

            assertThat(w.snap().layer().eps()).isZero();
            assertThat(w.vm.layer().eps().textProperty().get()).isEqualTo("0.0");
            assertThat(w.steps()).isEqualTo(8);
            assertThat(w.last(ConsoleViewModel.Kind.NOTICE)).startsWith(">>> layer.eps = 0.0");
            assertThat(w.vm.edits().redoTextProperty().get()).isEqualTo("Redo eps change (Ctrl Shift Z)");
        }
    }

    @Test
    void undoPausesPlaying() {
        try (Vm w = Vm.manual()) {
            w.vm.layer().trainingProperty().set(false);
            w.vm.play();
            w.pullUntil(10, "a few steps played", () -> w.steps() > 3);
            w.vm.edits().undo();
            w.settle();
            assertThat(w.vm.playingProperty().get()).isFalse();
            assertThat(w.snap().training()).isTrue();
            long steps = w.steps();
            w.pass(600); // at 5 steps/s, three more steps would be due by now
            assertThat(w.steps()).as("no step after the undo").isEqualTo(steps);
        }
    }

    @Test
    void ctrlZWithNothingToUndoLetsPlayGoOn() {
        try (Vm w = Vm.manual()) {
            w.vm.play();
            w.pullUntil(10, "a few steps played", () -> w.steps() > 3);
            w.vm.edits().undo();
            w.vm.edits().redo();
            long steps = w.steps();
            w.pullUntil(10, "more steps played", () -> w.steps() > steps + 3);
            assertThat(w.vm.playingProperty().get()).isTrue();
            w.vm.pause();
        }
    }

    @Test
    void theMenuTextsFollowTheLanguage() {
        try (Vm w = new Vm()) {
            w.vm.layer().affineProperty().set(false);
            w.settle();
            try {
                w.vm.setLanguage(UiLocale.CHINESE);
                assertThat(w.vm.edits().undoTextProperty().get()).isEqualTo("\u64a4\u9500\u201caffine \u4fee\u6539\u201d\uff08Ctrl Z\uff09");
                assertThat(w.vm.edits().redoTextProperty().get()).isEqualTo("\u91cd\u505a\uff08Ctrl Shift Z\uff09");
            } finally {
                w.vm.setLanguage(UiLocale.ENGLISH);
            }
            assertThat(w.vm.edits().undoTextProperty().get()).isEqualTo("Undo affine change (Ctrl Z)");
        }
    }
}
