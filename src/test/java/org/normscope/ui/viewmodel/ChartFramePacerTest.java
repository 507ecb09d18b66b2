package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The frames the chart groups share, run on a manual executor: one group a frame, and playing
 * flat out the reading in one frame and the drawing in a later one, with a frame between two
 * that draw; the frame never waits for a reading.
 */
class ChartFramePacerTest {

    /** Runs what it is given only when told to. */
    private static final class ManualExecutor implements Executor {
        final Queue<Runnable> queue = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            queue.add(r);
        }

        void runAll() {
            while (!queue.isEmpty()) {
                queue.remove().run();
            }
        }
    }

    private final ManualExecutor reader = new ManualExecutor();
    /** "read 0", "draw 0", "heavy", … in the order they happened. */
    private final List<String> log = new ArrayList<>();
    private final List<String> readOn = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.CountDownLatch firstRead = new java.util.concurrent.CountDownLatch(1);
    private boolean failing;
    private final ChartFramePacer pacer = new ChartFramePacer(3, reader, this::reading);

    private Supplier<Runnable> reading(int group) {
        return () -> {
            readOn.add(Thread.currentThread().getName());
            firstRead.countDown();
            log.add("read " + group);
            if (failing) {
                failing = false;
                throw new IllegalStateException("reading failed");
            }
            return () -> log.add("draw " + group);
        };
    }

    private void frame() {
        pacer.frame(() -> log.add("heavy"));
    }

    private List<String> frameLog() {
        List<String> out = new ArrayList<>(log);
        log.clear();
        return out;
    }

    @Test
    void nothingIsDrawnBeforeTheFirstSnapshot() {
        frame();
        assertThat(frameLog()).isEmpty();
        assertThat(reader.queue).isEmpty();
    }

    @Test
    void aSnapshotIsDrawnOneGroupAFrameInTurnOnTheFrameThread() {
        pacer.show(false);
        frame();
        assertThat(frameLog()).containsExactly("heavy", "read 0", "draw 0");
        frame();
        assertThat(frameLog()).containsExactly("heavy", "read 1", "draw 1");
        frame();
        assertThat(frameLog()).containsExactly("heavy", "read 2", "draw 2");
        frame();
        assertThat(frameLog()).isEmpty();
        assertThat(reader.queue).isEmpty();
        // a redraw starts with the group after the last one drawn
        pacer.redraw();
        frame();
        assertThat(frameLog()).containsExactly("heavy", "read 0", "draw 0");
    }

    @Test
    void playingFlatOutTheReadingIsOffTheFrameAndTheDrawingALaterFrame() {
        pacer.show(true);
        frame(); // the frame that took the snapshot
        assertThat(frameLog()).isEmpty();
        frame(); // starts reading the first group, elsewhere
        assertThat(frameLog()).isEmpty();
        assertThat(reader.queue).hasSize(1);
        frame(); // the reading has not run: nothing to draw, and the frame does not wait
        assertThat(frameLog()).isEmpty();
        reader.runAll();
        assertThat(frameLog()).containsExactly("read 0");
        frame();
        assertThat(frameLog()).containsExactly("heavy", "draw 0");
        frame(); // a frame that draws is followed by one that does not: it starts the next reading
        assertThat(frameLog()).isEmpty();
        assertThat(reader.queue).hasSize(1);
        reader.runAll();
        frame();
        assertThat(frameLog()).containsExactly("read 1", "heavy", "draw 1");
        frame();
        reader.runAll();
        frame();
        assertThat(frameLog()).containsExactly("read 2", "heavy", "draw 2");
        for (int i = 0; i < 4; i++) {
            frame();
        }
        assertThat(frameLog()).isEmpty();
        assertThat(reader.queue).isEmpty();
        assertThat(pacer.isStale(0) || pacer.isStale(1) || pacer.isStale(2)).isFalse();
    }

    @Test
    void aNewSnapshotDropsTheReadingUnderWay() {
        pacer.show(true);
        frame();
        frame();
        assertThat(reader.queue).hasSize(1);
        pacer.show(true); // read for what was shown before
        reader.runAll(); // cancelled: reads nothing
        assertThat(frameLog()).isEmpty();
        frame();
        frame();
        reader.runAll();
        frame();
        assertThat(frameLog()).containsExactly("read 0", "heavy", "draw 0");
    }

    @Test
    void aFailedReadingIsReadAgainOnTheFrame() {
        pacer.show(true);
        frame();
        failing = true;
        frame();
        reader.runAll();
        assertThat(frameLog()).containsExactly("read 0");
        frame();
        assertThat(frameLog()).containsExactly("heavy", "read 0", "draw 0");
    }

    @Test
    void aDirectExecutorReadsAtOnce() {
        ChartFramePacer direct = new ChartFramePacer(3, Runnable::run, this::reading);
        direct.show(true);
        direct.frame(() -> log.add("heavy"));
        direct.frame(() -> log.add("heavy"));
        assertThat(frameLog()).containsExactly("read 0");
        direct.frame(() -> log.add("heavy"));
        assertThat(frameLog()).containsExactly("heavy", "draw 0");
    }

    @Test
    void theApplicationReadsOnItsOwnDaemonThread() throws Exception {
        ChartFramePacer app = new ChartFramePacer(3, ChartFramePacer.chartReader(), this::reading);
        app.show(true);
        app.frame(() -> { });
        app.frame(() -> { });
        assertThat(firstRead.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(readOn).containsExactly("normscope-chart-reader");
        Thread t = Thread.getAllStackTraces().keySet().stream()
                .filter(x -> x.getName().equals("normscope-chart-reader")).findFirst().orElseThrow();
        assertThat(t.isDaemon()).isTrue();
    }
}
