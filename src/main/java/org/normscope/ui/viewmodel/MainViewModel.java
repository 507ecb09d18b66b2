package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import org.normscope.lesson.Lesson;
import org.normscope.lesson.LessonLibrary;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.preset.UserPresets;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;
import org.normscope.session.SessionScenario;
import org.normscope.session.SessionSnapshot;
import org.normscope.session.Ticker;

/**
 * The main window's state and rules, with no screen: it owns the session (on its own thread,
 * through a {@link SessionRunner}), turns the user's actions into session commands, and once
 * per frame ({@link #pull()}) takes the newest snapshot into its properties and those of the
 * view models it is made of: stepping and playing ({@link PlaybackViewModel}), the banner
 * ({@link BannerViewModel}), Undo and Redo ({@link EditsViewModel}), the presets
 * ({@link PresetsViewModel}), Run to step N ({@link RunToViewModel}), the layer, the input, the
 * charts, the time bar, the panes.
 *
 * <p>The runner and the clock can be given ({@link #MainViewModel(List, List, UserPresets, Function, Ticker)}):
 * the tests give a runner on an executor and a clock they drive by hand.
 */
public final class MainViewModel implements AutoCloseable {

    /** Font sizes offered by Ctrl +/−, in px (see {@link FontSizeViewModel}). */
    public static final double MIN_FONT = FontSizeViewModel.MIN;
    public static final double MAX_FONT = FontSizeViewModel.MAX;
    public static final double DEFAULT_FONT = FontSizeViewModel.DEFAULT;

    private final SessionRunner runner;
    private final Session session;
    private final Ticker clock;
    private final FrameInbox inbox = new FrameInbox();
    private final LayerViewModel layer;
    private final InputViewModel input;
    private final StatusViewModel status = new StatusViewModel();
    private final ConsoleViewModel console = new ConsoleViewModel();
    private final ChartsViewModel charts = new ChartsViewModel();
    private final TimeTravelViewModel time = new TimeTravelViewModel();
    private final LayoutViewModel layout = new LayoutViewModel();
    private final BannerViewModel banner = new BannerViewModel();
    private final PresentationViewModel presentation;
    private final ExplainViewModel explain;
    private final AxisExplorerViewModel axes;
    private final CodeViewModel code;
    private final PredictViewModel predict;
    private final LessonViewModel lesson;
    private final PlaybackViewModel playback;
    private final RunToViewModel runTo;
    private final EditsViewModel edits;
    private final PresetsViewModel presets;
    private final UserPresetsViewModel userPresets;
    private final SessionFilesViewModel files;
    private final WindowViewState viewState;
    private final ReadOnlyObjectWrapper<SessionSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper stepCount = new ReadOnlyLongWrapper(0);
    /** How many snapshots the view models have taken: the views draw again when it changes. */
    private final ReadOnlyLongWrapper snapshotsShown = new ReadOnlyLongWrapper(0);
    private final FontSizeViewModel fontSize = new FontSizeViewModel();

    /** A window on the first preset (the notebook), or on the notebook's session if there is none; the built-in lessons. */
    public MainViewModel(List<Preset> presets) {
        this(presets, LessonLibrary.builtIn());
    }

    /** As {@link #MainViewModel(List)}, with these lessons (their stages name built-in presets). */
    public MainViewModel(List<Preset> presets, List<Lesson> lessons) {
        this(presets, lessons, new UserPresets());
    }

    /**
     * A window on the built-in {@code presets} (the first one loaded), these lessons, and the
     * user's presets in {@code userPresets}' folder, listed after the built-in ones (the files it
     * skips are kept in {@link UserPresetsViewModel#problems()}, for the window to report).
     */
    public MainViewModel(List<Preset> presets, List<Lesson> lessons, UserPresets userPresets) {
        this(presets, lessons, userPresets, SessionRunner::new, Ticker.SYSTEM);
    }

    /**
     * As {@link #MainViewModel(List, List, UserPresets)}, with the session run by the runner
     * {@code runners} makes for it, and frames timed by {@code clock} (the app: {@link SessionRunner#SessionRunner(Session)}
     * and {@link Ticker#SYSTEM}; a test: an executor and a clock it drives).
     */
    public MainViewModel(List<Preset> presets, List<Lesson> lessons, UserPresets userPresets,
                         Function<Session, SessionRunner> runners, Ticker clock) {
        this.clock = clock;
        session = PresetsViewModel.firstSession(presets);
        runner = runners.apply(session);
        runner.setNewsListener(inbox::wake);
        presentation = new PresentationViewModel(layout, fontSize.sizeProperty()::get, fontSize::set);
        ExplainViewModel.Asker asker = runner::call;
        explain = new ExplainViewModel(asker, SessionExplainer::explain);
        code = new CodeViewModel(asker, SessionExplainer::code);
        axes = new AxisExplorerViewModel(() -> runner.call(s -> s.stepCount() > 0 ? s.batchAt(s.stepCount()) : null));
        predict = new PredictViewModel(asker);
        predict.revealsProperty().addListener((o, a, b) -> openExplainOnReveal());
        playback = new PlaybackViewModel(runner, status, predict);
        runTo = new RunToViewModel(runner, banner::tell);
        edits = new EditsViewModel(runner, playback::pauseForNewSetup);
        this.presets = new PresetsViewModel(presets, runner, playback::pauseForNewSetup);
        LessonStageOpener stages = new LessonStageOpener(runner, predict, this.presets::load);
        lesson = new LessonViewModel(lessons, PresetLibrary::find, stages::open);
        this.userPresets = new UserPresetsViewModel(userPresets, this.presets.presets(), snapshot::get, banner::tell,
                banner::warn);
        this.userPresets.refresh();
        layer = new LayerViewModel(runner::submit);
        input = new InputViewModel(runner::submit);
        time.cursorProperty().addListener((o, a, b) -> {
            time.read(snapshot.get() == null ? null : snapshot.get().history());
            explain.setCursor(b.longValue());
        });
        charts.histogramChannelProperty().addListener((o, a, b) -> explain.pointAt(b.intValue()));
        charts.histogramChannelProperty().addListener((o, a, b) -> showHistogramsOf());
        charts.picked().valueProperty().addListener((o, a, b) -> showHistogramsOf());
        viewState = new WindowViewState(runner, time, charts, banner, this.presets, playback::pauseForNewSetup,
                snapshot::get);
        files = SessionFilesViewModel.forWindow(viewState, session::version, inbox::post);
        apply(runner.latest());
    }

    /**
     * Makes {@code locale} the window's language and has the view models re-read their texts
     * from the newest snapshot; the session and its history stay as they are.
     */
    public void setLanguage(Locale locale) {
        UiLocale.set(locale);
        time.relabel();
        lesson.relabel();
        axes.relabel();
        SessionSnapshot s = snapshot.get();
        if (s != null) {
            time.read(s.history());
            layer.show(s);
            input.show(s);
            status.show(s);
            explain.show(s);
            edits.show(s);
        }
    }

    /** Tells the session which channels' histograms the snapshots should carry. */
    private void showHistogramsOf() {
        List<Integer> wanted = charts.histogramChannels();
        runner.submit(s -> s.setHistogramChannels(wanted));
    }

    /** Where unexpected exceptions of the session's thread go (the window shows a dialog). */
    public void setErrorHandler(Consumer<Throwable> handler) {
        runner.setErrorHandler(handler);
    }

    // ---- actions ------------------------------------------------------------------------

    /** One step (Space): see {@link PlaybackViewModel#step()}. */
    public void step() {
        playback.step();
    }

    /** {@code count} steps at once (×10, ×100): see {@link PlaybackViewModel#step(int)}. */
    public void step(int count) {
        playback.step(count);
    }

    /**
     * The presentation remote's "next" (Page Down): a step, or in a lesson whose stage has taken its
     * steps, the next stage.
     */
    public void remoteNext() {
        if (lesson.remoteNext(stepCount.get())) {
            step();
        }
    }

    /** The remote's "previous" (Page Up): the cursor a step back, or at a lesson stage's start the previous stage. */
    public void remotePrevious() {
        if (!lesson.remotePrevious(stepCount.get())) {
            time.stepBack();
        }
    }

    /** A reveal: the Explain pane follows that step's channel (its element 0, the one the output question asks about). */
    private void openExplainOnReveal() {
        explain.pointAt(predict.revealedChannelProperty().get());
        explain.setElement(0);
        if (time.cursorProperty().get() != 0) {
            time.point(predict.revealedStepProperty().get());
        }
    }

    public void play() {
        playback.play();
    }

    public void pause() {
        playback.pause();
    }

    /** Starts over with a preset's layer, batches and mode (again, if it is the current one). */
    public void load(Preset p) {
        presets.load(p);
    }

    /**
     * The session's newest steps (those kept exactly, up to a bound on their input values) as a
     * scenario that starts from the layer as it was: built on the session's thread.
     */
    public CompletableFuture<SessionScenario.Export> sessionScenario() {
        return runner.call(SessionScenario::of);
    }

    /** Prints the cursor's step to the console again, as it ran (only for steps kept exactly). */
    public void printCursorStep() {
        long t = time.cursorProperty().get();
        if (t >= 1) {
            runner.submit(s -> s.printAgain(t));
        }
    }

    /** Shows {@code text} in the banner (as a notice) until the next step. */
    public void tell(String text) {
        banner.tell(text);
    }

    /** Hides the banner until something new happens. */
    public void dismissBanner() {
        banner.dismiss(snapshot.get());
    }

    // ---- per frame ----------------------------------------------------------------------

    /**
     * Takes the newest snapshot and console entries, if any, and runs what other threads left for
     * the frame: call once per frame on the UI thread. While playing as fast as possible, a new
     * snapshot is taken at most every {@link PlaybackViewModel#FULL_SPEED_REFRESH_MS} ms of the clock; otherwise at once.
     */
    public void pull() {
        pull(clock.nanoTime());
    }

    /** {@link #pull()} at {@code nowNanos} (for tests). */
    void pull(long nowNanos) {
        inbox.runPosted();
        if (playback.mayTakeSnapshot(nowNanos)) {
            SessionSnapshot s = runner.latest(); // the runner makes the next one only after this
            if (s != snapshot.get()) {
                playback.heavyFrame();
                apply(s);
                playback.tookSnapshot(nowNanos);
            }
        }
        console.pull(session.console());
        explain.pull();
        axes.pull();
        code.pull();
        predict.pull();
        playback.showStatus(stepCount.get(), clock.nanoTime());
    }

    private void apply(SessionSnapshot s) {
        SessionSnapshot before = snapshot.get();
        charts.setChannels(s.channels());
        if (before == null || before.channels() != s.channels()) {
            showHistogramsOf();
        }
        time.setSteps(s.step());
        time.read(s.history());
        layer.show(s);
        input.show(s);
        status.show(s);
        stepCount.set(s.step());
        edits.show(s);
        banner.show(before, s);
        explain.show(s);
        axes.show(s.step());
        code.show(s);
        charts.setSnapshot(s);
        snapshot.set(s);
        predict.show(s);
        viewState.shown(s);
        snapshotsShown.set(snapshotsShown.get() + 1);
    }

    /** Waits until the session has run every command given so far (for tests and the screenshot); call {@link #pull()} after. */
    public void awaitIdle() {
        awaitIdle(30);
    }

    /** Like {@link #awaitIdle()}, waiting up to {@code seconds} (a long fill of the history). */
    public void awaitIdle(long seconds) {
        try {
            runner.awaitIdle(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the session did not finish its commands", e);
        }
    }

    /** What other threads leave for the next {@link #pull()}, and their news: tests wait on it rather than sleep. */
    FrameInbox inbox() {
        return inbox;
    }

    /** The steps the session has run so far, published or not (any thread; for the benchmark). */
    public long runnerStepCount() {
        return runner.stepCount();
    }

    /** The bytes the newest snapshot's history holds. */
    public long historyBytes() {
        return runner.latest().history().bytes();
    }

    /** Stops playing and the session's thread. */
    @Override
    public void close() {
        runner.close();
    }

    // ---- state --------------------------------------------------------------------------

    /** Sessions as files: open, save, recent, autosave. */
    public SessionFilesViewModel files() {
        return files;
    }

    /** File → New: the first preset, from its start, with no file. */
    public void newSession() {
        files.forgetFile();
        presets.loadFirst();
    }

    public LayerViewModel layer() {
        return layer;
    }

    public InputViewModel input() {
        return input;
    }

    public StatusViewModel status() {
        return status;
    }

    public ConsoleViewModel console() {
        return console;
    }

    /** The range the charts show and the step the cursor points at. */
    public TimeTravelViewModel time() {
        return time;
    }

    public ChartsViewModel charts() {
        return charts;
    }

    /** Presentation mode and the window's theme. */
    public PresentationViewModel presentation() {
        return presentation;
    }

    /** Esc: stops the long work or Play if any runs (see {@link PlaybackViewModel#stopWork()}); else leaves presentation mode. */
    public void escape() {
        if (playback.isBusy()) {
            playback.stopWork();
        } else {
            presentation.leave();
        }
    }

    /** How the window arranges itself for its size. */
    public LayoutViewModel layout() {
        return layout;
    }

    /** The Explain pane: one channel at one step, formula by formula. */
    public ExplainViewModel explain() {
        return explain;
    }

    /** The axis explorer: which values of a batch share one mean and variance. */
    public AxisExplorerViewModel axes() {
        return axes;
    }

    /** Opens the axis explorer on the session's last batch, with the main layer's type. */
    public void openAxes() {
        SessionSnapshot s = snapshot.get();
        if (s == null) {
            axes.open("BatchNorm1d");
            return;
        }
        LayerConfig c = s.layer();
        axes.open(c.kind().torchName(), c.kind() == LayerKind.GROUP_NORM ? c.numGroups() : 0,
                c.kind() == LayerKind.LAYER_NORM ? c.normalizedDims() : 0);
    }

    /** Predict, then reveal: the class's guesses of the next value. */
    public PredictViewModel predict() {
        return predict;
    }

    /** The lesson panel: a guided lesson's stages. */
    public LessonViewModel lesson() {
        return lesson;
    }

    /** The code pane: the session so far as PyTorch code. */
    public CodeViewModel code() {
        return code;
    }

    /** Stepping, Play and its speed, stopping a long command. */
    public PlaybackViewModel playback() {
        return playback;
    }

    /** The banner: a refused step, the last notable change, what the window told. */
    public BannerViewModel banner() {
        return banner;
    }

    /** Edit → Undo and Redo. */
    public EditsViewModel edits() {
        return edits;
    }

    /** Run → Run to step N. */
    public RunToViewModel runToStep() {
        return runTo;
    }

    /** The built-in presets, then the user's ({@link UserPresetsViewModel#presets()}). */
    public ObservableList<Preset> presets() {
        return presets.presets();
    }

    /** The user's own presets: Save setup as preset…, Import preset…. */
    public UserPresetsViewModel userPresets() {
        return userPresets;
    }

    /** The preset last loaded (choosing one loads it). */
    public ObjectProperty<Preset> presetProperty() {
        return presets.presetProperty();
    }

    /** How many snapshots the view models have taken (every view model has taken the newest when it changes). */
    public ReadOnlyLongProperty snapshotsShownProperty() {
        return snapshotsShown.getReadOnlyProperty();
    }

    /** File → Export history as CSV for the session shown; {@code null} before its first step (nothing to export). */
    public CsvExportViewModel csvExport() {
        return CsvExportViewModel.of(snapshot.get());
    }

    /** The newest snapshot shown. */
    public ReadOnlyObjectProperty<SessionSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playback.playingProperty();
    }

    public ObjectProperty<Speed> speedProperty() {
        return playback.speedProperty();
    }

    public ReadOnlyLongProperty stepCountProperty() {
        return stepCount.getReadOnlyProperty();
    }

    /** PyTorch's message of a refused step, or the last notable change; empty when there is none. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.textProperty();
    }

    public ReadOnlyBooleanProperty bannerIsErrorProperty() {
        return banner.errorProperty();
    }

    /** The window's base font size: Ctrl +, Ctrl −, Ctrl 0. */
    public FontSizeViewModel fontSize() {
        return fontSize;
    }

    /** The window's base font size in px. */
    public ReadOnlyDoubleProperty fontSizeProperty() {
        return fontSize.sizeProperty();
    }
}
