package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link BatchNorm#lastUnbiasedVar()} and {@link BatchNorm#setNumBatchesTracked(long)}. */
class BatchNormExplainAccessorsTest {

    private static final Tensor X = new Tensor(new int[] {3, 2}, new float[] {1f, 0.1f, 2f, 0.2f, 4f, 0.7f});

    @Test
    void unbiasedVarIsWhatRunningVarTookWithMomentumOne() {
        BatchNorm bn = new BatchNorm1d(2, 1e-5, Momentum.of(1.0), true, true);
        bn.forward(X);
        double[] unbiased = bn.lastUnbiasedVar();
        // momentum 1: running_var = (float)(1·unbiased + 0·old), so it is the unbiased variance rounded
        assertThat(bn.runningVar()).containsExactly((float) unbiased[0], (float) unbiased[1]);
        // Σ(x − μ)² of channel 0 is 4.666…, divided by n − 1 = 2 in float
        assertThat(unbiased[0]).isEqualTo((double) (bn.lastBatchVar()[0] * 3f / 2f), org.assertj.core.data.Offset.offset(1e-6));
        assertThat(unbiased[0]).isEqualTo((double) (float) unbiased[0]);
    }

    @Test
    void unbiasedVarIsNullWhenRunningStatsNormalized() {
        BatchNorm bn = new BatchNorm1d(2);
        bn.eval().forward(X);
        assertThat(bn.lastUnbiasedVar()).isNull();
    }

    @Test
    void numBatchesTrackedSetsTheCumulativeFactor() {
        BatchNorm bn = new BatchNorm1d(2, 1e-5, Momentum.CUMULATIVE, true, true);
        bn.setNumBatchesTracked(3);
        bn.forward(X);
        assertThat(bn.numBatchesTracked()).isEqualTo(4);
        assertThat(bn.lastFactor()).isEqualTo(0.25);
    }

    @Test
    void numBatchesTrackedRefusesNegativeValuesAndUntrackedLayers() {
        assertThatThrownBy(() -> new BatchNorm1d(2).setNumBatchesTracked(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> new BatchNorm1d(2, 1e-5, Momentum.DEFAULT, true, false).setNumBatchesTracked(1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("track_running_stats=False");
    }
}
