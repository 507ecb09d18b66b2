package org.normscope.session;

import java.util.Arrays;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormBase;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/**
 * What the session asks of any layer of the family, with BatchNorm's faster paths where it has
 * them (a forward into a reused output, the next step's recording overlapped with the forward,
 * the batch's statistics and {@code y = α·x + β} read from the layer) and the plain
 * {@link NormLayer} calls elsewhere. Each method gives the same numbers either way.
 */
final class LayerOps {

    private LayerOps() {
    }

    /** {@code y = layer(x)}, written into {@code y} (which has x's shape). */
    static void forward(NormLayer l, Tensor x, Tensor y) {
        if (l instanceof BatchNorm b) {
            b.forward(x, y);
        } else {
            l.forwardWithoutOutput(x);
            l.writeOutput(x, y);
        }
    }

    /** {@code layer(x)} without writing the output; {@code alongside} runs during it (BatchNorm) or before it. */
    static void forwardQuietly(NormLayer l, Tensor x, Runnable alongside) {
        if (l instanceof BatchNorm b) {
            b.forwardWithoutOutput(x, alongside);
        } else {
            alongside.run();
            l.forwardWithoutOutput(x);
        }
    }

    /** {@code l}'s running_mean (or running_var) into {@code into}; NaN without a layer or tracking. */
    static void runningInto(NormLayer l, boolean mean, float[] into) {
        if (l instanceof BatchNorm b) {
            if (!(mean ? b.runningMeanInto(into) : b.runningVarInto(into))) {
                Arrays.fill(into, Float.NaN);
            }
            return;
        }
        float[] values = l == null ? null : mean ? l.runningMean() : l.runningVar();
        if (values == null || values.length != into.length) {
            Arrays.fill(into, Float.NaN);
        } else {
            System.arraycopy(values, 0, into, 0, into.length);
        }
    }

    /** The batch's per-channel mean and biased variance as a BatchNorm layer normalized with them; false otherwise. */
    static boolean batchStatsInto(NormLayer l, double[] mean, double[] var) {
        return l instanceof BatchNorm b && b.lastBatchStatsInto(mean, var);
    }

    /** BatchNorm's per-channel {@code α} of its last forward ({@code y = fma(x, α, β)}); null for the others. */
    static float[] alpha(NormLayer l) {
        return l instanceof BatchNorm b ? b.lastAlpha() : null;
    }

    /** The {@code β} to go with {@link #alpha}. */
    static float[] beta(NormLayer l) {
        return l instanceof BatchNorm b ? b.lastBeta() : null;
    }

    /** The factor of the last running-stats update (momentum, or 1/num_batches_tracked); NaN if none. */
    static double lastFactor(NormLayer l) {
        return l instanceof BatchNorm b ? b.lastFactor() : Double.NaN;
    }

    /** The {@code n} of the last update's {@code n/(n−1)}; 0 if none. */
    static long lastReductionSize(NormLayer l) {
        return l instanceof BatchNorm b ? b.lastReductionSize() : 0;
    }

    /** Sets momentum where the layer has one. */
    static void setMomentum(NormLayer l, Momentum m) {
        if (l instanceof NormBase b) {
            b.setMomentum(m);
        }
    }

    /** {@code reset_running_stats()} where the layer has running stats. */
    static void resetRunningStats(NormLayer l) {
        if (l instanceof NormBase b) {
            b.resetRunningStats();
        }
    }

    /** Sets the running stats and num_batches_tracked (a layer with tracked stats). */
    static void setRunningStats(NormLayer l, float[] mean, float[] var, long tracked) {
        NormBase b = (NormBase) l;
        b.setRunningMean(mean);
        b.setRunningVar(var);
        b.setNumBatchesTracked(tracked);
    }
}
