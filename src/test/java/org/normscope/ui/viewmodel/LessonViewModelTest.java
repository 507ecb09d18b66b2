package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.normscope.lesson.Lesson;
import org.normscope.lesson.LessonLibrary;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.SessionSnapshot;

/** The lesson panel's view model: Next and Previous, each stage loading its preset and running its steps. */
class LessonViewModelTest {

    private Vm m;
    private LessonViewModel lesson;

    @BeforeEach
    void open() {
        m = new Vm();
        lesson = m.vm.lesson();
        m.settle();
    }

    @AfterEach
    void close() {
        m.close();
    }

    @Test
    void nextAndPreviousWalkTheStagesAndShowTheirTexts() {
        assertThat(lesson.lessons()).extracting(Lesson::id).contains("notebook");
        assertThat(lesson.shownProperty().get()).isFalse();
        lesson.open(LessonLibrary.find("notebook"));
        assertThat(lesson.shownProperty().get()).isTrue();
        assertThat(lesson.lessonTitleProperty().get()).isEqualTo("The notebook: BatchNorm1d on ones");
        assertThat(lesson.positionProperty().get()).isEqualTo("Stage 1 of 7");
        assertThat(lesson.titleProperty().get()).isEqualTo("eps and the formula");
        assertThat(lesson.hasPreviousProperty().get()).isFalse();
        assertThat(lesson.hasNextProperty().get()).isTrue();
        lesson.previous(); // nothing before the first
        assertThat(lesson.indexProperty().get()).isZero();

        lesson.next();
        assertThat(lesson.positionProperty().get()).isEqualTo("Stage 2 of 7");
        assertThat(lesson.titleProperty().get()).isEqualTo("momentum and the running stats");
        assertThat(lesson.questionProperty().get()).startsWith("What is running_mean after the first step?");
        assertThat(lesson.pressProperty().get()).startsWith("Predict is on: each new value stays hidden (?)");
        assertThat(lesson.answerShownProperty().get()).isFalse();
        assertThat(lesson.hasAnswerProperty().get()).isTrue();
        lesson.showAnswer();
        assertThat(lesson.answerShownProperty().get()).isTrue();
        assertThat(lesson.answerProperty().get()).startsWith("0.3, 0.51, 0.657, 0.7599");

        lesson.next();
        assertThat(lesson.answerShownProperty().get()).isFalse(); // a new stage hides the answer again
        lesson.previous();
        assertThat(lesson.indexProperty().get()).isEqualTo(1);
        for (int i = 0; i < 10; i++) {
            lesson.next();
        }
        assertThat(lesson.indexProperty().get()).isEqualTo(6);
        assertThat(lesson.hasNextProperty().get()).isFalse();
        assertThat(lesson.titleProperty().get()).isEqualTo("track_running_stats=False");

        lesson.hide();
        assertThat(lesson.shownProperty().get()).isFalse();
        lesson.show();
        assertThat(lesson.shownProperty().get()).isTrue();
        assertThat(lesson.indexProperty().get()).isEqualTo(6);
    }

    @Test
    void aStageLoadsItsPresetAfreshAndRunsItsSteps() {
        lesson.open(LessonLibrary.find("notebook"));
        m.vm.step(3); // the class played with the first stage
        m.settle();
        lesson.next();
        m.settle();
        SessionSnapshot s = m.snap();
        assertThat(s.step()).isZero(); // the stage starts again on its preset
        assertThat(m.vm.presetProperty().get()).isSameAs(PresetLibrary.find("notebook"));

        lesson.next();
        lesson.next(); // "Eval uses the running stats": four train steps, then eval
        m.settle();
        s = m.snap();
        assertThat(s.step()).isEqualTo(4);
        assertThat(s.training()).isFalse();
        Vm.assertAll(s.runningMean(), 0.7599f, 1e-4);
        Vm.assertAll(s.runningVar(), 0.2401f, 1e-4);
        assertThat(m.vm.layer().trainingProperty().get()).isFalse();

        lesson.next(); // momentum=None
        m.settle();
        s = m.snap();
        assertThat(m.vm.presetProperty().get()).isSameAs(PresetLibrary.find("notebook-momentum-none"));
        assertThat(s.layer().momentum().isCumulative()).isTrue();
        assertThat(s.training()).isTrue(); // the preset's own mode again
        assertThat(s.step()).isZero();

        lesson.previous(); // back to eval: the same four steps again
        m.settle();
        assertThat(m.snap().step()).isEqualTo(4);
        assertThat(m.snap().training()).isFalse();
        lesson.restartStage();
        m.settle();
        assertThat(m.snap().step()).isEqualTo(4);

        for (int i = 0; i < 3; i++) {
            lesson.next();
        }
        m.settle();
        s = m.snap();
        assertThat(s.layer().trackRunningStats()).isFalse();
        assertThat(s.training()).isFalse();
        assertThat(s.runningMean()).isNull();
    }

    @Test
    void theStageLoaderGetsThePresetAndTheRuns() {
        List<String> opened = new ArrayList<>();
        LessonViewModel l = new LessonViewModel(LessonLibrary.builtIn(), PresetLibrary::find,
                (Preset p, Lesson.Stage stage) -> opened.add(p.name() + " " + stage.run()));
        l.open(LessonLibrary.find("notebook"));
        l.next();
        l.next();
        l.next();
        assertThat(opened).hasSize(4);
        assertThat(opened.get(3)).isEqualTo("Notebook: BatchNorm1d on ones [Run[training=true, steps=4, weight=null, "
                + "bias=null], Run[training=false, steps=0, weight=null, bias=null]]");
    }

    @Test
    void aStagesStepsRevealNothingEvenWithPredictOn() {
        m.vm.predict().onProperty().set(true);
        lesson.open(LessonLibrary.find("notebook"));
        for (int i = 0; i < 3; i++) {
            lesson.next();
        }
        m.settle();
        assertThat(m.snap().step()).isEqualTo(4);
        assertThat(m.vm.predict().revealProperty().get()).isEmpty();
        assertThat(m.vm.predict().targetProperty().get()).isEqualTo(PredictViewModel.Target.OUTPUT);
    }

    @Test
    void chineseTextsAndALanguageSwitchRereadsThemWithoutReopeningTheStage() {
        List<String> opened = new ArrayList<>();
        LessonViewModel l = new LessonViewModel(LessonLibrary.builtIn(), PresetLibrary::find,
                (Preset p, Lesson.Stage stage) -> opened.add(p.name()));
        try {
            UiLocale.set(UiLocale.CHINESE);
            l.open(LessonLibrary.find("notebook"));
            assertThat(l.lessonTitleProperty().get()).isEqualTo("笔记本：全 1 输入上的 BatchNorm1d");
            assertThat(l.positionProperty().get()).isEqualTo("第 1 阶段，共 7 个");
            assertThat(l.titleProperty().get()).isEqualTo("eps 与公式");
            assertThat(l.textProperty().get()).startsWith("BatchNorm 用本批次的均值和方差");
            l.next();
            assertThat(l.titleProperty().get()).isEqualTo("动量与 running 统计量");
            assertThat(l.questionProperty().get()).isEqualTo("第一步之后 running_mean 是多少？第二、第三、第四步之后呢？");
            assertThat(l.pressProperty().get()).startsWith("Predict 已打开");
            assertThat(l.answerProperty().get()).startsWith("0.3、0.51、0.657、0.7599");
            l.showAnswer();

            UiLocale.set(UiLocale.ENGLISH);
            l.relabel();
            assertThat(l.lessonTitleProperty().get()).isEqualTo("The notebook: BatchNorm1d on ones");
            assertThat(l.positionProperty().get()).isEqualTo("Stage 2 of 7");
            assertThat(l.titleProperty().get()).isEqualTo("momentum and the running stats");
            assertThat(l.answerProperty().get()).startsWith("0.3, 0.51, 0.657, 0.7599");
            assertThat(l.answerShownProperty().get()).isTrue(); // the stage is where it was
            assertThat(l.indexProperty().get()).isEqualTo(1);
            assertThat(opened).hasSize(2); // re-reading loads no preset again
        } finally {
            UiLocale.set(UiLocale.ENGLISH);
        }
    }

    @Test
    void theMainViewModelsLanguageSwitchRereadsTheLesson() {
        lesson.open(LessonLibrary.find("notebook"));
        m.settle();
        m.vm.step(2);
        m.settle();
        try {
            m.vm.setLanguage(UiLocale.CHINESE);
            assertThat(lesson.titleProperty().get()).isEqualTo("eps 与公式");
            m.settle();
            assertThat(m.snap().step()).isEqualTo(2); // the session was not reset
        } finally {
            m.vm.setLanguage(UiLocale.ENGLISH);
        }
        assertThat(lesson.titleProperty().get()).isEqualTo("eps and the formula");
    }
}
