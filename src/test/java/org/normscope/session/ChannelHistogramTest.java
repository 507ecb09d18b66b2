package org.normscope.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.testing.Gen;

/** {@link ChannelHistogram#of}: one channel of an {@code (N, C, *)} tensor in equal bins. */
class ChannelHistogramTest {

    /** (N=2, C=2, slice=3); channel 0 holds 0..5, channel 1 holds 100..105. */
    private static float[] twoByTwoByThree() {
        float[] d = new float[12];
        for (int b = 0; b < 2; b++) {
            for (int s = 0; s < 3; s++) {
                d[(b * 2) * 3 + s] = b * 3 + s;
                d[(b * 2 + 1) * 3 + s] = 100 + b * 3 + s;
            }
        }
        return d;
    }

    @Test
    void countsEachValueOfTheChannelInItsBin() {
        ChannelHistogram h = ChannelHistogram.of(twoByTwoByThree(), 2, 2, 3, 0, 5);
        assertThat(h.lo()).isEqualTo(0.0);
        assertThat(h.hi()).isEqualTo(5.0);
        // bin = min(⌊v·5/5⌋, 4): 0,1,2,3 in their own bins, 4 and 5 in the last
        assertThat(h.counts()).containsExactly(1, 1, 1, 1, 2);
        assertThat(h.total()).isEqualTo(6);
        assertThat(h.nonFinite()).isZero();
        assertThat(h.mean()).isEqualTo(2.5);

        ChannelHistogram other = ChannelHistogram.of(twoByTwoByThree(), 2, 2, 3, 1, 10);
        assertThat(other.lo()).isEqualTo(100.0);
        assertThat(other.hi()).isEqualTo(105.0);
        assertThat(other.counts()).containsExactly(1, 0, 1, 0, 1, 0, 1, 0, 1, 1);
        assertThat(other.mean()).isEqualTo(102.5);
    }

    @Test
    void oneBinCountsEverything() {
        ChannelHistogram h = ChannelHistogram.of(twoByTwoByThree(), 2, 2, 3, 1, 1);
        assertThat(h.counts()).containsExactly(6);
    }

    @Test
    void aConstantChannelHasOneBin() {
        float[] d = {0.3f, 7f, 0.3f, -7f, 0.3f, 1f};   // (N=3, C=2, slice=1), channel 0 constant
        ChannelHistogram h = ChannelHistogram.of(d, 3, 2, 1, 0, 24);
        assertThat(h.counts()).containsExactly(3);
        assertThat(h.lo()).isEqualTo(h.hi()).isEqualTo((double) 0.3f);
        assertThat(h.mean()).isCloseTo(0.3f, within(1e-7));
        assertThat(h.total()).isEqualTo(3);

        ChannelHistogram spread = ChannelHistogram.of(d, 3, 2, 1, 1, 24);
        assertThat(spread.counts()).hasSize(24);
        assertThat(spread.counts()[0]).isEqualTo(1);
        assertThat(spread.counts()[23]).isEqualTo(1);
        assertThat(spread.counts()[(int) (8.0 / 14 * 24)]).isEqualTo(1);
    }

    @Test
    void nonFiniteValuesAreCountedApart() {
        float[] d = {1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3f};   // (5, 1, 1)
        ChannelHistogram h = ChannelHistogram.of(d, 5, 1, 1, 0, 4);
        assertThat(h.nonFinite()).isEqualTo(3);
        assertThat(h.lo()).isEqualTo(1.0);
        assertThat(h.hi()).isEqualTo(3.0);
        assertThat(h.counts()).containsExactly(1, 0, 0, 1);
        assertThat(h.total()).isEqualTo(2);
        assertThat(h.mean()).isEqualTo(2.0);
    }

    @Test
    void anAllNaNChannel() {
        float[] d = {Float.NaN, 5f, Float.NaN, 6f};   // (2, 2, 1): channel 0 all NaN
        ChannelHistogram h = ChannelHistogram.of(d, 2, 2, 1, 0, 8);
        assertThat(h.nonFinite()).isEqualTo(2);
        assertThat(h.lo()).isNaN();
        assertThat(h.hi()).isNaN();
        assertThat(h.mean()).isNaN();
        assertThat(h.counts()).isEmpty();
        assertThat(h.total()).isZero();

        ChannelHistogram infinite = ChannelHistogram.of(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY},
                2, 1, 1, 0, 8);
        assertThat(infinite.nonFinite()).isEqualTo(2);
        assertThat(infinite.counts()).isEmpty();
    }

    @Test
    void anEmptyChannel() {
        ChannelHistogram h = ChannelHistogram.of(new float[0], 0, 3, 4, 1, 8);
        assertThat(h.counts()).isEmpty();
        assertThat(h.nonFinite()).isZero();
        assertThat(h.lo()).isNaN();
    }

    // ---- against brute force ------------------------------------------------------------------

    static LongStream tries300() {
        return Gen.tries(300);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries300")
    void matchesABruteForceBinning(long trial) {
        Gen g = Gen.of(1234L, trial);
        int batch = g.intIn(1, 6);
        int channels = g.intIn(1, 4);
        int slice = g.intIn(1, 20);
        int bins = g.intIn(1, 30);
        int nonFinitePerMille = g.intIn(0, 5);
        long seed = g.anyLong();
        SplittableRandom r = new SplittableRandom(seed);
        float[] data = new float[batch * channels * slice];
        double scale = Math.pow(10, r.nextInt(-3, 4));
        double offset = scale * (r.nextDouble() * 20 - 10);
        for (int i = 0; i < data.length; i++) {
            if (r.nextInt(100) < nonFinitePerMille * 4) {
                float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
                data[i] = special[r.nextInt(3)];
            } else if (r.nextInt(10) == 0 && i > 0) {
                data[i] = data[r.nextInt(i)];   // repeated values
            } else {
                data[i] = (float) (offset + scale * r.nextDouble());
            }
        }
        for (int c = 0; c < channels; c++) {
            ChannelHistogram h = ChannelHistogram.of(data, batch, channels, slice, c, bins);

            // brute force: the channel's values, binned as the record's documentation says
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            int nonFinite = 0;
            int finite = 0;
            double sum = 0;
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < slice; s++) {
                    float v = data[(b * channels + c) * slice + s];
                    if (Float.isNaN(v) || Float.isInfinite(v)) {
                        nonFinite++;
                    } else {
                        lo = Math.min(lo, v);
                        hi = Math.max(hi, v);
                        finite++;
                        sum += v;
                    }
                }
            }
            assertThat(h.nonFinite()).isEqualTo(nonFinite);
            assertThat(h.total()).isEqualTo(finite);
            if (finite == 0) {
                assertThat(h.counts()).isEmpty();
                assertThat(h.lo()).isNaN();
                continue;
            }
            assertThat(h.lo()).isEqualTo(lo);
            assertThat(h.hi()).isEqualTo(hi);
            assertThat(h.mean()).isCloseTo(sum / finite, within(1e-9 * (1 + Math.abs(sum / finite))));
            int[] expected = new int[lo == hi ? 1 : bins];
            for (int b = 0; b < batch; b++) {
                for (int s = 0; s < slice; s++) {
                    float v = data[(b * channels + c) * slice + s];
                    if (!Float.isNaN(v) && !Float.isInfinite(v)) {
                        int bin = lo == hi ? 0 : (int) Math.floor((v - lo) / (hi - lo) * bins);
                        expected[Math.min(bin, expected.length - 1)]++;
                    }
                }
            }
            assertThat(h.counts()).as("channel %d of %d", c, channels).containsExactly(expected);
        }
    }
}
