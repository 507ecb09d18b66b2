package org.normscope.ui.view;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.ui.viewmodel.InputViewModel;
import org.normscope.ui.viewmodel.SourceKind;
import org.normscope.ui.viewmodel.UiText;

/** The input batches: shape, per-channel source, drift, seed, same or fresh batches, outlier. */
final class InputPane extends VBox {

    private final InputViewModel model;
    private final ComboBox<Integer> channel = new ComboBox<>();

    InputPane(InputViewModel model, ValidationSupport validation) {
        this.model = model;
        getStyleClass().add("settings");

        TextField n = Fields.field(model.batchSize(), validation, 4, "batch-size", "batch_size");
        HBox shape = new HBox(10, Fields.labeled("N", n, null));
        for (int i = 0; i < 3; i++) {
            TextField d = Fields.field(model.dim(i), validation, 3);
            d.setId("dim-" + i);
            d.setTooltip(Explanations.tooltip("dim"));
            int index = i;
            model.dimNameProperty(i).addListener((o, a, name) -> d.setTooltip(Explanations.tooltip(
                    index == 0 && model.dimCountProperty().get() == 1 ? "dim_1d" : "dim")));
            Label name = new Label();
            name.textProperty().bind(model.dimNameProperty(i));
            VBox box = new VBox(2, name, d);
            box.setPadding(new javafx.geometry.Insets(2, 0, 2, 0)); // as Fields.labeled, so N and L line up
            box.visibleProperty().bind(model.dimCountProperty().greaterThan(i));
            box.managedProperty().bind(box.visibleProperty());
            shape.getChildren().add(box);
        }
        Label shapeText = new Label();
        shapeText.getStyleClass().add("hint");
        shapeText.textProperty().bind(model.shapeTextProperty());
        VBox errors = new VBox(Fields.error(model.batchSize()), Fields.error(model.dim(0)), Fields.error(model.dim(1)),
                Fields.error(model.dim(2)));

        channel.setId("source-channel");
        channel.setButtonCell(new ChannelCell());
        channel.setCellFactory(l -> new ChannelCell());
        channel.valueProperty().addListener((o, a, c) -> {
            if (c != null) {
                model.channelProperty().set(c);
            }
        });
        model.channelProperty().addListener((o, a, c) -> channel.setValue(c.intValue()));
        Explanations.explain(channel, "channel");
        ComboBox<SourceKind> kind = new ComboBox<>();
        kind.setId("source-kind");
        kind.getItems().setAll(SourceKind.values());
        kind.valueProperty().bindBidirectional(model.sourceKindProperty());
        kind.setButtonCell(new KindCell());
        kind.setCellFactory(l -> new KindCell());
        Explanations.explain(kind, "source");
        TextField first = Fields.field(model.first(), validation, 5, "source-first", "first");
        TextField second = Fields.field(model.second(), validation, 5, "source-second", "second");
        Label firstName = new Label();
        firstName.textProperty().bind(model.firstNameProperty());
        Label secondName = new Label();
        secondName.textProperty().bind(model.secondNameProperty());
        VBox secondBox = new VBox(2, secondName, second);
        secondBox.visibleProperty().bind(model.secondNameProperty().isNotEmpty());
        secondBox.managedProperty().bind(secondBox.visibleProperty());
        HBox sourceRow = new HBox(10, new VBox(2, new Label(UiText.get("input.source")), kind), new VBox(2, firstName, first), secondBox);

        TextField drift = Fields.field(model.drift(), validation, 5, "drift", "drift");
        TextField seed = Fields.field(model.seed(), validation, 6, "seed", "seed");
        HBox driftRow = new HBox(10, Fields.labeled(UiText.get("input.drift"), drift, null),
                Fields.labeled(UiText.get("input.seed"), seed, null));

        ToggleGroup group = new ToggleGroup();
        RadioButton same = new RadioButton(UiText.get("input.same"));
        same.setId("same-batch");
        RadioButton fresh = new RadioButton(UiText.get("input.fresh"));
        fresh.setId("fresh-batch");
        same.setToggleGroup(group);
        fresh.setToggleGroup(group);
        Explanations.explain(same, "fresh");
        Explanations.explain(fresh, "fresh");
        fresh.setSelected(model.freshEachStepProperty().get());
        same.setSelected(!model.freshEachStepProperty().get());
        model.freshEachStepProperty().addListener((o, a, on) -> (on ? fresh : same).setSelected(true));
        fresh.selectedProperty().addListener((o, a, on) -> model.freshEachStepProperty().set(on));

        Button outlier = new Button(UiText.get("input.outlier"));
        outlier.setId("outlier");
        outlier.setOnAction(e -> model.outlierBatch());
        Explanations.explain(outlier, "outlier");
        HBox batchRow = new HBox(12, new VBox(3, same, fresh), outlier);
        batchRow.setAlignment(Pos.CENTER_LEFT);

        getChildren().addAll(Fields.section(UiText.get("input.section")), shape, errors, shapeText,
                Fields.labeled(UiText.get("input.channel"), channel, null), sourceRow, Fields.error(model.first()),
                Fields.error(model.second()), driftRow, Fields.error(model.drift()), Fields.error(model.seed()), batchRow);
    }

    /** Follows the layer's channel count {@code c} in the channel chooser. */
    void showChannels(int c) {
        if (channel.getItems().size() != c + 1) {
            Integer chosen = model.channelProperty().get();
            channel.getItems().clear();
            channel.getItems().add(InputViewModel.ALL_CHANNELS);
            for (int i = 0; i < c; i++) {
                channel.getItems().add(i);
            }
            channel.setValue(chosen < c ? chosen : InputViewModel.ALL_CHANNELS);
        }
    }

    private static final class ChannelCell extends ListCell<Integer> {
        @Override
        protected void updateItem(Integer c, boolean empty) {
            super.updateItem(c, empty);
            setText(empty || c == null ? null : c == InputViewModel.ALL_CHANNELS ? UiText.get("input.all.channels")
                    : UiText.get("input.channel.n", Integer.toString(c)));
        }
    }

    /** A source kind by its name in the current language. */
    private static final class KindCell extends ListCell<SourceKind> {
        @Override
        protected void updateItem(SourceKind k, boolean empty) {
            super.updateItem(k, empty);
            setText(empty || k == null ? null : UiText.get("source.kind." + k.name().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
