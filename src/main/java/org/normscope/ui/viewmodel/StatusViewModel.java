package org.normscope.ui.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.normscope.session.SessionSnapshot;

/**
 * The status bar: the mode, {@code num_batches_tracked}, the factor the last step used to
 * update the running stats ({@code running = (1 − f)·running + f·batch}, {@code f} the
 * momentum, or {@code 1/k} after {@code k} batches when momentum is None) and the
 * {@code n} of the {@code n/(n−1)} that makes the batch variance unbiased for running_var.
 */
public final class StatusViewModel {

    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper step = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper batchesTracked = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper factor = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bessel = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper rate = new ReadOnlyStringWrapper("");
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
        rate.set(String.format("%,.0f steps/s", (stepCount - first[1]) / seconds));
    }

    /** "12,345 steps/s" while playing, else empty. */
    public ReadOnlyStringProperty rateProperty() {
        return rate.getReadOnlyProperty();
    }

    /** Shows a snapshot. */
    public void show(SessionSnapshot s) {
        mode.set(s.training() ? "mode: train" : "mode: eval");
        step.set("step " + s.step());
        batchesTracked.set(s.layer().trackRunningStats() ? "num_batches_tracked = " + s.numBatchesTracked()
                : "num_batches_tracked = None (track_running_stats=False)");
        factor.set(factorText(s));
        bessel.set(Double.isNaN(s.lastFactor()) && s.lastN() > 0
                ? "n = " + s.lastN() + " values per channel (running_var not updated)"
                : besselText(s.lastN()));
    }

    static String factorText(SessionSnapshot s) {
        if (Double.isNaN(s.lastFactor())) {
            if (!s.layer().trackRunningStats()) {
                return "factor: none (no running stats)";
            }
            return s.step() == 0 ? "factor: none yet" : "factor: none (eval: running stats unchanged)";
        }
        if (s.layer().momentum().isCumulative()) {
            return "factor = 1/" + s.numBatchesTracked() + " = " + Float.toString((float) s.lastFactor())
                    + " (momentum=None)";
        }
        return "factor = momentum = " + Float.toString((float) s.lastFactor());
    }

    static String besselText(long n) {
        if (n == 0) {
            return "n: none yet";
        }
        if (n == 1) {
            return "n = 1: n/(n\u22121) is undefined";
        }
        return "n = " + n + ": running_var takes var\u00b7" + n + "/" + (n - 1);
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
