package org.normscope.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerSpec;
import org.normscope.scenario.Scenario;
import org.normscope.scenario.Step;

/**
 * The session's last steps as a scenario ({@code normscope-scenario/1}): replaying it gives,
 * step by step, the running stats, num_batches_tracked and outputs the session had, and its
 * refusals with PyTorch's messages.
 *
 * <p>It holds at most the steps the history keeps exactly and at most {@code maxValues} input
 * values in all (a big batch gives fewer steps), the newest ones. The layer starts as it was
 * before the first exported step (eps, momentum, weight, bias, running stats,
 * num_batches_tracked); then comes every forward (successful or refused, with its mode and its
 * batch as data), a {@code set} step wherever eps, momentum, weight or bias changed between
 * forwards, and every {@code reset_running_stats()}.
 */
public final class SessionScenario {

    /** The default bound on the input values exported: 2^24 floats, 64 MB. */
    public static final long DEFAULT_MAX_VALUES = 1L << 24;

    /**
     * An export.
     *
     * @param scenario the scenario (no steps if nothing could be exported)
     * @param firstStep the first step number exported (successful or attempted), 0 if none
     * @param lastStep the last one, 0 if none
     * @param forwards how many forward steps it holds (refused attempts included)
     * @param cut whether earlier forwards since the layer was built were left out
     */
    public record Export(Scenario scenario, long firstStep, long lastStep, int forwards, boolean cut) {
    }

    /** One forward to export: step (or attempt) {@code t} of journal entry {@code index}. */
    private record Forward(int index, long t, StepSetup setup, boolean outlier) {
    }

    private SessionScenario() {
    }

    /** The session's newest steps, at most {@value #DEFAULT_MAX_VALUES} input values. */
    public static Export of(Session session) {
        return of(session, DEFAULT_MAX_VALUES);
    }

    /** The session's newest steps, at most {@code maxValues} input values in all. */
    public static Export of(Session session, long maxValues) {
        SessionHistory history = session.history();
        SessionJournal journal = session.journal();
        List<SessionJournal.Entry> entries = journal.entries();
        List<Object> picked = new ArrayList<>(); // Forward or a reset, newest first
        long budget = maxValues;
        boolean cut = journal.dropped() > 0;
        walk:
        for (int i = entries.size() - 1; i > 0; i--) {
            SessionJournal.Entry e = entries.get(i);
            if (e instanceof SessionJournal.Steps s) {
                long values = values(s.setup().batches());
                for (long t = s.last(); t >= s.first(); t--) {
                    if (t < history.exactFrom() || values > budget) {
                        cut = true;
                        break walk;
                    }
                    budget -= values;
                    picked.add(new Forward(i, t, s.setup(), s.outlier()));
                }
            } else if (e instanceof SessionJournal.Refused r) {
                long values = values(r.setup().batches());
                if (values > budget) {
                    cut = true;
                    break;
                }
                budget -= values;
                picked.add(new Forward(i, r.step(), r.setup(), r.outlier()));
            } else if (e instanceof SessionJournal.ResetRunningStats reset) {
                picked.add(reset);
            }
        }
        List<Object> items = new ArrayList<>(picked);
        Collections.reverse(items);
        // the first forward needs the state before it; a row that left the exact window drops it
        StepRebuild.State state = null;
        while (!items.isEmpty()) {
            if (items.get(0) instanceof Forward f) {
                state = StepRebuild.stateBefore(journal, entries, f.index(), f.t(), history);
                if (state != null) {
                    break;
                }
                cut = true;
            }
            items.remove(0); // a reset before the first forward is in the state already
        }
        if (items.isEmpty()) {
            LayerConfig c = session.config();
            Scenario empty = new Scenario("session (nothing kept to export)", spec(c, session.batches().spatial()),
                    List.of(), null);
            return new Export(empty, 0, 0, 0, cut);
        }
        Forward first = (Forward) items.get(0);
        List<Step> steps = new ArrayList<>();
        StepSetup previous = first.setup();
        BatchSource source = null;
        long last = first.t();
        int forwards = 0;
        for (Object item : items) {
            if (!(item instanceof Forward f)) {
                steps.add(new Step.ResetRunningStats());
                continue;
            }
            Step.Set set = changes(previous, f.setup());
            if (set != null) {
                steps.add(set);
            }
            previous = f.setup();
            if (source == null || source.spec() != f.setup().batches()) {
                source = new BatchSource(f.setup().batches());
            }
            Tensor x = source.batch(f.t(), f.outlier());
            steps.add(new Step.Forward(f.setup().training() ? Step.Mode.train : Step.Mode.eval, x, null));
            last = f.t();
            forwards++;
        }
        LayerConfig c = first.setup().config();
        LayerSpec layer = spec(c, first.setup().batches().spatial()).withParameters(first.setup().weight(),
                first.setup().bias());
        if (c.trackRunningStats()) {
            layer = layer.withState(state.runningMean(), state.runningVar(), state.tracked());
        }
        String name = "session steps " + first.t() + "\u2013" + last;
        return new Export(new Scenario(name, layer, steps, null), first.t(), last, forwards, cut);
    }

    /** The {@code set} step from one forward's setup to the next's, or null if eps, momentum, weight and bias are the same. */
    private static Step.Set changes(StepSetup from, StepSetup to) {
        LayerConfig a = from.config();
        LayerConfig b = to.config();
        Double eps = Double.compare(a.eps(), b.eps()) == 0 ? null : b.eps();
        var momentum = a.momentum().equals(b.momentum()) ? null : b.momentum();
        float[] weight = Arrays.equals(from.weight(), to.weight()) ? null : to.weight();
        float[] bias = Arrays.equals(from.bias(), to.bias()) ? null : to.bias();
        if (eps == null && momentum == null && weight == null && bias == null) {
            return null;
        }
        return new Step.Set(eps, momentum, weight, bias);
    }

    private static long values(BatchSpec spec) {
        return BatchSpec.valueCount(spec.batchSize(), spec.channels(), spec.spatial());
    }

    /** The scenario format's layer for {@code c} on input {@code (N, C, *spatial)}. */
    static LayerSpec spec(LayerConfig c, int[] spatial) {
        return switch (c.kind()) {
            case LAYER_NORM -> new LayerSpec(c.kind(), 0, c.eps(), c.momentum(), c.affine(), false, null,
                    null, c.normalizedShape(spatial), 0, 0);
            case GROUP_NORM -> new LayerSpec(c.kind(), 0, c.eps(), c.momentum(), c.affine(), false, null,
                    null, null, c.numGroups(), c.numFeatures());
            default -> LayerSpec.batchNorm(c.kind(), c.numFeatures(), c.eps(), c.momentum(), c.affine(),
                    c.trackRunningStats());
        };
    }
}
