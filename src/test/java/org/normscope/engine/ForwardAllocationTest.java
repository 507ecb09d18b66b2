package org.normscope.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The reusable-output forward allocates nothing per step once warmed up (the "nothing else allocated"). */
class ForwardAllocationTest {

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void trainAndEvalForwardsIntoAReusedOutputAllocateNothing() {
        BatchNorm bn = new BatchNorm2d(8);
        Tensor input = Tensor.full(0.5f, 4, 8, 5, 5);
        for (int i = 0; i < input.numel(); i++) {
            input.data()[i] = (i * 37 % 101) / 10f;
        }
        Tensor out = Tensor.zeros(4, 8, 5, 5);
        for (int i = 0; i < 20_000; i++) { // let the JIT compile (and escape-analyse) the path
            bn.train(i % 2 == 0);
            bn.forward(input, out);
        }

        long before = allocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            bn.train(i % 2 == 0);
            bn.forward(input, out);
        }
        long perStep = (allocatedBytes() - before) / 1_000;

        assertThat(perStep).as("bytes allocated per forward").isZero();
        assertThat(out.data()[0]).isFinite();
    }

    @Test
    void theStatsReadIntoArraysEqualTheCopiesAndAllocateNothing() {
        BatchNorm bn = new BatchNorm2d(6);
        Tensor input = Tensor.zeros(3, 6, 4, 4);
        for (int i = 0; i < input.numel(); i++) {
            input.data()[i] = (i * 53 % 97) / 7f - 5;
        }
        Tensor out = Tensor.zeros(3, 6, 4, 4);
        float[] mean = new float[6];
        float[] var = new float[6];
        double[] batchMean = new double[6];
        double[] batchVar = new double[6];
        for (int i = 0; i < 20_000; i++) {
            bn.forward(input, out);
            bn.runningMeanInto(mean);
            bn.runningVarInto(var);
            bn.lastBatchStatsInto(batchMean, batchVar);
        }
        long before = allocatedBytes();
        for (int i = 0; i < 1_000; i++) {
            bn.runningMeanInto(mean);
            bn.runningVarInto(var);
            bn.lastBatchStatsInto(batchMean, batchVar);
        }
        assertThat((allocatedBytes() - before) / 1_000).as("bytes allocated per read").isZero();

        assertThat(mean).containsExactly(bn.runningMean());
        assertThat(var).containsExactly(bn.runningVar());
        float[] m = bn.lastMean();
        float[] v = bn.lastBatchVar();
        for (int c = 0; c < 6; c++) {
            assertThat(batchMean[c]).isEqualTo(m[c]);
            assertThat(batchVar[c]).isEqualTo(v[c]);
        }

        // in eval (running stats) there are no batch stats; without tracking no running stats
        bn.eval();
        bn.forward(input, out);
        assertThat(bn.lastBatchStatsInto(batchMean, batchVar)).isFalse();
        BatchNorm untracked = new BatchNorm2d(6, 1e-5, org.normscope.engine.Momentum.DEFAULT, true, false);
        float[] untouched = {9, 9, 9, 9, 9, 9};
        assertThat(untracked.runningMeanInto(untouched)).isFalse();
        assertThat(untouched).containsOnly(9f);
    }
}
