package org.normscope.ui.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NiceTicksTest {

    @Test
    void unitRangeWithRoomForSixTicksStepsByFifths() {
        assertThat(NiceTicks.ticks(0, 1, 6)).containsExactly(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1}, within(1e-15));
        assertThat(NiceTicks.labels(NiceTicks.ticks(0, 1, 6))).containsExactly("0", "0.2", "0.4", "0.6", "0.8", "1");
    }

    @Test
    void takesTheSmallestOneTwoFiveStepThatKeepsToTheLimit() {
        // step 0.2 would give 6 ticks > 5, so 0.5
        assertThat(NiceTicks.ticks(0, 1, 5)).containsExactly(0, 0.5, 1);
        assertThat(NiceTicks.ticks(-5.3, 4.4, 5)).containsExactly(-4, -2, 0, 2, 4);
        assertThat(NiceTicks.ticks(-5.3, 4.4, 4)).containsExactly(-5, 0);
        assertThat(NiceTicks.ticks(0.5, 300.5, 8)).containsExactly(50, 100, 150, 200, 250, 300);
        assertThat(NiceTicks.step(0, 100, 11)).isEqualTo(10);
        assertThat(NiceTicks.step(0, 100, 10)).isEqualTo(20);
    }

    @Test
    void everyStepIsOneTwoOrFiveTimesAPowerOfTenAndTheTicksStayInRangeAndUnderTheLimit() {
        Random rnd = new Random(42);
        for (int i = 0; i < 5000; i++) {
            double centre = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(20) - 10);
            double span = Math.pow(10, rnd.nextInt(24) - 12) * (0.1 + rnd.nextDouble());
            double lo = centre - span * rnd.nextDouble();
            double hi = lo + span;
            int max = 2 + rnd.nextInt(10);
            double[] r = NiceTicks.range(lo, hi);
            double step = NiceTicks.step(lo, hi, max);
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
            assertThat(mantissa).as("step %s for [%s, %s]", step, lo, hi)
                    .satisfiesAnyOf(m -> assertThat(m).isCloseTo(1, within(1e-9)), m -> assertThat(m).isCloseTo(2, within(1e-9)),
                            m -> assertThat(m).isCloseTo(5, within(1e-9)), m -> assertThat(m).isCloseTo(10, within(1e-9)));
            double[] ticks = NiceTicks.ticks(lo, hi, max);
            assertThat(ticks.length).isLessThanOrEqualTo(max);
            for (int k = 0; k < ticks.length; k++) {
                // each tick is the double nearest to a multiple of the step: allow for that rounding
                double slack = Math.max(step * 1e-6, 2 * Math.ulp(ticks[k]));
                assertThat(ticks[k]).isBetween(r[0] - slack, r[1] + slack);
                if (k > 0) {
                    assertThat(ticks[k] - ticks[k - 1]).isCloseTo(step, within(2 * slack));
                }
            }
            // with room for 5 or more there are always at least two ticks to read a scale from
            if (max >= 5) {
                assertThat(ticks.length).as("[%s, %s] max %d", lo, hi, max).isGreaterThanOrEqualTo(2);
            }
            String[] labels = NiceTicks.labels(ticks, step);
            assertThat(labels).isEqualTo(ticks.length > 1 ? NiceTicks.labels(ticks) : labels);
            Set<String> distinct = new HashSet<>(java.util.List.of(labels));
            assertThat(distinct).as("labels of %s", java.util.Arrays.toString(ticks)).hasSize(ticks.length);
            for (int k = 0; k < ticks.length; k++) {
                assertThat(Double.parseDouble(labels[k])).isCloseTo(ticks[k], within(step * 1e-5));
            }
        }
    }

    @Test
    void anEmptyRangeIsWidenedAroundItsValue() {
        assertThat(NiceTicks.range(0, 0)).containsExactly(-0.5, 0.5);
        assertThat(NiceTicks.range(3, 3)).containsExactly(new double[] {2.7, 3.3}, within(1e-12));
        assertThat(NiceTicks.range(-200, -200)).containsExactly(new double[] {-220, -180}, within(1e-9));
        assertThat(NiceTicks.ticks(3, 3, 5)).contains(3.0);
        assertThat(NiceTicks.ticks(0, 0, 5)).containsExactly(-0.4, -0.2, 0, 0.2, 0.4);
        // a width of a few ulps cannot be divided into ticks: treated as empty
        assertThat(NiceTicks.range(1, Math.nextUp(1.0))[1] - NiceTicks.range(1, Math.nextUp(1.0))[0])
                .isCloseTo(0.2, within(1e-9));
    }

    @Test
    void nonFiniteEndsAreIgnoredAndReversedEndsSwapped() {
        assertThat(NiceTicks.range(Double.NaN, 5)).containsExactly(new double[] {4.5, 5.5}, within(1e-12));
        assertThat(NiceTicks.range(2, Double.POSITIVE_INFINITY)).containsExactly(new double[] {1.8, 2.2}, within(1e-12));
        assertThat(NiceTicks.range(Double.NaN, Double.NaN)).containsExactly(0, 1);
        assertThat(NiceTicks.range(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).containsExactly(0, 1);
        assertThat(NiceTicks.range(5, 1)).containsExactly(1, 5);
        assertThat(NiceTicks.finiteRange(Double.NaN, 3, -1, Double.POSITIVE_INFINITY)).containsExactly(-1, 3);
        assertThat(NiceTicks.finiteRange(Double.NaN)).isNull();
        assertThat(NiceTicks.ticks(Double.NaN, Double.NaN, 3)).containsExactly(0, 0.5, 1);
    }

    @Test
    void tinyAndHugeRanges() {
        double[] tiny = NiceTicks.ticks(1e-9, 2e-9, 6);
        assertThat(tiny).hasSizeBetween(3, 6);
        assertThat(NiceTicks.labels(new double[] {1e-5, 1.5e-5, 2e-5})).containsExactly("1e-05", "1.5e-05", "2e-05");
        assertThat(NiceTicks.labels(NiceTicks.ticks(0, 3e7, 4))).containsExactly("0", "1e+07", "2e+07", "3e+07");
        assertThat(NiceTicks.labels(NiceTicks.ticks(-1e-12, 1e-12, 3))).containsExactly("-1e-12", "0", "1e-12");
        double[] all = NiceTicks.ticks(-1e308, 1e308, 5);
        assertThat(all).isNotEmpty();
        assertThat(java.util.Arrays.stream(all).allMatch(Double::isFinite)).isTrue();
        assertThat(NiceTicks.labels(NiceTicks.ticks(1_000_000, 1_000_001, 3)))
                .containsExactly("1e+06", "1.0000005e+06", "1.000001e+06");
    }

    @Test
    void labelsUseTheFewestDecimalsThatGiveTheTickBack() {
        assertThat(NiceTicks.labels(new double[] {0, 0.25, 0.5, 0.75, 1})).containsExactly("0", "0.25", "0.5", "0.75", "1");
        // multiples of 0.1 are not exact in binary: 3 × 0.1 = 0.30000000000000004
        assertThat(NiceTicks.labels(new double[] {0.1, 0.2, 3 * 0.1})).containsExactly("0.1", "0.2", "0.3");
        // the ticks themselves are the doubles nearest to the decimals
        assertThat(NiceTicks.ticksWithStep(0.1, 0.35, 0.1)).containsExactly(0.1, 0.2, 0.3);
        assertThat(NiceTicks.ticks(2.7, 3.3, 5)).containsExactly(2.8, 3.0, 3.2);
        assertThat(NiceTicks.labels(new double[] {-0.5, -0.0, 0.5})).containsExactly("-0.5", "0", "0.5");
        assertThat(NiceTicks.labels(new double[] {100, 200, 300})).containsExactly("100", "200", "300");
        assertThat(NiceTicks.labels(new double[] {0.0001, 0.0002})).containsExactly("0.0001", "0.0002");
        assertThat(NiceTicks.labels(new double[] {999_000, 1_000_000})).containsExactly("9.99e+05", "1e+06");
        assertThat(NiceTicks.labels(new double[0])).isEmpty();
        assertThat(NiceTicks.label(2.5, 0.5)).isEqualTo("2.5");
        // a lone tick without its step keeps 12 significant digits
        assertThat(NiceTicks.labels(new double[] {-139.74512465})).containsExactly("-139.74512465");
        assertThat(NiceTicks.labels(new double[] {0})).containsExactly("0");
    }

    @ParameterizedTest
    @CsvSource({
        "0.123456, 3, 0.123",
        "1234.56, 3, 1235",
        "-2.0, 3, -2",
        "0.000025, 3, 2.5e-05",
        "31415926, 2, 3.1e+07",
        "0.25051, 3, 0.251",
        "0, 3, 0",
    })
    void formatsSingleValuesWithSignificantDigits(double v, int digits, String expected) {
        assertThat(NiceTicks.format(v, digits)).isEqualTo(expected);
    }

    @Test
    void formatsNonFiniteValuesLikePython() {
        assertThat(NiceTicks.format(Double.NaN, 3)).isEqualTo("nan");
        assertThat(NiceTicks.format(Double.NEGATIVE_INFINITY, 3)).isEqualTo("-inf");
    }

    @Test
    void paddingWidensBothSidesByTheFraction() {
        assertThat(NiceTicks.padded(0, 10, 0.05)).containsExactly(new double[] {-0.5, 10.5}, within(1e-12));
        assertThat(NiceTicks.padded(2, 2, 0.05)).containsExactly(new double[] {1.78, 2.22}, within(1e-12));
    }

    @Test
    void stepsAreLabelledAsAReaderSaysThem() {
        assertThat(NiceTicks.countLabels(new double[] {0, 500_000, 1_000_000, 1_500_000, 2_500_000}))
                .containsExactly("0", "500k", "1M", "1.5M", "2.5M");
        assertThat(NiceTicks.countLabels(new double[] {10_000, 12_500, 15_000})).containsExactly("10k", "12.5k", "15k");
        assertThat(NiceTicks.countLabels(new double[] {500, 1000, 1500, 9000})).containsExactly("500", "1000", "1500", "9000");
        assertThat(NiceTicks.countLabels(new double[] {1_000_000, 1_000_001, 1_000_002}))
                .containsExactly("1M", "1.000001M", "1.000002M");
        assertThat(NiceTicks.countLabels(new double[] {2e9, 4e9})).containsExactly("2G", "4G");
        assertThat(NiceTicks.countLabels(new double[] {7})).containsExactly("7");
        assertThat(NiceTicks.countLabels(new double[] {-20_000, 0, 20_000})).containsExactly("-20k", "0", "20k");
    }
}
