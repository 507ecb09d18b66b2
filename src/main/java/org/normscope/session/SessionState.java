package org.normscope.session;

import java.util.List;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;

/**
 * Everything a {@link Session} is, apart from what it can compute again: enough to save it to
 * a file and to make it again exactly (same curves, same next batch, same console), or to put
 * it back on undo. Made by {@link Session#state()}, put back by {@link Session#restore}.
 *
 * <p>The history is the session's own object, not a copy: a state taken when the session is
 * about to build a new layer (and so a new history) owns it from then on; one taken for saving
 * is read on the session's thread before the next step.
 *
 * @param config the layer's arguments as they apply now (eps and momentum included)
 * @param batches how the next batches are drawn
 * @param compareMomentum the comparison layer's momentum, or null without one
 * @param training train or eval mode
 * @param layer the layer's parameters and buffers
 * @param comparison the comparison layer's, or null without one
 * @param step successful steps since the layer was built
 * @param outlierNext whether the next batch is an outlier batch
 * @param histogramChannels whose histograms the snapshots carry
 * @param refusal PyTorch's message for the last attempt if it was refused, else null
 * @param refusalId grows with each refusal
 * @param notice the last change the window pointed out, or null
 * @param noticeId grows with each notice
 * @param console the console's entries, oldest first
 * @param history what was recorded since the layer was built
 * @param journal what happened to the layer, oldest first ({@link SessionJournal.Built} first)
 * @param journalDropped how many of the journal's oldest entries were dropped
 */
public record SessionState(LayerConfig config, BatchSpec batches, Momentum compareMomentum, boolean training,
                           LayerState layer, LayerState comparison, long step, boolean outlierNext,
                           int[] histogramChannels, String refusal, long refusalId, String notice, long noticeId,
                           List<ConsoleLog.Entry> console, SessionHistory history,
                           List<SessionJournal.Entry> journal, long journalDropped) {

    public SessionState {
        histogramChannels = histogramChannels.clone();
        console = List.copyOf(console);
        journal = List.copyOf(journal);
    }

    /**
     * Refuses a state whose parts do not fit together (a damaged file): the batches and the
     * layer's arguments, the history and the step count, the layers' parameters and buffers, the
     * journal's start, the comparison layer and its momentum.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    void check() {
        config.checkTakes(batches);
        int channels = config.numFeatures();
        if (history.channels() != channels || history.steps() != step) {
            throw new IllegalArgumentException("the history has " + history.channels() + " channels and "
                    + history.steps() + " steps, the layer " + channels + " and " + step);
        }
        LayerState.check(config, batches.spatial(), layer);
        if (journal.isEmpty() || !(journal.get(0) instanceof SessionJournal.Built)) {
            throw new IllegalArgumentException("the journal does not start with the layer's construction");
        }
        if ((comparison == null) != (compareMomentum == null)) {
            throw new IllegalArgumentException("the comparison layer does not match its momentum");
        }
        if (comparison != null) {
            LayerState.check(config, batches.spatial(), comparison);
        }
    }

    /** The same state with a copy of the history: safe to read on another thread while the session goes on. */
    public SessionState detached() {
        return new SessionState(config, batches, compareMomentum, training, layer, comparison, step, outlierNext,
                histogramChannels, refusal, refusalId, notice, noticeId, console, history.copy(), journal,
                journalDropped);
    }

    @Override
    public int[] histogramChannels() {
        return histogramChannels.clone();
    }

    /**
     * A layer's learnable parameters and buffers, copies: null where the layer has none
     * ({@code affine=False}: no weight and bias; {@code track_running_stats=False}: no running
     * stats, and num_batches_tracked 0).
     */
    public record LayerState(float[] weight, float[] bias, float[] runningMean, float[] runningVar,
                             long numBatchesTracked) {

        public LayerState {
            weight = weight == null ? null : weight.clone();
            bias = bias == null ? null : bias.clone();
            runningMean = runningMean == null ? null : runningMean.clone();
            runningVar = runningVar == null ? null : runningVar.clone();
        }

        /** What {@code l} holds now. */
        static LayerState of(org.normscope.engine.NormLayer l) {
            return new LayerState(l.weight(), l.bias(), l.runningMean(), l.runningVar(), l.numBatchesTracked());
        }

        /**
         * Refuses a state that does not fit {@code c} on inputs of {@code spatial} (a damaged file).
         *
         * @throws IllegalArgumentException naming what does not fit
         */
        static void check(LayerConfig c, int[] spatial, LayerState l) {
            if (l == null) {
                throw new IllegalArgumentException("the layer's parameters and buffers are missing");
            }
            int n = c.numFeatures();
            int p = c.parameterCount(spatial);
            if (c.affine() != (l.weight != null && l.bias != null)
                    || c.affine() && (l.weight.length != p || l.bias.length != p)) {
                throw new IllegalArgumentException("the weight and bias do not fit " + c);
            }
            if (c.trackRunningStats() != (l.runningMean != null && l.runningVar != null)
                    || c.trackRunningStats() && (l.runningMean.length != n || l.runningVar.length != n)
                    || l.numBatchesTracked < 0 || !c.trackRunningStats() && l.numBatchesTracked != 0) {
                throw new IllegalArgumentException("the running stats do not fit " + c);
            }
        }

        /**
         * Sets {@code l} (built with the same kind, C, affine and tracking as {@code c}) to
         * {@code c}'s eps and momentum, the mode, and this state.
         */
        void applyTo(org.normscope.engine.NormLayer l, LayerConfig c, boolean training) {
            l.setEps(c.eps());
            LayerOps.setMomentum(l, c.momentum());
            l.train(training);
            if (c.affine()) {
                l.setWeight(weight());
                l.setBias(bias());
            }
            if (c.trackRunningStats()) {
                LayerOps.setRunningStats(l, runningMean(), runningVar(), numBatchesTracked);
            }
        }

        @Override
        public float[] weight() {
            return weight == null ? null : weight.clone();
        }

        @Override
        public float[] bias() {
            return bias == null ? null : bias.clone();
        }

        @Override
        public float[] runningMean() {
            return runningMean == null ? null : runningMean.clone();
        }

        @Override
        public float[] runningVar() {
            return runningVar == null ? null : runningVar.clone();
        }
    }
}
