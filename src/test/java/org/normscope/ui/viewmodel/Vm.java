package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.normscope.lesson.LessonLibrary;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.preset.UserPresets;
import org.normscope.session.SessionSnapshot;
import org.normscope.testing.ManualTime;

/**
 * A {@link MainViewModel} on the built-in presets, driven as the window drives it but with no
 * screen: actions, then {@link #settle()} (wait for the session's thread, then take the newest
 * snapshot as the frame timer would). Collects the errors of the session's thread.
 *
 * <p>{@code new Vm()} runs the session as the app does (its own thread, the system clock);
 * {@link #manual()} on a clock and a thread the test drives ({@link ManualTime}), for playing at a
 * pace: {@link #pass} lets time pass tick by tick with no real time passing. Not for playing flat
 * out: a flat-out tick ends after 12 ms of the clock, and that clock moves only when the test moves it.
 */
final class Vm implements AutoCloseable {

    final MainViewModel vm;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();
    /** The session's clock and thread when the test drives them, else null. */
    final ManualTime time;

    Vm() {
        this(PresetLibrary.builtIn());
    }

    Vm(List<Preset> presets) {
        this(new MainViewModel(presets), null);
    }

    /** On the built-in presets and the user presets of {@code user}'s folder. */
    Vm(org.normscope.preset.UserPresets user) {
        this(new MainViewModel(PresetLibrary.builtIn(), LessonLibrary.builtIn(), user), null);
    }

    private Vm(MainViewModel vm, ManualTime time) {
        this.vm = vm;
        this.time = time;
        vm.setErrorHandler(errors::add);
    }

    /** On the built-in presets, with the session's clock and thread (and the frames' clock) in the test's hands. */
    static Vm manual() {
        ManualTime time = new ManualTime();
        return new Vm(new MainViewModel(PresetLibrary.builtIn(), LessonLibrary.builtIn(), new UserPresets(),
                time::runner, time.clock), time);
    }

    /** {@code millis} ms of the manual clock pass, playing's ticks running (see {@link ManualTime#pass}); then a frame. */
    Vm pass(long millis) {
        time.pass(millis);
        vm.awaitIdle();
        vm.pull();
        return this;
    }

    /** Waits for every command so far, then pulls once (as one frame does). */
    Vm settle() {
        vm.awaitIdle();
        vm.pull();
        return this;
    }

    SessionSnapshot snap() {
        return vm.snapshotProperty().get();
    }

    long steps() {
        return vm.stepCountProperty().get();
    }

    /** Types {@code text} into a field and commits it (Enter); returns what commit() said. */
    static boolean type(ValidatedField<?> field, String text) {
        field.textProperty().set(text);
        return field.commit();
    }

    /** The text of the console's last entry of this kind, or null. */
    String last(ConsoleViewModel.Kind kind) {
        List<ConsoleViewModel.Entry> entries = vm.console().entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).kind() == kind) {
                return entries.get(i).text();
            }
        }
        return null;
    }

    /**
     * Pulls (one frame) until {@code condition} holds, and between two frames waits for something
     * new rather than for time: playing on the manual clock, 10 ms of it pass; playing flat out, a
     * tick of the engine ({@link MainViewModel#awaitIdle()}); else the next news of another thread
     * (a snapshot, a command's answer, a file read: {@link FrameInbox#awaitNews}). Fails after
     * {@code seconds} (of the manual clock too).
     */
    void pullUntil(double seconds, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long manualDeadline = time == null ? 0 : time.clock.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            long news = vm.inbox().news();
            vm.pull();
            if (condition.getAsBoolean()) {
                return;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || (time != null && time.clock.nanoTime() > manualDeadline)) {
                throw timedOut(seconds, what);
            }
            if (time != null && vm.playingProperty().get()) {
                time.pass(10);
            } else if (vm.playback().isRefreshLimited()) {
                vm.awaitIdle(); // the next snapshot is published once the last was taken: a frame takes it later
            } else if (!vm.inbox().awaitNews(news, left, TimeUnit.NANOSECONDS)) {
                throw timedOut(seconds, what);
            }
        }
    }

    private AssertionError timedOut(double seconds, String what) {
        return new AssertionError("timed out after " + seconds + " s waiting for: " + what
                + " (step count " + steps() + ", playing " + vm.playingProperty().get() + ")");
    }

    static Preset preset(String id) {
        return PresetLibrary.find(id);
    }

    static void assertAll(float[] values, float expected, double tolerance) {
        assertThat(values).isNotNull().isNotEmpty();
        for (int c = 0; c < values.length; c++) {
            assertThat((double) values[c]).as("channel %d", c).isCloseTo(expected,
                    org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    /** Asserts no unexpected exception reached the error handler, then stops the session's thread. */
    @Override
    public void close() {
        vm.close();
        assertThat(errors).as("exceptions on the session's thread").isEmpty();
    }
}
