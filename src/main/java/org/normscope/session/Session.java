package org.normscope.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Momentum;
import org.normscope.engine.PythonFloat;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;
import org.normscope.scenario.LayerKind;

/**
 * One BatchNorm layer being stepped over generated batches, with what each step did: the
 * model behind the window, with no UI in it. Not thread-safe: one thread owns it (see
 * {@link SessionRunner}).
 *
 * <p>A step draws the next batch, runs {@code y = layer(x)} and records every channel's
 * statistics. A step PyTorch would refuse changes nothing but what PyTorch itself changes
 * before raising ({@code num_batches_tracked} is counted first in train mode), and the
 * refusal is kept as PyTorch's message. An optional comparison layer, identical but for its
 * momentum, takes the same batches.
 *
 * <p>Every user-level change of the setup ({@link #configure}, {@link #setTraining},
 * {@link #setWeight}, {@link #setBias}, {@link #fillParameters}, {@link #setBatches},
 * {@link #setCompareMomentum}, {@link #resetRunningStats}, {@link #resetLayer}, {@link #load}) can
 * be undone and redone ({@link #undo()}, {@link #redo()}; see {@link UndoStack}). A change that
 * starts the stats again is undone with the layer and the history it discarded; the others set
 * the settings back and the history goes on. Steps are not changes: they are never undone (the
 * time travel looks back at them), and neither are {@link #queueOutlier()} (an event of the next
 * step, not a setting), the histogram channels (a view) or a reprint.
 */
public final class Session {

    /** The most channels whose histograms a snapshot carries (the others' are empty). */
    public static final int MAX_HISTOGRAMS = 8;
    /** Entries the console keeps. */
    public static final int CONSOLE_ENTRIES = 400;
    /** Bins of each channel's histogram. */
    public static final int HISTOGRAM_BINS = 24;

    private final ConsoleLog console = new ConsoleLog(CONSOLE_ENTRIES);
    private final SessionJournal journal = new SessionJournal();
    private LayerConfig config;
    private NormLayer layer;
    private Momentum compareMomentum;
    private NormLayer comparison;
    private BatchSource source;
    private boolean training = true;
    private SessionHistory history;
    private float[][] row;        // one step's stats, filled and handed to the history each step
    private StepSetup setup;      // what the steps run with; null after a change, made again at the next step
    private int[] histogramChannels = {0, 1, 2, 3, 4, 5, 6, 7};
    private long step;
    private long version;
    private boolean outlierNext;
    private Tensor lastInput;
    /** Reused by fresh batches (no allocation per step): the last step's input, this step's, the next one's drawn ahead. */
    private final Tensor[] inputBuffers = new Tensor[3];
    private Tensor outputBuffer;  // y, reused while the shape stays
    private final BatchPrefetch prefetch = new BatchPrefetch(); // the next batch, drawn into the free buffer
    private boolean outputPending; // the last step ran without writing lastOutput (see ensureOutput)
    private Runnable pendingRecord; // the last step's history.record, not yet done (see flushRecord)
    private long unprintedFrom;   // the first step not printed yet (0: none)
    private long unprintedTo;
    private Tensor lastOutput;
    private double[] lastBatchMean;
    private double[] lastBatchVar;
    private String refusal;
    private String notice;
    private long noticeId;
    private long refusalId;
    private final UndoStack edits = new UndoStack();
    /** An undo or redo, or a change made of several setter calls, is applying settings: the setters record nothing. */
    private boolean applying;

    /**
     * @param config the layer's arguments
     * @param batches how batches are drawn; its channel count must be {@code config.numFeatures()}
     * @param compareMomentum a comparison layer's momentum, or null for none
     */
    public Session(LayerConfig config, BatchSpec batches, Momentum compareMomentum) {
        this.config = Objects.requireNonNull(config);
        checkBatches(config, batches);
        this.source = new BatchSource(batches);
        this.compareMomentum = compareMomentum;
        build();
        console.append(ConsoleLog.Kind.NOTICE, ">>> layer = nn." + layer);
    }

    /** The notebook's session: {@code BatchNorm1d(4, eps=0, momentum=0.3)} on {@code torch.ones(2, 4, 1)}. */
    public static Session notebook() {
        return new Session(LayerConfig.notebook(), BatchSpec.ones(4), null);
    }

    private void build() {
        layer = config.build(source.spec().spatial());
        layer.train(training);
        comparison = compareMomentum == null ? null : config.withMomentum(compareMomentum).build(source.spec().spatial());
        if (comparison != null) {
            comparison.train(training);
        }
        pendingRecord = null; // the old history's
        history = new SessionHistory(config.numFeatures(), DistributionSampler.every(source.spec()));
        recordInitial();
        journal.restart(config, training, source.spec());
        setup = null;
        step = 0;
        lastInput = null;
        lastOutput = null;
        outputPending = false;
        lastBatchMean = null;
        lastBatchVar = null;
        refusal = null;
        outlierNext = false;
        version++;
    }

    // ---- stepping -----------------------------------------------------------------------

    /**
     * One forward pass on the next batch, printed to the console.
     *
     * @return true if it ran, false if PyTorch would have refused it (see {@link #refusal()})
     */
    public boolean step() {
        return step(true);
    }

    /**
     * One forward pass on the next batch, with nothing printed unless it is refused: playing
     * fast prints only some steps (see {@link #printUnprinted()}), as no one reads thousands of
     * tensors a second.
     */
    public boolean stepQuietly() {
        return step(false);
    }

    private boolean step(boolean print) {
        long t = step + 1;
        long trackedBefore = layer.numBatchesTracked();
        // a fresh batch goes into a buffer the last step did not use: the last step's input
        // stays as it was, so that its output can still be written after a refused step; it may
        // have been drawn there already while the last step ran (see BatchPrefetch)
        Tensor x = prefetch.take(source.spec(), t, outlierNext);
        if (x == null) {
            x = source.batch(t, outlierNext, freeInputBuffer(lastInput, null));
        }
        keepInputBuffer(x);
        // the next step's batch is drawn meanwhile, into the third buffer (an outlier queued or
        // any change before that step drops it)
        prefetch.start(source, t + 1, false, freeInputBuffer(lastInput, x));
        Tensor y = outputBuffer != null && outputBuffer.sameShape(x) ? outputBuffer : Tensor.zeros(x.shape());
        try {
            if (print) {
                LayerOps.forward(layer, x, y);
            } else {
                // the output is written when something looks at it (ensureOutput); the last step is
                // recorded while the pool thread starts on this one's channels
                LayerOps.forwardQuietly(layer, x, this::flushRecord);
            }
        } catch (TorchError e) {
            flushRecord();
            refuse(e, x, trackedBefore);
            return false;
        }
        flushRecord(); // a printed step's forward runs nothing alongside
        outputBuffer = y;
        outputPending = !print;
        if (comparison != null) {
            comparison.forwardWithoutOutput(x); // only its running stats are ever shown
        }
        step = t;
        boolean outlier = outlierNext;
        outlierNext = false;
        lastInput = x;
        lastOutput = y;
        refusal = null;
        measureBatch(x);
        record(t, outlier, trackedBefore);
        if (print) {
            flushRecord(); // only quiet steps overlap their recording with the next forward
        }
        if (print) {
            printUnprinted();
            console.append(ConsoleLog.Kind.STEP, describeStep(t, x, y));
        } else {
            if (unprintedFrom == 0) {
                unprintedFrom = t;
            }
            unprintedTo = t;
        }
        version++;
        return true;
    }

    /** An input buffer that is neither {@code busy} nor {@code busy2} (null if there is none yet): a batch may go there. */
    private Tensor freeInputBuffer(Tensor busy, Tensor busy2) {
        for (Tensor b : inputBuffers) {
            if (b != null && b != busy && b != busy2) {
                return b;
            }
        }
        return null;
    }

    /** {@code x} becomes one of the input buffers (in place of an empty one, or one the last step did not use), unless it is one. */
    private void keepInputBuffer(Tensor x) {
        int free = -1;
        for (int i = inputBuffers.length - 1; i >= 0; i--) {
            if (inputBuffers[i] == x) {
                return;
            }
            if (inputBuffers[i] == null || free < 0 && inputBuffers[i] != lastInput) {
                free = i;
            }
        }
        inputBuffers[free] = x; // the source never writes into its shared repeated batch
    }

    /**
     * Turns drawing the next batch ahead (while the current step runs) on or off; on by
     * default. The batches, and so every result, are the same either way.
     */
    void setPrefetching(boolean on) {
        prefetch.setEnabled(on);
    }

    /** How many steps used a batch drawn ahead (for tests). */
    long prefetchedSteps() {
        return prefetch.taken();
    }

    /** The last step's input (for tests): the batch it ran on. */
    Tensor lastInput() {
        return lastInput;
    }

    /**
     * Prints what quiet steps left out: a line that counts them, then the last of them in full
     * (if it is the newest step). Does nothing if every step was printed.
     */
    public void printUnprinted() {
        if (unprintedFrom == 0) {
            return;
        }
        long from = unprintedFrom;
        long to = unprintedTo;
        unprintedFrom = 0;
        unprintedTo = 0;
        boolean lastIsNewest = to == step && lastInput != null;
        long quiet = lastIsNewest ? to - 1 : to;
        if (quiet >= from) {
            console.append(ConsoleLog.Kind.NOTICE, quiet == from ? SessionText.get("quiet.one", Long.toString(from))
                    : SessionText.get("quiet.many", Long.toString(from), Long.toString(quiet)));
        }
        if (lastIsNewest) {
            ensureOutput();
            console.append(ConsoleLog.Kind.STEP, describeStep(to, lastInput, lastOutput));
        }
        version++;
    }

    /**
     * Writes the last step's output if a quiet step left it out: the layer computed everything
     * else, and writes the same values now (see {@link BatchNorm#forwardWithoutOutput}).
     */
    private void ensureOutput() {
        if (outputPending) {
            outputPending = false;
            layer.writeOutput(lastInput, lastOutput);
        }
    }

    private void refuse(TorchError e, Tensor x, long trackedBefore) {
        if (comparison != null) {
            try {
                comparison.forward(x); // counts the batch as PyTorch would, then raises the same error
            } catch (TorchError expected) {
                // same input, same refusal
            }
        }
        refusal = e.toString();
        refusalId++;
        journal.add(new SessionJournal.Refused(step + 1, currentSetup(), outlierNext, e.pythonType(), e.getMessage(),
                trackedBefore, layer.numBatchesTracked()));
        StringBuilder text = new StringBuilder();
        text.append(SessionText.get("step.header", Long.toString(step + 1), modeName(), x.sizeString()))
                .append(" \u00b7 ").append(SessionText.get("refused")).append('\n').append(refusal);
        if (training && config.trackRunningStats()) {
            text.append('\n').append(SessionText.get("refused.counted", Long.toString(layer.numBatchesTracked())));
        }
        console.append(ConsoleLog.Kind.REFUSAL, text.toString());
        version++;
    }

    /**
     * The batch's per-channel mean and biased variance: the layer's own (float, as PyTorch
     * computes them) when it normalized with batch statistics, else measured here in double.
     */
    private void measureBatch(Tensor x) {
        int[] shape = x.shape();
        int n = shape[0];
        int channels = shape[1];
        if (lastBatchMean == null || lastBatchMean.length != channels) {
            lastBatchMean = new double[channels]; // reused step after step: read here, copied by snapshots
            lastBatchVar = new double[channels];
        }
        if (LayerOps.batchStatsInto(layer, lastBatchMean, lastBatchVar)) {
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
            lastBatchMean[c] = mean;
            lastBatchVar[c] = sq / ((long) n * slice);
        }
    }

    private void record(long t, boolean outlier, long trackedBefore) {
        int channels = config.numFeatures();
        if (row == null || row[0].length != channels) {
            row = new float[Stat.values().length][channels]; // reused: the history copies it
        }
        // the layers' stats are copied straight into the row: no array per step
        statInto(layer, true, row[Stat.RUNNING_MEAN.ordinal()]);
        statInto(layer, false, row[Stat.RUNNING_VAR.ordinal()]);
        statInto(comparison, true, row[Stat.COMPARE_MEAN.ordinal()]);
        statInto(comparison, false, row[Stat.COMPARE_VAR.ordinal()]);
        for (int c = 0; c < channels; c++) {
            row[Stat.BATCH_MEAN.ordinal()][c] = (float) lastBatchMean[c];
            row[Stat.BATCH_VAR.ordinal()][c] = (float) lastBatchVar[c];
        }
        journal.stepped(t, currentSetup(), outlier, trackedBefore);
        float[][][] quantiles = null;
        if (t % history.sampleEvery() == 0) {
            // y's quantiles follow from x's through y = fma(x, α, β); the output is asked for only where they do not
            quantiles = DistributionSampler.both(lastInput, LayerOps.alpha(layer), LayerOps.beta(layer), SessionHistory.QUANTILES,
                    () -> {
                        ensureOutput();
                        return lastOutput;
                    });
        }
        float[][][] q = quantiles;
        StepSetup at = setup;
        // recorded at the next forward (or before anything reads the history): row is not
        // filled again before then, and the rest is captured here
        float[][] values = row;
        pendingRecord = () -> history.record(t, values, q, at, outlier);
    }

    /** Step 0 in the history: the running stats of the layer (and comparison) as built. */
    private void recordInitial() {
        int channels = config.numFeatures();
        float[][] values = new float[Stat.values().length][channels];
        for (float[] v : values) {
            java.util.Arrays.fill(v, Float.NaN);
        }
        statInto(layer, true, values[Stat.RUNNING_MEAN.ordinal()]);
        statInto(layer, false, values[Stat.RUNNING_VAR.ordinal()]);
        statInto(comparison, true, values[Stat.COMPARE_MEAN.ordinal()]);
        statInto(comparison, false, values[Stat.COMPARE_VAR.ordinal()]);
        history.recordInitial(values);
    }

    /** What a step run now runs with: made again only after a change. */
    private StepSetup currentSetup() {
        if (setup == null) {
            setup = new StepSetup(config, training, layer.weight(), layer.bias(), source.spec(), compareMomentum);
        }
        return setup;
    }

    /** {@code l}'s running_mean (or running_var) into {@code into}; NaN without a layer or tracking. */
    private static void statInto(NormLayer l, boolean mean, float[] into) {
        LayerOps.runningInto(l, mean, into);
    }

    /** Records the last step in the history if that is still to be done (see {@link #record}). */
    private void flushRecord() {
        Runnable r = pendingRecord;
        if (r != null) {
            pendingRecord = null;
            r.run();
        }
    }

    /**
     * Step {@code t} printed again as it was printed when it ran: its batch drawn again, and
     * run through a new layer with the weight, bias, eps and mode it ran with (in eval mode,
     * with the running stats it had); the running stats printed are the ones recorded.
     *
     * @return the text, or null if the step is no longer kept exactly (or never ran)
     */
    public String reprint(long t) {
        flushRecord();
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

    /**
     * Prints step {@code t} to the console again (see {@link #reprint}), or says that it is no
     * longer kept exactly.
     *
     * @return whether it could
     */
    public boolean printAgain(long t) {
        String text = reprint(t);
        if (text == null) {
            console.append(ConsoleLog.Kind.NOTICE, SessionText.get("reprint.gone", Long.toString(t),
                    String.format("%,d", history.exactSteps())));
            version++;
            return false;
        }
        console.append(ConsoleLog.Kind.NOTICE, SessionText.get("reprint.again", Long.toString(t)));
        console.append(ConsoleLog.Kind.STEP, text);
        version++;
        return true;
    }

    /**
     * A new layer set up exactly as the session's was just before step {@code t} ran: its config
     * (eps and momentum as they applied), mode, weight, bias, running stats and
     * num_batches_tracked. {@code layerBefore(t).forward(batchAt(t))} gives what step {@code t}
     * gave, bit for bit (see {@link StepRebuild}).
     *
     * @return the layer, or null if step {@code t} is no longer kept exactly (or never ran)
     */
    public NormLayer layerBefore(long t) {
        return StepRebuild.layerBefore(journal, history(), t);
    }

    /** Step {@code t}'s input drawn again, or null if the step is no longer kept exactly (or never ran). */
    public Tensor batchAt(long t) {
        return StepRebuild.batchAt(history(), t);
    }

    /** The newest attempt PyTorch refused, as it was, if nothing happened since; else null. */
    public RefusedAttempt refusedAttempt() {
        return StepRebuild.refusedAttempt(journal, history());
    }

    /** What happened to the layer since it was built (read-only: its entries are an immutable copy). */
    public SessionJournal journal() {
        return journal;
    }

    /** The newest step's output (a copy), or null before the first step; for tests. */
    Tensor lastOutput() {
        ensureOutput();
        return lastOutput == null ? null : lastOutput.copy();
    }

    /**
     * One value of the newest step's output y: channel {@code c}'s value at {@code index} (counted
     * batch-major, as the Explain pane counts a channel's values), or NaN before the first step or
     * when there is no such value. The layer's own output, not recomputed.
     */
    public float outputValue(int c, int index) {
        ensureOutput();
        if (lastOutput == null || lastOutput.dim() < 2 || c < 0 || c >= lastOutput.size(1) || index < 0) {
            return Float.NaN;
        }
        int channels = lastOutput.size(1);
        int slice = lastOutput.numel() / lastOutput.size(0) / channels;
        int b = index / slice;
        if (b >= lastOutput.size(0)) {
            return Float.NaN;
        }
        return lastOutput.data()[(b * channels + c) * slice + index % slice];
    }

    /** What the session recorded since the layer was built. */
    public SessionHistory history() {
        flushRecord();
        return history;
    }

    /** Which channels' histograms the snapshots carry (at most {@value #MAX_HISTOGRAMS}; those past C are ignored). */
    public void setHistogramChannels(List<Integer> channels) {
        int[] chosen = channels.stream().mapToInt(Integer::intValue).limit(MAX_HISTOGRAMS).toArray();
        if (!Arrays.equals(chosen, histogramChannels)) {
            histogramChannels = chosen;
            version++;
        }
    }

    private String describeStep(long t, Tensor x, Tensor y) {
        return StepPrintout.of(t, training, x, y, config, layer.runningMean(), layer.runningVar(), comparison == null
                ? null : compareMomentum, comparison == null ? null : comparison.runningMean(),
                comparison == null ? null : comparison.runningVar());
    }

    private String modeName() {
        return SessionText.get(training ? "mode.train" : "mode.eval");
    }


    // ---- changes ------------------------------------------------------------------------

    /** {@code layer.train()} (true) or {@code layer.eval()} (false); the comparison layer follows. */
    public void setTraining(boolean train) {
        if (train == training) {
            return;
        }
        recordAdjust(UndoableChange.of(train ? "train" : "eval"));
        training = train;
        layer.train(train);
        if (comparison != null) {
            comparison.train(train);
        }
        journal.add(new SessionJournal.ModeSet(train));
        say(">>> layer." + (train ? "train()" : "eval()"));
    }

    /**
     * New layer arguments. If a constructor-only one changed (kind, C, affine,
     * track_running_stats) this builds a new layer, so the running stats, weight, bias and the
     * history start again, and the batches follow the new C and kind; otherwise eps and
     * momentum are set on the layer and apply from the next step.
     */
    public void configure(LayerConfig newConfig) {
        Objects.requireNonNull(newConfig);
        if (config.needsRebuildFor(newConfig)) {
            BatchSpec spec = source.spec().withChannels(newConfig.numFeatures());
            if (!newConfig.kind().accepts(spec.spatial())) {
                spec = spec.withSpatial(defaultSpatial(newConfig.kind()));
            }
            if (!newConfig.fits(spec.spatial())) {
                throw new IllegalArgumentException("LayerNorm cannot normalize the last " + newConfig.normalizedDims()
                        + " sizes of input " + Arrays.toString(spec.shape()) + ": it has " + (spec.shape().length - 1)
                        + " after N");
            }
            recordRestart(rebuildChange(config, newConfig), false);
            config = newConfig;
            source = new BatchSource(spec);
            build();
            announce(">>> layer = nn." + layer + "\n" + SessionText.get("rebuilt.console"),
                    SessionText.get("rebuilt.banner", layer.toString()));
            return;
        }
        boolean epsChanged = Double.compare(newConfig.eps(), config.eps()) != 0;
        boolean momentumChanged = !newConfig.momentum().equals(config.momentum());
        if (epsChanged || momentumChanged) {
            recordAdjust(UndoableChange.of(!momentumChanged ? "eps" : !epsChanged ? "momentum" : "eps.momentum"));
        }
        List<String> changes = new ArrayList<>();
        if (epsChanged) {
            layer.setEps(newConfig.eps());
            if (comparison != null) {
                comparison.setEps(newConfig.eps());
            }
            changes.add(">>> layer.eps = " + PythonFloat.repr(newConfig.eps()));
            journal.add(new SessionJournal.EpsSet(newConfig.eps()));
        }
        if (momentumChanged) {
            LayerOps.setMomentum(layer, newConfig.momentum());
            changes.add(">>> layer.momentum = " + newConfig.momentum());
            journal.add(new SessionJournal.MomentumSet(newConfig.momentum()));
        }
        config = newConfig;
        if (!changes.isEmpty()) {
            say(String.join("\n", changes) + "\n" + SessionText.get("applies.next"));
        }
    }

    /** How the Edit menu names a change of constructor-only arguments: the one that changed, or "layer" if several did. */
    private static UndoableChange rebuildChange(LayerConfig from, LayerConfig to) {
        List<UndoableChange> changed = new ArrayList<>();
        if (from.kind() != to.kind()) {
            changed.add(UndoableChange.of("kind"));
        }
        if (from.numFeatures() != to.numFeatures()) {
            changed.add(UndoableChange.of("features"));
        }
        if (from.affine() != to.affine()) {
            changed.add(UndoableChange.of("affine"));
        }
        if (from.trackRunningStats() != to.trackRunningStats()) {
            changed.add(UndoableChange.of("tracking"));
        }
        return changed.size() == 1 ? changed.get(0) : UndoableChange.of("layer");
    }

    /** The sizes after C that a kind gets when the current ones do not fit it. */
    public static int[] defaultSpatial(LayerKind kind) {
        return switch (kind) {
            case BATCH_NORM_1D, INSTANCE_NORM_1D -> new int[] {4};
            case BATCH_NORM_2D, INSTANCE_NORM_2D -> new int[] {4, 4};
            case BATCH_NORM_3D, INSTANCE_NORM_3D -> new int[] {2, 4, 4};
            case LAYER_NORM, GROUP_NORM -> new int[] {4};
        };
    }

    /**
     * A comparison layer with this momentum (null removes it); it starts from fresh stats. Undoing
     * it gives back the comparison's momentum, not its stats: the comparison starts from fresh
     * stats again (as its curves go on in the same history), as any change of its momentum does.
     */
    public void setCompareMomentum(Momentum momentum) {
        if (!Objects.equals(momentum, compareMomentum)) {
            recordAdjust(UndoableChange.of("compare"));
        }
        compareMomentum = momentum;
        comparison = momentum == null ? null : config.withMomentum(momentum).build(source.spec().spatial());
        if (comparison != null) {
            comparison.train(training);
            if (config.affine()) {
                comparison.setWeight(layer.weight());
                comparison.setBias(layer.bias());
            }
        }
        String text = momentum == null ? SessionText.get("compare.none")
                : SessionText.get("compare.set", String.valueOf(momentum));
        announce(text, text);
    }

    /**
     * How the next batches are drawn; takes effect at the next step.
     *
     * @throws IllegalArgumentException if it has another number of channels than the layer, or a shape the kind refuses
     */
    public void setBatches(BatchSpec batches) {
        checkBatches(config, batches);
        if (config.kind() == LayerKind.LAYER_NORM && !Arrays.equals(config.normalizedShape(source.spec().spatial()),
                config.normalizedShape(batches.spatial()))) {
            // LayerNorm's normalized_shape is the input's trailing sizes: other sizes need a new layer
            recordRestart(UndoableChange.of("batches"), false);
            source = new BatchSource(batches);
            build();
            announce(">>> layer = nn." + layer + "\n" + SessionText.get("rebuilt.console"),
                    SessionText.get("rebuilt.banner", layer.toString()));
            return;
        }
        if (!batches.equals(source.spec())) {
            recordAdjust(UndoableChange.of("batches"));
        }
        source = new BatchSource(batches);
        journal.add(new SessionJournal.BatchesSet(batches));
        setup = null;
        version++;
    }

    private static void checkBatches(LayerConfig config, BatchSpec batches) {
        if (batches.channels() != config.numFeatures()) {
            throw new IllegalArgumentException("the batches have " + batches.channels() + " channels but the layer has "
                    + config.numFeatures());
        }
        if (!config.fits(batches.spatial())) {
            throw new IllegalArgumentException(config.kind() + " does not take input of shape "
                    + Arrays.toString(batches.shape()));
        }
    }

    /**
     * Sets channel {@code c}'s weight (the learnable γ); the comparison layer follows. An edit made
     * for a layer that has since changed (queued behind long work: C shrank, or affine went off) is
     * dropped with a note in the console.
     */
    public void setWeight(int c, float value) {
        float[] w = layer.weight();
        if (staleParameterEdit("weight", w, c)) {
            return;
        }
        if (Float.floatToRawIntBits(w[c]) != Float.floatToRawIntBits(value)) {
            recordAdjust(UndoableChange.of("weight", Integer.toString(c)));
        }
        w[c] = value;
        layer.setWeight(w);
        if (comparison != null) {
            comparison.setWeight(w);
        }
        journal.add(new SessionJournal.WeightSet(c, value));
        say(">>> layer.weight.data[" + c + "] = " + PythonFloat.repr(value));
    }

    /** Sets channel {@code c}'s bias (the learnable β), as {@link #setWeight}. */
    public void setBias(int c, float value) {
        float[] b = layer.bias();
        if (staleParameterEdit("bias", b, c)) {
            return;
        }
        if (Float.floatToRawIntBits(b[c]) != Float.floatToRawIntBits(value)) {
            recordAdjust(UndoableChange.of("bias", Integer.toString(c)));
        }
        b[c] = value;
        layer.setBias(b);
        if (comparison != null) {
            comparison.setBias(b);
        }
        journal.add(new SessionJournal.BiasSet(c, value));
        say(">>> layer.bias.data[" + c + "] = " + PythonFloat.repr(value));
    }

    /**
     * Sets every channel's weight (γ) to {@code weight} and bias (β) to {@code bias} (null: left as
     * they are), as a lesson's stage does: printed and journaled channel by channel as
     * {@link #setWeight} and {@link #setBias} do, but one change to undo.
     */
    public void fillParameters(Float weight, Float bias) {
        float[] w = layer.weight();
        float[] b = layer.bias();
        if (w != null && (differs(w, weight) || differs(b, bias))) {
            recordAdjust(UndoableChange.of(weight == null ? "fill.bias" : bias == null ? "fill.weight" : "fill.both"));
        }
        boolean was = applying;
        applying = true;
        try {
            for (int c = 0; c < (w == null ? config.numFeatures() : w.length); c++) {
                if (weight != null) {
                    setWeight(c, weight);
                }
                if (bias != null) {
                    setBias(c, bias);
                }
            }
        } finally {
            applying = was;
        }
    }

    /** Whether some value of {@code values} is not {@code value} bit for bit (false for a null value). */
    private static boolean differs(float[] values, Float value) {
        if (value == null) {
            return false;
        }
        for (float v : values) {
            if (Float.floatToRawIntBits(v) != Float.floatToRawIntBits(value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an edit of {@code name}[{@code c}] no longer fits the layer; if so, says so in the console. */
    private boolean staleParameterEdit(String name, float[] values, int c) {
        if (values == null) {
            say(SessionText.get("stale.no.affine", name, Integer.toString(c)));
            return true;
        }
        if (c < 0 || c >= values.length) {
            say(SessionText.get("stale.channel", name, Integer.toString(c), Integer.toString(values.length)));
            return true;
        }
        return false;
    }

    /**
     * Makes the next batch an outlier batch (shifted by ten standard deviations). An event of the
     * next step, not a setting: it is not undone (undoing a change before it does not take it back).
     */
    public void queueOutlier() {
        outlierNext = true;
        journal.add(new SessionJournal.OutlierQueued());
        announce(SessionText.get("outlier.console"), SessionText.get("outlier.banner"));
    }

    /**
     * {@code layer.reset_running_stats()} (and the comparison's); the history goes on. Undoing it
     * puts back the whole session as it was just before (a copy of the history is kept for that):
     * the stats, and the steps as they were then.
     */
    public void resetRunningStats() {
        recordRestart(UndoableChange.of("reset.stats"), true);
        LayerOps.resetRunningStats(layer);
        if (comparison != null) {
            LayerOps.resetRunningStats(comparison);
        }
        journal.add(new SessionJournal.ResetRunningStats());
        announce(">>> layer.reset_running_stats()\nrunning_mean = 0, running_var = 1, num_batches_tracked = 0",
                SessionText.get("reset.stats.banner"));
    }

    /**
     * Starts over with another layer, batches, comparison and mode (a preset): a new layer, as
     * {@link #resetLayer()}, with nothing kept from before.
     *
     * @throws IllegalArgumentException if the batches do not fit the layer
     */
    public void load(LayerConfig newConfig, BatchSpec batches, Momentum newCompareMomentum, boolean train) {
        checkBatches(newConfig, batches);
        recordRestart(UndoableChange.of("load"), false);
        config = newConfig;
        source = new BatchSource(batches);
        compareMomentum = newCompareMomentum;
        training = train;
        build();
        announce(">>> layer = nn." + layer + (train ? "" : "\n>>> layer.eval()")
                + (comparison == null ? "" : "\n" + SessionText.get("load.compare", String.valueOf(compareMomentum))),
                SessionText.get(train ? "load.banner" : "load.banner.eval", layer.toString()));
    }

    /** A new layer with the same arguments: stats, parameters and history start again. */
    public void resetLayer() {
        recordRestart(UndoableChange.of("reset.layer"), false);
        build();
        announce(">>> layer = nn." + layer + "\n" + SessionText.get("reset.layer.console"),
                SessionText.get("reset.layer.banner", layer.toString()));
    }

    /** Logs a change to the console. */
    private void say(String text) {
        setup = null;
        console.append(ConsoleLog.Kind.NOTICE, text);
        version++;
    }

    /** Logs a change that the window should also point out (a new layer, reset stats, an outlier batch). */
    private void announce(String consoleText, String bannerText) {
        notice = bannerText;
        noticeId++;
        say(consoleText);
    }

    // ---- undo -----------------------------------------------------------------------------

    /**
     * Undoes the newest change that is not undone yet (see {@link UndoStack}): a change that
     * started the stats again gives back the whole session as it was just before it (layer,
     * buffers, steps and curves); any other sets the settings back with the ordinary setters, so
     * that the console and the journal show them as any change, and the history goes on. The
     * console says what was undone and the window's banner points it out. The console itself is
     * a transcript: it is not undone.
     *
     * @return whether there was something to undo
     */
    public boolean undo() {
        UndoStack.Entry e = edits.popUndo();
        if (e == null) {
            return false;
        }
        edits.pushRedo(putBack(e, "undone"));
        return true;
    }

    /**
     * Redoes the newest undone change, as {@link #undo()} undid it: for a change that started the
     * stats again, the whole session as it was when it was undone comes back (the steps run after
     * the change included). Steps run since the undo are then put aside, as the change's undo.
     *
     * @return whether there was something to redo
     */
    public boolean redo() {
        UndoStack.Entry e = edits.popRedo();
        if (e == null) {
            return false;
        }
        edits.pushUndo(putBack(e, "redone"));
        return true;
    }

    /** What {@link #undo()} would undo, or null if nothing. */
    public UndoableChange undoable() {
        UndoStack.Entry e = edits.peekUndo();
        return e == null ? null : e.change();
    }

    /** What {@link #redo()} would redo, or null if nothing. */
    public UndoableChange redoable() {
        UndoStack.Entry e = edits.peekRedo();
        return e == null ? null : e.change();
    }

    /** Forgets every change: nothing to undo or redo (a new window's setup, a session opened). */
    public void clearUndo() {
        if (edits.undoSize() + edits.redoSize() > 0) {
            edits.clear();
            version++;
        }
    }

    /** The undo and redo stacks (for tests: their bounds). */
    UndoStack edits() {
        return edits;
    }

    /** Records, before an Adjust change, the settings it changes (not while settings are being applied). */
    private void recordAdjust(UndoableChange change) {
        if (!applying) {
            edits.record(UndoStack.Entry.adjust(change, settings()));
        }
    }

    /**
     * Records, before a change that starts the stats again, the whole session. The state holds
     * the session's own history: a new layer leaves it behind for good, but
     * {@code reset_running_stats()} goes on recording into it, so then a copy is kept.
     */
    private void recordRestart(UndoableChange change, boolean historyGoesOn) {
        if (!applying) {
            SessionState now = state(false);
            edits.record(UndoStack.Entry.restart(change, historyGoesOn ? now.detached() : now));
        }
    }

    private UndoStack.Settings settings() {
        return new UndoStack.Settings(config, training, layer.weight(), layer.bias(), source.spec(), compareMomentum);
    }

    /**
     * Puts back what {@code e} saved, says so ({@code words}: "undone" or "redone"), and gives the
     * entry that puts back what is here now.
     */
    private UndoStack.Entry putBack(UndoStack.Entry e, String words) {
        printUnprinted();
        String text = SessionText.get(words, e.change().text());
        if (e.saved() instanceof UndoStack.Restart r) {
            // by reference: the session switches to the saved history and never touches this one again
            UndoStack.Entry back = UndoStack.Entry.restart(e.change(), state(false));
            restore(r.state(), false);
            announce(text + "\n" + SessionText.get("undo.back", layer.toString(), Long.toString(step)), text);
            return back;
        }
        UndoStack.Settings saved = ((UndoStack.Adjust) e.saved()).settings();
        UndoStack.Entry back = UndoStack.Entry.adjust(e.change(), settings());
        say(text);
        boolean was = applying;
        applying = true;
        try {
            apply(saved);
        } finally {
            applying = was;
        }
        notice = text; // after the setters: the comparison's own notice must not take the banner
        noticeId++;
        version++;
        return back;
    }

    /**
     * Sets the settings back with the ordinary setters. The layer is the one they were taken
     * from (every later change that built a new one was undone first), so only eps, momentum,
     * mode, weight, bias, batches and the comparison's momentum can differ.
     */
    private void apply(UndoStack.Settings s) {
        if (config.needsRebuildFor(s.config())) {
            throw new IllegalStateException("settings of " + s.config() + " put back on " + config);
        }
        configure(s.config());
        setTraining(s.training());
        float[] w = s.weight();
        float[] b = s.bias();
        float[] nowW = layer.weight();
        float[] nowB = layer.bias();
        for (int c = 0; w != null && c < w.length; c++) {
            if (Float.floatToRawIntBits(w[c]) != Float.floatToRawIntBits(nowW[c])) {
                setWeight(c, w[c]);
            }
        }
        for (int c = 0; b != null && c < b.length; c++) {
            if (Float.floatToRawIntBits(b[c]) != Float.floatToRawIntBits(nowB[c])) {
                setBias(c, b[c]);
            }
        }
        if (!s.batches().equals(source.spec())) {
            setBatches(s.batches());
        }
        if (!Objects.equals(s.compareMomentum(), compareMomentum)) {
            setCompareMomentum(s.compareMomentum());
        }
    }

    // ---- state ----------------------------------------------------------------------------

    /** Everything this session is (see {@link SessionState}): its history is this session's own, not a copy. */
    public SessionState state() {
        return state(true);
    }

    /**
     * {@link #state()}, with the console's entries or none: a state kept for undo does not hold
     * them (an undo keeps the console as it is), so that a hundred undo entries do not keep a
     * hundred old consoles alive.
     */
    private SessionState state(boolean withConsole) {
        flushRecord();
        return new SessionState(config, source.spec(), compareMomentum, training, SessionState.LayerState.of(layer),
                comparison == null ? null : SessionState.LayerState.of(comparison), step, outlierNext, histogramChannels, refusal,
                refusalId, notice, noticeId, withConsole ? console.entries() : List.of(), history, journal.entries(),
                journal.dropped());
    }

    /**
     * Becomes the session {@code s} describes, exactly: the same curves, console and next batch.
     * The newest step is run again on the layer as it was before it (see {@link StepRebuild}), so
     * that its batch, output and histograms are back too; then the layer's parameters and buffers
     * are set to the saved ones, bit for bit. The session owns {@code s}'s history from now on.
     * What can be undone stays (see {@link #open} for a session opened from a file).
     *
     * @throws IllegalArgumentException if the parts do not fit together (a damaged file)
     */
    public void restore(SessionState s) {
        restore(s, true);
    }

    /**
     * Opens the session {@code s} describes (a file): {@link #restore} it, with nothing to undo
     * or redo, as the changes made before were made to another session.
     *
     * @throws IllegalArgumentException if the parts do not fit together (a damaged file)
     */
    public void open(SessionState s) {
        restore(s);
        edits.clear();
    }

    /**
     * {@link #restore(SessionState)}; {@code whole} false (an undo or redo) keeps the console (a
     * transcript) and the histogram channels (a view), and keeps the notice and refusal numbers
     * growing (the window tells new ones by them).
     */
    private void restore(SessionState s, boolean whole) {
        checkBatches(s.config(), s.batches());
        int channels = s.config().numFeatures();
        if (s.history().channels() != channels || s.history().steps() != s.step()) {
            throw new IllegalArgumentException("the history has " + s.history().channels() + " channels and "
                    + s.history().steps() + " steps, the layer " + channels + " and " + s.step());
        }
        SessionState.LayerState.check(s.config(), s.batches().spatial(), s.layer());
        if (s.journal().isEmpty() || !(s.journal().get(0) instanceof SessionJournal.Built)) {
            throw new IllegalArgumentException("the journal does not start with the layer's construction");
        }
        if ((s.comparison() == null) != (s.compareMomentum() == null)) {
            throw new IllegalArgumentException("the comparison layer does not match its momentum");
        }
        if (s.comparison() != null) {
            SessionState.LayerState.check(s.config(), s.batches().spatial(), s.comparison());
        }
        flushRecord();
        pendingRecord = null;
        prefetch.settle(); // the buffers below are dropped: nothing may still be drawing into them
        config = s.config();
        compareMomentum = s.compareMomentum();
        training = s.training();
        source = new BatchSource(s.batches());
        history = s.history();
        journal.replace(s.journal(), s.journalDropped());
        step = s.step();
        setup = null;
        lastInput = null;
        lastOutput = null;
        Arrays.fill(inputBuffers, null);
        outputBuffer = null;
        outputPending = false;
        lastBatchMean = null;
        lastBatchVar = null;
        unprintedFrom = 0;
        unprintedTo = 0;
        layer = rerunNewestStep();
        if (layer == null) {
            layer = config.build(source.spec().spatial());
        }
        attemptRefusedAgain(s.journal());
        s.layer().applyTo(layer, config, training);
        comparison = compareMomentum == null ? null
                : config.withMomentum(compareMomentum).build(source.spec().spatial());
        if (comparison != null) {
            s.comparison().applyTo(comparison, config.withMomentum(compareMomentum), training);
        }
        outlierNext = s.outlierNext();
        refusal = s.refusal();
        notice = s.notice();
        if (whole) {
            histogramChannels = s.histogramChannels();
            refusalId = s.refusalId();
            noticeId = s.noticeId();
            console.replaceAll(s.console());
        } else {
            refusalId = Math.max(refusalId, s.refusalId());
            noticeId = Math.max(noticeId, s.noticeId());
        }
        version++;
    }

    /** The newest step run again on the layer as it was before it; null if it cannot be (then there is no last batch). */
    private NormLayer rerunNewestStep() {
        if (step < 1) {
            return null;
        }
        NormLayer before = StepRebuild.layerBefore(journal, history, step);
        Tensor x = StepRebuild.batchAt(history, step);
        if (before == null || x == null) {
            return null;
        }
        Tensor y = Tensor.zeros(x.shape());
        try {
            LayerOps.forward(before, x, y);
        } catch (TorchError e) {
            return null; // it ran once: only a damaged file gets here
        }
        lastInput = x;
        lastOutput = y;
        keepInputBuffer(x);
        outputBuffer = y;
        layer = before; // measureBatch reads the batch's stats from the layer that ran it, not the one restored over
        measureBatch(x);
        return before;
    }

    /**
     * A refusal after the newest step left the layer with no "last forward" (PyTorch raised
     * half-way): the last refused attempt is made again, so that the restored layer says the
     * same. What it changes (num_batches_tracked) is set from the saved state after.
     */
    private void attemptRefusedAgain(List<SessionJournal.Entry> entries) {
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

    // ---- reading ------------------------------------------------------------------------

    public LayerConfig config() {
        return config;
    }

    public BatchSpec batches() {
        return source.spec();
    }

    public boolean isTraining() {
        return training;
    }

    /** Successful steps since the layer was built. */
    public long stepCount() {
        return step;
    }

    /** PyTorch's message for the last step if it was refused, else null. */
    public String refusal() {
        return refusal;
    }

    /** The layer itself (for tests and read-only inspection). */
    public NormLayer layer() {
        return layer;
    }

    public ConsoleLog console() {
        return console;
    }

    /** Grows with every change. */
    public long version() {
        return version;
    }

    /** What the window shows now (computes the histograms of the last batch). */
    public SessionSnapshot snapshot() {
        flushRecord();
        int channels = config.numFeatures();
        List<ChannelHistogram> inputs = new ArrayList<>();
        List<ChannelHistogram> outputs = new ArrayList<>();
        if (lastInput != null) {
            ensureOutput();
            int[] shape = lastInput.shape();
            int slice = lastInput.numel() / shape[0] / shape[1];
            boolean[] wanted = new boolean[channels];
            for (int c : histogramChannels) {
                if (c < channels) {
                    wanted[c] = true;
                }
            }
            if (channels <= MAX_HISTOGRAMS) {
                Arrays.fill(wanted, true);
            }
            for (int c = 0; c < channels; c++) {
                inputs.add(wanted[c] ? ChannelHistogram.of(lastInput.data(), shape[0], channels, slice, c,
                        HISTOGRAM_BINS) : ChannelHistogram.NONE);
                outputs.add(wanted[c] ? ChannelHistogram.of(lastOutput.data(), shape[0], channels, slice, c,
                        HISTOGRAM_BINS) : ChannelHistogram.NONE);
            }
        }
        long at = Math.max(step, 1);
        double[] trueMean = new double[channels];
        double[] trueVar = new double[channels];
        for (int c = 0; c < channels; c++) {
            trueMean[c] = source.trueMean(c, at);
            trueVar[c] = source.trueVariance(c);
        }
        double factor = LayerOps.lastFactor(layer);
        return new SessionSnapshot(version, step, training, config, compareMomentum, source.spec(),
                layer.numBatchesTracked(), factor, LayerOps.lastReductionSize(layer),
                layer.runningMean(), layer.runningVar(),
                comparison == null ? null : comparison.runningMean(),
                comparison == null ? null : comparison.runningVar(),
                layer.weight(), layer.bias(), toFloats(lastBatchMean), toFloats(lastBatchVar), trueMean, trueVar,
                List.copyOf(inputs), List.copyOf(outputs), history, refusal, refusalId, notice, noticeId, outlierNext,
                undoable(), redoable(), GroupStats.of(config, lastInput));
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
