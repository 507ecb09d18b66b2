package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import javafx.event.EventType;
import javafx.scene.Cursor;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Zoom, pan, point and the cursor of the charts over steps ({@link XAxisChart}), driven by
 * mouse and scroll events fired at known pixels of a chart shown on Monocle's headless
 * platform, and the cursor line read back pixel by pixel.
 */
class XInteractionTest {

    private static final int W = 800;
    private static final int H = 500;

    @BeforeAll
    static void start() throws Exception {
        FxCharts.startToolkit();
    }

    /** A sine over x = 0..1000 (so the automatic range is [0, 1000]), gestures recorded. */
    private static final class Recorded {
        final CurveChart chart;
        final List<double[]> zooms = new ArrayList<>();
        final List<Double> pans = new ArrayList<>();
        final List<Double> points = new ArrayList<>();

        Recorded(CurveChart chart) {
            this.chart = chart;
            chart.setOnZoom((anchor, factor) -> zooms.add(new double[] {anchor, factor}));
            chart.setOnPan(pans::add);
            chart.setOnPoint(points::add);
        }
    }

    private static Recorded sineChart() throws Exception {
        return FxCharts.onFx(() -> {
            CurveChart c = new CurveChart("sine", "step", "y");
            c.setIntegerXTicks(true);
            double[] y = new double[1001];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.sin(i / 50.0);
            }
            c.setCurves(List.of(Curve.solid("sin", Palette.channel(0), SeriesData.of(0, 1, y))));
            return new Recorded(c);
        });
    }

    // ---- pixel → x ------------------------------------------------------------------------------------

    @Test
    void movingTheMouseOverThePlotReportsTheXUnderIt() throws Exception {
        Recorded r = sineChart();
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            assertThat(f.xRange()).containsExactly(0, 1000);
            double perPx = 1000 / (f.plotRight() - f.plotLeft());
            double y = (f.curveTop() + f.curveBottom()) / 2;
            for (double u : new double[] {0, 0.25, 0.5, 0.9, 1}) {
                double px = f.plotLeft() + u * (f.plotRight() - f.plotLeft());
                fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, px, y, MouseButton.NONE, false));
                assertThat(r.points.get(r.points.size() - 1)).as("x at %s of the width", u)
                        .isCloseTo(1000 * u, within(perPx / 2));
            }
            assertThat(r.points).hasSize(5);
            // outside the plot (over the y labels, over the title), leaving, and dragging report nothing
            fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, f.plotLeft() - 20, y, MouseButton.NONE, false));
            fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, (f.plotLeft() + f.plotRight()) / 2, 5, MouseButton.NONE, false));
            fire(r.chart, mouse(MouseEvent.MOUSE_EXITED, W + 5, y, MouseButton.NONE, false));
            assertThat(r.points).hasSize(5);
            assertThat(r.zooms).isEmpty();
            assertThat(r.pans).isEmpty();
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void aFixedXRangeIsTheTransformTheGesturesUse() throws Exception {
        Recorded r = sineChart();
        FxCharts.onFx(() -> {
            r.chart.setXRange(200, 400);
            return null;
        });
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            assertThat(f.xRange()).containsExactly(200, 400);
            assertThat(FxCharts.onFx(r.chart::xRangeShown)).containsExactly(200, 400);
            double perPx = 200 / (f.plotRight() - f.plotLeft());
            double px = f.plotLeft() + 0.25 * (f.plotRight() - f.plotLeft());
            fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, px, f.curveTop() + 10, MouseButton.NONE, false));
            assertThat(r.points).singleElement().satisfies(x -> assertThat(x).isCloseTo(250, within(perPx / 2)));
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void pointingAtTheDrawnCursorReportsItsX() throws Exception {
        // the cursor is drawn and the mouse is read with the same transform: a round trip through the pixels
        Recorded r = sineChart();
        FxCharts.onFx(() -> {
            r.chart.setCursorX(637);
            return null;
        });
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            WritableImage img = FxCharts.snapshot(r.chart);
            int row = (int) (f.curveBottom() - 5);
            List<Integer> cols = cursorColumns(img, row, f.plotLeft(), f.plotRight());
            assertThat(cols).hasSize(2);
            double boundary = cols.get(1); // the line covers the columns either side of this pixel boundary
            fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, boundary, row, MouseButton.NONE, false));
            double perPx = 1000 / (f.plotRight() - f.plotLeft());
            assertThat(r.points).singleElement().satisfies(x -> assertThat(x).isCloseTo(637, within(perPx / 2)));
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    // ---- zoom -----------------------------------------------------------------------------------------

    @Test
    void theWheelZoomsInWhenTurnedUpAndOutWhenTurnedDownAroundTheXUnderTheMouse() throws Exception {
        Recorded r = sineChart();
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double perPx = 1000 / (f.plotRight() - f.plotLeft());
            double px = f.plotLeft() + 0.6 * (f.plotRight() - f.plotLeft());
            double y = f.curveTop() + 20;
            fire(r.chart, scroll(px, y, 40));   // one notch up
            fire(r.chart, scroll(px, y, -40));  // one notch down
            fire(r.chart, scroll(px, y, 80));   // two notches up
            fire(r.chart, scroll(px, y, 0));    // no turn: nothing
            fire(r.chart, scroll(f.plotLeft() - 30, y, 40)); // over the y labels: nothing
            assertThat(r.zooms).hasSize(3);
            for (double[] z : r.zooms) {
                assertThat(z[0]).as("anchor").isCloseTo(600, within(perPx / 2));
            }
            assertThat(r.zooms.get(0)[1]).as("in").isCloseTo(0.8, within(1e-12));
            assertThat(r.zooms.get(1)[1]).as("out").isCloseTo(1.25, within(1e-12));
            assertThat(r.zooms.get(2)[1]).isCloseTo(0.64, within(1e-12));
            assertThat(r.pans).isEmpty();
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void theWheelScrollEventIsConsumedOnlyWhenItZooms() throws Exception {
        Recorded r = sineChart();
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double y = f.curveTop() + 20;
            int[] reachedScene = {0};
            FxCharts.onFx(() -> {
                r.chart.getScene().addEventHandler(ScrollEvent.SCROLL, e -> reachedScene[0]++);
                return null;
            });
            fire(r.chart, scroll((f.plotLeft() + f.plotRight()) / 2, y, 40));
            assertThat(reachedScene[0]).as("a zoom does not also scroll a surrounding pane").isZero();
            fire(r.chart, scroll(f.plotLeft() - 30, y, 40));
            assertThat(reachedScene[0]).as("outside the plot the wheel is left alone").isEqualTo(1);
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    // ---- pan and click --------------------------------------------------------------------------------

    @Test
    void draggingRightPansToEarlierStepsByTheDistanceMovedPerEvent() throws Exception {
        Recorded r = sineChart();
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double perPx = 1000 / (f.plotRight() - f.plotLeft());
            double p = f.plotLeft() + 100;
            double y = f.curveTop() + 30;
            fire(r.chart, mouse(MouseEvent.MOUSE_PRESSED, p, y, MouseButton.PRIMARY, true));
            fire(r.chart, mouse(MouseEvent.MOUSE_DRAGGED, p + 10, y, MouseButton.PRIMARY, true));
            assertThat(FxCharts.onFx(r.chart::getCursor)).isEqualTo(Cursor.CLOSED_HAND);
            fire(r.chart, mouse(MouseEvent.MOUSE_DRAGGED, p + 30, y + 4, MouseButton.PRIMARY, true));
            fire(r.chart, mouse(MouseEvent.MOUSE_RELEASED, p + 30, y + 4, MouseButton.PRIMARY, false));
            assertThat(FxCharts.onFx(r.chart::getCursor)).isEqualTo(Cursor.CROSSHAIR);
            assertThat(r.pans).hasSize(2);
            // the first event reports the whole way from the press, the next only its own step
            assertThat(r.pans.get(0)).isCloseTo(-10 * perPx, within(1e-9));
            assertThat(r.pans.get(1)).isCloseTo(-20 * perPx, within(1e-9));
            assertThat(r.points).as("a pan is not a click").isEmpty();

            // and to the left: later steps
            fire(r.chart, mouse(MouseEvent.MOUSE_PRESSED, p + 200, y, MouseButton.PRIMARY, true));
            fire(r.chart, mouse(MouseEvent.MOUSE_DRAGGED, p + 150, y, MouseButton.PRIMARY, true));
            fire(r.chart, mouse(MouseEvent.MOUSE_RELEASED, p + 150, y, MouseButton.PRIMARY, false));
            assertThat(r.pans).hasSize(3);
            assertThat(r.pans.get(2)).isCloseTo(50 * perPx, within(1e-9));
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void aDragShorterThanThreePixelsIsAClickThatPoints() throws Exception {
        Recorded r = sineChart();
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double perPx = 1000 / (f.plotRight() - f.plotLeft());
            double p = f.plotLeft() + 0.5 * (f.plotRight() - f.plotLeft());
            double y = f.curveTop() + 30;
            fire(r.chart, mouse(MouseEvent.MOUSE_PRESSED, p, y, MouseButton.PRIMARY, true));
            fire(r.chart, mouse(MouseEvent.MOUSE_DRAGGED, p + 2, y + 1, MouseButton.PRIMARY, true));
            fire(r.chart, mouse(MouseEvent.MOUSE_RELEASED, p + 2, y + 1, MouseButton.PRIMARY, false));
            assertThat(r.pans).isEmpty();
            assertThat(r.points).singleElement()
                    .satisfies(x -> assertThat(x).isCloseTo(500 + 2 * perPx, within(perPx / 2)));

            // the secondary button neither pans nor clicks
            fire(r.chart, mouse(MouseEvent.MOUSE_PRESSED, p, y, MouseButton.SECONDARY, false));
            fire(r.chart, mouse(MouseEvent.MOUSE_DRAGGED, p + 40, y, MouseButton.SECONDARY, false));
            fire(r.chart, mouse(MouseEvent.MOUSE_RELEASED, p + 40, y, MouseButton.SECONDARY, false));
            assertThat(r.pans).isEmpty();
            assertThat(r.points).hasSize(1);
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void thePointerIsACrosshairOverThePlotOnly() throws Exception {
        Recorded r = sineChart();
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double y = (f.curveTop() + f.curveBottom()) / 2;
            fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, f.plotLeft() + 50, y, MouseButton.NONE, false));
            assertThat(FxCharts.onFx(r.chart::getCursor)).isEqualTo(Cursor.CROSSHAIR);
            fire(r.chart, mouse(MouseEvent.MOUSE_MOVED, 3, y, MouseButton.NONE, false));
            assertThat(FxCharts.onFx(r.chart::getCursor)).isNull();
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    // ---- the plot's size -------------------------------------------------------------------------------

    @Test
    void thePlotWidthIsZeroBeforeTheFirstLayoutAndThePlotsWidthAfter() throws Exception {
        Recorded r = sineChart();
        assertThat(FxCharts.onFx(r.chart::plotWidthPixels)).isZero();
        assertThat(FxCharts.onFx(r.chart::xRangeShown)).containsExactly(Double.NaN, Double.NaN);
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double width = f.plotRight() - f.plotLeft();
            assertThat(width).isBetween(W * 0.7, W * 0.98);
            assertThat(FxCharts.onFx(r.chart::plotWidthPixels)).isEqualTo(width);
            WaitForAsyncUtils.waitForFxEvents();
            assertThat(FxCharts.onFx(() -> r.chart.plotWidthPixelsProperty().get())).isEqualTo(width);
            // a narrower window: the property follows
            FxCharts.onFx(() -> {
                stage.setWidth(W - 200);
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            ChartRenderTest.waitForRedraws(r.chart, 2);
            WaitForAsyncUtils.waitForFxEvents();
            CurveChart.Frame g = FxCharts.onFx(r.chart::lastFrame);
            assertThat(g.plotRight() - g.plotLeft()).isLessThan(width - 150);
            assertThat(FxCharts.onFx(() -> r.chart.plotWidthPixelsProperty().get())).isEqualTo(g.plotRight() - g.plotLeft());
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    // ---- the cursor ------------------------------------------------------------------------------------

    @Test
    void theCursorLineIsDrawnAtItsPixelColumnWithItsStepAndGoesAwayWithNaN() throws Exception {
        Recorded r = sineChart();
        FxCharts.onFx(() -> {
            r.chart.setCursorX(1234.4 / 2); // 617.2: the label says step 617
            return null;
        });
        Stage stage = ChartRenderTest.show(r.chart, W, H);
        try {
            CurveChart.Frame f = FxCharts.onFx(r.chart::lastFrame);
            double px = ChartAxes.xAt(617.2, f.xRange(), f.plotLeft(), f.plotRight());
            long boundary = Math.round(px);
            WritableImage img = FxCharts.snapshot(r.chart);
            // every row of the plot below the label: the two columns either side of the boundary
            int rows = 0;
            for (int y = (int) f.curveTop() + 40; y < f.curveBottom() - 2; y += 7) {
                assertThat(cursorColumns(img, y, f.plotLeft(), f.plotRight())).as("row %d", y)
                        .containsExactly((int) boundary - 1, (int) boundary);
                rows++;
            }
            assertThat(rows).isGreaterThan(20);
            assertThat(ChartRenderTest.texts(r.chart)).contains("step 617");
            CanvasChart.TextBox label = FxCharts.onFx(() -> r.chart.drawnText().stream()
                    .filter(t -> t.text().equals("step 617")).findFirst().orElseThrow());
            assertThat(label.y()).as("the label sits at the top of the plot").isBetween(f.curveTop(), f.curveTop() + 6);
            assertThat(label.x()).isGreaterThanOrEqualTo(f.plotLeft());
            assertThat(label.x() + label.w()).isLessThanOrEqualTo(f.plotRight());

            FxCharts.onFx(() -> {
                r.chart.setCursorX(Double.NaN);
                return null;
            });
            WritableImage none = FxCharts.snapshot(r.chart);
            for (int y = (int) f.curveTop(); y < f.curveBottom(); y++) {
                assertThat(cursorColumns(none, y, f.plotLeft(), f.plotRight())).as("row %d", y).isEmpty();
            }
            assertThat(ChartRenderTest.texts(r.chart)).doesNotContain("step 617");
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void theCursorLabelStaysInsideThePlotAtItsEdgesAndAtLargeFonts() throws Exception {
        for (double x : new double[] {0, 1000}) {
            Recorded r = sineChart();
            FxCharts.onFx(() -> {
                r.chart.setFontScale(2);
                r.chart.setCursorX(x);
                return null;
            });
            FxCharts.render(r.chart, 520, 340);
            CurveChart.Frame f = r.chart.lastFrame();
            String text = x == 0 ? "step 0" : "step 1,000";
            CanvasChart.TextBox label = FxCharts.onFx(() -> r.chart.drawnText().stream()
                    .filter(t -> t.text().equals(text)).findFirst().orElseThrow());
            assertThat(label.x()).isGreaterThanOrEqualTo(f.plotLeft());
            assertThat(label.x() + label.w()).isLessThanOrEqualTo(f.plotRight());
            assertThat(label.h()).as("a 28 px font").isGreaterThan(30);
            ChartRenderTest.assertNothingClippedOrOverlapping(r.chart, 520, 340);
        }
    }

    @Test
    void theCursorCrossesTheHeatMapToo() throws Exception {
        CurveChart chart = ChartSampleTest.heat(1);
        FxCharts.onFx(() -> {
            chart.setCursorX(150);
            return null;
        });
        WritableImage img = FxCharts.render(chart, 960, 620);
        CurveChart.Frame f = chart.lastFrame();
        long boundary = Math.round(ChartAxes.xAt(150, f.xRange(), f.plotLeft(), f.plotRight()));
        for (double y : new double[] {f.curveTop() + 40, f.curveBottom() - 3, f.heatTop() + 2, f.heatBottom() - 2}) {
            assertThat(cursorColumns(img, (int) y, f.plotLeft(), f.plotRight())).as("row %s", y)
                    .containsExactly((int) boundary - 1, (int) boundary);
        }
        // not across the gap between the two plots
        int gapRow = (int) ((f.curveBottom() + f.heatTop()) / 2);
        assertThat(cursorColumns(img, gapRow, f.plotLeft(), f.plotRight())).isEmpty();
        assertThat(ChartRenderTest.texts(chart)).contains("training step 150");
    }

    @Test
    void aCursorOutsideTheRangeShownIsNotDrawn() throws Exception {
        Recorded r = sineChart();
        FxCharts.onFx(() -> {
            r.chart.setXRange(0, 500);
            r.chart.setCursorX(800);
            return null;
        });
        WritableImage img = FxCharts.render(r.chart, W, H);
        CurveChart.Frame f = r.chart.lastFrame();
        for (int y = (int) f.curveTop(); y < f.curveBottom(); y++) {
            assertThat(cursorColumns(img, y, f.plotLeft() - 3, f.plotRight() + 3)).isEmpty();
        }
    }

    @Test
    void movingOnlyTheCursorRedrawsTheOverlayButNotTheData() throws Exception {
        CurveChart chart = ChartSampleTest.heat(1);
        Stage stage = ChartRenderTest.show(chart, 800, 500);
        try {
            ChartRenderTest.waitForRedraws(chart, 1);
            FxCharts.pulses(12);
            int data = FxCharts.onFx(chart::redrawCount);
            int overlay = FxCharts.onFx(chart::overlayRedrawCount);
            FxCharts.onFx(() -> {
                for (int i = 0; i < 10; i++) {
                    chart.setCursorX(100 + i); // ten moves in one event: one overlay redraw
                }
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            FxCharts.pulses(12);
            assertThat(FxCharts.onFx(chart::overlayRedrawCount)).isEqualTo(overlay + 1);
            assertThat(FxCharts.onFx(chart::redrawCount)).as("data layer redraws").isEqualTo(data);

            FxCharts.onFx(() -> {
                chart.setCursorX(109); // unchanged: nothing at all
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            FxCharts.pulses(6);
            assertThat(FxCharts.onFx(chart::overlayRedrawCount)).isEqualTo(overlay + 1);

            // a data change redraws both (the plot may have moved)
            FxCharts.onFx(() -> {
                chart.setTitle("changed");
                return null;
            });
            WaitForAsyncUtils.waitForFxEvents();
            FxCharts.pulses(6);
            assertThat(FxCharts.onFx(chart::redrawCount)).isEqualTo(data + 1);
            assertThat(FxCharts.onFx(chart::overlayRedrawCount)).isEqualTo(overlay + 2);
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    @Test
    void theCursorLabelRoundsToAStepWithThousandsSeparators() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> new CurveChart("", "step", ""));
        XInteraction in = chart.interaction();
        assertThat(in.cursorLabel(1234.4)).isEqualTo("step 1,234");
        assertThat(in.cursorLabel(1234.5)).isEqualTo("step 1,235");
        assertThat(in.cursorLabel(7)).isEqualTo("step 7");
        assertThat(in.cursorLabel(1_000_000)).isEqualTo("step 1,000,000");
        FxCharts.onFx(() -> {
            chart.setXLabel("");
            return null;
        });
        assertThat(in.cursorLabel(1234)).isEqualTo("1,234");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** The columns of row {@code y} between {@code left} and {@code right} that have the cursor's colour. */
    static List<Integer> cursorColumns(WritableImage img, int y, double left, double right) {
        List<Integer> cols = new ArrayList<>();
        PixelReader pr = img.getPixelReader();
        for (int x = (int) Math.max(0, Math.floor(left)); x <= Math.min(img.getWidth() - 1, Math.ceil(right)); x++) {
            if (ChartRenderTest.near(pr.getArgb(x, y), ChartTheme.LIGHT.cursor(), 2)) {
                cols.add(x);
            }
        }
        return cols;
    }

    static void fire(javafx.scene.Node target, javafx.event.Event e) throws Exception {
        FxCharts.onFx(() -> {
            target.fireEvent(e);
            return null;
        });
    }

    /** A mouse event at scene (= chart, the chart being the scene's root) coordinates {@code (x, y)}. */
    static MouseEvent mouse(EventType<MouseEvent> type, double x, double y, MouseButton button, boolean primaryDown) {
        return new MouseEvent(type, x, y, x, y, button, 1, false, false, false, false, primaryDown, false,
                button == MouseButton.SECONDARY && type != MouseEvent.MOUSE_RELEASED, false, false, false, null);
    }

    /** A wheel turn at {@code (x, y)}: {@code deltaY} pixels at JavaFX's usual 40 pixels a notch. */
    static ScrollEvent scroll(double x, double y, double deltaY) {
        return new ScrollEvent(ScrollEvent.SCROLL, x, y, x, y, false, false, false, false, false, false, 0, deltaY, 0,
                deltaY, 40, 40, ScrollEvent.HorizontalTextScrollUnits.NONE, 0, ScrollEvent.VerticalTextScrollUnits.NONE, 0,
                0, null);
    }
}
