package org.normscope.ui.viewmodel;

import java.util.function.Consumer;
import org.normscope.session.SessionRunner;

/** Run → Run to step N: the dialog's field and the long command it starts (with progress; Esc stops it). */
public final class RunToViewModel {

    /** The Run to step N dialog suggests this many steps on. */
    static final long SUGGESTION = 1000;
    /** The furthest step Run to takes (a trillion steps: far beyond any session's patience). */
    static final long MAX_RUN_TO = 1_000_000_000_000L;

    private final SessionRunner runner;
    private final Consumer<String> tell;
    private final ValidatedField<Long> target = new ValidatedField<>(SUGGESTION, this::parse, v -> Long.toString(v));

    /** @param tell shows a notice in the banner */
    RunToViewModel(SessionRunner runner, Consumer<String> tell) {
        this.runner = runner;
        this.tell = tell;
    }

    /** The step typed into the Run to step N dialog: a whole number after the session's step. */
    public ValidatedField<Long> target() {
        return target;
    }

    /** Opens the Run to step N dialog's field on a suggestion: 1,000 steps on. */
    public void ask() {
        target.show(runner.stepCount() + SUGGESTION);
    }

    /**
     * The dialog's OK: runs to the typed step if it is good (see {@link #runTo(long)}).
     *
     * @return whether the text was good (the dialog closes); a bad one keeps its message
     */
    public boolean commit() {
        if (!target.commit()) {
            return false;
        }
        return runTo(target.getValue());
    }

    /**
     * Steps until step {@code step}, with progress in the status bar (Esc stops it); a step
     * the session has reached already does nothing but say so in the banner.
     *
     * @return whether it started
     */
    public boolean runTo(long step) {
        long now = runner.stepCount();
        if (step <= now) {
            tell.accept(UiText.get("runto.past", String.format("%,d", now)));
            return false;
        }
        runner.runTo(step); // counted when it runs: after a command queued before it, it still ends at step
        return true;
    }

    private Long parse(String text) {
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
}
