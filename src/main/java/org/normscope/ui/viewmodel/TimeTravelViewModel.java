package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.session.SessionHistory;
import org.normscope.session.Stat;

/**
 * Which steps the charts show and which step the cursor points at: the rules of zooming,
 * panning, following and scrubbing, with no screen.
 *
 * <p><b>Range.</b> The charts show steps {@code from..to}. While {@link #followingProperty()
 * following}, the range ends at the newest step and keeps its span (all steps, unless the user
 * zoomed before pressing "follow"). Zooming or panning stops following; "follow" starts it
 * again with the span the user chose, "whole history" with every step. A range spans at least
 * {@value #MIN_SPAN} steps (fewer only while there are fewer) and never leaves {@code 1..steps}.
 *
 * <p><b>Cursor.</b> A step (0 for none), set by pointing at a chart or by the slider, always
 * within {@code 1..steps}. It stays on its step as new steps arrive.
 */
public final class TimeTravelViewModel {

    /** The narrowest range, in steps. */
    public static final long MIN_SPAN = 10;
    /** {@link #spanProperty()} for "every step". */
    public static final long ALL = Long.MAX_VALUE;

    private final ReadOnlyLongWrapper steps = new ReadOnlyLongWrapper(0);
    private final ReadOnlyLongWrapper from = new ReadOnlyLongWrapper(1);
    private final ReadOnlyLongWrapper to = new ReadOnlyLongWrapper(1);
    private final ReadOnlyLongWrapper span = new ReadOnlyLongWrapper(ALL);
    private final ReadOnlyBooleanWrapper following = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyLongWrapper cursor = new ReadOnlyLongWrapper(0);
    private final ReadOnlyStringWrapper rangeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper readoutTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper reprintable = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<ChannelValues> readout = FXCollections.observableArrayList();
    private final ObservableList<ChannelValues> readoutView = FXCollections.unmodifiableObservableList(readout);

    /**
     * One channel's numbers at the cursor's step (NaN where there is none: no tracked stats,
     * say).
     */
    public record ChannelValues(int channel, float runningMean, float runningVar, float batchMean, float batchVar,
                                float trueMean) {
    }

    /** The newest step (after a new layer: 0, which resets the cursor and follows again). */
    public void setSteps(long n) {
        long before = steps.get();
        steps.set(n);
        if (n < before) {
            cursor.set(0);
            following.set(true);
            span.set(ALL);
        }
        if (following.get()) {
            placeAtEnd();
        } else {
            clampRange(from.get(), to.get());
        }
        if (cursor.get() > n) {
            cursor.set(n);
        }
        updateText();
    }

    /** Zooms by {@code factor} (below 1: in) around step {@code anchor}; stops following. */
    public void zoom(double anchor, double factor) {
        if (steps.get() < 1 || !(factor > 0) || Double.isNaN(anchor)) {
            return;
        }
        double lo = from.get();
        double hi = to.get();
        double a = Math.max(lo, Math.min(hi, anchor));
        double newLo = a - (a - lo) * factor;
        double newHi = a + (hi - a) * factor;
        following.set(false);
        long l = Math.round(newLo);
        long h = Math.round(newHi);
        if (h - l + 1 < MIN_SPAN) {
            long mid = Math.round(a);
            l = mid - MIN_SPAN / 2;
            h = l + MIN_SPAN - 1;
        }
        clampRange(l, h);
        span.set(to.get() - from.get() + 1);
        updateText();
    }

    /**
     * Moves the range by {@code dx} steps (added to both ends), as a chart reports a drag: the
     * data follows the hand, so a drag to the right gives {@code dx < 0} and shows earlier steps.
     */
    public void pan(double dx) {
        if (steps.get() < 1 || Double.isNaN(dx) || dx == 0) {
            return;
        }
        following.set(false);
        long width = to.get() - from.get();
        long l = Math.round(from.get() + dx);
        l = Math.max(1, Math.min(l, steps.get() - width));
        from.set(l);
        to.set(l + width);
        updateText();
    }

    /**
     * Shows a saved view: the range {@code first..last} (kept within the steps), the span kept
     * while following, whether it follows, and the cursor (0 for none).
     */
    public void show(long first, long last, long keptSpan, boolean follow, long cursorStep) {
        span.set(Math.max(1, keptSpan));
        following.set(follow);
        if (follow) {
            placeAtEnd();
        } else {
            clampRange(first, Math.max(first, last));
        }
        cursor.set(steps.get() < 1 ? 0 : Math.max(0, Math.min(steps.get(), cursorStep)));
        updateText();
    }

    /** Follows the newest steps again, with the span of the last zoom. */
    public void follow() {
        following.set(true);
        placeAtEnd();
        updateText();
    }

    /** Follows with every step in view. */
    public void showAll() {
        span.set(ALL);
        follow();
    }

    /**
     * Moves the cursor one step back in time (the presentation remote's Page Up): from its step,
     * or from the newest step when there is no cursor; never before step 1.
     */
    public void stepBack() {
        long at = cursor.get() == 0 ? steps.get() : cursor.get();
        point(at - 1);
    }

    /** Points the cursor at step {@code x} (rounded, kept within 1..steps). */
    public void point(double x) {
        if (steps.get() < 1 || Double.isNaN(x)) {
            return;
        }
        cursor.set(Math.max(1, Math.min(steps.get(), Math.round(x))));
    }

    /**
     * Reads every channel's values at the cursor's step from {@code history} into
     * {@link #readout()}, and says whether they are exact or the means of a bucket of steps.
     * Leaves the list alone when nothing changed (it is shown in a table).
     */
    public void read(SessionHistory history) {
        long t = cursor.get();
        if (history == null || t < 1 || t > history.steps()) {
            readoutTitle.set(steps.get() < 1 ? "" : UiText.get("time.readout.none"));
            reprintable.set(false);
            if (!readout.isEmpty()) {
                readout.clear();
            }
            return;
        }
        List<ChannelValues> rows = new ArrayList<>();
        for (int c = 0; c < history.channels(); c++) {
            rows.add(new ChannelValues(c, history.valueAt(Stat.RUNNING_MEAN, c, t),
                    history.valueAt(Stat.RUNNING_VAR, c, t), history.valueAt(Stat.BATCH_MEAN, c, t),
                    history.valueAt(Stat.BATCH_VAR, c, t), history.valueAt(Stat.TRUE_MEAN, c, t)));
        }
        boolean exact = t >= history.exactFrom();
        reprintable.set(exact);
        if (exact) {
            readoutTitle.set(UiText.get("time.readout.exact", grouped(t)));
        } else {
            long[] bucket = history.bucketAt(t);
            readoutTitle.set(bucket == null ? UiText.get("time.readout.step", grouped(t))
                    : UiText.get("time.readout.bucket", grouped(t), grouped(bucket[0]), grouped(bucket[1])));
        }
        if (!rows.equals(readout)) {
            readout.setAll(rows);
        }
    }

    /** Every channel's values at the cursor's step (see {@link #read}). */
    public ObservableList<ChannelValues> readout() {
        return readoutView;
    }

    /** What {@link #readout()} holds: "step 1,234 (exact)", or the bucket it summarizes. */
    public ReadOnlyStringProperty readoutTitleProperty() {
        return readoutTitle.getReadOnlyProperty();
    }

    /** Whether the cursor's step is kept exactly, so that the console can print it again. */
    public ReadOnlyBooleanProperty reprintableProperty() {
        return reprintable.getReadOnlyProperty();
    }

    private void placeAtEnd() {
        long n = steps.get();
        long w = span.get() == ALL ? n : Math.min(span.get(), n);
        to.set(Math.max(1, n));
        from.set(Math.max(1, n - Math.max(w, 1) + 1));
    }

    private void clampRange(long l, long h) {
        long n = Math.max(1, steps.get());
        long width = Math.min(h - l, n - 1);
        l = Math.max(1, l);
        h = l + width;
        if (h > n) {
            h = n;
            l = Math.max(1, h - width);
        }
        from.set(l);
        to.set(h);
    }

    /** 1,234 as the texts show a step number. */
    private static String grouped(long n) {
        return String.format("%,d", n);
    }

    /** Reads the range text again in the {@linkplain UiLocale current language} (the readout title is re-read by {@link #read}). */
    public void relabel() {
        updateText();
    }

    private void updateText() {
        if (steps.get() == 0) {
            rangeText.set("");
        } else if (steps.get() == 1) {
            rangeText.set(UiText.get("time.range.one"));
        } else if (from.get() == 1 && to.get() == steps.get()) {
            rangeText.set(UiText.get("time.range.all", grouped(steps.get())));
        } else {
            rangeText.set(UiText.get("time.range", grouped(from.get()), grouped(to.get()), grouped(steps.get())));
        }
    }

    /** The first step shown. */
    public ReadOnlyLongProperty fromProperty() {
        return from.getReadOnlyProperty();
    }

    /** The last step shown. */
    public ReadOnlyLongProperty toProperty() {
        return to.getReadOnlyProperty();
    }

    /** The span "follow" keeps, or {@link #ALL}. */
    public ReadOnlyLongProperty spanProperty() {
        return span.getReadOnlyProperty();
    }

    /** Whether the range ends at the newest step as steps arrive. */
    public ReadOnlyBooleanProperty followingProperty() {
        return following.getReadOnlyProperty();
    }

    /** The step the cursor points at, 0 for none. */
    public ReadOnlyLongProperty cursorProperty() {
        return cursor.getReadOnlyProperty();
    }

    /** "all 1,234 steps" or "steps 100–200 of 1,234". */
    public ReadOnlyStringProperty rangeTextProperty() {
        return rangeText.getReadOnlyProperty();
    }
}
