package org.normscope.ui.viewmodel;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.normscope.session.SessionRunner;

/**
 * Stepping and playing: Space, ×10, ×100, Play/Pause and its speed, stopping a long command; and
 * how often a frame takes a new snapshot while playing as fast as possible.
 */
public final class PlaybackViewModel {

    /**
     * While playing as fast as possible the window shows a new snapshot at most this often. The
     * engine then has the processor to itself between refreshes: a refresh of every chart of
     * 64 channels costs tens of milliseconds in the software pipeline, and on two cores every
     * one of them is taken from the engine. Frames still come at the display's pace (the cursor,
     * the menus and the keys answer at once); at any other speed every snapshot is shown.
     */
    public static final long FULL_SPEED_REFRESH_MS = 200;
    /** How long the engine leaves the cores to a heavy frame while playing flat out. */
    public static final long HEAVY_FRAME_HOLD_MS = 10;

    private final SessionRunner runner;
    private final StatusViewModel status;
    private final PredictViewModel predict;
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<Speed> speed = new SimpleObjectProperty<>(Speed.DEFAULT);
    private long takenAtNanos;

    PlaybackViewModel(SessionRunner runner, StatusViewModel status, PredictViewModel predict) {
        this.runner = runner;
        this.status = status;
        this.predict = predict;
        runner.setStepsPerSecond(speed.get().stepsPerSecond());
        speed.addListener((o, a, s) -> runner.setStepsPerSecond(s.stepsPerSecond()));
    }

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

    public void play() {
        runner.play();
        playing.set(true);
    }

    public void pause() {
        runner.pause();
        playing.set(false);
    }

    /** Pauses and drops a pending prediction: the setup is about to change (a preset, an undo, a file opened). */
    void pauseForNewSetup() {
        pause();
        predict.cancel();
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

    /** Whether Play or a command of many steps runs (Esc then stops it rather than leaving presentation mode). */
    public boolean isBusy() {
        return runner.isWorking() || runner.isPlaying() || status.workingProperty().get();
    }

    /** Whether new snapshots are taken at most every {@link #FULL_SPEED_REFRESH_MS} ms now (playing flat out). */
    public boolean isRefreshLimited() {
        return runner.isPlaying() && Double.isInfinite(speed.get().stepsPerSecond());
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

    /** Whether a frame at {@code nowNanos} may take a new snapshot (see {@link #FULL_SPEED_REFRESH_MS}). */
    boolean mayTakeSnapshot(long nowNanos) {
        return !isRefreshLimited() || nowNanos - takenAtNanos >= FULL_SPEED_REFRESH_MS * 1_000_000L;
    }

    /** A frame at {@code nowNanos} took a new snapshot. */
    void tookSnapshot(long nowNanos) {
        takenAtNanos = nowNanos;
    }

    /** Once a frame: whether it plays, the rate of the steps shown, the progress of a long command. */
    void showStatus(long stepsShown, long nowNanos) {
        playing.set(runner.isPlaying());
        status.showRate(stepsShown, nowNanos, playing.get());
        SessionRunner.Progress p = runner.progress();
        boolean working = runner.isWorking() && p != null; // given but not started yet: nothing to show
        status.showProgress(working, p == null ? 0 : p.done(), p == null ? 0 : p.total(),
                p == null ? 0 : p.elapsedNanos());
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    public ObjectProperty<Speed> speedProperty() {
        return speed;
    }
}
