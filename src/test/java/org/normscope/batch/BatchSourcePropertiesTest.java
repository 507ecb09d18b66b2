package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.normscope.engine.Tensor;

/** Properties of the generated batches for every spec, checked on generated ones (fixed seeds: reproducible). */
class BatchSourcePropertiesTest {

    @Provide
    Arbitrary<ChannelSource> sources() {
        Arbitrary<Double> value = Arbitraries.doubles().between(-1e4, 1e4);
        Arbitrary<Double> spread = Arbitraries.doubles().between(0, 1e3);
        return Arbitraries.oneOf(
                value.map(ChannelSource.Constant::new),
                Combinators.combine(value, spread).as(ChannelSource.Normal::new),
                Combinators.combine(value, spread).as((a, w) -> new ChannelSource.Uniform(a, a + w)));
    }

    @Provide
    Arbitrary<int[]> spatials() {
        return Arbitraries.integers().between(1, 6).array(int[].class).ofMinSize(0).ofMaxSize(3);
    }

    @Property(tries = 200, seed = "31337")
    void everyBatchHasTheSpecsShapeIsReproducibleAndLiesInItsSourcesRange(
            @ForAll @IntRange(min = 1, max = 5) int n, @ForAll("spatials") int[] spatial,
            @ForAll("sources") ChannelSource first, @ForAll("sources") ChannelSource second, @ForAll long seed,
            @ForAll @LongRange(min = 1, max = 1000) long step, @ForAll boolean fresh) {
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

    @Property(tries = 200, seed = "2718")
    void repeatingTheFirstBatchMovesEachValueByTheDriftOnly(@ForAll("sources") ChannelSource source,
            @ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed,
            @ForAll("drifts") double drift, @ForAll @LongRange(min = 2, max = 10_000) long step) {
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

    @Provide
    Arbitrary<Double> drifts() {
        return Arbitraries.oneOf(Arbitraries.just(0.0), Arbitraries.doubles().between(-1, 1));
    }
}
