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
}
