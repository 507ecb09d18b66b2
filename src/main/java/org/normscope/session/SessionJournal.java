package org.normscope.session;

import java.util.ArrayList;
import java.util.List;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;

/**
 * What happened to the session's layer since it was built, in order, with runs of like steps
 * merged: its size grows with the user's actions, not with the step count. A run of
 * successful steps that ran with the same layer and batches is one {@link Steps} entry; an
 * outlier step is one on its own; a refused attempt, {@code reset_running_stats()} and every
 * change are one entry each.
 *
 * <p>At most {@link #MAX_ENTRIES} entries are kept: past that the oldest ones after
 * {@link Built} are dropped, a tenth at a time, and {@link #dropped()} counts them, so that a
 * pathological session cannot grow it without bound.
 *
 * <p>The comparison layer is not part of the journal: it is a view on the same batches, not
 * something that happened to the layer.
 *
 * <p>Written by the session's thread: {@link #stepped} is O(1) and allocates nothing while a
 * run goes on (the open run is kept in fields and made an entry when it ends or is read).
 */
public final class SessionJournal {

    /** The most entries kept. */
    public static final int MAX_ENTRIES = 100_000;

    /** One thing that happened to the layer. */
    public sealed interface Entry permits Built, Steps, Refused, ResetRunningStats, EpsSet, MomentumSet, ModeSet,
            WeightSet, BiasSet, BatchesSet, OutlierQueued {
    }

    /** {@code layer = nn.BatchNorm…(…)}: the first entry, always kept. */
    public record Built(LayerConfig config, boolean training, BatchSpec batches) implements Entry {
    }

    /**
     * Successful steps {@code first..last}, all with {@code setup} (eps, momentum, mode, weight,
     * bias, batches); an outlier step is a run of one.
     *
     * @param trackedBefore {@code num_batches_tracked} just before step {@code first}
     */
    public record Steps(long first, long last, StepSetup setup, boolean outlier, long trackedBefore)
            implements Entry {

        /** How many steps the run holds. */
        public long count() {
            return last - first + 1;
        }

        /** {@code num_batches_tracked} just before step {@code t} of the run: one more per train step with tracking. */
        public long trackedBefore(long t) {
            return counts(setup) ? trackedBefore + (t - first) : trackedBefore;
        }
    }

    /**
     * A step PyTorch refused: {@code layer(x)} raised {@code errorType: message}. The step count
     * did not advance ({@code step} is the number it tried), the running stats did not change,
     * but in train mode with tracking PyTorch counted the batch first.
     */
    public record Refused(long step, StepSetup setup, boolean outlier, String errorType, String message,
                          long trackedBefore, long trackedAfter) implements Entry {
    }

    /** {@code layer.reset_running_stats()}. */
    public record ResetRunningStats() implements Entry {
    }

    /** {@code layer.eps = eps}. */
    public record EpsSet(double eps) implements Entry {
    }

    /** {@code layer.momentum = momentum} ({@link Momentum#CUMULATIVE} for None). */
    public record MomentumSet(Momentum momentum) implements Entry {
    }

    /** {@code layer.train()} (true) or {@code layer.eval()} (false). */
    public record ModeSet(boolean training) implements Entry {
    }

    /** {@code layer.weight[channel] = value} under {@code torch.no_grad()}. */
    public record WeightSet(int channel, float value) implements Entry {
    }

    /** {@code layer.bias[channel] = value} under {@code torch.no_grad()}. */
    public record BiasSet(int channel, float value) implements Entry {
    }

    /** The next batches are drawn from {@code batches}. */
    public record BatchesSet(BatchSpec batches) implements Entry {
    }

    /** The next batch is an outlier batch. */
    public record OutlierQueued() implements Entry {
    }

    private final int maxEntries;
    private final List<Entry> closed = new ArrayList<>();
    private long dropped;
    // the open run, not yet an entry
    private boolean runOpen;
    private long runFirst;
    private long runLast;
    private StepSetup runSetup;
    private boolean runOutlier;
    private long runTrackedBefore;

    SessionJournal() {
        this(MAX_ENTRIES);
    }

    /** A journal that keeps at most {@code maxEntries} (at least 10) entries. */
    SessionJournal(int maxEntries) {
        if (maxEntries < 10) {
            throw new IllegalArgumentException("keep at least 10 entries, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    /** Whether a train step with {@code setup} counts in {@code num_batches_tracked}. */
    static boolean counts(StepSetup setup) {
        return setup.training() && setup.config().trackRunningStats();
    }

    // ---- writing (the session's thread) -------------------------------------------------

    /** Starts again with a new layer. */
    void restart(LayerConfig config, boolean training, BatchSpec batches) {
        closed.clear();
        runOpen = false;
        runSetup = null;
        dropped = 0;
        closed.add(new Built(config, training, batches));
    }

    /**
     * Starts again from entries kept elsewhere (a saved session, an undone change): a last
     * {@link Steps} entry stays open, so that the next like step extends it as it would have.
     */
    void replace(List<Entry> entries, long droppedBefore) {
        if (entries.isEmpty() || !(entries.get(0) instanceof Built)) {
            throw new IllegalArgumentException("a journal starts with the layer's construction");
        }
        closed.clear();
        runOpen = false;
        runSetup = null;
        closed.addAll(entries);
        dropped = droppedBefore;
        if (closed.get(closed.size() - 1) instanceof Steps last) {
            closed.remove(closed.size() - 1);
            openRun(last.first(), last.last(), last.setup(), last.outlier(), last.trackedBefore());
        }
    }

    /** Successful step {@code t} ran with {@code setup}; {@code trackedBefore} is num_batches_tracked before it. */
    void stepped(long t, StepSetup setup, boolean outlier, long trackedBefore) {
        if (runOpen && !outlier && !runOutlier && t == runLast + 1
                && (setup == runSetup || setup.sameLayerAs(runSetup))) {
            runLast = t;
            return;
        }
        closeRun();
        openRun(t, t, setup, outlier, trackedBefore);
    }

    private void openRun(long first, long last, StepSetup setup, boolean outlier, long trackedBefore) {
        runOpen = true;
        runFirst = first;
        runLast = last;
        runSetup = setup;
        runOutlier = outlier;
        runTrackedBefore = trackedBefore;
    }

    /** Adds an entry that is not a successful step. */
    void add(Entry e) {
        closeRun();
        append(e);
    }

    private void closeRun() {
        if (runOpen) {
            runOpen = false;
            append(openRun());
        }
    }

    private Steps openRun() {
        return new Steps(runFirst, runLast, runSetup, runOutlier, runTrackedBefore);
    }

    private void append(Entry e) {
        closed.add(e);
        if (closed.size() + 1 > maxEntries) { // + 1: room for the open run
            int drop = Math.max(1, maxEntries / 10);
            closed.subList(1, 1 + drop).clear(); // the Built entry stays
            dropped += drop;
        }
    }

    // ---- reading -------------------------------------------------------------------------

    /** Every entry kept, oldest first (the first is {@link Built}); an immutable copy. */
    public List<Entry> entries() {
        if (!runOpen) {
            return List.copyOf(closed);
        }
        List<Entry> all = new ArrayList<>(closed.size() + 1);
        all.addAll(closed);
        all.add(openRun());
        return List.copyOf(all);
    }

    /** How many entries kept (the open run counts as one). */
    public int size() {
        return closed.size() + (runOpen ? 1 : 0);
    }

    /** How many of the oldest entries after {@link Built} were dropped to keep the journal bounded. */
    public long dropped() {
        return dropped;
    }

    /** The newest entry. */
    public Entry last() {
        return runOpen ? openRun() : closed.get(closed.size() - 1);
    }
}
