package org.normscope.ui.view;

import java.util.List;
import java.util.function.LongSupplier;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.normscope.ui.viewmodel.TimeTravelViewModel;
import org.normscope.ui.viewmodel.UiText;

/**
 * The time bar under the curves: the step slider with the range shown beside it, and below
 * them follow, whole history and "print again"; a thin view of {@link TimeTravelViewModel}.
 */
final class TimeBar extends VBox {

    private final TimeTravelViewModel time;
    private final LongSupplier steps;
    private final Slider slider = new Slider(1, 1, 1);
    private final ToggleButton follow = new ToggleButton(UiText.get("charts.follow"));
    private final Button whole = new Button(UiText.get("charts.whole"));
    private final Button printAgain = new Button(UiText.get("charts.print"));
    private final Label rangeLabel = new Label();
    private boolean syncingSlider;

    /**
     * @param steps the steps of the snapshot shown (the slider's end)
     * @param redraw redraws the charts (after follow or whole history)
     */
    TimeBar(TimeTravelViewModel time, LongSupplier steps, Runnable printCursorStep, Runnable redraw) {
        super(4);
        this.time = time;
        this.steps = steps;
        slider.setId("step-slider");
        slider.setBlockIncrement(1); // the arrow keys step through time one step at a time
        follow.setId("follow");
        whole.setId("whole-history");
        printAgain.setId("print-again");
        rangeLabel.setId("range");
        slider.setTooltip(new Tooltip(UiText.get("charts.slider.tip")));
        follow.setTooltip(new Tooltip(UiText.get("charts.follow.tip")));
        whole.setTooltip(new Tooltip(UiText.get("charts.whole.tip")));
        printAgain.setTooltip(new Tooltip(UiText.get("charts.print.tip")));
        follow.setSelected(time.followingProperty().get());
        time.followingProperty().addListener((o, a, b) -> follow.setSelected(b));
        follow.setOnAction(e -> {
            if (follow.isSelected()) {
                time.follow();
            } else {
                follow.setSelected(time.followingProperty().get()); // following stops by zooming or panning
            }
            redraw.run();
        });
        whole.setOnAction(e -> {
            time.showAll();
            redraw.run();
        });
        printAgain.setOnAction(e -> printCursorStep.run());
        printAgain.disableProperty().bind(time.reprintableProperty().not());
        rangeLabel.textProperty().bind(time.rangeTextProperty());
        rangeLabel.setMinWidth(40); // shortened with an ellipsis before anything else gives way
        slider.valueProperty().addListener((o, a, b) -> {
            if (!syncingSlider) {
                time.point(b.doubleValue());
            }
        });
        time.cursorProperty().addListener((o, a, b) -> sync());
        for (Control c : List.of(follow, whole, printAgain)) {
            c.setMinWidth(Region.USE_PREF_SIZE); // the slider gives way, not the buttons' words
        }
        slider.setMinWidth(120); // the range label is shortened first
        // Two rows: the slider spans the charts' width, with the range shown beside it, and the
        // buttons go below. In one row, at 1280×800 (a common projector size) the buttons left
        // the slider about 20 px, too short to scrub, and cut the range to "all ...".
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.setMaxWidth(Double.MAX_VALUE);
        HBox top = new HBox(8, slider, rangeLabel);
        top.setAlignment(Pos.CENTER_LEFT);
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox buttons = new HBox(8, follow, whole, spring, printAgain);
        buttons.setAlignment(Pos.CENTER_LEFT);
        getChildren().setAll(top, buttons);
    }

    /** Puts the slider on the cursor's step, or on the last step shown when there is no cursor. */
    void sync() {
        long n = steps.getAsLong();
        syncingSlider = true;
        try {
            slider.setMax(Math.max(1, n));
            slider.setDisable(n < 1);
            long c = time.cursorProperty().get();
            slider.setValue(c >= 1 ? c : Math.max(1, n));
        } finally {
            syncingSlider = false;
        }
    }
}
