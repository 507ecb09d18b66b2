package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.normscope.engine.Tensor;

/**
 * The two generators behind a {@link BatchSource}: each channel's values depend on
 * (seed, step, channel) alone, so a batch is the same on 1, 2 or 4 threads and editing one
 * channel leaves the others' values as they were; splittable-polar-1 still draws exactly what
 * it drew before issue 18; uniform and constant channels are drawn the same by both.
 */
class BatchSourceGeneratorTest {

    static final List<ChannelSource> MIXED = List.of(new ChannelSource.Normal(-2, 0.5), new ChannelSource.Normal(0, 1),
            new ChannelSource.Uniform(-1, 3), new ChannelSource.Normal(3, 0.25), new ChannelSource.Constant(0.1));

    /** {@code channels} channels cycling through {@link #MIXED}. */
    static List<ChannelSource> mixed(int channels) {
        List<ChannelSource> s = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            s.add(MIXED.get(c % MIXED.size()));
        }
        return s;
    }

    /** Shapes above and below the parallel threshold, with 1 to 64 channels. */
    static Stream<Arguments> shapes() {
        return Stream.of(
                Arguments.of(64, new int[] {8, 8}, 64, 11L), // the fresh bench's (64, 64, 8, 8): 262,144 values
                Arguments.of(16, new int[] {64}, 65, 12L), // more channels than blocks, not a multiple of 16
                Arguments.of(4096, new int[0], 17, 13L), // (N, C): channels interleave value by value
                Arguments.of(2, new int[] {3, 4, 5}, 3, 14L), // small: drawn on the calling thread
                Arguments.of(1024, new int[] {64}, 1, 15L)); // one channel
    }

    @ParameterizedTest(name = "{0}x{2}x{1} seed {3}")
    @MethodSource("shapes")
    void aSeedGivesTheSameBatchOnOneTwoAndFourThreads(int n, int[] spatial, int channels, long seed) {
        for (Generator g : Generator.values()) {
            BatchSpec spec = new BatchSpec(n, spatial, mixed(channels), 0.01, seed, true, g);
            BatchSource one = new BatchSource(spec, 1);
            BatchSource two = new BatchSource(spec, 2);
            BatchSource four = new BatchSource(spec, 4);
            for (long step : new long[] {1, 2, 1000}) {
                for (boolean outlier : new boolean[] {false, true}) {
                    float[] expected = one.batch(step, outlier).data();
                    assertSameValues(two.batch(step, outlier).data(), expected, g + " step " + step + " on 2 threads");
                    assertSameValues(four.batch(step, outlier).data(), expected, g + " step " + step + " on 4 threads");
                }
            }
        }
    }

    /** Every value the same, bit for bit (AssertJ's containsExactly is too slow for 262,144 values). */
    static void assertSameValues(float[] actual, float[] expected, String what) {
        assertThat(actual.length).as(what).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                assertThat(actual[i]).as(what + ", value " + i).isEqualTo(expected[i]);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Generator.class)
    void editingOneChannelLeavesTheOthersValuesAsTheyWere(Generator g) {
        BatchSpec spec = new BatchSpec(64, new int[] {8, 8}, mixed(64), 0, 5, true, g);
        BatchSpec edited = spec.withSource(10, new ChannelSource.Normal(100, 3));
        Tensor before = new BatchSource(spec).batch(3, false);
        Tensor after = new BatchSource(edited).batch(3, false);
        for (int c = 0; c < 64; c++) {
            double[] a = BatchSourceTest.channel(before, c);
            double[] b = BatchSourceTest.channel(after, c);
            if (c == 10) {
                assertThat(BatchSourceTest.mean(b)).isCloseTo(100, within(1.0));
            } else {
                assertThat(b).as("channel %d", c).containsExactly(a);
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {0L, 7L, -123456789L})
    void splittablePolarOneDrawsWhatItDrewBeforeIssue18(long seed) {
        // The pre-issue-18 draw, written out: a SplittableRandom per channel seeded by
        // mix(mix(seed, step), c), the polar method for normals, nextDouble for uniforms.
        int n = 3;
        int slice = 4;
        BatchSpec spec = new BatchSpec(n, new int[] {2, 2}, MIXED, 0, seed, true, Generator.SPLITTABLE_POLAR_1);
        int channels = MIXED.size();
        long step = 9;
        float[] got = new BatchSource(spec, 2).batch(step, false).data();
        long stepSeed = BatchSource.mix(seed, step);
        for (int c = 0; c < channels; c++) {
            SplittableRandom random = new SplittableRandom(BatchSource.mix(stepSeed, c));
            ChannelSource source = MIXED.get(c);
            for (int b = 0; b < n; b++) {
                for (int s = 0; s < slice; s++) {
                    double v;
                    if (source instanceof ChannelSource.Normal normal) {
                        v = normal.mean() + normal.std() * Gaussian.next(random);
                    } else if (source instanceof ChannelSource.Uniform u) {
                        v = u.low() + (u.high() - u.low()) * random.nextDouble();
                    } else {
                        v = ((ChannelSource.Constant) source).value();
                    }
                    assertThat(got[(b * channels + c) * slice + s]).isEqualTo((float) v);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1L, 2026L})
    void uniformAndConstantChannelsAreTheSameWithEitherGeneratorAndNormalsDiffer(long seed) {
        BatchSpec zig = new BatchSpec(8, new int[] {16}, mixed(10), 0.5, seed, true, Generator.ZIGGURAT_1);
        BatchSpec polar = zig.withGenerator(Generator.SPLITTABLE_POLAR_1);
        for (long step : new long[] {1, 4}) {
            Tensor a = new BatchSource(zig).batch(step, step == 4);
            Tensor b = new BatchSource(polar).batch(step, step == 4);
            for (int c = 0; c < 10; c++) {
                double[] x = BatchSourceTest.channel(a, c);
                double[] y = BatchSourceTest.channel(b, c);
                if (zig.sources().get(c) instanceof ChannelSource.Normal) {
                    assertThat(x).as("channel %d", c).isNotEqualTo(y);
                } else {
                    assertThat(x).as("channel %d", c).containsExactly(y);
                }
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3L, 77L})
    void aLargeNormalChannelHasItsMeanAndSpread(long seed) {
        // one channel of 2^20 values from N(3, 0.25²): mean within 5 SE, variance within 5 SE
        BatchSpec spec = new BatchSpec(1024, new int[] {1024}, List.of(new ChannelSource.Normal(3, 0.25)), 0, seed,
                true);
        double[] v = BatchSourceTest.channel(new BatchSource(spec).batch(1, false), 0);
        double n = v.length;
        assertThat(BatchSourceTest.mean(v)).isCloseTo(3, within(5 * 0.25 / Math.sqrt(n)));
        assertThat(BatchSourceTest.moment(v, 2)).isCloseTo(0.0625, within(5 * 0.0625 * Math.sqrt(2 / n)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aSourceNeedsAtLeastOneThread(int threads) {
        BatchSpec spec = BatchSpec.ones(2);
        assertThatThrownBy(() -> new BatchSource(spec, threads)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }
}
