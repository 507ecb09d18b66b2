package org.normscope.ui.view;

import javafx.collections.ListChangeListener;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.controlsfx.validation.ValidationSupport;
import org.normscope.scenario.LayerKind;
import org.normscope.ui.viewmodel.LayerViewModel;
import org.normscope.ui.viewmodel.ParameterRow;
import org.normscope.ui.viewmodel.UiText;

/** The layer's settings: kind, C, eps, momentum, affine with its weight and bias, track_running_stats. */
final class LayerPane extends VBox {

    private final LayerViewModel model;
    private final GridPane parameterGrid = new GridPane();
    private final Label parameterTitle = new Label(UiText.get("layer.parameters.title"));
    private ValidationSupport parameterValidation = new ValidationSupport();

    LayerPane(LayerViewModel model, ValidationSupport validation) {
        this.model = model;
        getStyleClass().add("settings");

        ComboBox<LayerKind> kind = new ComboBox<>();
        kind.getItems().setAll(LayerKind.values());
        kind.valueProperty().bindBidirectional(model.kindProperty());
        kind.setId("kind");
        Explanations.explain(kind, "kind");

        TextField c = Fields.field(model.numFeatures(), validation, 4, "num-features", "num_features");
        TextField eps = Fields.field(model.eps(), validation, 8, "eps", "eps");
        kind.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.VBox countBox = Fields.labeled(UiText.get("layer.num.features"), c, null);
        if (!countBox.getChildren().isEmpty() && countBox.getChildren().get(0) instanceof Label countLabel) {
            countLabel.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                    () -> model.countNameProperty().get(), model.countNameProperty()));
        }
        HBox kindRow = new HBox(12, Fields.labeled(UiText.get("layer.kind"), kind, null), countBox);

        ComboBox<Integer> groups = new ComboBox<>(model.groupChoices());
        groups.valueProperty().bindBidirectional(model.numGroupsProperty());
        groups.setId("num-groups");
        Explanations.explain(groups, "num_groups");
        ComboBox<Integer> normalized = new ComboBox<>(model.normalizedDimsChoices());
        normalized.valueProperty().bindBidirectional(model.normalizedDimsProperty());
        normalized.setId("normalized-shape");
        normalized.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(Integer d) {
                return d == null ? "" : model.normalizedShapeText(d);
            }

            @Override
            public Integer fromString(String text) {
                return null; // chosen, never typed
            }
        });
        Explanations.explain(normalized, "normalized_shape");
        javafx.scene.layout.VBox groupsBox = Fields.labeled("num_groups", groups, null);
        javafx.scene.layout.VBox normalizedBox = Fields.labeled("normalized_shape", normalized, null);
        showWhen(groupsBox, model.hasGroupsProperty());
        showWhen(normalizedBox, model.hasNormalizedShapeProperty());
        HBox familyRow = new HBox(12, groupsBox, normalizedBox);
        showWhen(familyRow, model.hasGroupsProperty().or(model.hasNormalizedShapeProperty()));
        HBox epsRow = new HBox(12, Fields.labeled("eps", eps, null));
        HBox momentumRow = new HBox(12);

        TextField momentum = Fields.field(model.momentum(), validation, 6, "momentum", "momentum");
        momentum.disableProperty().bind(model.momentumNoneProperty());
        CheckBox none = new CheckBox(UiText.get("layer.momentum.none"));
        none.setId("momentum-none");
        none.selectedProperty().bindBidirectional(model.momentumNoneProperty());
        Explanations.explain(none, "momentum_none");
        none.setMnemonicParsing(false);
        momentumRow.getChildren().add(Fields.labeled("momentum", momentum, null));
        momentumRow.getChildren().add(new javafx.scene.layout.VBox(2, new javafx.scene.control.Label(" "), none));
        none.setWrapText(true);

        TextField compare = Fields.field(model.compare(), validation, 6, "compare-momentum", "compare");
        compare.setPromptText(UiText.get("layer.compare.off"));
        CheckBox affine = new CheckBox(UiText.get("layer.affine"));
        affine.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> UiText.get("layer.affine").replaceFirst("^affine", model.affineNameProperty().get()),
                model.affineNameProperty()));
        affine.setId("affine");
        affine.selectedProperty().bindBidirectional(model.affineProperty());
        Explanations.explain(affine, "affine");
        CheckBox track = new CheckBox("track_running_stats");
        track.setId("track");
        track.setMnemonicParsing(false);
        affine.setMnemonicParsing(false);
        track.selectedProperty().bindBidirectional(model.trackRunningStatsProperty());
        Explanations.explain(track, "track");

        parameterTitle.getStyleClass().add("learnable");
        parameterTitle.setWrapText(true);
        parameterGrid.setHgap(8);
        parameterGrid.setVgap(3);
        model.parameters().addListener((ListChangeListener<ParameterRow>) ch -> rebuildParameters());
        model.hasNormalizedShapeProperty().addListener((o, a, b) -> rebuildParameters()); // the rows count another thing
        rebuildParameters();

        javafx.scene.layout.VBox compareBox = Fields.labeled(UiText.get("layer.compare"), new HBox(compare), model.compare());
        // LayerNorm and GroupNorm have no momentum and keep no running stats
        showWhen(momentumRow, model.hasMomentumProperty());
        showWhen(compareBox, model.hasMomentumProperty());
        showWhen(track, model.hasMomentumProperty());
        javafx.scene.Node momentumError = Fields.error(model.momentum());
        showWhen(momentumError, model.hasMomentumProperty());
        getChildren().addAll(Fields.section(UiText.get("layer.section")), kindRow, Fields.error(model.numFeatures()),
                familyRow, epsRow, Fields.error(model.eps()), momentumRow, momentumError, compareBox, affine, track,
                parameterTitle, parameterGrid);
    }

    /** Shows {@code node} (and gives it room) only while {@code when} holds. */
    private static void showWhen(javafx.scene.Node node, javafx.beans.value.ObservableBooleanValue when) {
        node.visibleProperty().bind(when);
        node.managedProperty().bind(when);
    }

    /** One row of fields per channel; the old fields and their validation go with the old rows. */
    private void rebuildParameters() {
        parameterGrid.getChildren().clear();
        parameterValidation = new ValidationSupport();
        boolean any = !model.parameters().isEmpty();
        parameterTitle.setVisible(any);
        parameterTitle.setManaged(any);
        parameterGrid.setVisible(any);
        parameterGrid.setManaged(any);
        if (!any) {
            return;
        }
        parameterGrid.addRow(0, new Label(model.parameterIndexName()), new Label(UiText.get("layer.parameters.weight")),
                new Label(UiText.get("layer.parameters.bias")));
        int r = 1;
        for (ParameterRow row : model.parameters()) {
            int c = row.channel();
            TextField w = Fields.field(row.weight(), parameterValidation, 5, "weight-" + c, "weight", c);
            TextField b = Fields.field(row.bias(), parameterValidation, 5, "bias-" + c, "bias", c);
            parameterGrid.addRow(r++, new Label(String.valueOf(row.channel())), w, b);
            Label we = Fields.error(row.weight());
            Label be = Fields.error(row.bias());
            parameterGrid.add(new VBox(we, be), 1, r++, 2, 1);
        }
    }
}
