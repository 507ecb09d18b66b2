package org.normscope.ui.view;

import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.Speed;
import org.normscope.ui.viewmodel.UiText;

/**
 * The main window's toolbar: Settings, Train/Eval, the step count, Step, ×10, ×100, Play and its
 * speed, the two resets and Predict. Its buttons never take the focus, so that Space steps.
 */
final class MainToolbar {

    private MainToolbar() {
    }

    /** The toolbar, wrapping onto a second row when it is wider than {@code width}. */
    static Node create(MainViewModel model, ReadOnlyDoubleProperty width) {
        ToggleGroup modes = new ToggleGroup();
        ToggleButton train = new ToggleButton(UiText.get("toolbar.train"));
        train.setId("train");
        train.getStyleClass().add("train");
        ToggleButton eval = new ToggleButton(UiText.get("toolbar.eval"));
        eval.setId("eval");
        eval.getStyleClass().add("eval");
        train.setToggleGroup(modes);
        eval.setToggleGroup(modes);
        Explanations.explain(train, "mode");
        Explanations.explain(eval, "mode");
        train.setSelected(model.layer().trainingProperty().get());
        eval.setSelected(!model.layer().trainingProperty().get());
        model.layer().trainingProperty().addListener((o, a, on) -> (on ? train : eval).setSelected(true));
        modes.selectedToggleProperty().addListener((o, a, t) -> {
            if (t == null) {
                a.setSelected(true); // one of the two is always on
            } else {
                model.layer().trainingProperty().set(t == train);
            }
        });
        HBox modeSwitch = new HBox(0, train, eval);
        modeSwitch.getStyleClass().add("mode-switch");

        Button step = button("step", UiText.get("toolbar.step"), "step", e -> model.step());
        Button step10 = button("step10", "\u00d710", "step10", e -> model.step(10));
        Button step100 = button("step100", "\u00d7100", "step100", e -> model.step(100));
        Button play = button("play", UiText.get("toolbar.play"), "play", e -> model.playback().togglePlay());
        play.textProperty().bind(javafx.beans.binding.Bindings.when(model.playingProperty()).then(UiText.get("toolbar.pause"))
                .otherwise(UiText.get("toolbar.play")));
        play.setMinWidth(Region.USE_PREF_SIZE);
        ComboBox<Speed> speed = new ComboBox<>();
        speed.setId("speed");
        speed.getItems().setAll(Speed.CHOICES);
        speed.valueProperty().bindBidirectional(model.speedProperty());
        Explanations.explain(speed, "speed");
        Button resetStats = button("reset-stats", UiText.get("toolbar.reset.stats"), "reset_stats", e -> model.layer().resetRunningStats());
        Button resetLayer = button("reset-layer", UiText.get("toolbar.reset.layer"), "reset_layer", e -> model.layer().resetLayer());

        Label stepCount = new Label();
        stepCount.setId("step-count");
        stepCount.getStyleClass().add("step-count");
        stepCount.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> UiText.get("toolbar.step.count", Long.toString(model.stepCountProperty().get())),
                model.stepCountProperty()));

        ToggleButton predict = new ToggleButton(UiText.get("predict.toggle"));
        predict.setId("predict");
        predict.setFocusTraversable(false);
        predict.setTooltip(new javafx.scene.control.Tooltip(UiText.get("predict.toggle.tip")));
        predict.selectedProperty().bindBidirectional(model.predict().onProperty());

        ToggleButton settings = new ToggleButton(UiText.get("toolbar.settings"));
        settings.setId("show-settings");
        settings.setTooltip(new javafx.scene.control.Tooltip(UiText.get("toolbar.settings.tip")));
        settings.selectedProperty().bindBidirectional(model.layout().settingsShownProperty());
        speed.setMinWidth(Region.USE_PREF_SIZE);
        // a flow, not a row: on a narrow window or with large text the buttons go on on a second row
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(settings, modeSwitch, stepCount, step,
                step10, step100, play, speed, resetStats, resetLayer, predict);
        bar.getStyleClass().add("toolbar-box");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.prefWrapLengthProperty().bind(width);
        for (Node n : bar.getChildren()) {
            if (n instanceof Region r && !(n instanceof ComboBox)) {
                r.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        return bar;
    }

    private static Button button(String id, String text, String explanation,
                                 javafx.event.EventHandler<javafx.event.ActionEvent> action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(action);
        b.setFocusTraversable(false); // Space must step, not press the last clicked button
        Explanations.explain(b, explanation);
        return b;
    }
}
