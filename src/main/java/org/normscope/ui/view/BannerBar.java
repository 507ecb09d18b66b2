package org.normscope.ui.view;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import org.normscope.ui.viewmodel.MainViewModel;

/** The line under the toolbar where the window says what happened (saved, refused, opened …). */
final class BannerBar {

    private BannerBar() {
    }

    /** The banner: the view model's message, red when it is an error, with its ✕; hidden when empty. */
    static Node create(MainViewModel model) {
        Label text = new Label();
        text.setId("banner-text");
        text.getStyleClass().add("banner-text");
        text.textProperty().bind(model.bannerProperty());
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button dismiss = new Button("\u2715");
        dismiss.setId("banner-dismiss");
        dismiss.setFocusTraversable(false);
        dismiss.setOnAction(e -> model.dismissBanner());
        HBox banner = new HBox(10, text, dismiss);
        banner.setId("banner");
        banner.getStyleClass().add("banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(6, 12, 6, 12));
        banner.visibleProperty().bind(model.bannerProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        model.bannerIsErrorProperty().addListener((o, a, error) -> {
            banner.getStyleClass().remove("error");
            if (error) {
                banner.getStyleClass().add("error");
            }
        });
        return banner;
    }
}
