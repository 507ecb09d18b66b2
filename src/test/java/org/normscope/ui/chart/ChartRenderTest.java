package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

/** The charts drawn for real, on Monocle's headless platform, and read back pixel by pixel. */
class ChartRenderTest {

    @BeforeAll
    static void start() throws Exception {
        FxCharts.startToolkit();
    }

    // ---- CurveChart ----------------------------------------------------------------------------------

    @Test
    void aCurveIsDrawnInItsColourInsideThePlotOnly() throws Exception {
        Color vermillion = Palette.channel(5);
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart("sine", "x", "y");
            double[] y = new double[200];
            for (int i = 0; i < y.length; i++) {
                y[i] = Math.sin(i / 20.0);
            }
            c.setCurves(List.of(new Curve("sin", vermillion, SeriesData.of(0, 1, y), LineStyle.SOLID, 4, true)));
            return c;
        });
        WritableImage img = FxCharts.render(chart, 600, 400);
        CurveChart.Frame f = chart.lastFrame();
        assertThat(f).isNotNull();
        assertThat(f.xRange()).containsExactly(0, 199);
        // y: [-1, 1] padded by 5% (the sine reaches ±0.99999...)
        assertThat(f.yRange()[0]).isBetween(-1.1, -1.09);
        assertThat(f.yRange()[1]).isBetween(1.09, 1.1);
        int inPlot = 0;
        int elsewhere = 0;
        PixelReader pr = img.getPixelReader();
        for (int y = 0; y < 400; y++) {
            for (int x = 0; x < 600; x++) {
                if (near(pr.getArgb(x, y), vermillion, 2)) {
                    boolean plot = x >= f.plotLeft() && x <= f.plotRight() && y >= f.curveTop() && y <= f.curveBottom();
                    if (plot) {
                        inPlot++;
                    } else if (y >= f.curveTop()) {
                        elsewhere++; // the legend sample is above the plot; nothing else may be this colour
                    }
                }
            }
        }
        assertThat(inPlot).as("curve pixels").isGreaterThan(600);
        assertThat(elsewhere).as("curve pixels outside the plot").isZero();
        assertThat(texts(chart)).contains("sine", "sin", "x", "y", "0", "100");
    }

    @Test
    void manyPointsAreDrawnAsAnEnvelopeAndAGapStaysEmpty() throws Exception {
        Color blue = Palette.channel(0);
        int n = 300_000;
        CurveChart chart = FxCharts.onFx(() -> {
            Random rnd = new Random(5);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = i >= n / 3 && i < 2 * n / 3 ? Double.NaN : rnd.nextGaussian();
            }
            CurveChart c = new CurveChart();
            c.setCurves(List.of(new Curve("", blue, SeriesData.of(0, 1, y), LineStyle.SOLID, 2, true)));
            return c;
        });
        long t0 = System.nanoTime();
        WritableImage img = FxCharts.render(chart, 800, 400);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        CurveChart.Frame f = chart.lastFrame();
        int[] perThird = new int[3];
        PixelReader pr = img.getPixelReader();
        double w = f.plotRight() - f.plotLeft();
        for (int y = (int) f.curveTop(); y < f.curveBottom(); y++) {
            for (int x = (int) Math.ceil(f.plotLeft()); x < f.plotRight(); x++) {
                if (near(pr.getArgb(x, y), blue, 2)) {
                    double u = (x - f.plotLeft()) / w;
                    // leave a few pixels at the edges of the gap for the line width
                    if (u < 0.33) {
                        perThird[0]++;
                    } else if (u > 0.34 && u < 0.66) {
                        perThird[1]++;
                    } else if (u > 0.67) {
                        perThird[2]++;
                    }
                }
            }
        }
        assertThat(perThird[0]).isGreaterThan(5000);
        assertThat(perThird[1]).as("pixels in the NaN gap").isZero();
        assertThat(perThird[2]).isGreaterThan(5000);
        assertThat(ms).as("show, draw and snapshot 300k points").isLessThan(5000);
    }

    @Test
    void sixtyFourCurvesOfTwentyThousandPointsAreRecordedQuickly() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            Random rnd = new Random(9);
            List<Curve> curves = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                double[] y = new double[20_000];
                double v = 0;
                for (int i = 0; i < y.length; i++) {
                    v += rnd.nextGaussian();
                    y[i] = v;
                }
                curves.add(new Curve("c" + c, Palette.channel(c), SeriesData.of(0, 1, y), LineStyle.SOLID, 1.5, false));
            }
            CurveChart cc = new CurveChart("64 × 20k", "step", "value");
            cc.setCurves(curves);
            return cc;
        });
        Stage stage = show(chart, 1000, 600);
        try {
            waitForRedraws(chart, 1);
            long best = Long.MAX_VALUE;
            for (int k = 0; k < 10; k++) {
                best = Math.min(best, FxCharts.onFx(() -> {
                    long t0 = System.nanoTime();
                    chart.refresh();
                    chart.layout(); // redraws now, on this thread
                    return System.nanoTime() - t0;
                }));
            }
            System.out.printf("CurveChart: 64 curves × 20,000 points redrawn in %.1f ms%n", best / 1e6);
            assertThat(best / 1e6).as("ms per redraw").isLessThan(400);
            assertThat(FxCharts.onFx(chart::redrawCount)).isGreaterThanOrEqualTo(11);
        } finally {
            close(stage);
        }
    }

    @Test
    void heatMapRowsAreBandsOfViridis() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart("heat", "step", "");
            double[] x = {1, 2, 3, 4};
            c.setHeatMap(HeatMapData.of(x, new double[][] {{0, 0, 0, 0}, {5, 5, 5, 5}, {10, 10, 10, Double.NaN}}));
            c.setHeatMapLabel("value");
            return c;
        });
        WritableImage img = FxCharts.render(chart, 600, 400);
        CurveChart.Frame f = chart.lastFrame();
        assertThat(f.curveTop()).as("no curves: no curve plot").isNaN();
        double band = (f.heatBottom() - f.heatTop()) / 3;
        PixelReader pr = img.getPixelReader();
        int x = (int) ((f.plotLeft() + f.plotRight()) / 2) - 10;
        assertThat(pr.getArgb(x, (int) (f.heatTop() + band / 2))).isEqualTo(Palette.heatArgb(0));
        assertThat(pr.getArgb(x, (int) (f.heatTop() + 1.5 * band))).isEqualTo(Palette.heatArgb(0.5));
        assertThat(pr.getArgb(x, (int) (f.heatTop() + 2.5 * band))).isEqualTo(Palette.heatArgb(1));
        // the NaN cell (column 4 of row 2) is grey
        int xLast = (int) (f.plotRight() - (f.plotRight() - f.plotLeft()) / 8);
        assertThat(pr.getArgb(xLast, (int) (f.heatTop() + 2.5 * band))).isEqualTo(Palette.heatArgb(Double.NaN));
        // x covers the cells: 0.5 .. 4.5; row labels, colour bar labels and titles are there
        assertThat(f.xRange()).containsExactly(0.5, 4.5);
        assertThat(texts(chart)).contains("0", "1", "2", "channel", "value", "step", "10");
    }

    @Test
    void withNothingToDrawItSaysSo() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart("empty", "x", "y");
            c.setCurves(List.of(Curve.solid("all NaN", Palette.channel(1), SeriesData.of(0, 1, new double[] {Double.NaN}))));
            return c;
        });
        WritableImage img = FxCharts.render(chart, 500, 300);
        assertThat(texts(chart)).contains("no data yet", "empty", "all NaN");
        assertThat(chart.lastFrame()).isNull();
        // only the legend's line sample has colour: nothing below the legend strip
        double legendBottom = chart.drawnText().stream().filter(t -> t.text().equals("all NaN"))
                .mapToDouble(t -> t.y() + t.h()).max().orElseThrow();
        PixelReader pr = img.getPixelReader();
        for (int y = (int) legendBottom + 1; y < 300; y++) {
            for (int x = 0; x < 500; x++) {
                int argb = pr.getArgb(x, y);
                int r = (argb >> 16) & 0xFF;
                int g = (argb >> 8) & 0xFF;
                int b = argb & 0xFF;
                assertThat(Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b))).as("(%d, %d) grey", x, y)
                        .isLessThan(12);
            }
        }
    }

    @Test
    void aSnapshotRightAfterAChangeShowsTheChange() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart();
            c.setCurves(List.of(Curve.solid("a", Palette.channel(0), SeriesData.of(0, 1, new double[] {0, 1, 0}))));
            return c;
        });
        Stage stage = show(chart, 400, 300);
        try {
            WritableImage img = FxCharts.onFx(() -> {
                chart.setCurves(List.of(new Curve("b", Palette.channel(2), SeriesData.of(0, 1, new double[] {0, 1, 0}),
                        LineStyle.SOLID, 4, true)));
                return chart.snapshot(null, null); // no pulse in between
            });
            assertThat(count(img, Palette.channel(2))).isGreaterThan(200);
            assertThat(count(img, Palette.channel(0))).isZero();
        } finally {
            close(stage);
        }
    }

    @Test
    void changesInOneEventAreDrawnOnceInTheNextPulse() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart();
            c.setCurves(ChartSamples.runningMeans(2, 50, 1));
            return c;
        });
        Stage stage = show(chart, 400, 300);
        try {
            int before = settledRedrawCount(chart);
            FxCharts.onFx(() -> {
                for (int i = 0; i < 5; i++) {
                    chart.setCurves(ChartSamples.runningMeans(3, 60 + i, i));
                }
                chart.setTitle("five changes");
                chart.setFontScale(1.2);
                chart.setXLabel("step");
                return null;
            });
            waitForRedraws(chart, before + 1);
            FxCharts.pulses(18); // more pulses pass: nothing left to draw
            assertThat(FxCharts.onFx(chart::redrawCount)).isEqualTo(before + 1);
            assertThat(texts(chart)).contains("five changes", "step");
        } finally {
            close(stage);
        }
    }

    @Test
    void newValuesUnderTheSameAxesLeaveTheCanvasAsItIsAndChangeTheImages() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart("level", "step", "value");
            c.setXRange(0, 99);
            c.setYRange(-1, 1);
            c.setCurves(List.of(Curve.solid("a", Palette.channel(0), SeriesData.of(0, 1, constant(100, 0.8)))));
            c.setHeatMap(heat(4, 100, 0));
            return c;
        });
        Stage stage = show(chart, 600, 420);
        try {
            int drawn = settledRedrawCount(chart);
            int inked = FxCharts.onFx(chart::inkRedrawCount);
            CurveChart.Frame f = FxCharts.onFx(chart::lastFrame);
            int x = (int) ((f.plotLeft() + f.plotRight()) / 2);
            int high = (int) Math.round(ChartAxes.yAt(0.8, f.yRange(), f.curveTop(), f.curveBottom()));
            int low = (int) Math.round(ChartAxes.yAt(-0.8, f.yRange(), f.curveTop(), f.curveBottom()));
            assertThat(near(FxCharts.snapshot(chart).getPixelReader().getArgb(x, high), Palette.channel(0), 2)).isTrue();
            FxCharts.onFx(() -> {
                chart.setCurves(List.of(Curve.solid("a", Palette.channel(0), SeriesData.of(0, 1, constant(100, -0.8)))));
                chart.setHeatMap(heat(4, 100, 1));
                return null;
            });
            waitForRedraws(chart, drawn + 1);
            WritableImage after = FxCharts.snapshot(chart);
            assertThat(near(after.getPixelReader().getArgb(x, low), Palette.channel(0), 2)).as("the new curve").isTrue();
            assertThat(near(after.getPixelReader().getArgb(x, high), Palette.channel(0), 2)).as("the old one").isFalse();
            assertThat(FxCharts.onFx(chart::inkRedrawCount)).as("canvas drawn again").isEqualTo(inked);
            assertThat(texts(chart)).contains("level", "a", "value", "step");
        } finally {
            close(stage);
        }
    }

    @Test
    void drawingNewDataAsksNoParentForALayout() throws Exception {
        // a layout asked for inside the layout pass can be lost, and with it every later request of
        // the branch: the window's histograms stayed undrawn after the first step once (the image
        // layers were moved with relocate)
        int[] asked = {0};
        CurveChart chart = FxCharts.onFx(() -> new CurveChart("t", "step", "v"));
        javafx.scene.layout.StackPane parent = FxCharts.onFx(() -> new javafx.scene.layout.StackPane(chart) {
            @Override
            public void requestLayout() {
                asked[0]++;
                super.requestLayout();
            }
        });
        Stage stage = show(parent, 600, 420);
        try {
            int drawn = settledRedrawCount(chart);
            int before = FxCharts.onFx(() -> asked[0]);
            for (int n = 40; n <= 120; n += 40) {
                int steps = n;
                int was = FxCharts.onFx(chart::redrawCount);
                FxCharts.onFx(() -> {
                    following(chart, steps);
                    return null;
                });
                waitForRedraws(chart, was + 1);
            }
            assertThat(FxCharts.onFx(chart::redrawCount)).isGreaterThan(drawn);
            assertThat(FxCharts.onFx(() -> asked[0]) - before).as("layouts asked of the parent").isZero();
        } finally {
            close(stage);
        }
    }

    @Test
    void aChartRedrawnStepByStepLooksLikeOneDrawnAtOnce() throws Exception {
        // following the newest steps: the x range grows, the values move, the title changes once;
        // a chart that skipped drawing its unchanged canvas must end as a fresh one shows it
        CurveChart stepped = FxCharts.onFx(() -> new CurveChart("t", "step", "running_mean"));
        Stage stage = show(stepped, 640, 460);
        try {
            int inked = FxCharts.onFx(stepped::inkRedrawCount);
            int changes = 0;
            for (int n = 40; n <= 400; n += 40) {
                int steps = n;
                int drawn = FxCharts.onFx(stepped::redrawCount);
                FxCharts.onFx(() -> {
                    following(stepped, steps);
                    if (steps == 200) {
                        stepped.setTitle("running_mean, every channel");
                    }
                    return null;
                });
                waitForRedraws(stepped, drawn + 1);
                changes++;
            }
            WritableImage got = FxCharts.snapshot(stepped);
            CurveChart fresh = FxCharts.onFx(() -> {
                CurveChart c = new CurveChart("running_mean, every channel", "step", "running_mean");
                following(c, 400);
                return c;
            });
            WritableImage want = FxCharts.render(fresh, 640, 460);
            assertThat(FxCharts.onFx(stepped::inkRedrawCount) - inked).as("canvas redraws").isLessThan(changes);
            int differ = 0;
            for (int y = 0; y < 460; y++) {
                for (int x = 0; x < 640; x++) {
                    if (got.getPixelReader().getArgb(x, y) != want.getPixelReader().getArgb(x, y)) {
                        differ++;
                    }
                }
            }
            assertThat(differ).as("pixels that differ").isZero();
            assertThat(texts(stepped)).containsExactlyInAnyOrderElementsOf(texts(fresh));
        } finally {
            close(stage);
        }
    }

    /**
     * Steps 1..n of two converging curves and a heat map of 8 channels, the x range all of them
     * and a fixed y range: from n = 80 on, only the values and the x axis change.
     */
    private static void following(CurveChart c, int n) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1 - Math.exp(-i / 30.0);
            b[i] = -0.5 * (1 - Math.exp(-i / 50.0));
        }
        c.setCurves(List.of(Curve.solid("channel 0", Palette.channel(0), SeriesData.of(1, 1, a)),
                Curve.solid("channel 1", Palette.channel(1), SeriesData.of(1, 1, b))));
        c.setHeatMap(heat(8, n, 0));
        c.setXRange(0.5, n + 0.5);
        c.setYRange(-1, 1.2);
    }

    /** {@code rows} channels over steps 1..columns, channel r's value (r + shift) mod rows plus a slow wave. */
    private static HeatMapData heat(int rows, int columns, int shift) {
        double[] x = new double[columns];
        double[][] v = new double[rows][columns];
        for (int i = 0; i < columns; i++) {
            x[i] = i + 1;
            for (int r = 0; r < rows; r++) {
                v[r][i] = (r + shift) % rows + Math.sin(i / 10.0); // the same range for every whole shift
            }
        }
        return HeatMapData.of(x, v);
    }

    private static double[] constant(int n, double v) {
        double[] y = new double[n];
        java.util.Arrays.fill(y, v);
        return y;
    }

    @Test
    void histogramsEqualToTheOnesShownAreNotDrawnAgain() throws Exception {
        Color c = Palette.channel(0);
        java.util.function.Supplier<List<HistogramData>> same = () -> List.of(
                HistogramData.of("channel 0", c, new double[] {1, 2, 2, 3}, 10, null));
        HistogramChart chart = FxCharts.onFx(() -> {
            HistogramChart h = new HistogramChart();
            h.setHistograms(same.get(), same.get());
            return h;
        });
        Stage stage = show(chart, 400, 300);
        try {
            int before = settledRedrawCount(chart);
            FxCharts.onFx(() -> {
                chart.setHistograms(same.get(), same.get()); // new objects, the same counts
                return null;
            });
            FxCharts.pulses(18);
            assertThat(FxCharts.onFx(chart::redrawCount)).isEqualTo(before);
            FxCharts.onFx(() -> {
                chart.setHistograms(same.get(), List.of(HistogramData.of("channel 0", c, new double[] {1, 2, 2, 4}, 10,
                        null)));
                return null;
            });
            waitForRedraws(chart, before + 1);
        } finally {
            close(stage);
        }
    }

    @Test
    void theLegendIsCutDownToTheMarkedCurvesWhenLong() throws Exception {
        List<CurveChart.LegendEntry> entries = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart();
            List<Curve> curves = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                curves.add(new Curve("c" + i, Palette.channel(i), SeriesData.constant(0, 1, i), LineStyle.SOLID, 2, i % 3 == 0));
            }
            c.setCurves(curves);
            return c.legendEntries();
        });
        assertThat(entries).extracting(CurveChart.LegendEntry::label).containsExactly("c0", "c3", "c6", "c9");

        List<CurveChart.LegendEntry> short_ = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart();
            Curve a = Curve.solid("mean", Palette.channel(0), SeriesData.constant(0, 1, 0));
            c.setCurves(List.of(a, a, Curve.dashed("ref", Palette.channel(0), SeriesData.constant(0, 1, 1)),
                    Curve.solid(" ", Palette.channel(1), SeriesData.constant(0, 1, 2))));
            return c.legendEntries();
        });
        assertThat(short_).extracting(CurveChart.LegendEntry::label).containsExactly("mean", "ref");
        assertThat(short_.get(1).style()).isEqualTo(LineStyle.DASHED);
    }

    @Test
    void aLegendTooLongForThreeRowsEndsWithHowManyMore() throws Exception {
        CurveChart chart = FxCharts.onFx(() -> {
            CurveChart c = new CurveChart();
            List<Curve> curves = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                curves.add(Curve.solid("running_mean[" + i + "]", Palette.channel(i), SeriesData.constant(0, 1, i)));
            }
            c.setCurves(curves);
            return c;
        });
        FxCharts.render(chart, 600, 400);
        CurveChart.Frame f = chart.lastFrame();
        assertThat(f.legendRows()).isEqualTo(CurveChart.MAX_LEGEND_ROWS);
        assertThat(f.legendEntries()).isBetween(3, 39);
        assertThat(texts(chart)).contains("+" + (40 - f.legendEntries()) + " more");
        assertNothingClippedOrOverlapping(chart, 600, 400);
    }

    // ---- text: never clipped, never overlapping, scaled ------------------------------------------------

    @Test
    void noTextIsClippedOrOverlapsInTheSampleChartsAtAnyScale() throws Exception {
        for (double scale : new double[] {1, 1.6, 2.5}) {
            for (double[] size : new double[][] {{960, 540}, {520, 340}}) {
                CurveChart curves = ChartSampleTest.curves(scale);
                FxCharts.render(curves, size[0], size[1]);
                assertNothingClippedOrOverlapping(curves, size[0], size[1]);

                CurveChart heat = ChartSampleTest.heat(scale);
                FxCharts.render(heat, size[0], size[1]);
                assertNothingClippedOrOverlapping(heat, size[0], size[1]);

                for (int channels : new int[] {1, 4, 8}) {
                    HistogramChart h = ChartSampleTest.histograms(channels, scale);
                    FxCharts.render(h, size[0] * 1.3, size[1]);
                    assertNothingClippedOrOverlapping(h, size[0] * 1.3, size[1]);
                }
            }
        }
    }

    @Test
    void fontsAreLargeAndGrowWithTheFontScale() throws Exception {
        CurveChart small = ChartSampleTest.curves(1);
        FxCharts.render(small, 960, 540);
        CurveChart big = ChartSampleTest.curves(2);
        FxCharts.render(big, 960, 540);
        double tick1 = heightOf(small, "100");
        double tick2 = heightOf(big, "100");
        // a 14 px font has a line about 17-19 px high
        assertThat(tick1).isGreaterThanOrEqualTo(16);
        assertThat(tick2 / tick1).isBetween(1.8, 2.2);
        assertThat(heightOf(small, "training step")).isGreaterThan(tick1);
        assertThat(heightOf(small, "running_mean per channel (momentum 0.1)")).isGreaterThan(heightOf(small, "training step"));
    }

    // ---- HistogramChart ------------------------------------------------------------------------------

    @Test
    void histogramBarsAreTheChannelColourAtSeventyPercent() throws Exception {
        HistogramChart chart = ChartSampleTest.histograms(2, 1);
        WritableImage img = FxCharts.render(chart, 800, 500);
        List<double[]> cells = chart.cellPlots();
        assertThat(cells).hasSize(4); // 2 channels × (input, output)
        for (int c = 0; c < 2; c++) {
            Color fill = overWhite(Palette.channel(c), HistogramChart.FILL_OPACITY);
            for (double[] cell : List.of(cells.get(c), cells.get(2 + c))) {
                int hits = 0;
                PixelReader pr = img.getPixelReader();
                for (int y = (int) cell[1]; y < cell[1] + cell[3]; y++) {
                    for (int x = (int) cell[0]; x < cell[0] + cell[2]; x++) {
                        if (near(pr.getArgb(x, y), fill, 3)) {
                            hits++;
                        }
                    }
                }
                // a bell curve fills roughly a third of its box
                assertThat(hits).as("channel %d", c).isGreaterThan((int) (cell[2] * cell[3] * 0.15));
            }
        }
        assertThat(texts(chart)).contains("input x", "output y = BN(x)", "channel 0", "channel 1", "mean", "0");
    }

    @Test
    void aShortHistogramChartKeepsItsBarsAndDropsItsTickLabels() throws Exception {
        HistogramChart chart = ChartSampleTest.histograms(4, 1);
        chart.setTitle(""); // as in the window, where the chooser above names what is shown
        FxCharts.render(chart, 352, 163); // the right column at 1280×800 with a banner open
        List<double[]> cells = chart.cellPlots();
        assertThat(cells).hasSize(8);
        for (double[] cell : cells) {
            assertThat(cell[3]).as("a plot's height").isGreaterThanOrEqualTo(8);
        }
        // the row and cell titles alone: no tick label
        assertThat(texts(chart)).containsExactly("input x", "0", "1", "2", "3", "output y = BN(x)", "0", "1", "2", "3");
        HistogramChart tall = ChartSampleTest.histograms(4, 1);
        tall.setTitle("");
        FxCharts.render(tall, 352, 260);
        assertThat(texts(tall).size()).as("the tick labels are back").isGreaterThan(texts(chart).size() + 8);
    }

    @Test
    void aYTitleThatWouldBeCutIsLeftOutWhenTheChartsTitleNamesTheQuantity() throws Exception {
        java.util.concurrent.Callable<CurveChart> make = () -> {
            CurveChart c = new CurveChart("running_mean per channel", "step", "running_mean");
            c.setCurves(ChartSamples.runningMeans(1, 50, 3));
            return c;
        };
        CurveChart small = FxCharts.onFx(make);
        FxCharts.render(small, 600, 140); // a plot too short for "running_mean" along it
        assertThat(texts(small)).noneMatch(t -> t.startsWith("runn") && t.endsWith("\u2026"))
                .doesNotContain("running_mean");
        CurveChart tall = FxCharts.onFx(make);
        FxCharts.render(tall, 600, 420);
        assertThat(texts(tall)).contains("running_mean");
    }

    @Test
    void aClickOnABarTellsItsCellRowAndValueRangeAndAClickBesideTheBarsTellsNothing() throws Exception {
        HistogramChart chart = ChartSampleTest.histograms(2, 1);
        FxCharts.render(chart, 800, 500);
        List<double[]> cells = chart.cellPlots();
        List<String> picked = new java.util.ArrayList<>();
        chart.setOnBarPicked((cell, output, lo, hi) -> picked.add(cell + (output ? " y " : " x ") + lo + ".." + hi));
        HistogramData second = chart.getOutputs().get(1);
        double[] plot = cells.get(3); // the output row's second cell
        // the tallest bar of a bell curve is near the middle of its range: click the bottom of the plot there
        int tallest = 0;
        for (int b = 1; b < second.counts().length; b++) {
            if (second.counts()[b] > second.counts()[tallest]) {
                tallest = b;
            }
        }
        double binW = (second.hi() - second.lo()) / second.counts().length;
        double value = second.lo() + (tallest + 0.5) * binW;
        FxCharts.onFx(() -> {
            double[] nice = NiceTicks.range(second.lo(), second.hi()); // as the chart lays a cell out
            double[] range = NiceTicks.padded(nice[0], nice[1], 0.04);
            double x = plot[0] + (value - range[0]) / (range[1] - range[0]) * plot[2];
            chart.pickBar(x, plot[1] + plot[3] - 2);
            chart.pickBar(plot[0] - 5, plot[1] + 2); // left of every plot
            return null;
        });
        assertThat(picked).hasSize(1);
        String[] parts = picked.get(0).split(" ");
        assertThat(parts[0] + parts[1]).isEqualTo("1y");
        String[] range = parts[2].split("\\.\\.");
        assertThat(Double.parseDouble(range[0])).isCloseTo(second.lo() + tallest * binW, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(Double.parseDouble(range[1])).isCloseTo(second.lo() + (tallest + 1) * binW, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aConstantChannelIsOneNarrowBarAtItsValue() throws Exception {
        HistogramChart chart = FxCharts.onFx(() -> {
            HistogramChart h = new HistogramChart();
            Color c = Palette.channel(0);
            h.setHistograms(List.of(HistogramData.of("channel 0", c, new double[] {3, 3, 3, 3}, 20, null)),
                    List.of(HistogramData.of("channel 0", c, new double[] {0, 0, 0, 0}, 20,
                            List.of(new HistogramData.Marker(0, "mean", LineStyle.DASHED)))));
            return h;
        });
        WritableImage img = FxCharts.render(chart, 500, 400);
        List<double[]> cells = chart.cellPlots();
        assertThat(cells).hasSize(2);
        Color fill = overWhite(Palette.channel(0), HistogramChart.FILL_OPACITY);
        for (double[] cell : cells) {
            int minX = Integer.MAX_VALUE;
            int maxX = Integer.MIN_VALUE;
            PixelReader pr = img.getPixelReader();
            for (int y = (int) cell[1]; y < cell[1] + cell[3]; y++) {
                for (int x = (int) cell[0]; x < cell[0] + cell[2]; x++) {
                    if (near(pr.getArgb(x, y), fill, 3)) {
                        minX = Math.min(minX, x);
                        maxX = Math.max(maxX, x);
                    }
                }
            }
            double centre = cell[0] + cell[2] / 2; // the range is centred on the value
            assertThat((minX + maxX) / 2.0).isCloseTo(centre, org.assertj.core.api.Assertions.within(3.0));
            assertThat(maxX - minX).isBetween(3, (int) (cell[2] * 0.1));
        }
        assertThat(texts(chart)).contains("3", "0", "mean");
    }

    @Test
    void anEmptyHistogramChartSaysSo() throws Exception {
        HistogramChart chart = FxCharts.onFx(HistogramChart::new);
        FxCharts.render(chart, 400, 300);
        assertThat(texts(chart)).containsExactly("no data yet");
        assertThat(chart.cellPlots()).isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------

    static void assertNothingClippedOrOverlapping(CanvasChart chart, double w, double h) throws Exception {
        List<CanvasChart.TextBox> boxes = FxCharts.onFx(chart::drawnText);
        assertThat(boxes).isNotEmpty();
        for (CanvasChart.TextBox b : boxes) {
            assertThat(b.inside(w, h)).as("%s inside %s × %s", b, w, h).isTrue();
            if (chart.getFontScale() <= 1.6 && w >= 960) {
                // in a 960 px window up to scale 1.6 nothing had to be cut (in a small one, long titles are)
                assertThat(b.text()).as("%s at scale %s, %s × %s", b, chart.getFontScale(), w, h).doesNotContain("…");
            }
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                assertThat(boxes.get(i).overlaps(boxes.get(j))).as("%s overlaps %s (scale %s, %s × %s)", boxes.get(i),
                        boxes.get(j), chart.getFontScale(), w, h).isFalse();
            }
        }
    }

    static List<String> texts(CanvasChart chart) throws Exception {
        return FxCharts.onFx(() -> chart.drawnText().stream().map(CanvasChart.TextBox::text).toList());
    }

    static double heightOf(CanvasChart chart, String text) throws Exception {
        return FxCharts.onFx(() -> chart.drawnText().stream().filter(t -> t.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("no text " + text)).h());
    }

    static boolean near(int argb, Color c, int tolerance) {
        int r = (argb >> 16) & 0xFF;
        int g = (argb >> 8) & 0xFF;
        int b = argb & 0xFF;
        return Math.abs(r - (int) Math.round(c.getRed() * 255)) <= tolerance
                && Math.abs(g - (int) Math.round(c.getGreen() * 255)) <= tolerance
                && Math.abs(b - (int) Math.round(c.getBlue() * 255)) <= tolerance;
    }

    static int count(WritableImage img, Color c) {
        int n = 0;
        PixelReader pr = img.getPixelReader();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (near(pr.getArgb(x, y), c, 2)) {
                    n++;
                }
            }
        }
        return n;
    }

    static Color overWhite(Color c, double alpha) {
        return Color.color(alpha * c.getRed() + 1 - alpha, alpha * c.getGreen() + 1 - alpha, alpha * c.getBlue() + 1 - alpha);
    }

    static Stage show(Region chart, double w, double h) throws Exception {
        Stage stage = FxCharts.onFx(() -> {
            Stage st = new Stage();
            st.setScene(new Scene(chart, w, h));
            st.show();
            return st;
        });
        WaitForAsyncUtils.waitForFxEvents();
        return stage;
    }

    static void close(Stage stage) throws Exception {
        FxCharts.onFx(() -> {
            stage.close();
            return null;
        });
    }

    /** Waits until a shown chart has drawn and settled, and gives how many times it has drawn. */
    static int settledRedrawCount(CanvasChart chart) throws Exception {
        waitForRedraws(chart, 1);
        FxCharts.pulses(12);
        return FxCharts.onFx(chart::redrawCount);
    }

    static void waitForRedraws(CanvasChart chart, int atLeast) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                    () -> FxCharts.onFx(chart::redrawCount) >= atLeast);
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion below says what was drawn
        }
        assertThat(FxCharts.onFx(chart::redrawCount)).isGreaterThanOrEqualTo(atLeast);
    }
}
