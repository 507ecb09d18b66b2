package org.normscope.ui.app;

import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.normscope.preset.Preset;
import org.normscope.scenario.LayerKind;
import org.normscope.preset.PresetLibrary;
import org.normscope.ui.view.MainWindow;
import org.normscope.ui.viewmodel.MainViewModel;
import org.normscope.ui.viewmodel.PresentationViewModel;

/**
 * Renders the real main window to a PNG with no display: a preset, K steps, a mode, a size.
 * The session steps on its own thread as in the app; the window then shows the result and is
 * drawn for a few frames before the snapshot, so that every chart has drawn.
 */
public final class ScreenshotRenderer {

    private ScreenshotRenderer() {
    }

    /**
     * @param preset a preset's name or id, or null for the first (the notebook)
     * @param steps forward passes to run before the picture
     * @param training true for train, false for eval, null for the preset's mode; set before stepping
     * @param fontSize the base font size in px, or 0 for the default
     */
    public static void render(String preset, int steps, Boolean training, double width, double height,
                              double fontSize, File out) throws Exception {
        render(preset, steps, training, width, height, fontSize, 0, false, out);
    }

    /**
     * As {@link #render(String, int, Boolean, double, double, double, File)}, with the cursor on
     * step {@code cursor} (0 for none) and the distributions over time instead of the last
     * batch's histograms.
     */
    public static void render(String preset, int steps, Boolean training, double width, double height,
                              double fontSize, long cursor, boolean overTime, File out) throws Exception {
        render(preset, steps, training, width, height, fontSize, cursor, overTime, -1, out);
    }

    /**
     * As {@link #render(String, int, Boolean, double, double, double, long, boolean, File)}, with the
     * Explain pane shown for channel {@code explainChannel} (-1: not shown).
     */
    public static void render(String preset, int steps, Boolean training, double width, double height,
                              double fontSize, long cursor, boolean overTime, int explainChannel, File out)
            throws Exception {
        render(preset, steps, training, width, height, fontSize, cursor, overTime, explainChannel, false, null, out);
    }

    /**
     * As {@link #render(String, int, Boolean, double, double, double, long, boolean, int, File)}, in
     * presentation mode (settings folded, larger text, the projector theme; not full screen: the
     * picture has the size asked for) and with a theme: "light", "projector" or "dark" (null: light,
     * or projector in presentation mode).
     */
    public static void render(String preset, int steps, Boolean training, double width, double height,
                              double fontSize, long cursor, boolean overTime, int explainChannel,
                              boolean presentation, String theme, File out) throws Exception {
        render(preset, null, steps, training, width, height, fontSize, cursor, overTime, explainChannel, presentation,
                theme, out);
    }

    /**
     * As above, from a saved session instead of a preset ({@code session} non-null): the window
     * as it was saved (its view and banner), then {@code steps} more steps.
     */
    public static void render(String preset, java.nio.file.Path session, int steps, Boolean training, double width,
                              double height, double fontSize, long cursor, boolean overTime, int explainChannel,
                              boolean presentation, String theme, File out) throws Exception {
        render(preset, session, steps, training, width, height, fontSize, cursor, overTime, explainChannel, presentation,
                theme, null, null, out);
    }

    /**
     * The axis explorer's picture ({@code screenshot --axes}): its window of the size asked for,
     * on the session's last batch or an example.
     *
     * @param input "session", "nc" or "nchw"
     * @param rule "batch", "instance", "layer", "group", or null for the session layer's type
     * @param groups GroupNorm's G, 0 for the default
     * @param layerDims LayerNorm's normalized trailing dims, 0 for the default
     * @param point the value pointed at, {n, c, p}
     */
    public record AxesShot(String input, String rule, int groups, int layerDims, int[] point) {
    }

    /**
     * As above, with the axis explorer's window instead of the main one when {@code axes} is not
     * null, and with {@code layerKind} (non-null) the preset's layer switched to that kind first.
     */
    public static void render(String preset, java.nio.file.Path session, int steps, Boolean training, double width,
                              double height, double fontSize, long cursor, boolean overTime, int explainChannel,
                              boolean presentation, String theme, LayerKind layerKind, AxesShot axes, File out)
            throws Exception {
        PresentationViewModel.Look look = theme == null ? null : switch (theme) {
            case "light" -> PresentationViewModel.Look.LIGHT;
            case "projector" -> PresentationViewModel.Look.PROJECTOR_LIGHT;
            case "dark" -> PresentationViewModel.Look.PROJECTOR_DARK;
            default -> throw new IllegalArgumentException("no theme " + theme + ": light, projector or dark");
        };
        Headless.start((int) Math.ceil(width), (int) Math.ceil(height));
        List<Preset> presets = PresetLibrary.builtIn();
        Preset chosen = preset == null ? presets.get(0) : PresetLibrary.find(preset);
        MainViewModel model = onFx(() -> {
            Theme.apply();
            MainViewModel m = new MainViewModel(presets);
            if (chosen != presets.get(0)) {
                m.load(chosen);
            }
            if (layerKind != null) {
                m.layer().kindProperty().set(layerKind); // a new layer of that kind, as the chooser builds it
            }
            if (training != null) {
                m.layer().trainingProperty().set(training);
            }
            if (overTime) {
                m.charts().overTimeProperty().set(true);
            }
            if (presentation) {
                m.presentation().enter();
            }
            if (look != null) {
                m.presentation().lookProperty().set(look);
            }
            if (fontSize > 0) {
                while (m.fontSizeProperty().get() < fontSize - 1) {
                    m.fontSize().bigger();
                }
                while (m.fontSizeProperty().get() > fontSize + 1) {
                    m.fontSize().smaller();
                }
            }
            return m;
        });
        try {
            model.awaitIdle();
            onFx(() -> {
                model.pull(); // takes the preset's notice now, so that the steps clear it as in the app
                return null;
            });
            if (session != null) {
                openSession(model, session);
                onFx(() -> {
                    if (training != null) {
                        model.layer().trainingProperty().set(training);
                    }
                    if (overTime) {
                        model.charts().overTimeProperty().set(true); // over the saved view's choice
                    }
                    return null;
                });
            }
            if (steps > 0) {
                model.step(steps);
            }
            model.awaitIdle(600); // ten minutes: 10^8 steps of a small layer take a few
            onFx(() -> {
                model.pull(); // the newest snapshot before the window is built: its first layout is the one shown
                return null;
            });
            Stage stage = axes != null ? onFx(() -> showAxes(model, axes, width, height)) : onFx(() -> {
                MainWindow window = new MainWindow(model);
                Stage s = new Stage();
                s.setScene(window.createScene(width, height));
                s.show();
                model.pull();
                if (cursor > 0) {
                    model.time().point(cursor);
                }
                if (explainChannel >= 0) {
                    window.showExplain(explainChannel);
                }
                return s;
            });
            model.awaitIdle(); // the explanation is asked of the session's thread
            if (axes != null) {
                onFx(() -> {
                    model.pull(); // the session's batch, asked by the explorer (no main window takes frames here)
                    model.axes().hover(axes.point()[0], axes.point()[1], axes.point()[2]);
                    return null;
                });
            }
            waitFrames(4);
            onFx(() -> {
                Figures.writePng(stage.getScene(), out);
                stage.hide();
                return null;
            });
        } finally {
            model.close();
        }
    }

    /** The axis explorer's window, opened as View → Axis explorer… opens it, then set as {@code axes} asks. */
    private static Stage showAxes(MainViewModel model, AxesShot axes, double width, double height) {
        model.openAxes();
        org.normscope.ui.viewmodel.AxisExplorerViewModel vm = model.axes();
        vm.sourceProperty().set(switch (axes.input()) {
            case "nc" -> org.normscope.ui.viewmodel.AxisExplorerViewModel.Source.EXAMPLE_NC;
            case "nchw" -> org.normscope.ui.viewmodel.AxisExplorerViewModel.Source.EXAMPLE_NCHW;
            default -> org.normscope.ui.viewmodel.AxisExplorerViewModel.Source.SESSION;
        });
        if (axes.rule() != null) {
            vm.typeProperty().set(org.normscope.axes.NormRule.Type.valueOf(
                    axes.rule().toUpperCase(java.util.Locale.ROOT)));
        }
        if (axes.groups() > 0) {
            vm.groupsProperty().set(axes.groups());
        }
        if (axes.layerDims() > 0) {
            vm.layerDimsProperty().set(axes.layerDims());
        }
        Stage s = new Stage();
        s.setScene(org.normscope.ui.view.AxisExplorerWindow.scene(model, node -> { }, width, height));
        s.show();
        return s;
    }

    /** Opens a saved session as the window does, taking frames until it is on screen. */
    private static void openSession(MainViewModel model, java.nio.file.Path session) throws Exception {
        CompletableFuture<Boolean> opened = onFx(() -> model.files().openQuietly(session));
        while (!opened.isDone()) {
            onFx(() -> {
                model.pull();
                return null;
            });
            Thread.sleep(10);
        }
        model.awaitIdle();
        onFx(() -> {
            model.pull();
            return null;
        });
        if (!opened.get()) {
            throw new IllegalArgumentException(model.bannerProperty().get());
        }
    }

    /** Waits until JavaFX has drawn {@code count} more frames. */
    static void waitFrames(int count) throws InterruptedException {
        CountDownLatch frames = new CountDownLatch(count);
        AnimationTimer[] timer = new AnimationTimer[1];
        Platform.runLater(() -> {
            timer[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    frames.countDown();
                    if (frames.getCount() == 0) {
                        stop();
                    }
                }
            };
            timer[0].start();
        });
        if (!frames.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("JavaFX drew no frames for 20 s");
        }
    }

    /** Runs {@code work} on the FX thread and gives its result (or its exception). */
    static <T> T onFx(FxWork<T> work) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(work.get());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    /** Work for the FX thread that may throw. */
    @FunctionalInterface
    interface FxWork<T> {
        T get() throws Exception;
    }

}
