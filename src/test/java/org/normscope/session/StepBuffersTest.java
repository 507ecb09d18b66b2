package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/** The newest step's batch and output, and the buffers steps draw and write them into (see {@link StepBuffers}). */
class StepBuffersTest {

    /** 4 × 2 × 3: small, so drawn at the step, never ahead. */
    private static final BatchSpec SMALL = Fixtures.normal(4, new int[] {3}, 2, 0.0, 5);

    private static NormLayer layer() {
        return Fixtures.bn1d(2, Momentum.of(0.1)).build(SMALL.spatial());
    }

    @Test
    void stepsDrawIntoAFewBuffersAndNeverOverTheLastStepsInput() {
        StepBuffers b = new StepBuffers();
        BatchSource source = new BatchSource(SMALL);
        Set<Tensor> used = Collections.newSetFromMap(new IdentityHashMap<>());
        Tensor last = null;
        float[] lastValues = null;
        for (long t = 1; t <= 8; t++) {
            Tensor x = b.draw(source, t, false);
            assertThat(x.data()).as("step %d's batch", t).containsExactly(Fixtures.batch(SMALL, t, false).data());
            assertThat(x).isNotSameAs(last);
            if (last != null) {
                assertThat(last.data()).as("step %d's input, after step %d's draw", t - 1, t).containsExactly(lastValues);
            }
            b.ran(x, b.outputFor(x), true);
            assertThat(b.lastInput()).isSameAs(x);
            used.add(x);
            last = x;
            lastValues = x.data().clone();
        }
        assertThat(used).as("input buffers").hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void aRefusedStepLeavesTheLastInputAsItWasForItsOutput() {
        StepBuffers b = new StepBuffers();
        BatchSource source = new BatchSource(SMALL);
        NormLayer layer = layer();
        Tensor x1 = b.draw(source, 1, false);
        Tensor y1 = b.outputFor(x1);
        layer.forwardWithoutOutput(x1);
        b.ran(x1, y1, false); // a quiet step: y1 is not written yet
        b.draw(source, 2, false); // refused: ran is never called
        b.draw(source, 2, true); // tried again, as an outlier batch
        assertThat(b.lastInput()).isSameAs(x1);
        assertThat(x1.data()).containsExactly(Fixtures.batch(SMALL, 1, false).data());
        NormLayer twin = layer();
        assertThat(b.writtenOutput(layer).data()).containsExactly(twin.forward(x1).data());
    }

    @Test
    void theOutputBufferIsReusedWhileTheShapeStays() {
        StepBuffers b = new StepBuffers();
        Tensor x = Fixtures.batch(SMALL, 1, false);
        Tensor y = b.outputFor(x);
        b.ran(x, y, true);
        assertThat(b.outputFor(Fixtures.batch(SMALL, 2, false))).isSameAs(y);
        BatchSpec wider = Fixtures.normal(4, new int[] {5}, 2, 0.0, 5);
        assertThat(b.outputFor(Fixtures.batch(wider, 1, false))).isNotSameAs(y);
    }

    @Test
    void aQuietStepsOutputIsWrittenOnceWhenAskedFor() {
        StepBuffers b = new StepBuffers();
        NormLayer layer = layer();
        Tensor x = Fixtures.batch(SMALL, 1, false);
        Tensor y = b.outputFor(x);
        layer.forwardWithoutOutput(x);
        b.ran(x, y, false);
        assertThat(b.lastOutput().data()).as("not written yet").containsOnly(0f);
        float[] expected = layer().forward(x).data();
        assertThat(b.writtenOutput(layer).data()).containsExactly(expected);
        y.data()[0] = 42f;
        b.ensureOutput(layer);
        assertThat(y.data()[0]).as("written once only").isEqualTo(42f);
    }

    @Test
    void anOutputValueIsCountedBatchMajorWithinItsChannel() {
        StepBuffers b = new StepBuffers();
        NormLayer layer = layer();
        Tensor x = Fixtures.batch(SMALL, 1, false);
        Tensor y = layer.forward(x);
        b.ran(x, y, true);
        int slice = Fixtures.slice(y);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 4 * slice; i++) {
                assertThat(b.outputValue(layer, c, i)).isEqualTo(y.data()[((i / slice) * 2 + c) * slice + i % slice]);
            }
        }
        assertThat(b.outputValue(layer, 2, 0)).isNaN();
        assertThat(b.outputValue(layer, 0, 4 * slice)).isNaN();
        assertThat(b.outputValue(layer, 0, -1)).isNaN();
        b.forgetLast();
        assertThat(b.outputValue(layer, 0, 0)).as("a new layer, no step yet").isNaN();
        assertThat(b.lastInput()).isNull();
    }

    @Test
    void aPutBackStepIsTheNewestAndItsBufferIsKept() {
        StepBuffers b = new StepBuffers();
        BatchSource source = new BatchSource(SMALL);
        b.ran(b.draw(source, 1, false), Tensor.zeros(4, 2, 3), true);
        b.settleAndClear();
        assertThat(b.lastInput()).isNull();
        assertThat(b.lastOutput()).isNull();
        Tensor x = Fixtures.batch(SMALL, 5, false);
        Tensor y = layer().forward(x);
        b.ranAgain(x, y);
        assertThat(b.lastInput()).isSameAs(x);
        assertThat(b.lastOutput()).isSameAs(y);
        assertThat(b.outputFor(x)).isSameAs(y);
        Tensor next = b.draw(source, 6, false);
        assertThat(next).isNotSameAs(x);
        assertThat(x.data()).containsExactly(Fixtures.batch(SMALL, 5, false).data());
    }
}
