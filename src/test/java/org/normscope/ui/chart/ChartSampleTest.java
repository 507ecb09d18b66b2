package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.WritableImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Writes the sample pictures a person looks at (target/chart-sample-*.png): 4 channels of
 * running means with dashed true means, a 64-channel heat map of running_var under two
 * curves, and input/output histograms of 4 channels; plus the same at a larger font scale.
 */
class ChartSampleTest {

    static final Path DIR = Path.of("target");

    @BeforeAll
    static void start() throws Exception {
        FxCharts.startToolkit();
    }

    static CurveChart curves(double fontScale) throws Exception {
        return FxCharts.onFx(() -> {
            CurveChart chart = new CurveChart("running_mean per channel (momentum 0.1)", "training step", "running_mean");
            chart.setFontScale(fontScale);
            chart.setCurves(ChartSamples.runningMeans(4, 300, 1));
            return chart;
        });
    }

    static CurveChart heat(double fontScale) throws Exception {
        return FxCharts.onFx(() -> {
            int steps = 300;
            double[][] v = ChartSamples.runningVars(64, steps, 2);
            double[] x = new double[steps];
            for (int t = 0; t < steps; t++) {
                x[t] = t + 1;
            }
            CurveChart chart = new CurveChart("running_var of 64 channels", "training step", "mean over channels");
            chart.setFontScale(fontScale);
            chart.setHeatMapLabel("running_var");
            chart.setHeatMap(HeatMapData.of(x, v));
            List<Curve> curves = new ArrayList<>();
            curves.add(Curve.dashed("initial value 1", Palette.channel(4), SeriesData.constant(1, steps, 1)));
            curves.add(Curve.solid("mean running_var", Palette.channel(0), SeriesData.of(x, ChartSamples.column(v, 64))));
            chart.setCurves(curves);
            return chart;
        });
    }

    static HistogramChart histograms(int channels, double fontScale) throws Exception {
        return FxCharts.onFx(() -> {
            HistogramChart chart = new HistogramChart();
            chart.setTitle("one batch, train mode");
            chart.setFontScale(fontScale);
            List<List<HistogramData>> h = ChartSamples.histograms(channels, 2000, 3);
            chart.setHistograms(h.get(0), h.get(1));
            return chart;
        });
    }

    /** Input and output quantile bands of channel 3 over 400 steps, with steps 150..179 missing. */
    static BandChart bands(double fontScale) throws Exception {
        return FxCharts.onFx(() -> {
            BandData[] d = ChartSamples.bands(400, 256, 150, 180, 4);
            BandChart chart = new BandChart();
            chart.setTitle("distribution of channel 3 over training");
            chart.setFontScale(fontScale);
            chart.setPanels(List.of(new BandChart.Panel("x (input), channel 3", BandChart.INPUT_COLOR, d[0]),
                    new BandChart.Panel("y (output), channel 3", BandChart.OUTPUT_COLOR, d[1])));
            return chart;
        });
    }

    static <C extends XAxisChart> C cursor(C chart, double x) throws Exception {
        return FxCharts.onFx(() -> {
            chart.setCursorX(x);
            return chart;
        });
    }

    @Test
    void writesTheSamplePictures() throws Exception {
        List<Path> written = new ArrayList<>();
        written.add(write(curves(1), 960, 540, "chart-sample-curves.png"));
        written.add(write(heat(1), 960, 620, "chart-sample-heatmap.png"));
        written.add(write(histograms(4, 1), 960, 560, "chart-sample-histograms.png"));
        written.add(write(curves(1.6), 960, 540, "chart-sample-curves-x1.6.png"));
        written.add(write(heat(1.6), 960, 620, "chart-sample-heatmap-x1.6.png"));
        written.add(write(histograms(8, 1), 1280, 560, "chart-sample-histograms-8.png"));
        written.add(write(histograms(1, 1.6), 960, 620, "chart-sample-histograms-1-x1.6.png"));
        // the worst case of the render tests: a small window at a large font scale
        written.add(write(curves(1.6), 520, 340, "chart-sample-small-curves-x1.6.png"));
        written.add(write(curves(2.5), 520, 340, "chart-sample-small-curves-x2.5.png"));
        written.add(write(heat(2.5), 520, 340, "chart-sample-small-heatmap-x2.5.png"));
        written.add(write(histograms(8, 2.5), 676, 340, "chart-sample-small-histograms-8-x2.5.png"));
        written.add(write(bands(1), 960, 620, "chart-sample-bands.png"));
        written.add(write(bands(2), 960, 620, "chart-sample-bands-x2.png"));
        written.add(write(cursor(curves(1), 187), 960, 540, "chart-sample-curves-cursor.png"));
        written.add(write(cursor(heat(1), 42), 960, 620, "chart-sample-heatmap-cursor.png"));
        written.add(write(cursor(bands(1.6), 180), 960, 620, "chart-sample-bands-cursor-x1.6.png"));
        written.add(write(cursor(bands(1.6), 180), 520, 340, "chart-sample-small-bands-x1.6.png"));
        written.add(writeAllInOne());
        for (Path p : written) {
            assertThat(Files.size(p)).as(p.toString()).isGreaterThan(5_000);
        }
    }

    /** The three sample charts stacked in one picture: target/chart-sample.png. */
    private static Path writeAllInOne() throws Exception {
        CurveChart a = curves(1);
        CurveChart b = heat(1);
        HistogramChart c = histograms(4, 1);
        javafx.scene.layout.VBox box = FxCharts.onFx(() -> {
            a.setPrefHeight(540);
            b.setPrefHeight(620);
            c.setPrefHeight(560);
            javafx.scene.layout.VBox v = new javafx.scene.layout.VBox(a, b, c);
            v.setStyle("-fx-background-color: white;");
            return v;
        });
        WritableImage img = FxCharts.renderOffscreen(box, 960, 1720);
        assertThat(img.getHeight()).isEqualTo(1720);
        Path file = DIR.resolve("chart-sample.png");
        FxCharts.writePng(img, file);
        return file;
    }

    private static Path write(javafx.scene.layout.Region chart, double w, double h, String name) throws Exception {
        WritableImage img = FxCharts.render(chart, w, h);
        assertThat(img.getWidth()).isEqualTo(w);
        Path file = DIR.resolve(name);
        FxCharts.writePng(img, file);
        return file;
    }
}
