package org.normscope.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StepColumns}: the one formula for which steps a column holds and where its middle is. */
class StepColumnsTest {

    @Test
    void columnsShareTheStepsOutEvenlyAndTheMiddleIsHalfwayBetweenTheEnds() {
        // steps 1..10 in 4 columns: [1-2] [3-5] [6-7] [8-10]
        long[][] ends = {{1, 2}, {3, 5}, {6, 7}, {8, 10}};
        for (int i = 0; i < 4; i++) {
            assertThat(StepColumns.firstStep(1, 10, 4, i)).isEqualTo(ends[i][0]);
            assertThat(StepColumns.lastStep(1, 10, 4, i)).isEqualTo(ends[i][1]);
            assertThat(StepColumns.middleStep(1, 10, 4, i)).isEqualTo((ends[i][0] + ends[i][1]) / 2.0);
        }
    }

    @Test
    void aColumnWithNoStepHasNoMiddle() {
        // 3 steps in 5 columns: columns 0, 2 and 4 are empty
        assertThat(StepColumns.middleStep(7, 3, 5, 0)).isNaN();
        assertThat(StepColumns.middleStep(7, 3, 5, 1)).isEqualTo(7.0);
        assertThat(StepColumns.middleStep(7, 3, 5, 2)).isNaN();
        assertThat(StepColumns.middleStep(7, 3, 5, 3)).isEqualTo(8.0);
        assertThat(StepColumns.middleStep(7, 3, 5, 4)).isEqualTo(9.0);
    }

    /** The double formula the charts used before reads the same steps wherever {@code i·span} is below 2^53. */
    @Test
    void theExactFormulaAgreesWithTheDoubleOneTheChartsUsed() {
        Random r = new Random(17);
        for (int n = 0; n < 100_000; n++) {
            int columns = 1 + r.nextInt(5000);
            long span = 1 + (r.nextBoolean() ? r.nextInt(100_000) : (long) (r.nextDouble() * (1L << 53) / columns));
            long from = r.nextInt(1000);
            int i = r.nextInt(columns + 1);
            assertThat(StepColumns.firstStep(from, span, columns, i))
                    .isEqualTo(from + (long) Math.floor((double) i * span / columns));
        }
    }

    @Test
    void aRangeTooLongForALongProductStillGivesOrderedColumns() {
        long span = Long.MAX_VALUE / 2;
        long previous = StepColumns.firstStep(0, span, 1000, 0);
        for (int i = 1; i <= 1000; i++) {
            long first = StepColumns.firstStep(0, span, 1000, i);
            assertThat(first).isGreaterThanOrEqualTo(previous);
            previous = first;
        }
        assertThat(previous).isBetween(span - 2048, span + 2048);
    }
}
