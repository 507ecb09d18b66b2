package org.normscope.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The channel sources: their true mean and variance, their draws, their labels and their refusals. */
class ChannelSourceTest {

    // ---------------------------------------------------------------- true mean and variance

    @Test
    void aConstantHasItsValueAsMeanAndNoVariance() {
        ChannelSource.Constant c = new ChannelSource.Constant(-2.5);
        assertThat(c.mean()).isEqualTo(-2.5);
        assertThat(c.variance()).isZero();
    }

    @Test
    void aNormalHasMeanMeanAndVarianceStdSquared() {
        ChannelSource.Normal n = new ChannelSource.Normal(2, 0.5);
        assertThat(n.mean()).isEqualTo(2);
        assertThat(n.variance()).isEqualTo(0.25);
        assertThat(new ChannelSource.Normal(-1, 3).variance()).isEqualTo(9);
        assertThat(new ChannelSource.Normal(7, 0).variance()).isZero();
    }

    @Test
    void aUniformHasTheMidpointAsMeanAndTheWidthSquaredOverTwelveAsVariance() {
        ChannelSource.Uniform u = new ChannelSource.Uniform(-1, 3);
        assertThat(u.mean()).isEqualTo(1);
        assertThat(u.variance()).isEqualTo(16.0 / 12);
        assertThat(new ChannelSource.Uniform(0, 1).variance()).isEqualTo(1.0 / 12);
        assertThat(new ChannelSource.Uniform(2, 2).mean()).isEqualTo(2);
        assertThat(new ChannelSource.Uniform(2, 2).variance()).isZero();
        // Variance over the continuous uniform density, integrated numerically (midpoint rule).
        int steps = 1_000_000;
        double a = -1;
        double b = 3;
        double h = (b - a) / steps;
        double var = 0;
        for (int i = 0; i < steps; i++) {
            double x = a + (i + 0.5) * h;
            var += (x - 1) * (x - 1) * h / (b - a);
        }
        assertThat(u.variance()).isCloseTo(var, within(1e-9));
    }

    // ---------------------------------------------------------------- draws

    @Test
    void aConstantAlwaysDrawsItsValue() {
        SplittableRandom r = new SplittableRandom(1);
        ChannelSource.Constant c = new ChannelSource.Constant(0.1);
        for (int i = 0; i < 100; i++) {
            assertThat(c.sample(r)).isEqualTo(0.1);
        }
    }

    @Test
    void aNormalWithStdZeroAlwaysDrawsItsMean() {
        SplittableRandom r = new SplittableRandom(2);
        ChannelSource.Normal n = new ChannelSource.Normal(-3.25, 0);
        for (int i = 0; i < 100; i++) {
            assertThat(n.sample(r)).isEqualTo(-3.25);
        }
    }

    @Test
    void aUniformDrawsWithinItsInterval() {
        SplittableRandom r = new SplittableRandom(3);
        ChannelSource.Uniform u = new ChannelSource.Uniform(-0.5, 0.25);
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < 100_000; i++) {
            double x = u.sample(r);
            assertThat(x).isGreaterThanOrEqualTo(-0.5).isLessThan(0.25);
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        // ... and covers it.
        assertThat(min).isLessThan(-0.499);
        assertThat(max).isGreaterThan(0.249);
        assertThat(new ChannelSource.Uniform(4, 4).sample(r)).isEqualTo(4);
    }

    @Test
    void theSameGeneratorGivesTheSameDraws() {
        ChannelSource.Normal n = new ChannelSource.Normal(1, 2);
        SplittableRandom a = new SplittableRandom(42);
        SplittableRandom b = new SplittableRandom(42);
        for (int i = 0; i < 1000; i++) {
            assertThat(n.sample(a)).isEqualTo(n.sample(b));
        }
    }

    @Test
    void gaussianDrawsHaveTheStandardNormalsShape() {
        SplittableRandom r = new SplittableRandom(20240601);
        int n = 400_000;
        int within1 = 0;
        int within2 = 0;
        double sum = 0;
        double sum2 = 0;
        double sum4 = 0;
        for (int i = 0; i < n; i++) {
            double x = Gaussian.next(r);
            within1 += Math.abs(x) < 1 ? 1 : 0;
            within2 += Math.abs(x) < 2 ? 1 : 0;
            sum += x;
            sum2 += x * x;
            sum4 += x * x * x * x;
        }
        // Each check within five standard errors of a binomial proportion or a moment.
        assertThat((double) within1 / n).isCloseTo(0.682689, within(5 * Math.sqrt(0.6827 * 0.3173 / n)));
        assertThat((double) within2 / n).isCloseTo(0.954500, within(5 * Math.sqrt(0.9545 * 0.0455 / n)));
        assertThat(sum / n).isCloseTo(0, within(5 / Math.sqrt(n)));
        assertThat(sum2 / n).isCloseTo(1, within(5 * Math.sqrt(2.0 / n)));
        assertThat(sum4 / n).isCloseTo(3, within(5 * Math.sqrt(96.0 / n)));
    }

    // ---------------------------------------------------------------- labels

    @Test
    void labelsAreShort() {
        assertThat(new ChannelSource.Constant(1).describe()).isEqualTo("const(1)");
        assertThat(new ChannelSource.Constant(0.5).describe()).isEqualTo("const(0.5)");
        assertThat(new ChannelSource.Normal(0, 1).describe()).isEqualTo("normal(0, 1)");
        assertThat(new ChannelSource.Normal(-2, 0.25).describe()).isEqualTo("normal(-2, 0.25)");
        assertThat(new ChannelSource.Uniform(-1, 1).describe()).isEqualTo("uniform(-1, 1)");
        assertThat(new ChannelSource.Constant(1e-5).describe()).isEqualTo("const(1.0E-5)");
    }

    // ---------------------------------------------------------------- refusals

    @Test
    void aNegativeStdIsRefused() {
        assertThatThrownBy(() -> new ChannelSource.Normal(0, -0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("std must be at least 0, got -0.5");
    }

    @Test
    void aUniformWithAAboveBIsRefused() {
        assertThatThrownBy(() -> new ChannelSource.Uniform(3, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("a must not be above b, got a = 3 and b = 1");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteParametersAreRefused(double bad) {
        assertThatThrownBy(() -> new ChannelSource.Constant(bad)).hasMessageStartingWith("value must be a finite number");
        assertThatThrownBy(() -> new ChannelSource.Normal(bad, 1)).hasMessageStartingWith("mean must be a finite number");
        assertThatThrownBy(() -> new ChannelSource.Normal(0, bad)).hasMessageStartingWith("std must be");
        assertThatThrownBy(() -> new ChannelSource.Uniform(bad, 1)).hasMessageStartingWith("a must be a finite number");
        assertThatThrownBy(() -> new ChannelSource.Uniform(0, bad)).hasMessageStartingWith("b must be a finite number");
    }
}
