package org.normscope.session;

import java.util.List;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;

/**
 * Everything the window shows about a session at one moment, immutable (arrays are copies),
 * so that the session's thread can hand it to the UI thread.
 *
 * @param version grows with every change of the session
 * @param step successful forward passes since the layer was built
 * @param training train (true) or eval mode
 * @param layer the layer's arguments now (eps and momentum as they will apply to the next step)
 * @param compareMomentum the comparison layer's momentum, or null without one
 * @param batches how batches are drawn
 * @param numBatchesTracked the layer's {@code num_batches_tracked}
 * @param lastFactor the factor of the last running-stat update (momentum, or 1/k for None), NaN if the last step updated none
 * @param lastN the {@code n} of {@code n/(n−1)} in the last step (values per channel), 0 before any
 * @param runningMean null without tracked stats
 * @param runningVar null without tracked stats
 * @param compareRunningMean the comparison layer's, or null
 * @param compareRunningVar the comparison layer's, or null
 * @param weight null without affine
 * @param bias null without affine
 * @param batchMean the last batch's per-channel mean, null before the first step
 * @param batchVar the last batch's biased per-channel variance, null before the first step
 * @param trueMean each channel's true mean at the last step (at step 1 before any)
 * @param trueVar each channel's true variance
 * @param inputHistograms per channel, the last batch x (empty before the first step); past
 *     {@link Session#MAX_HISTOGRAMS} channels only the chosen ones are computed, the others are {@link ChannelHistogram#NONE}
 * @param outputHistograms per channel, the last output y (empty before the first step)
 * @param history what the session recorded (live: it goes on growing; read up to {@code step})
 * @param refusal PyTorch's error for the last step ({@code ValueError: ...}) if it was refused, else null
 * @param refusalId grows with every refused step (the same message may come twice)
 * @param notice the last notable change the session reported (a new layer, reset stats, an outlier batch), or null
 * @param noticeId grows with every new notice (the same text may come twice)
 * @param outlierQueued whether the next batch is an outlier batch
 * @param undoable what Edit → Undo would undo, or null if nothing
 * @param redoable what Edit → Redo would redo, or null if nothing
 * @param groups the last batch's statistics per group sharing a mean and variance (InstanceNorm,
 *     LayerNorm, GroupNorm); null for BatchNorm and before the first step
 */
public record SessionSnapshot(long version, long step, boolean training, LayerConfig layer, Momentum compareMomentum,
                              BatchSpec batches, long numBatchesTracked, double lastFactor, long lastN,
                              float[] runningMean, float[] runningVar, float[] compareRunningMean,
                              float[] compareRunningVar, float[] weight, float[] bias, float[] batchMean,
                              float[] batchVar, double[] trueMean, double[] trueVar,
                              List<ChannelHistogram> inputHistograms, List<ChannelHistogram> outputHistograms,
                              SessionHistory history, String refusal, long refusalId, String notice, long noticeId,
                              boolean outlierQueued, UndoableChange undoable, UndoableChange redoable,
                              GroupStats groups) {

    /** {@code C}. */
    public int channels() {
        return layer.numFeatures();
    }
}
