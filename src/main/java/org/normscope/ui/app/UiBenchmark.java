package org.normscope.ui.app;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.stage.Stage;
import org.normscope.batch.BatchSpec;
import org.normscope.bench.ForwardBenchmark;
import org.normscope.engine.BatchNorm;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.LayerConfig;
import org.normscope.scenario.LayerKind;
import org.normscope.ui.view.MainWindow;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.Speed;

/**
 * {@code bench-ui}: the real main window, headless, playing as fast as the engine goes after
 * a long history. Fills the history through the real session first (the same steps the window
 * would run), then plays for a while and records the interval between pulses as an
 * {@link AnimationTimer} sees them. The measured playing is cut into slices of about two
 * seconds (see {@link #slices}); before, between and after them, paused (the window idle), it
 * times the engine's forward as {@code bench} does, so that steps per second can be compared
 * with what the machine gives at that moment.
 *
 * <p>While {@code bench} times the forward, the idle window's pulses are recorded too: the
 * forward keeps both cores busy as playing does, and the window has nothing to draw. Their
 * intervals are the floor for the frame intervals while playing: how late the operating system
 * lets the window's thread run at all when the engine has the cores (see docs/PERFORMANCE.md's
 * figures: on the 2-core machine here, p99 19–21 ms with nothing drawn).
 */
public final class UiBenchmark {

    /** What one run measured. */
    public record Result(int channels, int[] shape, long filledSteps, double fillSeconds, double fps,
                         double frameP50Ms, double frameP99Ms, double stepsPerS, double heapMb, long historyBytes,
                         double[] benchPerS, double idleFrameP50Ms, double idleFrameP99Ms) {

        /** The forward rate timed just before the first slice of playing. */
        public double benchBeforePerS() {
            return benchPerS[0];
        }

        /** The forward rate timed just after the last slice of playing. */
        public double benchAfterPerS() {
            return benchPerS[benchPerS.length - 1];
        }

        /** The mean of the forward rates timed before, between and after the slices of playing. */
        public double benchMeanPerS() {
            return Arrays.stream(benchPerS).average().orElse(Double.NaN);
        }

        /** Steps per second while playing over {@link #benchMeanPerS()}. */
        public double stepsVsBench() {
            return stepsPerS / benchMeanPerS();
        }

        /** One JSON object on one line. */
        public String toJson() {
            return String.format(java.util.Locale.ROOT,
                    "{\"channels\":%d,\"shape\":%s,\"filled_steps\":%d,\"fill_s\":%.1f,\"fps\":%.1f,"
                            + "\"frame_p50_ms\":%.2f,\"frame_p99_ms\":%.2f,\"steps_per_s\":%.0f,\"heap_mb\":%.1f,"
                            + "\"history_bytes\":%d,\"bench_before_per_s\":%.0f,\"bench_after_per_s\":%.0f,"
                            + "\"bench_mean_per_s\":%.0f,\"bench_timings\":%d,\"steps_vs_bench\":%.3f,"
                            + "\"idle_frame_p50_ms\":%.2f,\"idle_frame_p99_ms\":%.2f}",
                    channels, Arrays.toString(shape).replace(" ", ""), filledSteps, fillSeconds, fps, frameP50Ms,
                    frameP99Ms, stepsPerS, heapMb, historyBytes, benchBeforePerS(), benchAfterPerS(), benchMeanPerS(),
                    benchPerS.length, stepsVsBench(), idleFrameP50Ms, idleFrameP99Ms);
        }
    }

    /**
     * What {@code bench} gives for this preset's layer and shape, measured here and now (the
     * machine's speed drifts within minutes): forwards per second at the median of 3,000
     * forwards on a reused batch, after a one-second warm-up.
     */
    static double forwardsPerSecond(Preset preset, int[] shape) {
        BatchNorm layer = (BatchNorm) preset.layer().build(preset.batches().spatial()); // bench-ui runs BatchNorm presets
        layer.train();
        ForwardBenchmark.Measurement m = new ForwardBenchmark(layer, shape, 0).run(3000, 1000);
        return 1000 / m.medianMs();
    }

    /**
     * The idle window's pulses are recorded from this long after a timing of the forward starts:
     * building the layer and its batch (a few MB) brings a garbage collection that stops every
     * thread, the window's too, for up to 80 ms here; that belongs to the benchmark, not to playing.
     */
    private static final long IDLE_SKIP_MS = 300;

    /** How long playing resumes after a pause before the next slice is measured. */
    private static final long SETTLE_MS = 500;

    private UiBenchmark() {
    }

    /**
     * @param shape {@code N, C, *spatial}: 2 or 3 sizes make a BatchNorm1d, 4 a BatchNorm2d, 5 a BatchNorm3d
     * @param warmupSeconds how long to play before measuring (the JIT compiles the window's code meanwhile)
     * @param fresh a new batch every step (true) or the same batch every step, as {@code bench} times it
     * @param progress where fill progress lines go (may be null)
     */
    public static Result run(int[] shape, long steps, double warmupSeconds, double seconds, int width, int height, boolean fresh,
                             java.io.PrintWriter progress) throws Exception {
        Headless.start(width, height);
        Preset preset = preset(shape, fresh);
        MainViewModel model = ScreenshotRenderer.onFx(() -> {
            Theme.apply();
            MainViewModel m = new MainViewModel(PresetLibrary.builtIn());
            m.load(preset);
            return m;
        });
        try {
            model.awaitIdle();
            long fillStart = System.nanoTime();
            long done = 0;
            while (done < steps) {
                int chunk = (int) Math.min(steps - done, 100_000);
                model.step(chunk);
                model.awaitIdle(24L * 3600);
                done += chunk;
                if (progress != null && steps > chunk) {
                    progress.printf(java.util.Locale.ROOT, "filled %,d of %,d steps (%.0f s)%n", done, steps,
                            (System.nanoTime() - fillStart) * 1e-9);
                    progress.flush();
                }
            }
            double fillSeconds = (System.nanoTime() - fillStart) * 1e-9;
            Stage stage = ScreenshotRenderer.onFx(() -> {
                MainWindow window = new MainWindow(model);
                Stage s = new Stage();
                s.setScene(window.createScene(width, height));
                s.show();
                model.speedProperty().set(Speed.CHOICES.get(Speed.CHOICES.size() - 1));
                return s;
            });
            ScreenshotRenderer.waitFrames(4);
            int slices = slices(seconds);
            double[] bench = new double[slices + 1];
            List<Double> idleGaps = new ArrayList<>();
            bench[0] = benchWithIdleWindow(preset, shape, idleGaps);
            setPlaying(model, true);
            Thread.sleep((long) (warmupSeconds * 1000)); // the JIT and the first frames of playing
            List<Double> gapList = new ArrayList<>();
            long pulseCount = 0;
            long steps0 = 0;
            double elapsed = 0;
            for (int i = 0; i < slices; i++) {
                if (i > 0) {
                    setPlaying(model, true);
                    Thread.sleep(SETTLE_MS); // the first snapshots after a pause are not what playing looks like
                }
                Slice slice = playSlice(model, seconds / slices);
                setPlaying(model, false);
                model.awaitIdle();
                bench[i + 1] = benchWithIdleWindow(preset, shape, idleGaps);
                gapList.addAll(gapsMs(slice.pulses()));
                pulseCount += slice.pulses().size();
                steps0 += slice.steps();
                elapsed += slice.seconds();
            }
            double[] gaps = gapList.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double[] idle = idleGaps.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double stepsPerS = steps0 / elapsed;
            long historyBytes = ScreenshotRenderer.onFx(() -> {
                model.pull();
                return model.historyBytes();
            });
            ScreenshotRenderer.onFx(() -> {
                stage.hide();
                return null;
            });
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(100);
            }
            Runtime rt = Runtime.getRuntime();
            double heapMb = (rt.totalMemory() - rt.freeMemory()) / (1024.0 * 1024.0);
            return new Result(shape[1], shape, steps, fillSeconds, pulseCount / elapsed, percentile(gaps, 0.50),
                    percentile(gaps, 0.99), stepsPerS, heapMb, historyBytes, bench, percentile(idle, 0.50),
                    percentile(idle, 0.99));
        } finally {
            model.close();
        }
    }

    /**
     * {@link #forwardsPerSecond}, recording meanwhile the intervals between the pulses of the
     * window (paused, so it draws nothing) into {@code gapsMs}.
     */
    private static double benchWithIdleWindow(Preset preset, int[] shape, List<Double> gapsMs) throws Exception {
        List<Long> pulses = new ArrayList<>();
        long from = System.nanoTime() + IDLE_SKIP_MS * 1_000_000L;
        AnimationTimer recorder = ScreenshotRenderer.onFx(() -> {
            AnimationTimer t = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    if (t >= from) {
                        pulses.add(t);
                    }
                }
            };
            t.start();
            return t;
        });
        double perS = forwardsPerSecond(preset, shape);
        ScreenshotRenderer.onFx(() -> {
            recorder.stop();
            gapsMs.addAll(gapsMs(pulses));
            return null;
        });
        return perS;
    }

    /** The intervals between successive times, in ms. */
    private static List<Double> gapsMs(List<Long> nanos) {
        List<Double> gaps = new ArrayList<>();
        for (int j = 1; j < nanos.size(); j++) {
            gaps.add((nanos.get(j) - nanos.get(j - 1)) * 1e-6);
        }
        return gaps;
    }

    /** What one slice of playing saw: the pulse times, the steps made and how long it took. */
    private record Slice(List<Long> pulses, long steps, double seconds) {
    }

    /** Plays for {@code seconds} (already playing), recording every pulse as an {@link AnimationTimer} sees it. */
    private static Slice playSlice(MainViewModel model, double seconds) throws Exception {
        List<Long> pulses = new ArrayList<>();
        CountDownLatch finished = new CountDownLatch(1);
        long[] stepsAt = new long[2];
        long[] timeAt = new long[2];
        long measureNanos = (long) (seconds * 1e9);
        ScreenshotRenderer.onFx(() -> {
            stepsAt[0] = model.runnerStepCount();
            timeAt[0] = System.nanoTime();
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    pulses.add(System.nanoTime());
                    if (System.nanoTime() - timeAt[0] >= measureNanos) {
                        stepsAt[1] = model.runnerStepCount();
                        timeAt[1] = System.nanoTime();
                        stop();
                        finished.countDown();
                    }
                }
            }.start();
            return null;
        });
        if (!finished.await((long) seconds + 60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the window drew no frames");
        }
        return new Slice(pulses, stepsAt[1] - stepsAt[0], (timeAt[1] - timeAt[0]) * 1e-9);
    }

    private static void setPlaying(MainViewModel model, boolean playing) throws Exception {
        ScreenshotRenderer.onFx(() -> {
            if (playing) {
                model.play();
            } else {
                model.pause();
            }
            return null;
        });
    }

    /**
     * Into how many slices the measured playing is cut, with a {@code bench} timing before,
     * between and after them: about one per two seconds, at most ten. The machine's speed drifts
     * (here, by a factor of two within minutes), so a reference timed only before and after a
     * long stretch of playing can be far from what the machine gave meanwhile.
     */
    public static int slices(double seconds) {
        return (int) Math.max(1, Math.min(10, Math.round(seconds / 2)));
    }

    /** The bench's layer and batches: standard normal values, momentum 0.1, affine, tracked stats, train mode. */
    static Preset preset(int[] shape, boolean fresh) {
        int channels = shape[1];
        int[] spatial = Arrays.copyOfRange(shape, 2, shape.length);
        LayerKind kind = switch (shape.length) {
            case 2, 3 -> LayerKind.BATCH_NORM_1D;
            case 4 -> LayerKind.BATCH_NORM_2D;
            case 5 -> LayerKind.BATCH_NORM_3D;
            default -> throw new IllegalArgumentException("a shape has 2 to 5 sizes (N, C, ...), got "
                    + Arrays.toString(shape));
        };
        LayerConfig layer = new LayerConfig(kind, channels, 1e-5, Momentum.DEFAULT, true, true);
        List<ChannelSource> sources = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            sources.add(new ChannelSource.Normal(0, 1));
        }
        BatchSpec batches = new BatchSpec(shape[0], spatial, sources, 0, 0, fresh);
        return new Preset("bench-ui " + Arrays.toString(shape), "", layer, batches, true, null);
    }

    /** The value at quantile {@code q} of sorted values (nearest rank), NaN if there are none. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
