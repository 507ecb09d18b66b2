package org.normscope.ui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normscope.session.SessionSnapshot;

/**
 * The banner above the charts: PyTorch's message when a step is refused (red), the last notable
 * change of the session (a new layer, reset stats), or what the window told (a file saved, a file
 * refused); until the next step or until dismissed.
 */
public final class BannerViewModel {

    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(false);
    private long dismissedNoticeId;
    private long dismissedRefusalId = -1;
    /** The banner shows an error the window told ({@link #warn}): it stays until the next step, as a notice does. */
    private boolean toldError;

    /** Shows {@code message} (as a notice) until the next step. */
    public void tell(String message) {
        text.set(message);
        error.set(false);
        toldError = false;
    }

    /**
     * Shows {@code message} as an error (a file refused, a write that failed) until the next step;
     * a step refused by PyTorch, or a new notice of the session, takes its place.
     */
    public void warn(String message) {
        text.set(message);
        error.set(true);
        toldError = true;
    }

    /** Hides the banner until something newer than {@code shown} happens. */
    void dismiss(SessionSnapshot shown) {
        dismissedNoticeId = shown.noticeId();
        dismissedRefusalId = shown.refusal() == null ? -1 : shown.refusalId();
        text.set("");
        error.set(false);
        toldError = false;
    }

    /** What the banner says once {@code s} is shown after {@code before} (null for the first snapshot). */
    void show(SessionSnapshot before, SessionSnapshot s) {
        if (s.refusal() != null) {
            if (s.refusalId() != dismissedRefusalId) {
                text.set(s.refusal());
                error.set(true);
                toldError = false;
            }
            return;
        }
        boolean newNotice = s.notice() != null && s.noticeId() != dismissedNoticeId
                && (before == null || before.noticeId() != s.noticeId());
        boolean stepped = before != null && s.step() != before.step();
        if (toldError && !newNotice && !stepped) {
            return; // the window's own error stays until the next step, as a notice does
        }
        toldError = false;
        if (newNotice) {
            text.set(s.notice());
        } else if (error.get() || stepped) {
            text.set(""); // an error lasts until a step runs; a notice until the next step
        }
        error.set(false);
    }

    /**
     * An opened session's banner as it was saved, over its first snapshot {@code s}: what it said is
     * restored, not announced again; {@code opened} (the opening's own notice), if any, in its place.
     */
    void restore(String saved, boolean savedIsError, SessionSnapshot s, String opened) {
        text.set(saved);
        error.set(savedIsError);
        dismissedNoticeId = s.noticeId();
        if (s.refusal() != null && !savedIsError) {
            dismissedRefusalId = s.refusalId();
        }
        if (opened != null) {
            text.set(opened);
            error.set(false);
        }
    }

    /** The message, or empty when there is none. */
    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }

    /** Whether the message is an error (red). */
    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
