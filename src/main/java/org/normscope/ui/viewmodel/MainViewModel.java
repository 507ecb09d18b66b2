package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.lesson.Lesson;
import org.normscope.lesson.LessonLibrary;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.preset.UserPresets;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;
import org.normscope.session.SessionSnapshot;

/**
 * The main window's state and rules, with no screen: it owns the session (on its own thread,
 * through a {@link SessionRunner}), turns the user's actions into session commands, and once
 * per frame ({@link #pull()}) takes the newest snapshot into its properties.
 *
 * <p>The banner shows PyTorch's message when a step is refused (red) or the last notable
 * change (a new layer, reset stats), until the next step or until dismissed.
 */
public final class MainViewModel implements AutoCloseable {

    /** Font sizes offered by Ctrl +/−, in px; the default suits a laptop and a projector alike. */
    public static final double MIN_FONT = 11;
    public static final double MAX_FONT = 30;
    public static final double DEFAULT_FONT = 15;

    private final SessionRunner runner;
    private final Session session;
    private final LayerViewModel layer;
    private final InputViewModel input;
    private final StatusViewModel status = new StatusViewModel();
    private final ConsoleViewModel console = new ConsoleViewModel();
    private final ChartsViewModel charts = new ChartsViewModel();
    private final TimeTravelViewModel time = new TimeTravelViewModel();
    private final LayoutViewModel layout = new LayoutViewModel();
    private final PresentationViewModel presentation;
    private final ExplainViewModel explain;
    private final AxisExplorerViewModel axes;
    private final CodeViewModel code;
    private final PredictViewModel predict;
    private final LessonViewModel lesson;
    private final ObservableList<Preset> presets;
    private final UserPresetsViewModel userPresets;
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<SessionSnapshot> snapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.DEFAULT);
    private final ReadOnlyLongWrapper stepCount = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper banner = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper bannerIsError = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fontSize = new ReadOnlyDoubleWrapper(DEFAULT_FONT);
    private final ReadOnlyStringWrapper undoText = new ReadOnlyStringWrapper(UiText.get("menu.edit.undo"));
    private final ReadOnlyStringWrapper redoText = new ReadOnlyStringWrapper(UiText.get("menu.edit.redo"));
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    /**
     * While playing as fast as possible the window shows a new snapshot at most this often. The
     * engine then has the processor to itself between refreshes: a refresh of every chart of
     * 64 channels costs tens of milliseconds in the software pipeline, and on two cores every
     * one of them is taken from the engine. Frames still come at the display's pace (the cursor,
     * the menus and the keys answer at once); at any other speed every snapshot is shown.
     */
    public static final long FULL_SPEED_REFRESH_MS = 200;

    /** The Run to step N dialog suggests this many steps on. */
    static final long RUN_TO_SUGGESTION = 1000;
    /** The furthest step Run to takes (a trillion steps: far beyond any session's patience). */
    static final long MAX_RUN_TO = 1_000_000_000_000L;
    private final ValidatedField<Long> runToTarget = new ValidatedField<>(RUN_TO_SUGGESTION, this::parseRunTo,
            v -> Long.toString(v));

    private final SessionFilesViewModel files;
    /** What other threads leave for the FX thread: run at the next frame ({@link #pull()}). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Runnable> fxTasks =
            new java.util.concurrent.ConcurrentLinkedQueue<>();
    private org.normscope.sessionfile.SessionView pendingView;
    private String pendingBanner;
    /** True while the chooser is set to an opened session's preset: shown, not loaded. */
    private boolean showingOpenedPreset;
    private long pendingViewVersion;
    private long appliedAtNanos;
    private long dismissedNoticeId;
    private long dismissedRefusalId = -1;
    /** The banner shows an error the window told ({@link #warn}): it stays until the next step, as a notice does. */
    private boolean toldError;

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
        this.presets = FXCollections.observableArrayList(presets);
        this.userPresets = new UserPresetsViewModel(userPresets, this.presets, snapshot::get, this::tell,
                this::warn);
        this.userPresets.refresh();
        presentation = new PresentationViewModel(layout, fontSize::get,
                size -> fontSize.set(Math.max(MIN_FONT, Math.min(MAX_FONT, size))));
        if (presets.isEmpty()) {
            session = Session.notebook();
        } else {
            Preset first = presets.get(0);
            session = new Session(first.layer(), first.batches(), first.compareMomentum());
            session.setTraining(first.training());
            session.clearUndo(); // the window opens on the preset: nothing of that to undo
            preset.set(first);
        }
        runner = new SessionRunner(session);
        ExplainViewModel.Asker asker = runner::call;
        explain = new ExplainViewModel(asker, SessionExplainer::explain);
        code = new CodeViewModel(asker, SessionExplainer::code);
        axes = new AxisExplorerViewModel(() -> runner.call(s -> s.stepCount() > 0 ? s.batchAt(s.stepCount()) : null));
        predict = new PredictViewModel(asker);
        lesson = new LessonViewModel(lessons, PresetLibrary::find, this::openStage);
        predict.revealsProperty().addListener((o, a, b) -> openExplainOnReveal());
        runner.setStepsPerSecond(speed.get().stepsPerSecond());
        layer = new LayerViewModel(runner::submit);
        input = new InputViewModel(runner::submit);
        speed.addListener((o, a, s) -> runner.setStepsPerSecond(s.stepsPerSecond()));
        preset.addListener((o, a, p) -> {
            if (p != null && !showingOpenedPreset) {
                loadNow(p);
            }
        });
        time.cursorProperty().addListener((o, a, b) -> {
            time.read(snapshot.get() == null ? null : snapshot.get().history());
            explain.setCursor(b.longValue());
        });
        charts.histogramChannelProperty().addListener((o, a, b) -> explain.pointAt(b.intValue()));
        charts.histogramChannelProperty().addListener((o, a, b) -> showHistogramsOf());
        charts.picked().valueProperty().addListener((o, a, b) -> showHistogramsOf());
        files = SessionFilesViewModel.forWindow(new FilesHost(), session::version, fxTasks::add);
        apply(runner.latest());
    }

    /** What the session files need from the window's model. */
    private final class FilesHost implements SessionFilesViewModel.Host {
        @Override
        public <T> java.util.concurrent.CompletableFuture<T> call(java.util.function.Function<Session, T> query) {
            return runner.call(query);
        }

        @Override
        public org.normscope.sessionfile.SessionView view() {
            return new org.normscope.sessionfile.SessionView(time.cursorProperty().get(), time.fromProperty().get(),
                    time.toProperty().get(), time.spanProperty().get(), time.followingProperty().get(),
                    charts.histogramChannelProperty().get(), charts.overTimeProperty().get(),
                    charts.picked().getValue(), banner.get(), bannerIsError.get(),
                    preset.get() == null ? "" : preset.get().name());
        }

        @Override
        public void beforeReplace() {
            pause();
            predict.cancel();
        }

        @Override
        public void replaced(org.normscope.sessionfile.SessionView view, long version) {
            pendingView = view;
            pendingViewVersion = version;
            SessionSnapshot s = snapshot.get();
            if (s != null && s.version() >= version) {
                showPendingView(s);
            }
        }

        @Override
        public void say(String text, boolean error) {
            if (pendingView != null && !error) {
                pendingBanner = text; // shown with the opened session, whose first snapshot would clear it
                return;
            }
            if (error) {
                warn(text); // stays until the next step, as the window's other errors do
            } else {
                tell(text);
            }
        }
    }

    /** A session opened from a file: its view once its snapshot is on screen. */
    private void showPendingView(SessionSnapshot s) {
        org.normscope.sessionfile.SessionView v = pendingView;
        pendingView = null;
        charts.show(v.histogramChannel(), v.overTime(), v.picked());
        Preset chosen = null;
        for (Preset p : presets) {
            if (p.name().equals(v.preset())) {
                chosen = p;
            }
        }
        showingOpenedPreset = true;
        try {
            preset.set(chosen); // the preset the session started from, if it is still there; else none
        } finally {
            showingOpenedPreset = false;
        }
        time.show(v.from(), v.to(), v.span(), v.following(), v.cursor());
        time.read(s.history());
        banner.set(v.banner());
        bannerIsError.set(v.bannerIsError());
        dismissedNoticeId = s.noticeId(); // what the banner said is restored, not announced again
        if (s.refusal() != null && !v.bannerIsError()) {
            dismissedRefusalId = s.refusalId();
        }
        if (pendingBanner != null) {
            banner.set(pendingBanner);
            bannerIsError.set(false);
            pendingBanner = null;
        }
    }

    /**
     * Makes {@code locale} the window's language and has the view models re-read their texts
     * from the newest snapshot; the session and its history stay as they are.
     */
    public void setLanguage(java.util.Locale locale) {
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
            showEdits(s);
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

    /**
     * One step (Space); with Predict on, the step reveals the guesses' truth. While the status bar
     * shows a command of many steps running (×10, ×100, run to step N) this does nothing: a key
     * held or pressed again while the window follows a long command must not queue hundreds of
     * steps behind it (Esc stops the command; Space then steps again). Before the progress shows
     * (the frame after the command is given) it queues its step as it always did.
     */
    public void step() {
        if (status.workingProperty().get()) {
            return;
        }
        predict.beforeStep();
        runner.step(1);
    }

    /** {@code count} steps at once (×10, ×100): the header and the status bar follow them as they run. */
    public void step(int count) {
        predict.beforeStep();
        runner.step(count);
    }

    /** Predict on or off (Q). */
    public void togglePredict() {
        predict.onProperty().set(!predict.onProperty().get());
    }

    /**
     * A lesson's stage opens: its preset is loaded (again, if it is the current one), then each
     * of the stage's runs switches the mode and runs its steps, in order, on the session's thread.
     */
    private void openStage(Preset p, Lesson.Stage stage) {
        predict.cancel();
        load(p);
        for (Lesson.Run r : stage.run()) {
            if (r.weight() != null || r.bias() != null) {
                Float w = r.weight();
                Float b = r.bias();
                runner.submit(s -> s.fillParameters(w, b));
            }
            if (r.training() != null) {
                boolean t = r.training();
                runner.submit(s -> s.setTraining(t));
            }
            if (r.steps() > 0) {
                runner.step(r.steps());
            }
        }
        // the stage's question goes in the Predict box (the answer is then hidden until the step)
        if (stage.predict() != null) {
            predict.askVarianceProperty().set(stage.predict() == Lesson.Ask.RUNNING_VAR);
            predict.onProperty().set(true);
        } else {
            predict.onProperty().set(false);
        }
    }

    /**
     * The presentation remote's "next" (Page Down): a step, or in a lesson whose stage has taken its
     * steps, the next stage.
     */
    public void remoteNext() {
        if (lesson.remoteNext(stepCountProperty().get())) {
            step();
        }
    }

    /** The remote's "previous" (Page Up): the cursor a step back, or at a lesson stage's start the previous stage. */
    public void remotePrevious() {
        if (!lesson.remotePrevious(stepCountProperty().get())) {
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

    /** Play or pause (P); while a command of many steps runs, P stops it (as pausing Play would) instead. */
    public void togglePlay() {
        if (runner.isWorking()) {
            cancelWork();
        } else if (runner.isPlaying()) {
            pause();
        } else {
            play();
        }
    }

    /**
     * Esc and the status bar's Cancel: stops the command of many steps that runs (after the step
     * that is running) and any queued behind it, and pauses Play; the steps done so far stay.
     */
    public void stopWork() {
        cancelWork();
        if (runner.isPlaying()) {
            pause();
        }
    }

    private void cancelWork() {
        runner.cancel();
        status.showProgress(false, 0, 0, 0);
    }

    /** The step typed into the Run to step N dialog: a whole number after the session's step. */
    public ValidatedField<Long> runToTarget() {
        return runToTarget;
    }

    /** Opens the Run to step N dialog's field on a suggestion: 1,000 steps on. */
    public void askRunTo() {
        runToTarget.show(runner.stepCount() + RUN_TO_SUGGESTION);
    }

    /**
     * The dialog's OK: runs to the typed step if it is good (see {@link #runTo(long)}).
     *
     * @return whether the text was good (the dialog closes); a bad one keeps its message
     */
    public boolean commitRunTo() {
        if (!runToTarget.commit()) {
            return false;
        }
        return runTo(runToTarget.getValue());
    }

    /**
     * Steps until step {@code target}, with progress in the status bar (Esc stops it); a step
     * the session has reached already does nothing but say so in the banner.
     *
     * @return whether it started
     */
    public boolean runTo(long target) {
        long now = runner.stepCount();
        if (target <= now) {
            tell(UiText.get("runto.past", String.format("%,d", now)));
            return false;
        }
        runner.runTo(target); // counted when it runs: after a command queued before it, it still ends at target
        return true;
    }

    private Long parseRunTo(String text) {
        long now = runner == null ? 0 : runner.stepCount(); // null: the field is made before the runner
        String after = String.format("%,d", now);
        if (text.isEmpty()) {
            throw new IllegalArgumentException(UiText.get("runto.empty", after));
        }
        long v;
        try {
            v = Long.parseLong(text.replace(",", "").replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(UiText.get("runto.bad", text, after));
        }
        if (v <= now) {
            throw new IllegalArgumentException(UiText.get("runto.past", after));
        }
        if (v > MAX_RUN_TO) {
            throw new IllegalArgumentException(UiText.get("runto.too.far", String.format("%,d", MAX_RUN_TO)));
        }
        return v;
    }

    public void play() {
        runner.play();
        playing.set(true);
    }

    public void pause() {
        runner.pause();
        playing.set(false);
    }

    /** Train mode (T). */
    public void train() {
        layer.trainingProperty().set(true);
    }

    /** Eval mode (E). */
    public void eval() {
        layer.trainingProperty().set(false);
    }

    /** {@code reset_running_stats()} (R). */
    public void resetRunningStats() {
        runner.submit(Session::resetRunningStats);
    }

    /** A new layer with the same arguments. */
    public void resetLayer() {
        runner.submit(Session::resetLayer);
    }

    /**
     * Edit → Undo (Ctrl+Z): undoes the newest change of the setup (see {@link Session#undo()}).
     * Playing pauses first, as loading a preset does: an undo that gives back a discarded history
     * must not be followed by steps the user did not ask for; a pending prediction is dropped.
     * With nothing to undo (the menu item is disabled) the key does nothing, Play goes on.
     */
    public void undo() {
        if (!canUndo.get()) {
            return;
        }
        pause();
        predict.cancel();
        runner.submit(Session::undo);
    }

    /** Edit → Redo (Ctrl+Shift+Z, Ctrl+Y): redoes the newest undone change, as {@link #undo()}. */
    public void redo() {
        if (!canRedo.get()) {
            return;
        }
        pause();
        predict.cancel();
        runner.submit(Session::redo);
    }

    /** The next batch is an outlier batch. */
    public void outlierBatch() {
        input.outlierBatch();
    }

    /** Starts over with a preset's layer, batches and mode (again, if it is the current one). */
    public void load(Preset p) {
        if (p == preset.get()) {
            loadNow(p);
        } else {
            preset.set(p);
        }
    }

    private void loadNow(Preset p) {
        pause();
        predict.cancel();
        runner.submit(s -> s.load(p.layer(), p.batches(), p.compareMomentum(), p.training()));
    }

    /**
     * The session's newest steps (those kept exactly, up to a bound on their input values) as a
     * scenario that starts from the layer as it was: built on the session's thread.
     */
    public java.util.concurrent.CompletableFuture<org.normscope.session.SessionScenario.Export> sessionScenario() {
        return runner.call(org.normscope.session.SessionScenario::of);
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
        banner.set(text);
        bannerIsError.set(false);
        toldError = false;
    }

    /**
     * Shows {@code text} in the banner as an error (a file refused, a write that failed) until the
     * next step; a step refused by PyTorch, or a new notice of the session, takes its place.
     */
    public void warn(String text) {
        banner.set(text);
        bannerIsError.set(true);
        toldError = true;
    }

    /** Hides the banner until something new happens. */
    public void dismissBanner() {
        SessionSnapshot s = snapshot.get();
        dismissedNoticeId = s.noticeId();
        dismissedRefusalId = s.refusal() == null ? -1 : s.refusalId();
        banner.set("");
        bannerIsError.set(false);
        toldError = false;
    }

    /** Ctrl + */
    public void biggerFont() {
        fontSize.set(Math.min(MAX_FONT, fontSize.get() + 2));
    }

    /** Ctrl − */
    public void smallerFont() {
        fontSize.set(Math.max(MIN_FONT, fontSize.get() - 2));
    }

    /** Ctrl 0 */
    public void defaultFont() {
        fontSize.set(DEFAULT_FONT);
    }

    // ---- per frame ----------------------------------------------------------------------

    /**
     * Takes the newest snapshot and console entries, if any: call once per frame on the UI thread.
     * While playing as fast as possible, a new snapshot is taken at most every
     * {@link #FULL_SPEED_REFRESH_MS} ms (see there); otherwise at once.
     */
    public void pull() {
        pull(System.nanoTime());
    }

    /** {@link #pull()} at {@code nowNanos} (for tests). */
    void pull(long nowNanos) {
        for (Runnable task; (task = fxTasks.poll()) != null; ) {
            task.run();
        }
        if (!isRefreshLimited() || nowNanos - appliedAtNanos >= FULL_SPEED_REFRESH_MS * 1_000_000L) {
            SessionSnapshot s = runner.latest(); // the runner makes the next one only after this
            if (s != snapshot.get()) {
                heavyFrame();
                apply(s);
                appliedAtNanos = nowNanos;
            }
        }
        console.pull(session.console());
        explain.pull();
        axes.pull();
        code.pull();
        predict.pull();
        playing.set(runner.isPlaying());
        status.showRate(stepCount.get(), System.nanoTime(), playing.get());
        SessionRunner.Progress p = runner.progress();
        boolean working = runner.isWorking() && p != null; // given but not started yet: nothing to show
        status.showProgress(working, p == null ? 0 : p.done(), p == null ? 0 : p.total(),
                p == null ? 0 : p.elapsedNanos());
    }

    /**
     * Called by the window at the start of a frame that draws much (a snapshot taken, a chart
     * group drawn): playing flat out, the engine then starts no step for {@link #HEAVY_FRAME_HOLD_MS}
     * ms, so that the frame has both cores and comes on time (see {@link SessionRunner#holdOff}).
     */
    public void heavyFrame() {
        if (isRefreshLimited()) {
            runner.holdOff(HEAVY_FRAME_HOLD_MS);
        }
    }

    /** How long the engine leaves the cores to a heavy frame while playing flat out. */
    public static final long HEAVY_FRAME_HOLD_MS = 10;

    /** Whether new snapshots are taken at most every {@link #FULL_SPEED_REFRESH_MS} ms now (playing flat out). */
    public boolean isRefreshLimited() {
        return runner.isPlaying() && Double.isInfinite(speed.get().stepsPerSecond());
    }

    private void apply(SessionSnapshot s) {
        int channelsBefore = snapshot.get() == null ? -1 : snapshot.get().channels();
        charts.setChannels(s.channels());
        if (channelsBefore != s.channels()) {
            showHistogramsOf();
        }
        time.setSteps(s.step());
        time.read(s.history());
        layer.show(s);
        input.show(s);
        status.show(s);
        stepCount.set(s.step());
        showEdits(s);
        updateBanner(s);
        explain.show(s);
        axes.show(s.step());
        code.show(s);
        snapshot.set(s);
        predict.show(s);
        if (pendingView != null && s.version() >= pendingViewVersion) {
            showPendingView(s);
        }
    }

    /** The Edit menu's items: what they would undo and redo, in the window's language. */
    private void showEdits(SessionSnapshot s) {
        canUndo.set(s.undoable() != null);
        canRedo.set(s.redoable() != null);
        undoText.set(s.undoable() == null ? UiText.get("menu.edit.undo")
                : UiText.get("menu.edit.undo.named", s.undoable().text()));
        redoText.set(s.redoable() == null ? UiText.get("menu.edit.redo")
                : UiText.get("menu.edit.redo.named", s.redoable().text()));
    }

    private void updateBanner(SessionSnapshot s) {
        if (s.refusal() != null) {
            if (s.refusalId() != dismissedRefusalId) {
                banner.set(s.refusal());
                bannerIsError.set(true);
                toldError = false;
            }
            return;
        }
        SessionSnapshot before = snapshot.get();
        boolean newNotice = s.notice() != null && s.noticeId() != dismissedNoticeId
                && (before == null || before.noticeId() != s.noticeId());
        boolean stepped = before != null && s.step() != before.step();
        if (toldError && !newNotice && !stepped) {
            return; // the window's own error stays until the next step, as a notice does
        }
        toldError = false;
        if (newNotice) {
            banner.set(s.notice());
        } else if (bannerIsError.get() || stepped) {
            banner.set(""); // an error lasts until a step runs; a notice until the next step
        }
        bannerIsError.set(false);
    }

    /** Waits until the session has run every command given so far (for tests and the screenshot); call {@link #pull()} after. */
    public void awaitIdle() {
        try {
            runner.awaitIdle(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the session did not finish its commands", e);
        }
    }

    /** Like {@link #awaitIdle()}, waiting up to {@code seconds} (a long fill of the history). */
    public void awaitIdle(long seconds) {
        try {
            runner.awaitIdle(seconds, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the session did not finish its commands", e);
        }
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
        if (presets.isEmpty()) {
            pause();
            predict.cancel();
            runner.submit(s -> s.load(org.normscope.session.LayerConfig.notebook(),
                    org.normscope.batch.BatchSpec.ones(4), null, true));
        } else {
            load(presets.get(0));
        }
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

    /**
     * Esc: stops the long work or Play if any runs (see {@link #stopWork()}); else leaves
     * presentation mode.
     */
    public void escape() {
        if (runner.isWorking() || runner.isPlaying() || status.workingProperty().get()) {
            stopWork();
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
        org.normscope.session.LayerConfig c = s.layer();
        axes.open(c.kind().torchName(), c.kind() == org.normscope.scenario.LayerKind.GROUP_NORM ? c.numGroups() : 0,
                c.kind() == org.normscope.scenario.LayerKind.LAYER_NORM ? c.normalizedDims() : 0);
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

    /** The built-in presets, then the user's ({@link UserPresetsViewModel#presets()}). */
    public ObservableList<Preset> presets() {
        return presets;
    }

    /** The user's own presets: Save setup as preset…, Import preset…. */
    public UserPresetsViewModel userPresets() {
        return userPresets;
    }

    /** The preset last loaded (choosing one loads it). */
    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }

    /** The newest snapshot shown. */
    public ReadOnlyObjectProperty<SessionSnapshot> snapshotProperty() {
        return snapshot.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public ObjectProperty<Speed> speedProperty() {
        return speed;
    }

    public ReadOnlyLongProperty stepCountProperty() {
        return stepCount.getReadOnlyProperty();
    }

    /** PyTorch's message of a refused step, or the last notable change; empty when there is none. */
    public ReadOnlyStringProperty bannerProperty() {
        return banner.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty bannerIsErrorProperty() {
        return bannerIsError.getReadOnlyProperty();
    }

    /** The window's base font size in px. */
    public ReadOnlyDoubleProperty fontSizeProperty() {
        return fontSize.getReadOnlyProperty();
    }

    /** Edit → Undo's text: what it would undo ("Undo eps change (Ctrl Z)"), or just "Undo (Ctrl Z)" when nothing. */
    public ReadOnlyStringProperty undoTextProperty() {
        return undoText.getReadOnlyProperty();
    }

    /** Edit → Redo's text, as {@link #undoTextProperty()}. */
    public ReadOnlyStringProperty redoTextProperty() {
        return redoText.getReadOnlyProperty();
    }

    /** Whether there is a change to undo. */
    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    /** Whether there is an undone change to redo. */
    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }
}
