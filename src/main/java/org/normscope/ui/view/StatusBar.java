package org.normscope.ui.view;

import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import org.normscope.ui.viewmodel.StatusViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * Mode, num_batches_tracked, the factor of the last update and the n of n/(n−1); while a
 * command of many steps runs, its progress and a Cancel button. A flow: on a narrow window or
 * with large text the items go on on a second line rather than past the window's edge.
 */
final class StatusBar extends FlowPane {

    StatusBar(StatusViewModel model, Runnable cancel) {
        getStyleClass().add("status-bar");
        Label mode = label("status-mode", model.modeProperty());
        Label tracked = label("status-tracked", model.batchesTrackedProperty());
        tracked.setTooltip(Explanations.tooltip("nbt"));
        Label factor = label("status-factor", model.factorProperty());
        factor.setTooltip(Explanations.tooltip("factor"));
        Label bessel = label("status-n", model.besselProperty());
        bessel.setTooltip(Explanations.tooltip("bessel"));
        Label rate = label("status-rate", model.rateProperty());
        rate.setTooltip(new javafx.scene.control.Tooltip(UiText.get("status.rate.tip")));
        Label progress = label("status-progress", model.progressProperty());
        progress.setTooltip(new javafx.scene.control.Tooltip(UiText.get("progress.tip")));
        javafx.scene.control.Button stop = new javafx.scene.control.Button(UiText.get("progress.cancel"));
        stop.setId("progress-cancel");
        stop.setFocusTraversable(false); // Space must not press it
        stop.setTooltip(new javafx.scene.control.Tooltip(UiText.get("progress.cancel.tip")));
        stop.setOnAction(e -> cancel.run());
        stop.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        for (javafx.scene.Node n : new javafx.scene.Node[] {progress, stop}) {
            n.visibleProperty().bind(model.workingProperty());
            n.managedProperty().bind(model.workingProperty());
        }
        setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        setMinWidth(0); // laid out at the window's width (its parent asks its height for that width)
        getChildren().addAll(mode, tracked, factor, bessel, rate, progress, stop);
    }

    private static Label label(String id, javafx.beans.value.ObservableValue<String> text) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(text);
        l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }
}
