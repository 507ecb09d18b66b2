package org.normscope.ui.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetLibrary;
import org.normscope.session.ConsoleLog;
import org.normscope.session.SessionSnapshot;

/**
 * A {@link MainViewModel} on the built-in presets, driven as the window drives it but with no
 * screen: actions, then {@link #settle()} (wait for the session's thread, then take the newest
 * snapshot as the frame timer would). Collects the errors of the session's thread.
 */
final class Vm implements AutoCloseable {

    final MainViewModel vm;
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    Vm() {
        this(PresetLibrary.builtIn());
    }

    Vm(List<Preset> presets) {
        vm = new MainViewModel(presets);
        vm.setErrorHandler(errors::add);
    }

    /** On the built-in presets and the user presets of {@code user}'s folder. */
    Vm(org.normscope.preset.UserPresets user) {
        vm = new MainViewModel(PresetLibrary.builtIn(), org.normscope.lesson.LessonLibrary.builtIn(), user);
        vm.setErrorHandler(errors::add);
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
    String last(ConsoleLog.Kind kind) {
        List<ConsoleLog.Entry> entries = vm.console().entries();
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).kind() == kind) {
                return entries.get(i).text();
            }
        }
        return null;
    }

    /** Pulls (one frame) every 10 ms until {@code condition} holds; fails after {@code seconds}. */
    void pullUntil(double seconds, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            vm.pull();
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + seconds + " s waiting for: " + what
                        + " (step count " + steps() + ", playing " + vm.playingProperty().get() + ")");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
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
