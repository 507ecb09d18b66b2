package org.normscope.ui.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.normscope.ui.view.WindowDriver.fx;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.chart.CanvasChart;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.Speed;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Playing flat out, the charts share the frames: no frame draws more than one chart group,
 * a frame that draws one is followed by one that draws none, and every group keeps being
 * drawn; the history is read for them on a thread of its own.
 */
@ExtendWith(ApplicationExtension.class)
class FlatOutFramesTest {

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private MainViewModel model;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        model = new MainViewModel(PresetLibrary.builtIn());
        model.load(PresetLibrary.find("many-channels"));
        window = WindowDriver.show(stage, model);
        model.setErrorHandler(errors::add);
    }

    @AfterEach
    void closeModel() {
        model.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }

    @Test
    void noFrameDrawsTwoChartGroupsOrTwoInARow() throws Exception {
        int frames = 240;
        int[][] counts = new int[frames][];
        CountDownLatch done = new CountDownLatch(1);
        // the window settled first: a change of size redraws every chart at once, as it must
        WindowDriver.waitUntil("the first snapshot is shown", () -> model.snapshotProperty().get() != null);
        WindowDriver.waitFrames(60); // about a second of frames
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        long readerCpuBefore = chartReaderCpuNanos();
        fx(() -> {
            model.speedProperty().set(Speed.CHOICES.get(Speed.CHOICES.size() - 1));
            model.play();
            return null;
        });
        // playing steadily: starting to play may change sizes once (the toolbar, the time bar)
        WindowDriver.waitFrames(60);
        fx(() -> {
            List<CanvasChart> charts = List.of((CanvasChart) window.meanChart(), (CanvasChart) window.varChart(),
                    (CanvasChart) window.histograms());
            new AnimationTimer() {
                private int i;

                @Override
                public void handle(long now) {
                    // what the charts have drawn so far, up to the previous pulse's layout
                    counts[i++] = charts.stream().mapToInt(CanvasChart::redrawCount).toArray();
                    if (i == frames) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
            return null;
        });
        assertThat(done.await(60, TimeUnit.SECONDS)).as("%d frames", frames).isTrue();
        fx(() -> {
            model.pause();
            return null;
        });
        int[] drawnPerFrame = new int[frames - 1];
        for (int i = 1; i < frames; i++) {
            for (int c = 0; c < counts[i].length; c++) {
                drawnPerFrame[i - 1] += counts[i][c] - counts[i - 1][c];
            }
        }
        for (int i = 0; i < drawnPerFrame.length; i++) {
            assertThat(drawnPerFrame[i]).as("charts drawn in frame %d", i).isLessThanOrEqualTo(1);
            if (i > 0) {
                assertThat(drawnPerFrame[i - 1] + drawnPerFrame[i]).as("charts drawn in frames %d and %d", i - 1, i)
                        .isLessThanOrEqualTo(1);
            }
        }
        // about 4 s of playing, a snapshot every 200 ms: both charts keep up
        assertThat(counts[frames - 1][0] - counts[0][0]).as("running_mean redraws").isGreaterThanOrEqualTo(8);
        assertThat(counts[frames - 1][1] - counts[0][1]).as("running_var redraws").isGreaterThanOrEqualTo(8);
        assertThat(counts[frames - 1][2] - counts[0][2]).as("histogram redraws (a new batch each step)")
                .isGreaterThanOrEqualTo(8);
        // the history was read for the charts off the FX thread, by this run: the reader thread (shared by
        // every window in this JVM, so it may be older than this test) worked while this window played
        assertThat(chartReaderCpuNanos()).as("CPU time of normscope-chart-reader while playing")
                .isGreaterThan(readerCpuBefore);
    }

    /** The CPU time the chart reader thread has used so far, 0 if it does not exist yet. */
    private static long chartReaderCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("normscope-chart-reader")) {
                return Math.max(0, mx.getThreadCpuTime(t.getId()));
            }
        }
        return 0;
    }
}
