package org.normscope.session;

import java.util.List;
import org.normscope.engine.NormLayer;

/**
 * Takes a session's {@link SessionState} from its parts, and puts one back into them (see
 * {@link Session#state()}, {@link Session#restore(SessionState)}). A state does not hold the
 * newest batch, its output or the layer's "last forward": putting it back runs the newest step
 * again on the layer as it was before it ({@link StepRebuild#rerun}) and, if a refused attempt
 * came after it, attempts that again; then the layers' parameters and buffers are set from the
 * state, bit for bit. The window's notice stays with the session. Owned by the session's thread.
 */
final class SessionRestore {

    private final SessionSetup setup;
    private final Stepper stepper;
    private final StepRecorder recorder;
    private final StepBuffers buffers;
    private final SessionJournal journal;
    private final SnapshotMaker snapshots;
    private final ConsoleLog console;

    SessionRestore(SessionSetup setup, Stepper stepper, StepRecorder recorder, StepBuffers buffers,
                   SessionJournal journal, SnapshotMaker snapshots, ConsoleLog console) {
        this.setup = setup;
        this.stepper = stepper;
        this.recorder = recorder;
        this.buffers = buffers;
        this.journal = journal;
        this.snapshots = snapshots;
        this.console = console;
    }

    /** See {@link Session#state(boolean)}; {@code notice} and {@code noticeId} are the session's. */
    SessionState state(boolean withConsole, String notice, long noticeId) {
        SessionHistory history = recorder.history();
        NormLayer comparison = setup.comparison();
        return new SessionState(setup.config(), setup.batches(), setup.compareMomentum(), setup.training(),
                SessionState.LayerState.of(setup.layer()), comparison == null ? null : SessionState.LayerState.of(comparison),
                stepper.stepCount(), stepper.outlierNext(), snapshots.histogramChannels(), stepper.refusal(),
                stepper.refusalId(), notice, noticeId, withConsole ? console.entries() : List.of(), history,
                journal.entries(), journal.dropped());
    }

    /**
     * Puts {@code s} back into the parts (see {@link Session#restore(SessionState, boolean)}):
     * {@code whole} false (an undo or redo) keeps the console and the histogram channels.
     *
     * @throws IllegalArgumentException if the parts of {@code s} do not fit together (a damaged file)
     */
    void restore(SessionState s, boolean whole) {
        s.check();
        recorder.flush();
        buffers.settleAndClear();
        recorder.adopt(s.history());
        journal.replace(s.journal(), s.journalDropped());
        StepRebuild.Rerun newest = StepRebuild.rerun(journal, s.history(), s.step());
        if (newest != null) {
            buffers.ranAgain(newest.x(), newest.y());
            // the batch's stats are read from the layer that ran it, not the one restored over
            recorder.measureBatch(newest.layer(), newest.x());
        }
        setup.restore(s, newest == null ? null : newest.layer());
        stepper.restore(s, whole);
        if (whole) {
            snapshots.setHistogramChannels(s.histogramChannels());
            console.replaceAll(s.console());
        }
    }
}
