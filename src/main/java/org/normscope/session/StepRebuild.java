package org.normscope.session;

import java.util.Arrays;
import java.util.List;
import org.normscope.batch.BatchSource;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/**
 * A step as it was: the layer just before it ran, and its batch, rebuilt from the journal
 * (what ran with what, num_batches_tracked) and the history (the running stats after every
 * step kept exactly). Running {@code layerBefore(t)} on {@code batchAt(t)} gives, bit for bit,
 * what step {@code t} gave.
 *
 * <p>The running stats before step {@code t} are the history's row {@code t − 1} unless a
 * {@code reset_running_stats()} or the layer's construction came after step {@code t − 1}
 * (then zeros and ones); refused attempts in between change none of them (PyTorch counts the
 * batch in num_batches_tracked, then raises).
 *
 * <p>The same rebuilt step prints a step again ({@link #reprint}) and, when a saved session is
 * put back, runs its newest step again so that its batch, output and the layer's last forward
 * are back ({@link #rerun}, {@link #attemptRefusedAgain}).
 */
final class StepRebuild {

    /** The layer's state before a step: running_mean, running_var (null without tracking) and num_batches_tracked. */
    record State(float[] runningMean, float[] runningVar, long tracked) {
    }

    private StepRebuild() {
    }

    /** The index of the {@link SessionJournal.Steps} entry holding step {@code t}, or -1. */
    static int indexOfStep(List<SessionJournal.Entry> entries, long t) {
        for (int i = entries.size() - 1; i > 0; i--) {
            if (entries.get(i) instanceof SessionJournal.Steps s) {
                if (s.first() <= t && t <= s.last()) {
                    return i;
                }
                if (s.last() < t) {
                    return -1;
                }
            }
        }
        return -1;
    }

    /**
     * The state just before the step or attempt {@code t} of entry {@code index} (a
     * {@link SessionJournal.Steps} or {@link SessionJournal.Refused}), or null if it is no longer known:
     * the row it needs has left the history's exact window, or the entries it needs were dropped.
     */
    static State stateBefore(SessionJournal journal, List<SessionJournal.Entry> entries, int index, long t,
                             SessionHistory history) {
        SessionJournal.Entry at = entries.get(index);
        StepSetup setup;
        long tracked;
        if (at instanceof SessionJournal.Steps s) {
            setup = s.setup();
            tracked = s.trackedBefore(t);
        } else if (at instanceof SessionJournal.Refused r) {
            setup = r.setup();
            tracked = r.trackedBefore();
        } else {
            throw new IllegalArgumentException("not a step: " + at);
        }
        if (!setup.config().trackRunningStats()) {
            return new State(null, null, 0);
        }
        if (at instanceof SessionJournal.Steps s && t > s.first()) {
            return rows(history, t - 1, tracked);
        }
        for (int i = index - 1; i >= 0; i--) {
            SessionJournal.Entry e = entries.get(i);
            if (e instanceof SessionJournal.Steps p) {
                return rows(history, p.last(), tracked);
            }
            if (e instanceof SessionJournal.ResetRunningStats || e instanceof SessionJournal.Built && journal.dropped() == 0) {
                int c = setup.config().numFeatures();
                float[] ones = new float[c];
                Arrays.fill(ones, 1f);
                return new State(new float[c], ones, tracked);
            }
        }
        return null; // a reset or the steps before were dropped
    }

    private static State rows(SessionHistory history, long step, long tracked) {
        if (step < history.exactFrom() || step > history.steps()) {
            return null;
        }
        return new State(history.exactRow(Stat.RUNNING_MEAN, step), history.exactRow(Stat.RUNNING_VAR, step), tracked);
    }

    /** A new layer set up as {@code setup} says, with {@code state}. */
    static NormLayer build(StepSetup setup, State state) {
        NormLayer layer = setup.config().build(setup.batches().spatial());
        layer.train(setup.training());
        if (setup.config().affine()) {
            layer.setWeight(setup.weight());
            layer.setBias(setup.bias());
        }
        if (setup.config().trackRunningStats()) {
            LayerOps.setRunningStats(layer, state.runningMean(), state.runningVar(), state.tracked());
        }
        return layer;
    }

    /** See {@link Session#layerBefore}. */
    static NormLayer layerBefore(SessionJournal journal, SessionHistory history, long t) {
        StepSetup setup = history.setupAt(t);
        if (setup == null) {
            return null;
        }
        List<SessionJournal.Entry> entries = journal.entries();
        int index = indexOfStep(entries, t);
        if (index < 0) {
            return null;
        }
        State state = stateBefore(journal, entries, index, t, history);
        return state == null ? null : build(setup, state);
    }

    /** See {@link Session#batchAt}. */
    static Tensor batchAt(SessionHistory history, long t) {
        StepSetup setup = history.setupAt(t);
        return setup == null ? null : new BatchSource(setup.batches()).batch(t, history.outlierAt(t));
    }

    /** See {@link Session#reprint}. */
    static String reprint(SessionHistory history, long t) {
        StepSetup at = history.setupAt(t);
        if (at == null) {
            return null;
        }
        LayerConfig c = at.config();
        BatchSource batches = new BatchSource(at.batches());
        Tensor x = batches.batch(t, history.outlierAt(t));
        NormLayer again = c.build(at.batches().spatial());
        again.train(at.training());
        if (c.affine()) {
            again.setWeight(at.weight());
            again.setBias(at.bias());
        }
        float[] rm = c.trackRunningStats() ? history.exactRow(Stat.RUNNING_MEAN, t) : null;
        float[] rv = c.trackRunningStats() ? history.exactRow(Stat.RUNNING_VAR, t) : null;
        if (!at.training() && rm != null) {
            // eval normalizes with the stats, which the step left as they were
            LayerOps.setRunningStats(again, rm, rv, again.numBatchesTracked());
        }
        Tensor y = again.forward(x);
        float[] cm = at.compareMomentum() == null ? null : history.exactRow(Stat.COMPARE_MEAN, t);
        float[] cv = at.compareMomentum() == null ? null : history.exactRow(Stat.COMPARE_VAR, t);
        return StepPrintout.of(t, at.training(), x, y, c, rm, rv, at.compareMomentum(), cm, cv);
    }

    /** See {@link Session#refusedAttempt}. */
    static RefusedAttempt refusedAttempt(SessionJournal journal, SessionHistory history) {
        if (!(journal.last() instanceof SessionJournal.Refused r)) {
            return null;
        }
        List<SessionJournal.Entry> entries = journal.entries();
        State state = stateBefore(journal, entries, entries.size() - 1, r.step(), history);
        if (state == null) {
            return null;
        }
        Tensor x = new BatchSource(r.setup().batches()).batch(r.step(), r.outlier());
        return new RefusedAttempt(r.step(), build(r.setup(), state), x, r.setup().training(), r.errorType(),
                r.message());
    }

    /**
     * A step run again on a layer set up as just before it (see {@link #rerun}).
     *
     * @param layer the layer that ran it, as the step left it
     * @param x the step's input
     * @param y its output, written
     */
    record Rerun(NormLayer layer, Tensor x, Tensor y) {
    }

    /** The newest step, {@code step}, run again; null if it cannot be (no step yet, no longer kept exactly, or refused). */
    static Rerun rerun(SessionJournal journal, SessionHistory history, long step) {
        if (step < 1) {
            return null;
        }
        NormLayer before = layerBefore(journal, history, step);
        Tensor x = batchAt(history, step);
        if (before == null || x == null) {
            return null;
        }
        Tensor y = Tensor.zeros(x.shape());
        try {
            LayerOps.forward(before, x, y);
        } catch (TorchError e) {
            return null; // it ran once: only a damaged file gets here
        }
        return new Rerun(before, x, y);
    }

    /**
     * A refusal after the newest step left the layer with no "last forward" (PyTorch raised
     * half-way): the last refused attempt in {@code entries} (a journal's, oldest first) is made
     * again on {@code layer}, so that it says the same. What that changes (num_batches_tracked,
     * the mode) is for the caller to set after.
     */
    static void attemptRefusedAgain(List<SessionJournal.Entry> entries, NormLayer layer) {
        for (int i = entries.size() - 1; i > 0; i--) {
            SessionJournal.Entry e = entries.get(i);
            if (e instanceof SessionJournal.Steps) {
                return;
            }
            if (e instanceof SessionJournal.Refused r) {
                Tensor x = new BatchSource(r.setup().batches()).batch(r.step(), r.outlier());
                layer.train(r.setup().training());
                try {
                    layer.forwardWithoutOutput(x);
                } catch (TorchError expected) {
                    // refused again, as it was
                }
                return;
            }
        }
    }
}
