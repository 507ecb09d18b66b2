package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.normscope.ui.view.WindowDriver.fx;
import static org.normscope.ui.view.WindowDriver.waitUntil;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javafx.geometry.Bounds;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.chart.CurveChart;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.TimeTravelViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Time travel in the real window: the step slider, the cursor, zooming and following. */
@ExtendWith(ApplicationExtension.class)
class TimeTravelWindowTest {

    /** The notebook's running_mean after step t: 1 − 0.7^t. */
    private static float notebookMean(int t) {
        float m = 0;
        for (int i = 0; i < t; i++) {
            m = 0.3f * 1f + (1 - 0.3f) * m;
        }
        return m;
    }

    private final FxRobot robot = new FxRobot();
    private final WindowDriver d = new WindowDriver(robot);
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MainViewModel model;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(PresetLibrary.builtIn());
        WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    private TimeTravelViewModel time() {
        return model.time();
    }

    private void steps(int count) {
        long before = fx(() -> model.stepCountProperty().get());
        fx(() -> {
            model.step(count);
            return null;
        });
        waitUntil("the steps to arrive", () -> fx(() -> model.stepCountProperty().get()) == before + count);
    }

    @SuppressWarnings("unchecked")
    private TableView<TimeTravelViewModel.ChannelValues> readout() {
        return d.node("#readout", TableView.class);
    }

    @Test
    void scrubbingTheSliderShowsThatStepsValuesInTheTableAndOnEveryChart() {
        steps(10);
        Slider slider = d.node("#step-slider", Slider.class);
        waitUntil("the slider to reach step 10", () -> fx(slider::getMax) == 10.0);
        // drag the thumb to the far left: step 1
        robot.drag(robot.lookup("#step-slider .thumb").queryAs(javafx.scene.Node.class), MouseButton.PRIMARY);
        Bounds track = fx(() -> slider.localToScreen(slider.getBoundsInLocal()));
        robot.moveTo(new javafx.geometry.Point2D(track.getMinX() - 40, track.getCenterY()));
        robot.release(MouseButton.PRIMARY);
        waitUntil("the cursor at step 1", () -> fx(() -> time().cursorProperty().get()) == 1);
        waitUntil("the table to show step 1", () -> fx(() -> d.node("#readout-title", Label.class).getText())
                .equals("step 1 (exact)"));
        assertThat(fx(() -> readout().getItems().get(0).runningMean())).isEqualTo(notebookMean(1));
        // arrow keys move one step at a time
        robot.type(KeyCode.RIGHT, 2);
        waitUntil("the cursor at step 3", () -> fx(() -> time().cursorProperty().get()) == 3);
        waitUntil("the table to show step 3", () -> fx(() -> d.node("#readout-title", Label.class).getText())
                .equals("step 3 (exact)"));
        for (int c = 0; c < 4; c++) {
            int channel = c;
            assertThat(fx(() -> readout().getItems().get(channel).runningMean()))
                    .isCloseTo(notebookMean(3), within(1e-6f));
            assertThat(fx(() -> readout().getItems().get(channel).batchMean())).isEqualTo(1f);
        }
        CurveChart mean = d.node("#mean-chart", CurveChart.class);
        CurveChart var = d.node("#var-chart", CurveChart.class);
        assertThat(fx(mean::getCursorX)).isEqualTo(3.0);
        assertThat(fx(var::getCursorX)).isEqualTo(3.0);
        // and the console prints that step again, as it ran
        d.click("#print-again");
        waitUntil("the console to print step 3 again", () -> console().contains("Step 3 again, as it ran:"));
        assertThat(console()).contains("running_mean = tensor([0.6570, 0.6570, 0.6570, 0.6570])");
    }

    @Test
    void atProjectorSizeTheSliderIsLongEnoughToScrubAndTheRangeIsReadable() {
        steps(1000); // "all 1,000 steps"
        Slider slider = d.node("#step-slider", Slider.class);
        Label range = d.node("#range", Label.class);
        // the window is 1280×800 here, a common projector size
        assertThat(fx(() -> slider.getWidth())).as("slider width").isGreaterThan(250);
        assertThat(fx(() -> range.getText())).isEqualTo("all 1,000 steps");
        assertThat(fx(() -> range.getWidth())).as("range label width, all of its text")
                .isGreaterThanOrEqualTo(fx(() -> range.prefWidth(-1)) - 0.5);
        Bounds s = fx(() -> slider.localToScene(slider.getBoundsInLocal()));
        Bounds f = fx(() -> d.node("#follow", ToggleButton.class).localToScene(
                d.node("#follow", ToggleButton.class).getBoundsInLocal()));
        assertThat(f.getMinY()).as("the buttons below the slider").isGreaterThan(s.getCenterY());
    }

    @Test
    void pointingAtAChartMovesTheCursorOnEveryChart() {
        steps(100);
        CurveChart mean = d.node("#mean-chart", CurveChart.class);
        waitUntil("the chart to have a plot", () -> fx(mean::plotWidthPixels) > 100);
        Bounds b = fx(() -> mean.localToScreen(mean.getBoundsInLocal()));
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.6, b.getCenterY()));
        robot.moveBy(3, 0);
        waitUntil("a cursor", () -> fx(() -> time().cursorProperty().get()) > 0);
        long t = fx(() -> time().cursorProperty().get());
        assertThat(t).isBetween(30L, 90L);
        CurveChart var = d.node("#var-chart", CurveChart.class);
        waitUntil("the var chart's cursor", () -> fx(var::getCursorX) == (double) t);
        Slider slider = d.node("#step-slider", Slider.class);
        assertThat(fx(slider::getValue)).isEqualTo((double) t);
    }

    @Test
    void zoomingStopsFollowingAndFollowReturnsToTheNewestSteps() {
        steps(100);
        steps(100);
        CurveChart mean = d.node("#mean-chart", CurveChart.class);
        waitUntil("the chart to have a plot", () -> fx(mean::plotWidthPixels) > 100);
        assertThat(fx(() -> time().followingProperty().get())).isTrue();
        assertThat(fx(() -> d.node("#follow", ToggleButton.class).isSelected())).isTrue();
        Bounds b = fx(() -> mean.localToScreen(mean.getBoundsInLocal()));
        robot.moveTo(new javafx.geometry.Point2D(b.getMinX() + b.getWidth() * 0.5, b.getCenterY()));
        // TestFX's robot turns the wheel the other way round from a mouse on Monocle: its DOWN is a notch
        // away from the user (deltaY > 0), which zooms in (XInteractionTest checks the direction itself)
        robot.scroll(3, javafx.geometry.VerticalDirection.DOWN);
        waitUntil("the zoom", () -> fx(() -> time().toProperty().get() - time().fromProperty().get()) < 199);
        long from = fx(() -> time().fromProperty().get());
        long to = fx(() -> time().toProperty().get());
        assertThat(to - from).isLessThan(199);
        assertThat(to).isLessThan(200);
        assertThat(fx(() -> d.node("#follow", ToggleButton.class).isSelected())).isFalse();
        double[] shown = fx(mean::xRangeShown);
        // a range from the first step shows step 0 too (the running stats' curves start there)
        assertThat(shown[0]).isCloseTo((from <= 1 ? 0 : from) - 0.5, within(1e-9));
        assertThat(shown[1]).isCloseTo(to + 0.5, within(1e-9));

        steps(100); // new steps do not move a zoomed view
        assertThat(fx(() -> time().fromProperty().get())).isEqualTo(from);
        assertThat(fx(() -> time().toProperty().get())).isEqualTo(to);

        d.click("#follow");
        waitUntil("following again", () -> fx(() -> time().followingProperty().get()));
        assertThat(fx(() -> time().toProperty().get())).isEqualTo(300);
        assertThat(fx(() -> time().toProperty().get() - time().fromProperty().get())).isEqualTo(to - from);
        steps(100);
        waitUntil("the range to follow step 400", () -> fx(() -> time().toProperty().get()) == 400);
        waitUntil("the chart to show it", () -> fx(mean::xRangeShown)[1] == 400.5);

        d.click("#whole-history");
        waitUntil("every step in view", () -> fx(() -> time().fromProperty().get()) == 1);
        assertThat(fx(() -> d.node("#range", Label.class).getText())).isEqualTo("all 400 steps");
    }

    @Test
    void overTimeTheChannelChooserNamesTheOneChannelShown() {
        steps(20);
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Integer> chooser = d.node("#histogram-channel", javafx.scene.control.ComboBox.class);
        java.util.function.Supplier<String> shown = () -> fx(() -> chooser.getButtonCell().getText());
        assertThat(shown.get()).isEqualTo("all channels"); // the notebook's four channels, all as histograms
        d.click("#show-over-time");
        waitUntil("the chooser to name channel 0", () -> "channel 0".equals(shown.get()));
        d.click("#show-last-batch");
        waitUntil("the chooser to say all channels again", () -> "all channels".equals(shown.get()));
    }

    private String console() {
        @SuppressWarnings("unchecked")
        ListView<Object> list = d.node("#console", ListView.class);
        WaitForAsyncUtils.waitForFxEvents();
        return fx(() -> list.getItems().stream().map(l -> ((ConsolePane.Line) l).text())
                .collect(Collectors.joining("\n")));
    }
}
