package org.normscope.ui.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.normscope.ui.viewmodel.LessonViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The lesson panel above the settings on the left: the stage's title, paragraph, question, what to
 * press, the answer when asked for, and Previous / Next (Shift+N / N). Hidden until a lesson is
 * opened from the Lessons menu, and by its Hide button. Thin: everything is the view model's.
 */
final class LessonPane extends ScrollPane {

    LessonPane(LessonViewModel model) {
        setId("lesson-panel");
        setFitToWidth(true);
        setHbarPolicy(ScrollBarPolicy.NEVER);
        setPrefHeight(460);
        setMinHeight(160);

        Label lesson = wrapped("lesson-title", "hint");
        lesson.textProperty().bind(model.lessonTitleProperty());
        Label position = wrapped("lesson-position", "hint");
        position.textProperty().bind(model.positionProperty());
        Label title = wrapped("lesson-stage-title", "section-title");
        title.textProperty().bind(model.titleProperty());
        Label text = wrapped("lesson-text", null);
        text.textProperty().bind(model.textProperty());
        Label question = wrapped("lesson-question", "section-title");
        question.textProperty().bind(model.questionProperty().map(q -> UiText.get("lesson.question", q)));
        Label press = wrapped("lesson-press", "hint");
        press.textProperty().bind(model.pressProperty().map(p -> UiText.get("lesson.press", p)));
        Label answer = wrapped("lesson-answer", null);
        answer.textProperty().bind(model.answerProperty());
        answer.visibleProperty().bind(model.answerShownProperty());
        answer.managedProperty().bind(answer.visibleProperty());

        Button showAnswer = button("lesson-show-answer", UiText.get("lesson.answer"), e -> model.showAnswer());
        showAnswer.visibleProperty().bind(model.hasAnswerProperty().and(model.answerShownProperty().not()));
        showAnswer.managedProperty().bind(showAnswer.visibleProperty());
        Button again = button("lesson-again", UiText.get("lesson.again"), e -> model.restartStage());
        Button previous = button("lesson-previous", UiText.get("lesson.previous"), e -> model.previous());
        previous.setTooltip(new Tooltip(UiText.get("lesson.previous.tip")));
        previous.disableProperty().bind(model.hasPreviousProperty().not());
        Button next = button("lesson-next", UiText.get("lesson.next"), e -> model.next());
        next.setTooltip(new Tooltip(UiText.get("lesson.next.tip")));
        next.disableProperty().bind(model.hasNextProperty().not());
        Button hide = button("lesson-hide", UiText.get("lesson.hide"), e -> model.hide());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox nav = new HBox(6, previous, next, spring, hide);
        nav.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, lesson, position, title, text, question, press, showAnswer, answer, again, nav);
        box.getStyleClass().add("settings");
        box.setPadding(new Insets(8));
        setContent(box);
        visibleProperty().bind(model.shownProperty());
        managedProperty().bind(visibleProperty());
    }

    private static Label wrapped(String id, String style) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(Double.MAX_VALUE);
        if (style != null) {
            l.getStyleClass().add(style);
        }
        return l;
    }

    private static Button button(String id, String text, javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(action);
        b.setFocusTraversable(false); // Space must step, not press the last clicked button
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }
}
