package org.normscope.session;

import java.util.Arrays;
import java.util.function.Supplier;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/**
 * Writes each step into the session's history and journal: the running stats of the layer (and
 * of the comparison layer), the batch's mean and variance ({@link #measureBatch}), every
 * {@link SessionHistory#sampleEvery()}-th step the quantiles of x and y, and what the step ran
 * with. A step's row goes into the history at the next step's forward (a quiet step's alongside
 * it, see {@link #flush}) or before anything reads the history ({@link #history()}). Its arrays
 * are reused step after step: recording allocates nothing. Owned by the session's thread.
 */
final class StepRecorder {

    private final SessionJournal journal;
    /** The newest step's output, written first if a quiet step left it out. */
    private final Supplier<Tensor> output;
    private final Runnable flush = this::flush;
    private SessionHistory history;
    private float[][] row;          // one step's stats, filled and handed to the history each step
    private double[] batchMean;     // the newest step's batch: reused step after step, copied by snapshots
    private double[] batchVar;
    // the newest step, not in the history yet (see flush); row holds its stats until then
    private boolean pending;
    private long pendingStep;
    private float[][][] pendingQuantiles;
    private StepSetup pendingSetup;
    private boolean pendingOutlier;

    /**
     * @param journal the session's journal, where each step is noted
     * @param output the newest step's output, written if it was left out (asked only on the
     *     steps whose quantiles of y cannot be had from x's)
     */
    StepRecorder(SessionJournal journal, Supplier<Tensor> output) {
        this.journal = journal;
        this.output = output;
    }

    /**
     * A new history for a new layer ({@code comparison} may be null), with step 0: the layers'
     * running stats as built. A step not recorded yet is dropped with the old history.
     */
    void startHistory(int channels, BatchSpec batches, NormLayer layer, NormLayer comparison) {
        pending = false; // the old history's
        pendingQuantiles = null;
        pendingSetup = null;
        history = new SessionHistory(channels, DistributionSampler.every(batches));
        float[][] values = new float[Stat.values().length][channels];
        for (float[] v : values) {
            Arrays.fill(v, Float.NaN);
        }
        LayerOps.runningInto(layer, true, values[Stat.RUNNING_MEAN.ordinal()]);
        LayerOps.runningInto(layer, false, values[Stat.RUNNING_VAR.ordinal()]);
        LayerOps.runningInto(comparison, true, values[Stat.COMPARE_MEAN.ordinal()]);
        LayerOps.runningInto(comparison, false, values[Stat.COMPARE_VAR.ordinal()]);
        history.recordInitial(values);
        batchMean = null;
        batchVar = null;
    }

    /** Goes on recording into {@code h} (a session put back), with no batch measured yet. */
    void adopt(SessionHistory h) {
        pending = false;
        pendingQuantiles = null;
        pendingSetup = null;
        history = h;
        batchMean = null;
        batchVar = null;
    }

    /** What the session recorded since the layer was built, the newest step included. */
    SessionHistory history() {
        flush();
        return history;
    }

    /**
     * The batch's per-channel mean and biased variance: {@code layer}'s own (float, as PyTorch
     * computes them) when it normalized {@code x} with batch statistics, else measured here in double.
     */
    void measureBatch(NormLayer layer, Tensor x) {
        int[] shape = x.shape();
        int n = shape[0];
        int channels = shape[1];
        if (batchMean == null || batchMean.length != channels) {
            batchMean = new double[channels];
            batchVar = new double[channels];
        }
        if (LayerOps.batchStatsInto(layer, batchMean, batchVar)) {
            return;
        }
        int slice = x.numel() / n / channels;
        float[] d = x.data();
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * slice;
                for (int s = 0; s < slice; s++) {
                    sum += d[base + s];
                }
            }
            double mean = sum / ((long) n * slice);
            double sq = 0;
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * slice;
                for (int s = 0; s < slice; s++) {
                    double dv = d[base + s] - mean;
                    sq += dv * dv;
                }
            }
            batchMean[c] = mean;
            batchVar[c] = sq / ((long) n * slice);
        }
    }

    /**
     * Step {@code t}, which ran on {@code x} with {@code at} ({@link #measureBatch} done): its
     * row is filled now, noted in the journal, and goes into the history at {@link #flush}.
     */
    void record(long t, boolean outlier, long trackedBefore, StepSetup at, NormLayer layer, NormLayer comparison,
                Tensor x) {
        int channels = at.config().numFeatures();
        if (row == null || row[0].length != channels) {
            row = new float[Stat.values().length][channels]; // reused: the history copies it
        }
        // the layers' stats are copied straight into the row: no array per step
        LayerOps.runningInto(layer, true, row[Stat.RUNNING_MEAN.ordinal()]);
        LayerOps.runningInto(layer, false, row[Stat.RUNNING_VAR.ordinal()]);
        LayerOps.runningInto(comparison, true, row[Stat.COMPARE_MEAN.ordinal()]);
        LayerOps.runningInto(comparison, false, row[Stat.COMPARE_VAR.ordinal()]);
        for (int c = 0; c < channels; c++) {
            row[Stat.BATCH_MEAN.ordinal()][c] = (float) batchMean[c];
            row[Stat.BATCH_VAR.ordinal()][c] = (float) batchVar[c];
        }
        journal.stepped(t, at, outlier, trackedBefore);
        float[][][] quantiles = null;
        if (t % history.sampleEvery() == 0) {
            // y's quantiles follow from x's through y = fma(x, α, β); the output is asked for only where they do not
            quantiles = DistributionSampler.both(x, LayerOps.alpha(layer), LayerOps.beta(layer), SessionHistory.QUANTILES,
                    output);
        }
        // recorded at the next forward (or before anything reads the history): row is not
        // filled again before then, and the rest is kept here
        pending = true;
        pendingStep = t;
        pendingQuantiles = quantiles;
        pendingSetup = at;
        pendingOutlier = outlier;
    }

    /** Records the newest step in the history if that is still to be done (see {@link #record}). */
    void flush() {
        if (pending) {
            pending = false;
            float[][][] q = pendingQuantiles;
            StepSetup at = pendingSetup;
            pendingQuantiles = null;
            pendingSetup = null;
            history.record(pendingStep, row, q, at, pendingOutlier);
        }
    }

    /** {@link #flush} as a task, to run alongside a forward (one object for every step). */
    Runnable flushing() {
        return flush;
    }

    /** The newest step's batch mean per channel, as floats (a copy), or null before the first step. */
    float[] batchMean() {
        return toFloats(batchMean);
    }

    /** The newest step's biased batch variance per channel, as {@link #batchMean}. */
    float[] batchVar() {
        return toFloats(batchVar);
    }

    private static float[] toFloats(double[] d) {
        if (d == null) {
            return null;
        }
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
