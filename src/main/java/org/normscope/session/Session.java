package org.normscope.session;

import java.util.List;
import java.util.Objects;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
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
 *
 * <p>The session is the face of its parts, driven by its one thread: {@link SessionSetup} (the
 * layers, their settings and their changes), {@link Stepper}, {@link StepBuffers} (the newest
 * batch and output), {@link StepRecorder} (the history), {@link SessionUndo},
 * {@link SessionRestore}, {@link StepRebuild} (a past step) and {@link SnapshotMaker}. It keeps
 * the console, the window's notice and the version.
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
    private final StepBuffers buffers = new StepBuffers();
    private final SessionUndo undo = new SessionUndo(this);
    private final SessionSetup setup;
    private final StepRecorder recorder;
    private final Stepper stepper;
    private final SnapshotMaker snapshots;
    private final SessionRestore restorer;
    private long version;
    private String notice;
    private long noticeId;

    /**
     * @param config the layer's arguments
     * @param batches how batches are drawn; its channel count must be {@code config.numFeatures()}
     * @param compareMomentum a comparison layer's momentum, or null for none
     */
    public Session(LayerConfig config, BatchSpec batches, Momentum compareMomentum) {
        Objects.requireNonNull(config);
        config.checkTakes(batches);
        setup = new SessionSetup(this, journal, undo, config, batches, compareMomentum);
        recorder = new StepRecorder(journal, () -> buffers.writtenOutput(setup.layer()));
        stepper = new Stepper(this, setup, buffers, recorder, journal, console);
        snapshots = new SnapshotMaker(setup, stepper, recorder, buffers, undo);
        restorer = new SessionRestore(setup, stepper, recorder, buffers, journal, snapshots, console);
        startAgain();
        console.append(ConsoleLog.Kind.NOTICE, ConsoleNotes.built(setup.layer()));
    }

    /** The notebook's session: {@code BatchNorm1d(4, eps=0, momentum=0.3)} on {@code torch.ones(2, 4, 1)}. */
    public static Session notebook() {
        return new Session(LayerConfig.notebook(), BatchSpec.ones(4), null);
    }

    /** New layers from the setup's settings, and all that is recorded starts again: history, journal, steps. */
    void startAgain() {
        setup.buildLayers();
        recorder.startHistory(setup.config().numFeatures(), setup.batches(), setup.layer(), setup.comparison());
        journal.restart(setup.config(), setup.training(), setup.batches());
        stepper.startAgain();
        version++;
    }

    // ---- stepping -----------------------------------------------------------------------

    /**
     * One forward pass on the next batch, printed to the console.
     *
     * @return true if it ran, false if PyTorch would have refused it (see {@link #refusal()})
     */
    public boolean step() {
        return stepper.step(true);
    }

    /**
     * One forward pass on the next batch, with nothing printed unless it is refused: playing
     * fast prints only some steps (see {@link #printUnprinted()}), as no one reads thousands of
     * tensors a second.
     */
    public boolean stepQuietly() {
        return stepper.step(false);
    }

    /**
     * Prints what quiet steps left out: a line that counts them, then the last of them in full
     * (if it is the newest step). Does nothing if every step was printed.
     */
    public void printUnprinted() {
        stepper.printUnprinted();
    }

    /**
     * Turns drawing the next batch ahead (while the current step runs) on or off; on by
     * default. The batches, and so every result, are the same either way.
     */
    void setPrefetching(boolean on) {
        buffers.setPrefetching(on);
    }

    /** How many steps used a batch drawn ahead (for tests). */
    long prefetchedSteps() {
        return buffers.prefetchedSteps();
    }

    /** The last step's input (for tests): the batch it ran on. */
    Tensor lastInput() {
        return buffers.lastInput();
    }

    /** The newest step's output (a copy), or null before the first step; for tests. */
    Tensor lastOutput() {
        Tensor y = buffers.writtenOutput(setup.layer());
        return y == null ? null : y.copy();
    }

    /**
     * One value of the newest step's output y: channel {@code c}'s value at {@code index} (counted
     * batch-major, as the Explain pane counts a channel's values), or NaN before the first step or
     * when there is no such value. The layer's own output, not recomputed.
     */
    public float outputValue(int c, int index) {
        return buffers.outputValue(setup.layer(), c, index);
    }

    /** What the session recorded since the layer was built. */
    public SessionHistory history() {
        return recorder.history();
    }

    /** What happened to the layer since it was built (read-only: its entries are an immutable copy). */
    public SessionJournal journal() {
        return journal;
    }

    /** Which channels' histograms the snapshots carry (at most {@value #MAX_HISTOGRAMS}; those past C are ignored). */
    public void setHistogramChannels(List<Integer> channels) {
        if (snapshots.chooseHistograms(channels)) {
            version++;
        }
    }

    // ---- a past step ----------------------------------------------------------------------

    /**
     * Step {@code t} printed again as it was printed when it ran: its batch drawn again, and
     * run through a new layer with the weight, bias, eps and mode it ran with (in eval mode,
     * with the running stats it had); the running stats printed are the ones recorded.
     *
     * @return the text, or null if the step is no longer kept exactly (or never ran)
     */
    public String reprint(long t) {
        return StepRebuild.reprint(history(), t);
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
            console.append(ConsoleLog.Kind.NOTICE, ConsoleNotes.reprintGone(t, history().exactSteps()));
            version++;
            return false;
        }
        console.append(ConsoleLog.Kind.NOTICE, ConsoleNotes.reprintAgain(t));
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

    // ---- changes (made by SessionSetup) ---------------------------------------------------

    /** {@code layer.train()} (true) or {@code layer.eval()} (false); the comparison layer follows. */
    public void setTraining(boolean train) {
        setup.setTraining(train);
    }

    /**
     * New layer arguments. If a constructor-only one changed (kind, C, affine,
     * track_running_stats) this builds a new layer, so the running stats, weight, bias and the
     * history start again, and the batches follow the new C and kind; otherwise eps and
     * momentum are set on the layer and apply from the next step.
     */
    public void configure(LayerConfig newConfig) {
        setup.configure(newConfig);
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
        setup.setCompareMomentum(momentum);
    }

    /**
     * How the next batches are drawn; takes effect at the next step.
     *
     * @throws IllegalArgumentException if it has another number of channels than the layer, or a shape the kind refuses
     */
    public void setBatches(BatchSpec batches) {
        setup.setBatches(batches);
    }

    /**
     * Sets channel {@code c}'s weight (the learnable γ); the comparison layer follows. An edit made
     * for a layer that has since changed (queued behind long work: C shrank, or affine went off) is
     * dropped with a note in the console.
     */
    public void setWeight(int c, float value) {
        setup.setWeight(c, value);
    }

    /** Sets channel {@code c}'s bias (the learnable β), as {@link #setWeight}. */
    public void setBias(int c, float value) {
        setup.setBias(c, value);
    }

    /**
     * Sets every channel's weight (γ) to {@code weight} and bias (β) to {@code bias} (null: left as
     * they are), as a lesson's stage does: printed and journaled channel by channel as
     * {@link #setWeight} and {@link #setBias} do, but one change to undo.
     */
    public void fillParameters(Float weight, Float bias) {
        setup.fillParameters(weight, bias);
    }

    /**
     * Makes the next batch an outlier batch (shifted by ten standard deviations). An event of the
     * next step, not a setting: it is not undone (undoing a change before it does not take it back).
     */
    public void queueOutlier() {
        stepper.queueOutlier();
        journal.add(new SessionJournal.OutlierQueued());
        announce(ConsoleNotes.outlier());
    }

    /**
     * {@code layer.reset_running_stats()} (and the comparison's); the history goes on. Undoing it
     * puts back the whole session as it was just before (a copy of the history is kept for that):
     * the stats, and the steps as they were then.
     */
    public void resetRunningStats() {
        setup.resetRunningStats();
    }

    /**
     * Starts over with another layer, batches, comparison and mode (a preset): a new layer, as
     * {@link #resetLayer()}, with nothing kept from before.
     *
     * @throws IllegalArgumentException if the batches do not fit the layer
     */
    public void load(LayerConfig newConfig, BatchSpec batches, Momentum newCompareMomentum, boolean train) {
        setup.load(newConfig, batches, newCompareMomentum, train);
    }

    /** A new layer with the same arguments: stats, parameters and history start again. */
    public void resetLayer() {
        setup.resetLayer();
    }

    /** Logs a change to the console. */
    void say(String text) {
        setup.forgetStepSetup();
        console.append(ConsoleLog.Kind.NOTICE, text);
        version++;
    }

    /** Logs a change that the window should also point out (a new layer, reset stats, an outlier batch). */
    void announce(ConsoleNotes.Note note) {
        notice = note.banner();
        noticeId++;
        say(note.console());
    }

    /** Has the window point out {@code bannerText} (said already). */
    void pointOut(String bannerText) {
        notice = bannerText;
        noticeId++;
        version++;
    }

    /** Something the window shows changed: the version grows. */
    void changed() {
        version++;
    }

    // ---- undo (SessionUndo) ---------------------------------------------------------------

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
        return undo.undo();
    }

    /**
     * Redoes the newest undone change, as {@link #undo()} undid it: for a change that started the
     * stats again, the whole session as it was when it was undone comes back (the steps run after
     * the change included). Steps run since the undo are then put aside, as the change's undo.
     *
     * @return whether there was something to redo
     */
    public boolean redo() {
        return undo.redo();
    }

    /** What {@link #undo()} would undo, or null if nothing. */
    public UndoableChange undoable() {
        return undo.undoable();
    }

    /** What {@link #redo()} would redo, or null if nothing. */
    public UndoableChange redoable() {
        return undo.redoable();
    }

    /** Forgets every change: nothing to undo or redo (a new window's setup, a session opened). */
    public void clearUndo() {
        if (undo.clear()) {
            version++;
        }
    }

    /** The undo and redo stacks (for tests: their bounds). */
    UndoStack edits() {
        return undo.edits();
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
    SessionState state(boolean withConsole) {
        return restorer.state(withConsole, notice, noticeId);
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
        undo.clear();
    }

    /**
     * {@link #restore(SessionState)}; {@code whole} false (an undo or redo) keeps the console (a
     * transcript) and the histogram channels (a view), and keeps the notice and refusal numbers
     * growing (the window tells new ones by them).
     */
    void restore(SessionState s, boolean whole) {
        restorer.restore(s, whole);
        notice = s.notice();
        noticeId = whole ? s.noticeId() : Math.max(noticeId, s.noticeId());
        version++;
    }

    // ---- reading ------------------------------------------------------------------------

    public LayerConfig config() {
        return setup.config();
    }

    public BatchSpec batches() {
        return setup.batches();
    }

    public boolean isTraining() {
        return setup.training();
    }

    /** Successful steps since the layer was built. */
    public long stepCount() {
        return stepper.stepCount();
    }

    /** PyTorch's message for the last step if it was refused, else null. */
    public String refusal() {
        return stepper.refusal();
    }

    /** The layer itself (for tests and read-only inspection). */
    public NormLayer layer() {
        return setup.layer();
    }

    /** The comparison layer's momentum, or null without one. */
    Momentum compareMomentum() {
        return setup.compareMomentum();
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
        return snapshots.take(version, notice, noticeId);
    }
}
