package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.lesson.Lesson;
import org.normscope.preset.Preset;

/**
 * The lesson panel's state: a lesson open on one of its stages, Next and Previous. Opening a
 * stage loads its preset and runs what the stage says ({@link Lesson.Stage#run()}) through the
 * session's thread, as the window's own buttons would; the stage's answer stays hidden until
 * asked for. The texts are in the {@linkplain UiLocale current language} ({@link #relabel()} after a switch).
 */
public final class LessonViewModel {

    /** Loads a preset and runs a stage's steps (the main view model does it on the session's thread). */
    @FunctionalInterface
    public interface StageLoader {
        void open(Preset preset, Lesson.Stage stage);
    }

    private final ObservableList<Lesson> lessons;
    private final Function<String, Preset> presets;
    private final StageLoader loader;
    private final ReadOnlyObjectWrapper<Lesson> lesson = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyBooleanWrapper shown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper answerShown = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper lessonTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper position = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper press = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper answer = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper hasAnswer = new ReadOnlyBooleanWrapper(false);
    /** The step the current stage's own runs reach when it opens: the remote's steps count from there. */
    private long stageBase;

    /**
     * @param presets finds a preset by the id a stage names
     */
    public LessonViewModel(List<Lesson> lessons, Function<String, Preset> presets, StageLoader loader) {
        this.lessons = FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(lessons));
        this.presets = Objects.requireNonNull(presets);
        this.loader = Objects.requireNonNull(loader);
    }

    /** Opens {@code l} on its first stage and shows the panel. */
    public void open(Lesson l) {
        lesson.set(Objects.requireNonNull(l));
        shown.set(true);
        go(0);
    }

    /** Reads the open lesson's texts again in the current language (View → Language); the stage stays as it is. */
    public void relabel() {
        if (lesson.get() != null) {
            showTexts();
        }
    }

    /** {@code t} in the current language: the Chinese translation, or the English if there is none. */
    static String inLanguage(Lesson.Text t) {
        return UiLocale.chinese() && !t.zhCn().isEmpty() ? t.zhCn() : t.en();
    }

    /** The next stage (N), if there is one. */
    public void next() {
        if (hasNext.get()) {
            go(index.get() + 1);
        }
    }

    /** The previous stage (Shift+N), if there is one. */
    public void previous() {
        if (hasPrevious.get()) {
            go(index.get() - 1);
        }
    }

    /**
     * The presentation remote's "next" (Page Down) in a lesson, the session being at step
     * {@code stepCount}: true if it should step (the stage wants more steps, or it is the last
     * stage); otherwise it has moved on to the next stage. Without an open lesson: true.
     */
    public boolean remoteNext(long stepCount) {
        Lesson.Stage s = stage();
        if (s == null || !shown.get() || stepCount < stageBase + s.remoteSteps() || !hasNext.get()) {
            return true;
        }
        next();
        return false;
    }

    /**
     * The remote's "previous" (Page Up) in a lesson: at the start of a stage (no step taken since it
     * opened) it goes back to the previous stage and gives true; otherwise false (the caller moves
     * the cursor back a step, as without a lesson).
     */
    public boolean remotePrevious(long stepCount) {
        if (stage() == null || !shown.get() || stepCount > stageBase || !hasPrevious.get()) {
            return false;
        }
        previous();
        return true;
    }

    /** Opens the current stage again: its preset and its steps. */
    public void restartStage() {
        if (lesson.get() != null) {
            go(index.get());
        }
    }

    /** Shows the stage's answer (its reveal text). */
    public void showAnswer() {
        answerShown.set(hasAnswer.get());
    }

    /** Hides the panel; the lesson stays where it was. */
    public void hide() {
        shown.set(false);
    }

    /** Shows the panel again (on the stage it was on), if a lesson is open. */
    public void show() {
        shown.set(lesson.get() != null);
    }

    private void go(int i) {
        Lesson l = lesson.get();
        Lesson.Stage s = l.stages().get(i);
        index.set(i);
        int n = l.stages().size();
        hasNext.set(i + 1 < n);
        hasPrevious.set(i > 0);
        hasAnswer.set(!s.reveal().isEmpty());
        answerShown.set(false);
        showTexts();
        stageBase = s.run().stream().mapToLong(Lesson.Run::steps).sum(); // the preset's load starts from step 0
        loader.open(presets.apply(s.preset()), s);
    }

    private void showTexts() {
        Lesson l = lesson.get();
        int i = index.get();
        Lesson.Stage s = l.stages().get(i);
        lessonTitle.set(inLanguage(l.title()));
        position.set(UiText.get("lesson.position", i + 1, l.stages().size()));
        title.set(inLanguage(s.title()));
        text.set(inLanguage(s.text()));
        question.set(inLanguage(s.question()));
        press.set(inLanguage(s.press()));
        answer.set(inLanguage(s.reveal()));
    }

    // ---- state -----------------------------------------------------------------------------

    /** The lessons there are (the Lessons menu). */
    public ObservableList<Lesson> lessons() {
        return lessons;
    }

    /** The lesson open, or null. */
    public ReadOnlyObjectProperty<Lesson> lessonProperty() {
        return lesson.getReadOnlyProperty();
    }

    /** The stage shown, from 0; −1 before a lesson is opened. */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** The current stage, or null. */
    public Lesson.Stage stage() {
        return lesson.get() == null ? null : lesson.get().stages().get(index.get());
    }

    public ReadOnlyBooleanProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasNextProperty() {
        return hasNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasPreviousProperty() {
        return hasPrevious.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lessonTitleProperty() {
        return lessonTitle.getReadOnlyProperty();
    }

    /** "Stage 2 of 7". */
    public ReadOnlyStringProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The stage's paragraph. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** The question to ask the class. */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** What to press. */
    public ReadOnlyStringProperty pressProperty() {
        return press.getReadOnlyProperty();
    }

    /** The answer (the stage's reveal text); shown only once {@link #answerShownProperty()} is true. */
    public ReadOnlyStringProperty answerProperty() {
        return answer.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty hasAnswerProperty() {
        return hasAnswer.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty answerShownProperty() {
        return answerShown.getReadOnlyProperty();
    }
}
