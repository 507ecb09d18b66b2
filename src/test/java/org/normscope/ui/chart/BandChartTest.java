package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BandChart} drawn for real on Monocle's headless platform and read back pixel by pixel. */
class BandChartTest {

    private static final Color IN = BandChart.INPUT_COLOR;
    private static final Color OUT = BandChart.OUTPUT_COLOR;

    @BeforeAll
    static void start() throws Exception {
        FxCharts.startToolkit();
    }

    /**
     * Points at x = 0..n-1 with quantiles (min, 15.9 %, median, 84.1 %, max) = m(x) + (-1.5, -0.6,
     * 0, 0.6, 1.5); points gapFrom..gapTo-1 are NaN.
     */
    static BandData bands(int n, DoubleUnaryOperator median, int gapFrom, int gapTo) {
        double[] offsets = {-1.5, -0.6, 0, 0.6, 1.5};
        double[] x = new double[n];
        double[][] q = new double[5][n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            for (int k = 0; k < 5; k++) {
                q[k][i] = i >= gapFrom && i < gapTo ? Double.NaN : median.applyAsDouble(i) + offsets[k];
            }
        }
        return BandData.of(x, BandData.sigmaLevels(), q);
    }

    private static BandChart chart(BandChart.Panel... panels) throws Exception {
        return FxCharts.onFx(() -> {
            BandChart c = new BandChart();
            c.setTitle("channel 3");
            c.setPanels(List.of(panels));
            return c;
        });
    }

    private enum Shade { OUTER, INNER, MEDIAN, NONE }

    private static Shade shade(int argb, Color c) {
        if (ChartRenderTest.near(argb, Palette.darker(c), 3)) {
            return Shade.MEDIAN;
        }
        if (ChartRenderTest.near(argb, ChartRenderTest.overWhite(c, BandChart.INNER_OPACITY), 3)) {
            return Shade.INNER;
        }
        if (ChartRenderTest.near(argb, ChartRenderTest.overWhite(c, BandChart.OUTER_OPACITY), 3)) {
            return Shade.OUTER;
        }
        return Shade.NONE;
    }

    // ---- bands, gaps, median ---------------------------------------------------------------------------

    @Test
    void theBandsAreNestedFromLightOutsideToDarkInsideWhereTheQuantilesSay() throws Exception {
        BandChart chart = chart(new BandChart.Panel("x (input)", IN, bands(101, i -> 0.3, -1, -1)));
        WritableImage img = FxCharts.render(chart, 800, 500);
        BandChart.Frame f = chart.lastFrame();
        assertThat(f.xRange()).containsExactly(0, 100);
        BandChart.PanelFrame p = f.panels().get(0);
        assertThat(p.plotted()).isTrue();
        // y: [0.3 - 1.5, 0.3 + 1.5] padded by 5%
        assertThat(p.yRange()[0]).isCloseTo(-1.2 - 0.15, within(1e-9));
        assertThat(p.yRange()[1]).isCloseTo(1.8 + 0.15, within(1e-9));
        PixelReader pr = img.getPixelReader();
        for (double x : new double[] {3, 23, 58, 97}) {
            int col = (int) Math.floor(ChartAxes.xAt(x, f.xRange(), f.plotLeft(), f.plotRight()));
            int[] right = new int[Shade.values().length];
            int[] all = new int[Shade.values().length];
            for (int y = (int) Math.ceil(p.top()); y < p.bottom() - 1; y++) {
                double v = yValue(y + 0.5, p);
                Shade expected;
                if (Math.abs(v - 0.3) < 0.12) {
                    continue; // the median line and its antialiased edges
                } else if (Math.abs(v - 0.3) < 0.55) {
                    expected = Shade.INNER;
                } else if (Math.abs(v - 0.3) > 0.65 && Math.abs(v - 0.3) < 1.45) {
                    expected = Shade.OUTER;
                } else if (Math.abs(v - 0.3) > 1.55) {
                    expected = Shade.NONE;
                } else {
                    continue; // an edge
                }
                all[expected.ordinal()]++;
                if (shade(pr.getArgb(col, y), IN) == expected) {
                    right[expected.ordinal()]++;
                }
            }
            for (Shade s : new Shade[] {Shade.OUTER, Shade.INNER, Shade.NONE}) {
                assertThat(all[s.ordinal()]).as("rows of %s at x = %s", s, x).isGreaterThan(8);
                // grid lines (every 0.5) tint a row here and there
                assertThat(right[s.ordinal()]).as("rows of %s at x = %s", s, x).isGreaterThanOrEqualTo(all[s.ordinal()] - 6);
            }
            // the median line: the pixel row of 0.3 is the darker shade
            double my = ChartAxes.yAt(0.3, p.yRange(), p.top(), p.bottom());
            assertThat(shade(pr.getArgb(col, (int) Math.floor(my)), IN)).as("median at x = %s", x).isEqualTo(Shade.MEDIAN);
        }
    }

    @Test
    void aNaNLeavesAGapInTheBandsAndTheMedian() throws Exception {
        BandChart chart = chart(new BandChart.Panel("x (input)", IN, bands(101, i -> 0.02 * i, 40, 60)));
        WritableImage img = FxCharts.render(chart, 800, 500);
        BandChart.Frame f = chart.lastFrame();
        BandChart.PanelFrame p = f.panels().get(0);
        PixelReader pr = img.getPixelReader();
        double pxPerStep = (f.plotRight() - f.plotLeft()) / 100;
        for (int step = 0; step < 100; step++) {
            double x = step + 0.5; // between two steps: off the grid lines at the x ticks
            int col = (int) Math.floor(ChartAxes.xAt(x, f.xRange(), f.plotLeft(), f.plotRight()));
            int tinted = 0;
            for (int y = (int) Math.ceil(p.top()); y < p.bottom() - 1; y++) {
                if (shade(pr.getArgb(col, y), IN) != Shade.NONE) {
                    tinted++;
                }
            }
            // the last point before the gap is step 39, the first after it step 60
            boolean inGap = x > 39 && x < 60;
            boolean edge = Math.abs(x - 39) * pxPerStep < 2 || Math.abs(x - 60) * pxPerStep < 2;
            if (inGap && !edge) {
                assertThat(tinted).as("x = %s is in the gap", x).isZero();
            } else if (!inGap) {
                assertThat(tinted).as("x = %s", x).isGreaterThan(50);
            }
        }
    }

    @Test
    void theMedianIsDrawnAtItsValue() throws Exception {
        BandChart chart = chart(new BandChart.Panel("x (input)", IN, bands(101, i -> 0.02 * i, -1, -1)));
        WritableImage img = FxCharts.render(chart, 800, 500);
        BandChart.Frame f = chart.lastFrame();
        BandChart.PanelFrame p = f.panels().get(0);
        PixelReader pr = img.getPixelReader();
        for (double x : new double[] {5, 37, 50, 81}) {
            int col = (int) Math.floor(ChartAxes.xAt(x, f.xRange(), f.plotLeft(), f.plotRight()));
            List<Integer> rows = new ArrayList<>();
            for (int y = (int) Math.ceil(p.top()); y < p.bottom(); y++) {
                if (shade(pr.getArgb(col, y), IN) == Shade.MEDIAN) {
                    rows.add(y);
                }
            }
            assertThat(rows).as("median rows at x = %s", x).isNotEmpty().hasSizeLessThanOrEqualTo(4);
            double mid = rows.stream().mapToInt(Integer::intValue).average().orElseThrow() + 0.5;
            double expected = ChartAxes.yAt(0.02 * (col + 0.5 - f.plotLeft()) / (f.plotRight() - f.plotLeft()) * 100,
                    p.yRange(), p.top(), p.bottom());
            assertThat(mid).as("median row at x = %s", x).isCloseTo(expected, within(1.5));
        }
    }

    @Test
    void aPointAloneBetweenGapsIsStillDrawn() throws Exception {
        BandData d = bands(101, i -> 0, 0, 101);
        double[] x = new double[101];
        double[][] q = new double[5][101];
        for (int i = 0; i < 101; i++) {
            x[i] = i;
            for (int k = 0; k < 5; k++) {
                q[k][i] = i == 47 || i < 5 || i > 95 ? new double[] {-1.5, -0.6, 0, 0.6, 1.5}[k] : d.quantile(i, k);
            }
        }
        BandChart chart = chart(new BandChart.Panel("x", IN, BandData.of(x, BandData.sigmaLevels(), q)));
        WritableImage img = FxCharts.render(chart, 800, 500);
        BandChart.Frame f = chart.lastFrame();
        BandChart.PanelFrame p = f.panels().get(0);
        int col = (int) Math.floor(ChartAxes.xAt(47, f.xRange(), f.plotLeft(), f.plotRight()));
        PixelReader pr = img.getPixelReader();
        int inner = 0;
        int median = 0;
        for (int y = (int) Math.ceil(p.top()); y < p.bottom(); y++) {
            Shade s = shade(pr.getArgb(col, y), IN);
            inner += s == Shade.INNER ? 1 : 0;
            median += s == Shade.MEDIAN ? 1 : 0;
        }
        assertThat(inner).isGreaterThan(20);
        assertThat(median).isGreaterThan(0);
    }

    // ---- panels ----------------------------------------------------------------------------------------

    @Test
    void bothPanelsAreDrawnInTheirColoursWithTheirTitlesAndOneLegend() throws Exception {
        BandChart chart = chart(new BandChart.Panel("x (input), channel 3", IN, bands(101, i -> 2 + 0.01 * i, -1, -1)),
                new BandChart.Panel("y (output), channel 3", OUT, bands(101, i -> 0, -1, -1)));
        WritableImage img = FxCharts.render(chart, 800, 600);
        BandChart.Frame f = chart.lastFrame();
        assertThat(f.panels()).hasSize(2);
        BandChart.PanelFrame a = f.panels().get(0);
        BandChart.PanelFrame b = f.panels().get(1);
        assertThat(a.bottom()).isLessThan(b.top());
        assertThat(a.bottom() - a.top()).isCloseTo(b.bottom() - b.top(), within(1.0));
        assertThat(a.yRange()[1]).isGreaterThan(b.yRange()[1]); // each its own y axis
        PixelReader pr = img.getPixelReader();
        int col = (int) ((f.plotLeft() + f.plotRight()) / 2) + 3;
        int[] inA = new int[2];
        int[] inB = new int[2];
        for (int y = 0; y < 600; y++) {
            int argb = pr.getArgb(col, y);
            boolean blue = shade(argb, IN) == Shade.INNER;
            boolean red = shade(argb, OUT) == Shade.INNER;
            if (y >= a.top() && y <= a.bottom()) {
                inA[0] += blue ? 1 : 0;
                inA[1] += red ? 1 : 0;
            } else if (y >= b.top() && y <= b.bottom()) {
                inB[0] += blue ? 1 : 0;
                inB[1] += red ? 1 : 0;
            }
        }
        assertThat(inA[0]).isGreaterThan(20);
        assertThat(inA[1]).isZero();
        assertThat(inB[1]).isGreaterThan(20);
        assertThat(inB[0]).isZero();
        List<String> texts = ChartRenderTest.texts(chart);
        assertThat(texts).contains("channel 3", "x (input), channel 3", "y (output), channel 3", "step", "0", "100");
        assertThat(texts.stream().filter(t -> t.equals("min–max")).count()).as("one legend").isEqualTo(1);
        assertThat(texts.stream().filter(t -> t.equals("15.9–84.1 %")).count()).isEqualTo(1);
        assertThat(texts.stream().filter(t -> t.equals("median")).count()).isEqualTo(1);
        ChartRenderTest.assertNothingClippedOrOverlapping(chart, 800, 600);
    }

    @Test
    void aPanelWithoutDataSaysNoSamplesYetAndTheOtherIsStillPlotted() throws Exception {
        BandChart chart = chart(new BandChart.Panel("x (input), channel 3", IN, bands(101, i -> 0, -1, -1)),
                new BandChart.Panel("y (output), channel 3", OUT, null));
        WritableImage img = FxCharts.render(chart, 800, 600);
        BandChart.Frame f = chart.lastFrame();
        assertThat(f.panels().get(0).plotted()).isTrue();
        assertThat(f.panels().get(1).plotted()).isFalse();
        assertThat(ChartRenderTest.texts(chart)).contains("no samples yet", "y (output), channel 3");
        BandChart.PanelFrame b = f.panels().get(1);
        PixelReader pr = img.getPixelReader();
        for (int y = (int) b.top(); y < b.bottom(); y++) {
            for (int x = 0; x < 800; x++) {
                assertThat(shade(pr.getArgb(x, y), OUT)).as("(%d, %d)", x, y).isEqualTo(Shade.NONE);
            }
        }
    }

    @Test
    void withNoDataAnywhereEveryPanelSaysSoAndNothingIsPlotted() throws Exception {
        BandChart all = chart(new BandChart.Panel("x", IN, null),
                new BandChart.Panel("y", OUT, bands(10, i -> 0, 0, 10))); // all NaN
        FxCharts.render(all, 600, 400);
        assertThat(all.lastFrame()).isNull();
        assertThat(ChartRenderTest.texts(all).stream().filter(t -> t.equals("no samples yet")).count()).isEqualTo(2);
        assertThat(ChartRenderTest.texts(all)).doesNotContain("min–max", "step");
        assertThat(FxCharts.onFx(all::plotWidthPixels)).isZero();

        BandChart none = chart();
        FxCharts.render(none, 600, 400);
        assertThat(ChartRenderTest.texts(none)).containsExactly("channel 3", "no samples yet");
    }

    @Test
    void aFixedXRangeKeepsTheBandsInsideThePlot() throws Exception {
        BandChart chart = chart(new BandChart.Panel("x", IN, bands(101, i -> 0, -1, -1)));
        FxCharts.onFx(() -> {
            chart.setXRange(30, 60);
            return null;
        });
        WritableImage img = FxCharts.render(chart, 800, 500);
        BandChart.Frame f = chart.lastFrame();
        assertThat(f.xRange()).containsExactly(30, 60);
        assertThat(chart.xRangeShown()).containsExactly(30, 60);
        BandChart.PanelFrame p = f.panels().get(0);
        PixelReader pr = img.getPixelReader();
        int tinted = 0;
        for (int y = (int) p.top(); y < p.bottom(); y++) {
            for (int x = 0; x < 800; x++) {
                if (shade(pr.getArgb(x, y), IN) != Shade.NONE) {
                    assertThat(x).as("(%d, %d)", x, y).isBetween((int) f.plotLeft() - 1, (int) f.plotRight() + 1);
                    tinted++;
                }
            }
        }
        assertThat(tinted).isGreaterThan(10_000);
    }

    @Test
    void noTextIsClippedOrOverlapsAtAnyScaleWithTheCursorShown() throws Exception {
        for (double scale : new double[] {1, 1.6, 2.5}) {
            for (double[] size : new double[][] {{960, 620}, {520, 340}}) {
                BandChart chart = ChartSampleTest.bands(scale);
                FxCharts.onFx(() -> {
                    chart.setCursorX(260);
                    return null;
                });
                FxCharts.render(chart, size[0], size[1]);
                ChartRenderTest.assertNothingClippedOrOverlapping(chart, size[0], size[1]);
            }
        }
    }

    // ---- interaction and the cursor ---------------------------------------------------------------------

    @Test
    void theCursorCrossesBothPanelsAndPointingInEitherReportsTheSameX() throws Exception {
        BandChart chart = ChartSampleTest.bands(1);
        List<Double> points = new ArrayList<>();
        List<double[]> zooms = new ArrayList<>();
        FxCharts.onFx(() -> {
            chart.setCursorX(250);
            chart.setOnPoint(points::add);
            chart.setOnZoom((a, k) -> zooms.add(new double[] {a, k}));
            return null;
        });
        Stage stage = ChartRenderTest.show(chart, 900, 600);
        try {
            BandChart.Frame f = FxCharts.onFx(chart::lastFrame);
            WritableImage img = FxCharts.snapshot(chart);
            long boundary = Math.round(ChartAxes.xAt(250, f.xRange(), f.plotLeft(), f.plotRight()));
            for (BandChart.PanelFrame p : f.panels()) {
                for (double y : new double[] {p.top() + 40, (p.top() + p.bottom()) / 2, p.bottom() - 2}) {
                    assertThat(XInteractionTest.cursorColumns(img, (int) y, f.plotLeft(), f.plotRight())).as("row %s", y)
                            .containsExactly((int) boundary - 1, (int) boundary);
                }
            }
            assertThat(ChartRenderTest.texts(chart)).contains("step 250");
            double perPx = (f.xRange()[1] - f.xRange()[0]) / (f.plotRight() - f.plotLeft());
            for (BandChart.PanelFrame p : f.panels()) {
                XInteractionTest.fire(chart, XInteractionTest.mouse(MouseEvent.MOUSE_MOVED, boundary, (p.top() + p.bottom()) / 2,
                        MouseButton.NONE, false));
                XInteractionTest.fire(chart, XInteractionTest.scroll(boundary, (p.top() + p.bottom()) / 2, -40));
            }
            assertThat(points).hasSize(2).allSatisfy(x -> assertThat(x).isCloseTo(250, within(perPx)));
            assertThat(zooms).hasSize(2).allSatisfy(z -> assertThat(z[1]).isEqualTo(1.25));
            assertThat(FxCharts.onFx(chart::plotWidthPixels)).isEqualTo(f.plotRight() - f.plotLeft());

            int data = FxCharts.onFx(chart::redrawCount);
            FxCharts.onFx(() -> {
                chart.setCursorX(300);
                return null;
            });
            WritableImage moved = FxCharts.snapshot(chart);
            long b2 = Math.round(ChartAxes.xAt(300, f.xRange(), f.plotLeft(), f.plotRight()));
            BandChart.PanelFrame p0 = f.panels().get(0);
            assertThat(XInteractionTest.cursorColumns(moved, (int) (p0.top() + 40), f.plotLeft(), f.plotRight()))
                    .containsExactly((int) b2 - 1, (int) b2);
            assertThat(FxCharts.onFx(chart::redrawCount)).as("the bands were not drawn again").isEqualTo(data);
        } finally {
            ChartRenderTest.close(stage);
        }
    }

    // ---- labels and opacities ------------------------------------------------------------------------------

    @Test
    void bandLabelsFollowTheLevels() {
        assertThat(BandChart.bandLabel(0, 1)).isEqualTo("min–max");
        assertThat(BandChart.bandLabel(0.159, 0.841)).isEqualTo("15.9–84.1 %");
        assertThat(BandChart.bandLabel(0.25, 0.75)).isEqualTo("25–75 %");
        assertThat(BandChart.levelLabel(0.5)).isEqualTo("median");
        assertThat(BandChart.levelLabel(0.9)).isEqualTo("90 %");
    }

    @Test
    void stackedBandsShowTheirTargetOpacityOverWhite() {
        double[] a = BandChart.layerOpacities(2);
        assertThat(a[0]).isCloseTo(BandChart.OUTER_OPACITY, within(1e-12));
        assertThat(1 - (1 - a[0]) * (1 - a[1])).isCloseTo(BandChart.INNER_OPACITY, within(1e-12));
        double[] three = BandChart.layerOpacities(3);
        double shown = 1 - (1 - three[0]) * (1 - three[1]);
        assertThat(shown).isCloseTo((BandChart.OUTER_OPACITY + BandChart.INNER_OPACITY) / 2, within(1e-12));
        for (double o : three) {
            assertThat(o).isBetween(0.0, 1.0);
        }
    }

    private static double yValue(double py, BandChart.PanelFrame p) {
        double[] yr = p.yRange();
        return yr[0] + (p.bottom() - py) / (p.bottom() - p.top()) * (yr[1] - yr[0]);
    }
}
