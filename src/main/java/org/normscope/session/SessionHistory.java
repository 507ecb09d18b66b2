package org.normscope.session;

import java.util.ArrayList;
import java.util.List;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.history.CsvColumns;
import org.normscope.history.HistoryCsv;
import org.normscope.history.HistoryPyramid;
import org.normscope.history.StepColumns;

/**
 * Everything a session recorded since its layer was built, in memory that does not grow with
 * the step count:
 * <ul>
 *   <li>every channel's {@link Stat}s in a {@link HistoryPyramid} (the last
 *       {@value HistoryPyramid#DEFAULT_EXACT_STEPS} steps exactly, older ones as min/max/mean
 *       buckets); the true mean and variance are not stored but computed from the batch
 *       settings each step ran with ({@link #trueColumns});
 *   <li>how each channel's input x and output y were distributed ({@link #QUANTILES}) at
 *       every {@link #sampleEvery()}-th step, in a smaller pyramid of its own whose steps are
 *       the samples (sample {@code i} is step {@code i·k});
 *   <li>for the steps kept exactly, what each ran with ({@link StepSetup}, outlier or not), so
 *       that the session can run and print one of them again.
 * </ul>
 * Written by the session's thread; read by any thread (the pyramids are synchronized, the
 * setup ring is read on the session's thread only).
 */
public final class SessionHistory {

    /** The stats kept in the pyramid, in their slot order. */
    private static final Stat[] STORED = {Stat.RUNNING_MEAN, Stat.RUNNING_VAR, Stat.BATCH_MEAN, Stat.BATCH_VAR,
        Stat.COMPARE_MEAN, Stat.COMPARE_VAR};
    /** The quantile levels of the distributions: min, −1σ, median, +1σ, max of a normal distribution. */
    public static final double[] QUANTILES = {0, 0.15865525393145707, 0.5, 0.8413447460685429, 1};
    /** Steps whose distributions are kept exactly (when sampled); older ones in buckets. */
    static final int DISTRIBUTION_EXACT_STEPS = 256;
    private static final int DISTRIBUTION_BUCKETS = 32;
    /** The most changes of batch settings kept for the true stats. */
    static final int MAX_TRUTH_SEGMENTS = 4096;

    /** A side of the layer. */
    public enum Side {
        /** x, what goes in. */
        INPUT,
        /** y, what comes out. */
        OUTPUT
    }

    private final int channels;
    private final long sampleEvery;
    private final HistoryPyramid stats;
    private final HistoryPyramid distributions;
    private final float[] row;
    private final float[] distributionRow;
    /** Step 0: the stored stats of the layer as built (running_mean 0, running_var 1; NaN for the batch's). */
    private final float[] initial;
    private final StepSetup[] setups;
    private final boolean[] outliers;
    private final List<TruthSegment> truth = new ArrayList<>();

    /** From {@code fromStep} on, batches were drawn from {@code batches}. */
    private record TruthSegment(long fromStep, BatchSource batches) {
    }

    /**
     * @param channels {@code C}
     * @param sampleEvery the distributions are sampled at steps {@code k, 2k, 3k, …} (at least 1)
     */
    public SessionHistory(int channels, long sampleEvery) {
        this(channels, sampleEvery, forChannels(channels), distributionsFor(channels));
    }

    SessionHistory(int channels, long sampleEvery, HistoryPyramid stats, HistoryPyramid distributions) {
        if (sampleEvery < 1) {
            throw new IllegalArgumentException("sampleEvery must be at least 1, got " + sampleEvery);
        }
        this.sampleEvery = sampleEvery;
        this.channels = channels;
        this.stats = stats;
        this.distributions = distributions;
        this.row = new float[stats.series()];
        this.distributionRow = new float[distributions.series()];
        this.initial = new float[stats.series()];
        java.util.Arrays.fill(initial, Float.NaN);
        this.setups = new StepSetup[stats.exactSteps()];
        this.outliers = new boolean[stats.exactSteps()];
    }

    /**
     * What a history is made of, to save it to a file and read it back: the two pyramids (this
     * history's own objects), step 0's stats, what each step of the exact window ran with (by
     * ring slot {@code step % E}; null where no step is), and from which step each batch setting
     * applied (for the true stats).
     */
    public record Parts(int channels, long sampleEvery, HistoryPyramid stats, HistoryPyramid distributions,
                        float[] initial, StepSetup[] setups, boolean[] outliers, long[] truthFrom,
                        BatchSpec[] truthBatches) {
    }

    /** This history's parts (the arrays are copies, the pyramids are not); read on the session's thread. */
    public synchronized Parts parts() {
        long[] from = new long[truth.size()];
        BatchSpec[] batches = new BatchSpec[truth.size()];
        for (int i = 0; i < from.length; i++) {
            from[i] = truth.get(i).fromStep;
            batches[i] = truth.get(i).batches.spec();
        }
        return new Parts(channels, sampleEvery, stats, distributions, initial.clone(), setups.clone(),
                outliers.clone(), from, batches);
    }

    /**
     * A history made of {@code p} (it owns p's pyramids from then on).
     *
     * @throws IllegalArgumentException if the parts do not fit together
     */
    public static SessionHistory of(Parts p) {
        int c = p.channels();
        if (c < 1 || c > LayerConfig.MAX_FEATURES) {
            throw new IllegalArgumentException("a history of " + c + " channels");
        }
        if (!sameGeometry(p.stats(), forChannels(c)) || !sameGeometry(p.distributions(), distributionsFor(c))) {
            throw new IllegalArgumentException("the history's pyramids do not have the geometry of " + c + " channels");
        }
        if (p.sampleEvery() < 1 || p.distributions().steps() != p.stats().steps() / p.sampleEvery()) {
            throw new IllegalArgumentException("the distributions do not match the steps");
        }
        if (p.initial().length != p.stats().series() || p.setups().length != p.stats().exactSteps()
                || p.outliers().length != p.stats().exactSteps() || p.truthFrom().length != p.truthBatches().length
                || p.truthFrom().length > MAX_TRUTH_SEGMENTS) {
            throw new IllegalArgumentException("the history's parts have the wrong lengths");
        }
        long before = 0;
        for (int i = 0; i < p.truthFrom().length; i++) {
            if (p.truthFrom()[i] <= before || p.truthBatches()[i] == null || p.truthBatches()[i].channels() != c) {
                throw new IllegalArgumentException("the history's batch settings are out of order");
            }
            before = p.truthFrom()[i];
        }
        SessionHistory h = new SessionHistory(c, p.sampleEvery(), p.stats(), p.distributions());
        System.arraycopy(p.initial(), 0, h.initial, 0, h.initial.length);
        System.arraycopy(p.setups(), 0, h.setups, 0, h.setups.length);
        System.arraycopy(p.outliers(), 0, h.outliers, 0, h.outliers.length);
        for (int i = 0; i < p.truthFrom().length; i++) {
            h.truth.add(new TruthSegment(p.truthFrom()[i], new BatchSource(p.truthBatches()[i])));
        }
        return h;
    }

    /** An independent copy (the pyramids copied, the setups shared: they never change). */
    public synchronized SessionHistory copy() {
        int[] all = new int[stats.series()];
        int[] allDistributions = new int[distributions.series()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        for (int i = 0; i < allDistributions.length; i++) {
            allDistributions[i] = i;
        }
        SessionHistory h = new SessionHistory(channels, sampleEvery, stats.copy(all), distributions.copy(allDistributions));
        System.arraycopy(initial, 0, h.initial, 0, initial.length);
        System.arraycopy(setups, 0, h.setups, 0, setups.length);
        System.arraycopy(outliers, 0, h.outliers, 0, outliers.length);
        h.truth.addAll(truth);
        return h;
    }

    private static HistoryPyramid forChannels(int c) {
        return HistoryPyramid.forStats(STORED.length * c);
    }

    private static HistoryPyramid distributionsFor(int c) {
        return new HistoryPyramid(c * 2 * QUANTILES.length, DISTRIBUTION_EXACT_STEPS, DISTRIBUTION_BUCKETS, 8, 14);
    }

    private static boolean sameGeometry(HistoryPyramid a, HistoryPyramid b) {
        return a.series() == b.series() && a.exactSteps() == b.exactSteps() && a.bucketsPerLevel() == b.bucketsPerLevel()
                && a.firstWidth() == b.firstWidth() && a.maxLevels() == b.maxLevels();
    }

    // ---- writing (the session's thread) ------------------------------------------------

    /**
     * Records step {@code step} (the next one): {@code values[stat.ordinal()][c]} for the stored
     * stats, the quantiles of x and y per channel ({@code quantiles[side][c][k]}) when the step
     * is a multiple of {@link #sampleEvery()} (else null), and what it ran with.
     */
    void record(long step, float[][] values, float[][][] quantiles, StepSetup setup, boolean outlier) {
        if (step != stats.steps() + 1) {
            throw new IllegalArgumentException("step " + step + " after " + stats.steps());
        }
        for (int slot = 0; slot < STORED.length; slot++) {
            float[] v = values[STORED[slot].ordinal()];
            System.arraycopy(v, 0, row, slot * channels, channels);
        }
        synchronized (this) {
            if (truth.isEmpty() || truth.get(truth.size() - 1).batches.spec() != setup.batches()) {
                truth.add(new TruthSegment(step, new BatchSource(setup.batches())));
                dropOldTruth();
            }
        }
        stats.append(row);
        if (step % sampleEvery == 0) {
            if (quantiles == null) {
                throw new IllegalArgumentException("step " + step + " is sampled: its quantiles are needed");
            }
            for (int side = 0; side < 2; side++) {
                for (int c = 0; c < channels; c++) {
                    System.arraycopy(quantiles[side][c], 0, distributionRow, (c * 2 + side) * QUANTILES.length,
                            QUANTILES.length);
                }
            }
            distributions.append(distributionRow);
        }
        int slot = (int) (step % setups.length);
        setups[slot] = setup;
        outliers[slot] = outlier;
    }

    /**
     * Records step 0, the layer as built, before any step ({@code values} as in {@link #record}):
     * the charts start the running stats' curves there. It is not a row of the pyramid: the
     * steps, the CSV export and the time travel start at step 1 as before.
     */
    void recordInitial(float[][] values) {
        for (int slot = 0; slot < STORED.length; slot++) {
            System.arraycopy(values[STORED[slot].ordinal()], 0, initial, slot * channels, channels);
        }
    }

    /**
     * Channel {@code c}'s {@code stat} at step 0, the layer as built: running_mean 0 and
     * running_var 1 (and the comparison layer's, if it was there from the start); NaN for
     * what has no value before a step (the batch's stats, the true ones, untracked stats).
     */
    public float initialValue(Stat stat, int c) {
        for (int slot = 0; slot < STORED.length; slot++) {
            if (STORED[slot] == stat) {
                return initial[slot * channels + c];
            }
        }
        return Float.NaN;
    }

    /**
     * Bounds the batch settings kept for the true stats to the last {@value #MAX_TRUTH_SEGMENTS}
     * changes (they grow with the user's edits, not with steps); steps before the oldest kept
     * change then have no true value (NaN).
     */
    private void dropOldTruth() {
        if (truth.size() > MAX_TRUTH_SEGMENTS) {
            truth.subList(0, truth.size() - MAX_TRUTH_SEGMENTS).clear();
        }
    }

    // ---- reading (any thread) ----------------------------------------------------------

    public int channels() {
        return channels;
    }

    /** Steps recorded. */
    public long steps() {
        return stats.steps();
    }

    /** How many of the newest steps are kept exactly. */
    public int exactSteps() {
        return setups.length;
    }

    /** The first step still kept exactly (every value, and enough to run it again). */
    public long exactFrom() {
        return stats.exactFrom();
    }

    /**
     * Channel {@code c}'s {@code stat} over steps {@code from..to} in {@code columns} columns
     * (see {@link HistoryPyramid#columns}); the true stats are computed, exactly, from the
     * batch settings.
     */
    public void columns(Stat stat, int c, long from, long to, int columns, float[] min, float[] max, float[] mean) {
        if (stat == Stat.TRUE_MEAN || stat == Stat.TRUE_VAR) {
            trueColumns(stat, c, from, to, columns, min, max, mean);
            return;
        }
        stats.columns(series(stat, c), from, to, columns, min, max, mean);
    }

    /** Channel {@code c}'s {@code stat} at {@code step}: exact in the exact window, else its bucket's mean. */
    public float valueAt(Stat stat, int c, long step) {
        if (stat == Stat.TRUE_MEAN || stat == Stat.TRUE_VAR) {
            return (float) trueValue(stat, c, step);
        }
        return stats.valueAt(series(stat, c), step);
    }

    /** The steps {@code {first, last}} whose values {@link #valueAt} gives for {@code step} (equal in the exact window). */
    public long[] bucketAt(long step) {
        return stats.bucketAt(step);
    }

    /** Every how many steps the distributions are sampled. */
    public long sampleEvery() {
        return sampleEvery;
    }

    /**
     * The quantiles ({@link #QUANTILES}) of channel {@code c}'s x or y over the samples in steps
     * {@code from..to}, in {@code columns} columns: {@code out[k][i]}, and in {@code x[i]} the
     * step in the middle of column {@code i}'s samples. The minimum is the least of the column's
     * minima, the maximum the largest maximum, the others the mean of the samples' quantiles;
     * NaN where the column holds no sample.
     */
    public void quantileColumns(int c, Side side, long from, long to, int columns, float[][] out, double[] x) {
        long first = Math.max(1, (from + sampleEvery - 1) / sampleEvery);
        long last = Math.min(distributions.steps(), Math.floorDiv(to, sampleEvery));
        if (first > last) {
            for (float[] row : out) {
                java.util.Arrays.fill(row, 0, columns, Float.NaN);
            }
            java.util.Arrays.fill(x, 0, columns, Double.NaN);
            return;
        }
        float[] min = new float[columns];
        float[] max = new float[columns];
        float[] mean = new float[columns];
        int base = (c * 2 + side.ordinal()) * QUANTILES.length;
        for (int k = 0; k < QUANTILES.length; k++) {
            distributions.columns(base + k, first, last, columns, min, max, mean);
            float[] pick = k == 0 ? min : k == QUANTILES.length - 1 ? max : mean;
            System.arraycopy(pick, 0, out[k], 0, columns);
        }
        long span = last - first + 1;
        for (int i = 0; i < columns; i++) {
            x[i] = StepColumns.middleStep(first, span, columns, i) * sampleEvery;
        }
    }

    /** The bytes both pyramids hold (the setups of the exact window are a few references each). */
    public long bytes() {
        return stats.bytes() + distributions.bytes() + setups.length * 5L;
    }

    /** The stats {@link #csvColumns} can export (the stored ones). */
    public static List<Stat> exportable() {
        return List.of(STORED);
    }

    /** Every channel's {@code stat} as CSV columns {@code ch0_min, ch0_max, ch0_mean, ch1_min, ...} (see {@link HistoryCsv}). */
    public CsvColumns csvColumns(Stat stat) {
        int[] indices = new int[channels];
        String[] names = new String[channels];
        for (int c = 0; c < channels; c++) {
            indices[c] = series(stat, c);
            names[c] = "ch" + c;
        }
        return new CsvColumns(stats, indices, names);
    }

    // ---- running a step again (the session's thread) -----------------------------------

    /** What step {@code step} ran with, or null if it is not kept exactly. */
    StepSetup setupAt(long step) {
        if (step < exactFrom() || step > steps()) {
            return null;
        }
        return setups[(int) (step % setups.length)];
    }

    /** Whether step {@code step} (kept exactly) drew an outlier batch. */
    boolean outlierAt(long step) {
        return outliers[(int) (step % outliers.length)];
    }

    /** Every channel's exact {@code stat} at {@code step} (kept exactly). */
    float[] exactRow(Stat stat, long step) {
        float[] v = new float[channels];
        for (int c = 0; c < channels; c++) {
            v[c] = stats.exact(series(stat, c), step);
        }
        return v;
    }

    // ---- helpers -----------------------------------------------------------------------

    private int series(Stat stat, int c) {
        for (int slot = 0; slot < STORED.length; slot++) {
            if (STORED[slot] == stat) {
                return slot * channels + c;
            }
        }
        throw new IllegalArgumentException(stat + " is not stored");
    }

    private synchronized double trueValue(Stat stat, int c, long step) {
        TruthSegment seg = segmentAt(step);
        if (seg == null) {
            return Double.NaN;
        }
        return stat == Stat.TRUE_MEAN ? seg.batches.trueMean(c, step) : seg.batches.trueVariance(c);
    }

    private TruthSegment segmentAt(long step) {
        int i = segmentIndexAt(step);
        return i < 0 ? null : truth.get(i);
    }

    /** The index of the segment holding {@code step} (binary search), or -1 if none does. */
    private int segmentIndexAt(long step) {
        int lo = 0;
        int hi = truth.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (truth.get(mid).fromStep <= step) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return step >= 1 && step <= steps() ? found : -1;
    }

    /**
     * The true stat over each column: it is linear in the step within a segment of unchanged
     * batch settings, so its min and max are at the ends of the column's pieces and its mean is
     * the length-weighted mean of the pieces' midpoints.
     */
    private synchronized void trueColumns(Stat stat, int c, long from, long to, int columns, float[] min, float[] max,
                                          float[] mean) {
        long last = Math.min(to, steps());
        long first = Math.max(1, from);
        long span = to - from + 1;
        for (int i = 0; i < columns; i++) {
            long a = Math.max(first, StepColumns.firstStep(from, span, columns, i));
            long b = Math.min(last, StepColumns.lastStep(from, span, columns, i));
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double sum = 0;
            long n = 0;
            long s = a;
            while (s <= b) {
                int index = segmentIndexAt(s);
                TruthSegment seg = index < 0 ? null : truth.get(index);
                long end = b;
                if (index >= 0 && index + 1 < truth.size()) {
                    end = Math.min(b, truth.get(index + 1).fromStep - 1);
                }
                if (seg == null) {
                    // before the oldest kept setting: unknown
                    TruthSegment next = truth.isEmpty() ? null : truth.get(0);
                    end = next == null ? b : Math.min(b, Math.max(s, next.fromStep - 1));
                } else {
                    double va = stat == Stat.TRUE_MEAN ? seg.batches.trueMean(c, s) : seg.batches.trueVariance(c);
                    double vb = stat == Stat.TRUE_MEAN ? seg.batches.trueMean(c, end) : seg.batches.trueVariance(c);
                    lo = Math.min(lo, Math.min(va, vb));
                    hi = Math.max(hi, Math.max(va, vb));
                    sum += (va + vb) / 2 * (end - s + 1);
                    n += end - s + 1;
                }
                s = end + 1;
            }
            if (n == 0) {
                min[i] = Float.NaN;
                max[i] = Float.NaN;
                mean[i] = Float.NaN;
            } else {
                min[i] = (float) lo;
                max[i] = (float) hi;
                mean[i] = (float) (sum / n);
            }
        }
    }
}
