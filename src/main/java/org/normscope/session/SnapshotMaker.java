package org.normscope.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.normscope.batch.BatchSource;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/**
 * Takes a session's {@link SessionSnapshot}, what the window shows at one moment, from the
 * session's parts: the settings and the layers' numbers, the newest batch's statistics and
 * histograms (every channel's up to {@link Session#MAX_HISTOGRAMS} channels, the chosen ones past
 * that), each channel's true statistics at the step, the history, the last refusal and notice,
 * and what can be undone. Runs on the session's thread: it records the newest step and writes its
 * output first if a quiet step left them out.
 */
final class SnapshotMaker {

    private final SessionSetup setup;
    private final Stepper stepper;
    private final StepRecorder recorder;
    private final StepBuffers buffers;
    private final SessionUndo undo;
    private int[] histogramChannels = {0, 1, 2, 3, 4, 5, 6, 7};

    SnapshotMaker(SessionSetup setup, Stepper stepper, StepRecorder recorder, StepBuffers buffers, SessionUndo undo) {
        this.setup = setup;
        this.stepper = stepper;
        this.recorder = recorder;
        this.buffers = buffers;
        this.undo = undo;
    }

    /** Chooses the channels whose histograms the snapshots carry (see {@link Session#setHistogramChannels}); whether they changed. */
    boolean chooseHistograms(List<Integer> channels) {
        int[] chosen = channels.stream().mapToInt(Integer::intValue).limit(Session.MAX_HISTOGRAMS).toArray();
        if (Arrays.equals(chosen, histogramChannels)) {
            return false;
        }
        histogramChannels = chosen;
        return true;
    }

    /** The channels whose histograms the snapshots carry (not a copy). */
    int[] histogramChannels() {
        return histogramChannels;
    }

    /** Carries the histograms of {@code channels} from now on (a session put back). */
    void setHistogramChannels(int[] channels) {
        histogramChannels = channels;
    }

    /** The snapshot now, with the session's {@code version} and notice. */
    SessionSnapshot take(long version, String notice, long noticeId) {
        SessionHistory history = recorder.history();
        LayerConfig config = setup.config();
        NormLayer layer = setup.layer();
        NormLayer comparison = setup.comparison();
        int channels = config.numFeatures();
        List<ChannelHistogram> inputs = new ArrayList<>();
        List<ChannelHistogram> outputs = new ArrayList<>();
        Tensor x = buffers.lastInput();
        if (x != null) {
            Tensor y = buffers.writtenOutput(layer);
            int[] shape = x.shape();
            int slice = x.numel() / shape[0] / shape[1];
            boolean[] wanted = new boolean[channels];
            for (int c : histogramChannels) {
                if (c < channels) {
                    wanted[c] = true;
                }
            }
            if (channels <= Session.MAX_HISTOGRAMS) {
                Arrays.fill(wanted, true);
            }
            for (int c = 0; c < channels; c++) {
                inputs.add(wanted[c] ? ChannelHistogram.of(x.data(), shape[0], channels, slice, c,
                        Session.HISTOGRAM_BINS) : ChannelHistogram.NONE);
                outputs.add(wanted[c] ? ChannelHistogram.of(y.data(), shape[0], channels, slice, c,
                        Session.HISTOGRAM_BINS) : ChannelHistogram.NONE);
            }
        }
        long step = stepper.stepCount();
        long at = Math.max(step, 1);
        BatchSource source = setup.source();
        double[] trueMean = new double[channels];
        double[] trueVar = new double[channels];
        for (int c = 0; c < channels; c++) {
            trueMean[c] = source.trueMean(c, at);
            trueVar[c] = source.trueVariance(c);
        }
        double factor = LayerOps.lastFactor(layer);
        return new SessionSnapshot(version, step, setup.training(), config, setup.compareMomentum(), source.spec(),
                layer.numBatchesTracked(), factor, LayerOps.lastReductionSize(layer),
                layer.runningMean(), layer.runningVar(),
                comparison == null ? null : comparison.runningMean(),
                comparison == null ? null : comparison.runningVar(),
                layer.weight(), layer.bias(), recorder.batchMean(), recorder.batchVar(), trueMean, trueVar,
                List.copyOf(inputs), List.copyOf(outputs), history, stepper.refusal(), stepper.refusalId(), notice,
                noticeId, stepper.outlierNext(), undo.undoable(), undo.redoable(), GroupStats.of(config, x));
    }
}
