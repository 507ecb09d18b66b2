package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ziggurat's draws are N(0, 1): over 10^7 draws from a fixed seed, their mean, variance,
 * skewness, excess kurtosis and the frequencies beyond 2σ, 3σ, the ziggurat's tail edge r and
 * 4σ each lie within 5 standard errors of what N(0, 1) gives. (A correct sampler fails one
 * such bound with a probability of about 6·10^-7; the seeds are fixed, so the test is
 * reproducible.)
 */
class ZigguratSamplerTest {

    private static final int DRAWS = 10_000_000;
    private static final double BOUND = 5;

    /** P(|Z| > t) for Z ~ N(0, 1), {@code erfc(t/√2)}, computed with Python's math.erfc. */
    private static final double BEYOND_2 = 0.04550026389635844;
    private static final double BEYOND_3 = 0.0026997960632601913;
    private static final double BEYOND_R = 0.0002580324876539013;
    private static final double BEYOND_4 = 6.334248366623993e-05;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0L, 18L, 0x5EED_1234_ABCDL})
    void tenMillionDrawsHaveTheMomentsAndTailsOfAStandardNormal(long seed) {
        SplitMix64 random = new SplitMix64(seed);
        double[] z = new double[DRAWS];
        double sum = 0;
        for (int i = 0; i < DRAWS; i++) {
            z[i] = Ziggurat.next(random);
            sum += z[i];
        }
        double n = DRAWS;
        double mean = sum / n;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        long beyond2 = 0;
        long beyond3 = 0;
        long beyondR = 0;
        long beyond4 = 0;
        for (double x : z) {
            double d = x - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
            double a = Math.abs(x);
            beyond2 += a > 2 ? 1 : 0;
            beyond3 += a > 3 ? 1 : 0;
            beyondR += a > Ziggurat.R ? 1 : 0;
            beyond4 += a > 4 ? 1 : 0;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double skewness = m3 / Math.pow(m2, 1.5);
        double excessKurtosis = m4 / (m2 * m2) - 3;

        // standard errors under N(0, 1): mean 1/√n, variance √(2/n), skewness √(6/n), excess kurtosis √(24/n)
        assertThat(mean).as("mean").isCloseTo(0, within(BOUND * Math.sqrt(1 / n)));
        assertThat(m2).as("variance").isCloseTo(1, within(BOUND * Math.sqrt(2 / n)));
        assertThat(skewness).as("skewness").isCloseTo(0, within(BOUND * Math.sqrt(6 / n)));
        assertThat(excessKurtosis).as("excess kurtosis").isCloseTo(0, within(BOUND * Math.sqrt(24 / n)));
        assertFrequency("beyond 2σ", beyond2, BEYOND_2);
        assertFrequency("beyond 3σ", beyond3, BEYOND_3);
        assertFrequency("beyond r (the tail)", beyondR, BEYOND_R);
        assertFrequency("beyond 4σ", beyond4, BEYOND_4);
    }

    /** {@code count} of {@link #DRAWS} is within 5 binomial standard errors of {@code p·n}. */
    private static void assertFrequency(String what, long count, double p) {
        double n = DRAWS;
        assertThat((double) count).as(what).isCloseTo(p * n, within(BOUND * Math.sqrt(n * p * (1 - p))));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 7L})
    void bothSignsAreEquallyLikelyInTheBodyAndInTheTails(long seed) {
        SplitMix64 random = new SplitMix64(seed);
        long positive = 0;
        long positiveTail = 0;
        long tail = 0;
        int n = 2_000_000;
        for (int i = 0; i < n; i++) {
            double x = Ziggurat.next(random);
            positive += x > 0 ? 1 : 0;
            if (Math.abs(x) > 3) {
                tail++;
                positiveTail += x > 0 ? 1 : 0;
            }
        }
        assertThat((double) positive).isCloseTo(n / 2.0, within(BOUND * Math.sqrt(n / 4.0)));
        assertThat((double) positiveTail).isCloseTo(tail / 2.0, within(BOUND * Math.sqrt(tail / 4.0)));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0L, -1L, 42L, Long.MIN_VALUE})
    void splitMix64RepeatsSplittableRandomBitForBit(long seed) {
        SplitMix64 mine = new SplitMix64(seed);
        SplittableRandom theirs = new SplittableRandom(seed);
        for (int i = 0; i < 1000; i++) {
            if (i % 2 == 0) {
                assertThat(mine.nextLong()).isEqualTo(theirs.nextLong());
            } else {
                assertThat(mine.nextDouble()).isEqualTo(theirs.nextDouble());
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 99L})
    void theSameSeedGivesTheSameDrawsAndEveryDrawIsFinite(long seed) {
        SplitMix64 a = new SplitMix64(seed);
        SplitMix64 b = new SplitMix64(seed);
        for (int i = 0; i < 100_000; i++) {
            double x = Ziggurat.next(a);
            assertThat(x).isEqualTo(Ziggurat.next(b));
            assertThat(Double.isFinite(x)).isTrue();
        }
    }
}
