package org.normscope.session;

import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.engine.TorchError;

/**
 * Runs a session's steps (see {@link Session#step()}): draws the next batch
 * ({@link StepBuffers}), runs the layer and the comparison layer forward, and records the step
 * ({@link StepRecorder}); or, if PyTorch would refuse it, keeps PyTorch's message and what
 * PyTorch changes before raising. Prints each step, or counts it when it is quiet
 * ({@link #printUnprinted}). Holds the step count, the queued outlier and the last refusal.
 *
 * <p>The session's hot path: a step allocates nothing here. Owned by the session's thread.
 */
final class Stepper {

    private final Session session;
    private final SessionSetup setup;
    private final StepBuffers buffers;
    private final StepRecorder recorder;
    private final SessionJournal journal;
    private final ConsoleLog console;
    private long step;
    private boolean outlierNext;
    private String refusal;
    private long refusalId;
    private long unprintedFrom;   // the first step not printed yet (0: none)
    private long unprintedTo;

    Stepper(Session session, SessionSetup setup, StepBuffers buffers, StepRecorder recorder, SessionJournal journal,
            ConsoleLog console) {
        this.session = session;
        this.setup = setup;
        this.buffers = buffers;
        this.recorder = recorder;
        this.journal = journal;
        this.console = console;
    }

    /** One forward pass on the next batch, printed or quiet (see {@link Session#step()}, {@link Session#stepQuietly()}). */
    boolean step(boolean print) {
        long t = step + 1;
        NormLayer layer = setup.layer();
        long trackedBefore = layer.numBatchesTracked();
        // a fresh batch goes into a buffer the last step did not use: the last step's input
        // stays as it was, so that its output can still be written after a refused step
        Tensor x = buffers.draw(setup.source(), t, outlierNext);
        Tensor y = buffers.outputFor(x);
        try {
            if (print) {
                LayerOps.forward(layer, x, y);
            } else {
                // the output is written when something looks at it (StepBuffers.ensureOutput); the
                // last step is recorded while the pool thread starts on this one's channels
                LayerOps.forwardQuietly(layer, x, recorder.flushing());
            }
        } catch (TorchError e) {
            recorder.flush();
            refuse(e, x, trackedBefore);
            return false;
        }
        recorder.flush(); // a printed step's forward runs nothing alongside
        NormLayer comparison = setup.comparison();
        if (comparison != null) {
            comparison.forwardWithoutOutput(x); // only its running stats are ever shown
        }
        buffers.ran(x, y, print);
        step = t;
        boolean outlier = outlierNext;
        outlierNext = false;
        refusal = null;
        recorder.measureBatch(layer, x);
        recorder.record(t, outlier, trackedBefore, setup.stepSetup(), layer, comparison, x);
        if (print) {
            recorder.flush(); // only quiet steps overlap their recording with the next forward
            printUnprinted();
            console.append(ConsoleLog.Kind.STEP, setup.describeStep(t, x, y));
        } else {
            if (unprintedFrom == 0) {
                unprintedFrom = t;
            }
            unprintedTo = t;
        }
        session.changed();
        return true;
    }

    /** See {@link Session#printUnprinted()}. */
    void printUnprinted() {
        if (unprintedFrom == 0) {
            return;
        }
        long from = unprintedFrom;
        long to = unprintedTo;
        unprintedFrom = 0;
        unprintedTo = 0;
        Tensor x = buffers.lastInput();
        boolean lastIsNewest = to == step && x != null;
        long quiet = lastIsNewest ? to - 1 : to;
        if (quiet >= from) {
            console.append(ConsoleLog.Kind.NOTICE, ConsoleNotes.quiet(from, quiet));
        }
        if (lastIsNewest) {
            console.append(ConsoleLog.Kind.STEP, setup.describeStep(to, x, buffers.writtenOutput(setup.layer())));
        }
        session.changed();
    }

    private void refuse(TorchError e, Tensor x, long trackedBefore) {
        NormLayer layer = setup.layer();
        NormLayer comparison = setup.comparison();
        if (comparison != null) {
            try {
                comparison.forward(x); // counts the batch as PyTorch would, then raises the same error
            } catch (TorchError expected) {
                // same input, same refusal
            }
        }
        refusal = e.toString();
        refusalId++;
        journal.add(new SessionJournal.Refused(step + 1, setup.stepSetup(), outlierNext, e.pythonType(), e.getMessage(),
                trackedBefore, layer.numBatchesTracked()));
        boolean training = setup.training();
        console.append(ConsoleLog.Kind.REFUSAL, ConsoleNotes.refused(step + 1, training, x, refusal,
                training && setup.config().trackRunningStats(), layer.numBatchesTracked()));
        session.changed();
    }

    /** Makes the next batch an outlier batch. */
    void queueOutlier() {
        outlierNext = true;
    }

    /** A new layer: no step yet, no outlier queued, no refusal. */
    void startAgain() {
        step = 0;
        buffers.forgetLast();
        refusal = null;
        outlierNext = false;
    }

    /**
     * Goes on from {@code s}: its step count, outlier flag and refusal; {@code whole} false (an
     * undo or redo) keeps the refusal number growing (the window tells new ones by it).
     */
    void restore(SessionState s, boolean whole) {
        step = s.step();
        unprintedFrom = 0;
        unprintedTo = 0;
        outlierNext = s.outlierNext();
        refusal = s.refusal();
        refusalId = whole ? s.refusalId() : Math.max(refusalId, s.refusalId());
    }

    /** Successful steps since the layer was built. */
    long stepCount() {
        return step;
    }

    /** Whether the next batch is an outlier batch. */
    boolean outlierNext() {
        return outlierNext;
    }

    /** PyTorch's message for the last step if it was refused, else null. */
    String refusal() {
        return refusal;
    }

    /** Grows with every refused step. */
    long refusalId() {
        return refusalId;
    }
}
