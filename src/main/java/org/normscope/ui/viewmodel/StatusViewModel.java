package org.normscope.ui.viewmodel;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normscope.json.ShortestFloat;
import org.normscope.scenario.LayerKind;
import org.normscope.session.SessionSnapshot;

/**
 * The status bar: the mode, {@code num_batches_tracked}, the factor the last step used to
 * update the running stats ({@code running = (1 − f)·running + f·batch}, {@code f} the
 * momentum, or {@code 1/k} after {@code k} batches when momentum is None) and the
 * {@code n} of the {@code n/(n−1)} that makes the batch variance unbiased for running_var;
 * while a command of many steps runs (×10, ×100, run to step N), how far it has got and the
 * time left.
 */
public final class StatusViewModel {

    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper batchesTracked = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper factor = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bessel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper working = new ReadOnlyBooleanWrapper(false);
    private final java.util.ArrayDeque<long[]> samples = new java.util.ArrayDeque<>(); // {nanos, step}

    /** The rate is averaged over about this long. */
    static final long RATE_WINDOW_NS = 1_000_000_000L;
    /** The rate shown changes at most this often. */
    static final long RATE_EVERY_NS = 500_000_000L;
    private long rateShownAt = Long.MIN_VALUE / 2;

    /**
     * Steps per second while playing, averaged over the last second: called once per frame
     * with the step count and the frame's time. Empty when not playing.
     */
    public void showRate(long stepCount, long nanos, boolean playing) {
        if (!playing) {
            rateShownAt = Long.MIN_VALUE / 2;
            samples.clear();
            rate.set("");
            return;
        }
        if (!samples.isEmpty() && stepCount < samples.peekLast()[1]) {
            samples.clear(); // a new layer
        }
        samples.addLast(new long[] {nanos, stepCount});
        while (samples.size() > 2 && nanos - samples.peekFirst()[0] > RATE_WINDOW_NS) {
            samples.removeFirst();
        }
        long[] first = samples.peekFirst();
        double seconds = (nanos - first[0]) * 1e-9;
        if (seconds < 0.2 || nanos - rateShownAt < RATE_EVERY_NS) {
            return; // too short to say, or said a moment ago (a number that changes every frame cannot be read)
        }
        rateShownAt = nanos;
        rate.set(UiText.get("status.rate", String.format("%,.0f", (stepCount - first[1]) / seconds)));
    }

    /** "12,345 steps/s" while playing, else empty. */
    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    /**
     * How far a command of many steps has got: {@code done} of {@code total} steps after
     * {@code elapsedNanos} (called once per frame; the runner updates it a few times a second).
     * {@code working} false (nothing runs, or it was cancelled) hides it.
     */
    public void showProgress(boolean working, long done, long total, long elapsedNanos) {
        this.working.set(working);
        progress.set(working ? progressText(done, total, elapsedNanos) : "");
    }

    /** "340 / 1,000 steps · about 12 s left" (or "estimating the time left" before the first step is done). */
    static String progressText(long done, long total, long elapsedNanos) {
        String d = String.format("%,d", done);
        String t = String.format("%,d", total);
        if (done <= 0 || total <= 0) {
            return UiText.get("progress.estimating", d, t);
        }
        long leftNanos = (long) ((double) elapsedNanos / done * (total - done));
        if (leftNanos < 500_000_000L) {
            return UiText.get("progress.left.moment", d, t);
        }
        return UiText.get("progress.left", d, t, duration(leftNanos));
    }

    /** "12 s", "3 min 05 s", "2 h 04 min". */
    static String duration(long nanos) {
        long s = Math.max(1, Math.round(nanos * 1e-9));
        if (s < 60) {
            return UiText.get("duration.s", Long.toString(s));
        }
        if (s < 3600) {
            return UiText.get("duration.min", Long.toString(s / 60), String.format("%02d", s % 60));
        }
        return UiText.get("duration.h", Long.toString(s / 3600), String.format("%02d", s / 60 % 60));
    }

    /** "340 / 1,000 steps · about 12 s left" while a command of many steps runs, else empty. */
    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Whether a command of many steps runs (the status bar then offers Cancel). */
    public ReadOnlyBooleanProperty workingProperty() {
        return working.getReadOnlyProperty();
    }

    /** Shows a snapshot. */
    public void show(SessionSnapshot s) {
        mode.set(UiText.get(s.training() ? "status.mode.train" : "status.mode.eval"));
        step.set(UiText.get("status.step", Long.toString(s.step())));
        if (!s.layer().kind().isBatchNorm()) {
            showFamily(s);
            return;
        }
        batchesTracked.set(s.layer().trackRunningStats()
                ? UiText.get("status.tracked", Long.toString(s.numBatchesTracked()))
                : UiText.get("status.tracked.none"));
        factor.set(factorText(s));
        bessel.set(Double.isNaN(s.lastFactor()) && s.lastN() > 0
                ? UiText.get("status.n.not.updated", Long.toString(s.lastN()))
                : besselText(s.lastN()));
    }

    /**
     * InstanceNorm, LayerNorm, GroupNorm: InstanceNorm never counts num_batches_tracked and moves
     * its running stats by momentum; LayerNorm and GroupNorm have neither; n is the group's m.
     */
    private void showFamily(SessionSnapshot s) {
        LayerKind k = s.layer().kind();
        boolean tracked = s.layer().trackRunningStats();
        batchesTracked.set(k.hasMomentum()
                ? UiText.get(tracked ? "status.tracked.instance" : "status.tracked.none")
                : UiText.get("status.tracked.family", k.torchName()));
        factor.set(tracked && !s.layer().momentum().isCumulative()
                ? UiText.get("status.factor.momentum", ShortestFloat.format((float) s.layer().momentum().value()))
                : UiText.get("status.factor.none.no.stats"));
        bessel.set(s.groups() == null ? UiText.get("status.n.none")
                : UiText.get("status.m", Integer.toString(s.groups().valuesPerGroup())));
    }

    static String factorText(SessionSnapshot s) {
        if (Double.isNaN(s.lastFactor())) {
            if (!s.layer().trackRunningStats()) {
                return UiText.get("status.factor.none.no.stats");
            }
            return UiText.get(s.step() == 0 ? "status.factor.none.yet" : "status.factor.none.eval");
        }
        if (s.layer().momentum().isCumulative()) {
            return UiText.get("status.factor.cumulative", Long.toString(s.numBatchesTracked()),
                    ShortestFloat.format((float) s.lastFactor()));
        }
        return UiText.get("status.factor.momentum", ShortestFloat.format((float) s.lastFactor()));
    }

    static String besselText(long n) {
        if (n == 0) {
            return UiText.get("status.n.none");
        }
        if (n == 1) {
            return UiText.get("status.n.one");
        }
        return UiText.get("status.n", Long.toString(n), Long.toString(n - 1));
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty batchesTrackedProperty() {
        return batchesTracked.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty factorProperty() {
        return factor.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty besselProperty() {
        return bessel.getReadOnlyProperty();
    }
}
