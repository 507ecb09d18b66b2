package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.normscope.engine.Tensor;
import org.normscope.testing.Gen;

/** Properties of the generated batches for every spec, checked on generated ones (fixed seeds: reproducible). */
class BatchSourcePropertiesTest {

    /** A constant, normal or uniform channel: values in [-1e4, 1e4], spreads in [0, 1e3], the ends included. */
    static ChannelSource sources(Gen g) {
        int kind = g.random().nextInt(3);
        double value = g.doubleIn(-1e4, 1e4);
        return switch (kind) {
            case 0 -> new ChannelSource.Constant(value);
            case 1 -> new ChannelSource.Normal(value, g.doubleIn(0, 1e3));
            default -> new ChannelSource.Uniform(value, value + g.doubleIn(0, 1e3));
        };
    }

    /** 0 to 3 spatial sizes, each 1 to 6: none in try 0, three of 6 in try 1. */
    static int[] spatials(Gen g) {
        int[] spatial = new int[g.intIn(0, 3)];
        for (int i = 0; i < spatial.length; i++) {
            spatial[i] = g.intIn(1, 6);
        }
        return spatial;
    }

    static LongStream tries200() {
        return Gen.tries(200);
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries200")
    void everyBatchHasTheSpecsShapeIsReproducibleAndLiesInItsSourcesRange(long trial) {
        Gen gen = Gen.of(31337L, trial);
        int n = gen.intIn(1, 5);
        int[] spatial = spatials(gen);
        ChannelSource first = sources(gen);
        ChannelSource second = sources(gen);
        long seed = gen.anyLong();
        long step = gen.longIn(1, 1000);
        boolean fresh = gen.bool();
        BatchSpec spec = new BatchSpec(n, spatial, List.of(first, second), 0, seed, fresh);
        Tensor t = new BatchSource(spec).batch(step, false);

        int[] expected = new int[2 + spatial.length];
        expected[0] = n;
        expected[1] = 2;
        System.arraycopy(spatial, 0, expected, 2, spatial.length);
        assertThat(t.shape()).containsExactly(expected);
        assertThat((long) t.numel()).isEqualTo(BatchSpec.valueCount(n, 2, spatial));
        assertThat(new BatchSource(spec).batch(step, false).data()).containsExactly(t.data());

        List<ChannelSource> sources = List.of(first, second);
        int slice = t.numel() / (2 * n);
        for (int i = 0; i < t.numel(); i++) {
            ChannelSource s = sources.get((i / slice) % 2);
            float x = t.data()[i];
            if (s instanceof ChannelSource.Constant c) {
                assertThat(x).isEqualTo((float) c.value());
            } else if (s instanceof ChannelSource.Uniform u) {
                assertThat(x).isBetween((float) u.low(), (float) u.high());
            } else if (s instanceof ChannelSource.Normal g) {
                // Beyond 9 standard deviations has probability 2e-19 per value.
                assertThat((double) x).isCloseTo(g.mean(), within(9 * g.std() + Math.ulp((float) g.mean())));
            }
        }
    }

    @ParameterizedTest(name = "try {0}")
    @MethodSource("tries200")
    void repeatingTheFirstBatchMovesEachValueByTheDriftOnly(long trial) {
        Gen gen = Gen.of(2718L, trial);
        ChannelSource source = sources(gen);
        int n = gen.intIn(1, 8);
        long seed = gen.anyLong();
        double drift = drifts(gen);
        long step = gen.longIn(2, 10_000);
        BatchSource s = new BatchSource(new BatchSpec(n, new int[] {3}, List.of(source), drift, seed, false));
        float[] first = s.batch(1, false).data();
        float[] later = s.batch(step, false).data();
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < first.length; i++) {
            double rounding = Math.ulp(Math.max(Math.abs(first[i]), Math.abs(later[i])));
            double error = Math.abs((double) later[i] - first[i] - drift * (step - 1));
            if (error > rounding) {
                errors.add(error);
            }
        }
        assertThat(errors).isEmpty();
        assertThat(s.trueMean(0, step)).isCloseTo(source.mean() + drift * (step - 1), within(1e-9));
    }

    /** No drift half the time (always in try 0), else a drift in [-1, 1]. */
    static double drifts(Gen g) {
        return g.trial() == 0 || g.random().nextBoolean() ? 0.0 : g.doubleIn(-1, 1);
    }
}
