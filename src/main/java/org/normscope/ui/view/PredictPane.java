package org.normscope.ui.view;

import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.normscope.ui.viewmodel.PredictViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The Predict box under the toolbar, shown while Predict is on: the question, the channel, the
 * guess field (Enter adds; a bad guess gets a one-line message beside it), the guesses so far,
 * and the last reveal with every guess beside the truth. Thin: everything is the view model's.
 */
final class PredictPane extends VBox {

    PredictPane(PredictViewModel model) {
        super(4);
        setId("predict-box");
        getStyleClass().addAll("settings", "predict-box");

        Label question = new Label();
        question.setId("predict-question");
        question.getStyleClass().add("section-title");
        question.textProperty().bind(model.questionProperty());
        question.setMinWidth(Region.USE_PREF_SIZE);

        ComboBox<Integer> channel = new ComboBox<>(model.channels());
        channel.setId("predict-channel");
        channel.setValue(model.channelProperty().get());
        channel.valueProperty().addListener((o, a, c) -> {
            if (c != null) {
                model.channelProperty().set(c);
            }
        });
        model.channelProperty().addListener((o, a, c) -> channel.setValue(c.intValue()));
        channel.setFocusTraversable(false);

        CheckBox variance = new CheckBox(UiText.get("predict.variance"));
        variance.setId("predict-variance");
        variance.setMnemonicParsing(false); // "running_var": an underscore is not a mnemonic here
        variance.selectedProperty().bindBidirectional(model.askVarianceProperty());
        variance.visibleProperty().bind(model.targetProperty().isNotEqualTo(PredictViewModel.Target.OUTPUT));
        variance.managedProperty().bind(variance.visibleProperty());
        variance.setFocusTraversable(false);

        TextField guess = new TextField();
        guess.setId("predict-guess");
        guess.setPromptText(UiText.get("predict.guess.prompt"));
        guess.setPrefColumnCount(12);
        guess.textProperty().bindBidirectional(model.guessTextProperty());
        guess.setOnAction(e -> model.addGuesses());

        Label error = new Label();
        error.setId("predict-error");
        error.getStyleClass().add("predict-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(model.errorProperty());

        Button clear = new Button(UiText.get("predict.clear"));
        clear.setId("predict-clear");
        clear.setFocusTraversable(false);
        clear.setOnAction(e -> model.clearGuesses());

        // a flow: on a narrow window or with large text the question keeps its words and the field goes below
        javafx.scene.layout.FlowPane ask = new javafx.scene.layout.FlowPane(8, 4, question,
                new Label(UiText.get("predict.channel")), channel, variance, guess, clear, error);
        ask.setAlignment(Pos.CENTER_LEFT);
        ask.prefWrapLengthProperty().bind(widthProperty());

        Label guesses = new Label();
        guesses.setId("predict-guesses");
        // only once there are guesses: before, the field's prompt says what to do, and the charts keep the row
        guesses.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(model.guesses()));
        guesses.managedProperty().bind(guesses.visibleProperty());
        guesses.getStyleClass().add("hint");
        guesses.textProperty().bind(Bindings.createStringBinding(() -> model.guesses().isEmpty()
                ? UiText.get("predict.guesses.none")
                : UiText.get("predict.guesses", model.guesses().stream().map(PredictViewModel.Guess::text)
                        .collect(Collectors.joining("  "))), model.guesses()));

        Label reveal = new Label();
        reveal.setId("predict-reveal");
        reveal.getStyleClass().add("section-title");
        reveal.textProperty().bind(model.revealProperty());
        Label verdicts = new Label();
        verdicts.setId("predict-verdicts");
        verdicts.setWrapText(true);
        verdicts.textProperty().bind(Bindings.createStringBinding(() -> model.verdicts().stream()
                .map(PredictViewModel.Verdict::text).collect(Collectors.joining("   \u00b7   ")), model.verdicts()));
        // the reveal goes on in the same flow, after the field, where there is room: a short window keeps
        // its height for the charts
        reveal.visibleProperty().bind(model.revealProperty().isNotEmpty());
        reveal.managedProperty().bind(reveal.visibleProperty());
        reveal.setMinWidth(Region.USE_PREF_SIZE);
        verdicts.visibleProperty().bind(Bindings.isNotEmpty(model.verdicts()));
        verdicts.managedProperty().bind(verdicts.visibleProperty());
        ask.getChildren().addAll(reveal, verdicts);

        getChildren().addAll(ask, guesses);
        visibleProperty().bind(model.onProperty());
        managedProperty().bind(visibleProperty());
    }
}
