package org.normscope.batch;

import java.util.SplittableRandom;

/**
 * Where one channel's values come from, and what they are on average: the true mean and
 * variance that the running statistics should approach (the charts draw them dashed).
 */
public sealed interface ChannelSource {

    /** The expected value of a draw. */
    double mean();

    /** The variance of a draw (the population variance, with no n/(n−1)). */
    double variance();

    /** One draw. */
    double sample(SplittableRandom random);

    /** A short form for labels: {@code const(1)}, {@code normal(0, 1)}, {@code uniform(-1, 1)}. */
    String describe();

    /** Every value is {@code value}, as {@code torch.full} (the notebook's {@code torch.ones} is {@code value = 1}). */
    record Constant(double value) implements ChannelSource {
        public Constant {
            requireFinite("value", value);
        }

        @Override
        public double mean() {
            return value;
        }

        @Override
        public double variance() {
            return 0.0;
        }

        @Override
        public double sample(SplittableRandom random) {
            return value;
        }

        @Override
        public String describe() {
            return "const(" + Numbers.shortForm(value) + ")";
        }
    }

    /** Gaussian values with mean {@code mean} and standard deviation {@code std}: variance {@code std²}. */
    record Normal(double mean, double std) implements ChannelSource {
        public Normal {
            requireFinite("mean", mean);
            requireFinite("std", std);
            if (std < 0) {
                throw new IllegalArgumentException("std must be at least 0, got " + Numbers.shortForm(std));
            }
        }

        @Override
        public double variance() {
            return std * std;
        }

        @Override
        public double sample(SplittableRandom random) {
            return mean + std * Gaussian.next(random);
        }

        @Override
        public String describe() {
            return "normal(" + Numbers.shortForm(mean) + ", " + Numbers.shortForm(std) + ")";
        }
    }

    /** Values spread evenly over [{@code low}, {@code high}): mean {@code (low+high)/2}, variance {@code (high−low)²/12}. */
    record Uniform(double low, double high) implements ChannelSource {
        public Uniform {
            requireFinite("a", low);
            requireFinite("b", high);
            if (low > high) {
                throw new IllegalArgumentException("a must not be above b, got a = " + Numbers.shortForm(low)
                        + " and b = " + Numbers.shortForm(high));
            }
        }

        @Override
        public double mean() {
            return (low + high) / 2;
        }

        @Override
        public double variance() {
            double w = high - low;
            return w * w / 12;
        }

        @Override
        public double sample(SplittableRandom random) {
            return low == high ? low : low + (high - low) * random.nextDouble();
        }

        @Override
        public String describe() {
            return "uniform(" + Numbers.shortForm(low) + ", " + Numbers.shortForm(high) + ")";
        }
    }

    /** The largest magnitude a source's number may have: its draws, shifted, must stay finite in float32. */
    double MAX_MAGNITUDE = 1e30;

    private static void requireFinite(String name, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + v);
        }
        if (Math.abs(v) > MAX_MAGNITUDE) {
            throw new IllegalArgumentException(name + " must be between -1e30 and 1e30 so that the batch stays"
                    + " finite in float32, got " + v);
        }
    }
}
