package org.normscope.ui.view;

import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import org.normscope.ui.viewmodel.StatusViewModel;

/** Mode, num_batches_tracked, the factor of the last update and the n of n/(n−1). */
final class StatusBar extends HBox {

    StatusBar(StatusViewModel model) {
        getStyleClass().add("status-bar");
        Label mode = label("status-mode", model.modeProperty());
        Label tracked = label("status-tracked", model.batchesTrackedProperty());
        tracked.setTooltip(Explanations.tooltip("nbt"));
        Label factor = label("status-factor", model.factorProperty());
        factor.setTooltip(Explanations.tooltip("factor"));
        Label bessel = label("status-n", model.besselProperty());
        bessel.setTooltip(Explanations.tooltip("bessel"));
        Label rate = label("status-rate", model.rateProperty());
        rate.setTooltip(new javafx.scene.control.Tooltip("Steps per second while playing, over the last second"));
        getChildren().addAll(mode, tracked, factor, bessel, rate);
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
