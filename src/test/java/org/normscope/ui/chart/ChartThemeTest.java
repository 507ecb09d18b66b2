package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The chart theme: every colour a chart draws comes from it. */
class ChartThemeTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxCharts.startToolkit();
    }

    private static CurveChart chart(ChartTheme theme) throws Exception {
        return FxCharts.onFx(() -> {
            CurveChart c = new CurveChart("running_mean", "step", "running_mean");
            c.chartThemeProperty().set(theme);
            double[] y = {0, 0.3, 0.51, 0.657, 0.76};
            c.setCurves(List.of(Curve.solid("channel 0", theme.channel(0), SeriesData.of(0, 1, y)),
                    Curve.solid("channel 1", theme.channel(1), SeriesData.of(0, 1, new double[] {0, 0.2, 0.3, 0.4, 0.5}))));
            return c;
        });
    }

    @Test
    void aChartDrawnInTheDarkThemeHasTheDarkBackgroundAndLightInk() throws Exception {
        CurveChart chart = chart(ChartTheme.PROJECTOR_DARK);
        WritableImage img = FxCharts.render(chart, 600, 360);
        PixelReader pr = img.getPixelReader();
        // the corners are blank in every chart: the theme's background, not white
        assertThat(ChartRenderTest.near(pr.getArgb(2, 2), ChartTheme.PROJECTOR_DARK.background(), 2)).isTrue();
        assertThat(ChartRenderTest.near(pr.getArgb(597, 357), ChartTheme.PROJECTOR_DARK.background(), 2)).isTrue();
        // no pixel is white background: every light pixel is ink or a curve, and there is some of both
        assertThat(ChartRenderTest.count(img, Color.WHITE)).as("white ink of the texts").isGreaterThan(50);
        assertThat(ChartRenderTest.count(img, ChartTheme.PROJECTOR_DARK.channel(1))).isGreaterThan(50);
    }

    @Test
    void theLightThemeIsTheOneChartsHadBefore() throws Exception {
        CurveChart chart = chart(ChartTheme.LIGHT);
        WritableImage img = FxCharts.render(chart, 600, 360);
        assertThat(ChartRenderTest.near(img.getPixelReader().getArgb(2, 2), Color.WHITE, 0)).isTrue();
        assertThat(ChartTheme.LIGHT.channel(3)).isEqualTo(Palette.channel(3));
    }

    @Test
    void switchingTheThemeRedrawsWithItsBackground() throws Exception {
        CurveChart chart = chart(ChartTheme.LIGHT);
        FxCharts.render(FxCharts.onFx(() -> new javafx.scene.layout.StackPane(chart)), 400, 300);
        FxCharts.onFx(() -> {
            chart.chartThemeProperty().set(ChartTheme.PROJECTOR_DARK);
            return null;
        });
        WritableImage img = FxCharts.render(FxCharts.onFx(() -> new javafx.scene.layout.StackPane(chart)), 400, 300);
        assertThat(ChartRenderTest.near(img.getPixelReader().getArgb(2, 2), ChartTheme.PROJECTOR_DARK.background(), 2))
                .isTrue();
    }

    @Test
    void projectorThemesDrawThickerAndInkHasContrast() {
        for (ChartTheme t : List.of(ChartTheme.PROJECTOR_LIGHT, ChartTheme.PROJECTOR_DARK)) {
            assertThat(t.lineScale()).as(t.name()).isGreaterThanOrEqualTo(1.5);
            assertThat(t.markerScale()).as(t.name()).isGreaterThanOrEqualTo(1.5);
            assertThat(ChartTheme.contrast(t.ink(), t.background())).as(t.name()).isGreaterThan(15);
            assertThat(ChartTheme.contrast(t.muted(), t.background())).as(t.name()).isGreaterThan(7);
            assertThat(ChartTheme.contrast(t.axis(), t.background())).as(t.name()).isGreaterThan(7);
        }
        for (ChartTheme t : ChartTheme.ALL) {
            assertThat(ChartTheme.contrast(t.cursorText(), t.cursor())).as(t.name()).isGreaterThan(7);
        }
    }
}
