package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.normscope.session.Session;

/** The Explain and code panes' rules, without a screen and without the session's thread. */
class ExplainViewModelTest {

    /** Answers queries when told to, on the test's thread, against the notebook's session. */
    static final class ManualAsker implements ExplainViewModel.Asker {
        final Session session = Session.notebook();
        final List<Runnable> queued = new ArrayList<>();
        int asked;

        @Override
        public <T> CompletableFuture<T> call(Function<Session, T> query) {
            asked++;
            CompletableFuture<T> f = new CompletableFuture<>();
            queued.add(() -> {
                if (f.isCancelled()) {
                    return; // as the runner would still run it: but nobody reads the answer
                }
                try {
                    f.complete(query.apply(session));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            return f;
        }

        void answerAll() {
            List<Runnable> now = new ArrayList<>(queued);
            queued.clear();
            now.forEach(Runnable::run);
        }
    }

    private final List<String> questions = new ArrayList<>();
    private final ManualAsker asker = new ManualAsker();
    private final ExplainViewModel model = new ExplainViewModel(asker, (s, step, channel, element) -> {
        questions.add(step + "/" + channel + "/" + (element.index() >= 0 ? element.index()
                : (element.output() ? "y in " : "x in ") + element.lo() + ".." + element.hi()));
        return new ExplainViewModel.Explained("Step " + step + " · channel " + channel,
                List.of(new FormulaLine("n", "values per channel", "n = 2", "n = 2", "2")), "");
    });

    @Test
    void nothingIsAskedWhileThePaneIsHidden() {
        model.show(asker.session.snapshot());
        model.setCursor(3);
        assertThat(asker.asked).isZero();
        model.setShown(true);
        assertThat(asker.asked).isEqualTo(1);
    }

    @Test
    void theAnswerReachesTheLinesOnlyInPull() {
        model.setShown(true);
        model.show(asker.session.snapshot());
        asker.answerAll();
        assertThat(model.lines()).isEmpty();
        model.pull();
        assertThat(model.lines()).extracting(FormulaLine::plain).containsExactly("n = 2");
        assertThat(model.headingProperty().get()).isEqualTo("Step 0 · channel 0");
    }

    @Test
    void theCursorsStepIsExplainedElseTheNewestAndTheSameQuestionIsNotAskedTwice() {
        model.setShown(true);
        model.show(asker.session.snapshot());
        asker.answerAll();
        model.pull();
        model.setCursor(4);
        model.setCursor(4);
        asker.answerAll();
        model.pull();
        model.show(asker.session.snapshot()); // same version: nothing new to ask
        asker.answerAll();
        model.pull();
        assertThat(questions).containsExactly("0/0/0", "4/0/0");
    }

    @Test
    void choosingAChannelAsksForItsFirstElementAndPointingElsewhereChoosesIt() {
        asker.session.step();
        model.setShown(true);
        model.show(asker.session.snapshot());
        model.setElement(1);
        asker.answerAll();
        model.pull();
        model.pointAt(2);
        asker.answerAll();
        model.pull();
        model.pointAt(9); // there are 4 channels: ignored
        assertThat(model.channelProperty().get()).isEqualTo(2);
        assertThat(questions).containsExactly("0/0/1", "0/2/0");
        assertThat(model.channels()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void aStepUnderTheCursorIsNotAskedAgainAsTheSessionPlaysOnButAgainForANewLayer() {
        asker.session.step();
        model.setShown(true);
        model.setCursor(1);
        model.show(asker.session.snapshot());
        asker.answerAll();
        model.pull();
        asker.session.step();
        model.show(asker.session.snapshot()); // step 1 is still step 1
        asker.answerAll();
        model.pull();
        asker.session.resetLayer();
        asker.session.step();
        model.show(asker.session.snapshot()); // a new layer: its step 1 is another step
        asker.answerAll();
        model.pull();
        assertThat(questions).containsExactly("1/0/0", "1/0/0");
    }

    @Test
    void aClickedBarChoosesItsChannelAndItsRangeOfValues() {
        model.setShown(true);
        model.show(asker.session.snapshot());
        asker.answerAll();
        model.pull();
        model.pickBar(3, true, 0.5, 0.75);
        asker.answerAll();
        model.pull();
        model.pickBar(7, false, 0, 1); // no channel 7
        assertThat(model.channelProperty().get()).isEqualTo(3);
        assertThat(questions).containsExactly("0/0/0", "0/3/y in 0.5..0.75");
    }

    @Test
    void aClickedBarsValueIsFollowedByItsPositionInTheBatchAtTheNextSteps() {
        ExplainViewModel following = new ExplainViewModel(asker, (s, step, channel, element) -> {
            questions.add(step + "/" + channel + "/" + element.index());
            return new ExplainViewModel.Explained("", List.of(), "", element.index() >= 0 ? element.index() : 5);
        });
        following.setShown(true);
        following.show(asker.session.snapshot());
        asker.answerAll();
        following.pull();
        following.pickBar(1, false, 0.9, 1.1);
        asker.answerAll();
        following.pull(); // the answer followed element 5
        asker.session.step();
        following.show(asker.session.snapshot());
        asker.answerAll();
        following.pull();
        assertThat(questions).containsExactly("0/0/0", "0/1/-1", "0/1/5");
    }

    @Test
    void aFailedQuestionShowsItsMessageAndTheAppGoesOn() {
        ExplainViewModel failing = new ExplainViewModel(asker, (s, step, c, e) -> {
            throw new IllegalStateException("no such step");
        });
        failing.setShown(true);
        failing.show(asker.session.snapshot());
        asker.answerAll();
        failing.pull();
        assertThat(failing.messageProperty().get()).contains("no such step");
        assertThat(failing.lines()).isEmpty();
    }

    @Test
    void theCodeIsWrittenWhenTheSessionChangedAndShownInPull() {
        List<Long> written = new ArrayList<>();
        CodeViewModel code = new CodeViewModel(asker, s -> {
            written.add(s.stepCount());
            return "steps = " + s.stepCount();
        });
        code.show(asker.session.snapshot());
        assertThat(asker.asked).isZero(); // hidden
        code.setShown(true);
        asker.answerAll();
        code.pull();
        assertThat(code.codeProperty().get()).isEqualTo("steps = 0");
        asker.session.step();
        code.show(asker.session.snapshot());
        code.show(asker.session.snapshot()); // one question at a time
        asker.answerAll();
        code.pull();
        assertThat(code.codeProperty().get()).isEqualTo("steps = 1");
        assertThat(written).containsExactly(0L, 1L);
    }
}
