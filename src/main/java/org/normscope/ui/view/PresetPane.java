package org.normscope.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.normscope.preset.Preset;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.UiLocale;
import org.normscope.ui.viewmodel.UiText;

/** The settings' first section: the preset chooser, its description, and Start again. */
final class PresetPane extends VBox {

    PresetPane(MainViewModel model) {
        super(4);
        ComboBox<Preset> presets = new ComboBox<>(model.presets());
        presets.setVisibleRowCount(20); // every built-in preset (ten and more) and a few of the user's without scrolling
        presets.setId("preset");
        presets.valueProperty().bindBidirectional(model.presetProperty());
        PresetCell shownCell = new PresetCell();
        // a long name goes on on a second line rather than "Many channels: BatchNorm2d(24) a...": the
        // box takes the height of the name wrapped at its width (the skin sizes it for one line)
        shownCell.setWrapText(true);
        presets.setButtonCell(shownCell);
        Runnable fitName = () -> {
            javafx.scene.Node arrow = presets.lookup(".arrow-button");
            double arrowW = arrow == null ? 30 : arrow.getLayoutBounds().getWidth();
            double inner = presets.getWidth() - arrowW - presets.snappedLeftInset() - presets.snappedRightInset();
            if (inner > 0) {
                presets.setMinHeight(Math.ceil(shownCell.prefHeight(inner)) + presets.snappedTopInset()
                        + presets.snappedBottomInset());
            }
        };
        presets.widthProperty().addListener((o, a, w) -> fitName.run());
        shownCell.textProperty().addListener((o, a, v) -> javafx.application.Platform.runLater(fitName));
        presets.skinProperty().addListener((o, a, v) -> javafx.application.Platform.runLater(fitName));
        presets.setCellFactory(l -> new PresetCell());
        presets.setMaxWidth(Double.MAX_VALUE);
        Explanations.explain(presets, "preset");
        Label description = new Label();
        description.getStyleClass().add("hint");
        description.setWrapText(true);
        description.setId("preset-description");
        description.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.presetProperty().get() == null ? "" : model.presetProperty().get().description(UiLocale.current()),
                model.presetProperty()));
        Button reload = new Button(UiText.get("preset.reload"));
        reload.setId("preset-reload");
        reload.setFocusTraversable(false);
        reload.setMinWidth(Region.USE_PREF_SIZE);
        reload.setOnAction(e -> {
            if (model.presetProperty().get() != null) {
                model.load(model.presetProperty().get());
            }
        });
        // the chooser has the column's whole width, so that a preset's name is whole; Start again
        // sits beside the heading
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox heading = new HBox(8, Fields.section(UiText.get("preset.section")), spring, reload);
        heading.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(heading, presets, description);
        getStyleClass().add("settings");
    }

    private static final class PresetCell extends javafx.scene.control.ListCell<Preset> {
        @Override
        protected void updateItem(Preset p, boolean empty) {
            super.updateItem(p, empty);
            setText(empty || p == null ? null : p.name(UiLocale.current()));
            setTooltip(empty || p == null ? null : new javafx.scene.control.Tooltip(p.description(UiLocale.current())));
        }
    }
}
