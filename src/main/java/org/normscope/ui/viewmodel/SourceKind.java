package org.normscope.ui.viewmodel;

import org.normscope.batch.ChannelSource;

/** The kinds of channel source a user picks from, with the names of their two numbers. */
public enum SourceKind {
    CONSTANT("constant", "value", null),
    NORMAL("normal", "mean", "std"),
    UNIFORM("uniform", "a", "b");

    private final String label;
    private final String first;
    private final String second;

    SourceKind(String label, String first, String second) {
        this.label = label;
        this.first = first;
        this.second = second;
    }

    /** The name of the first number. */
    public String firstName() {
        return first;
    }

    /** The name of the second number, or null if it has one number only. */
    public String secondName() {
        return second;
    }

    /** The kind of a source. */
    public static SourceKind of(ChannelSource s) {
        if (s instanceof ChannelSource.Normal) {
            return NORMAL;
        }
        if (s instanceof ChannelSource.Uniform) {
            return UNIFORM;
        }
        return CONSTANT;
    }

    /** Its two numbers (the second 0 for a constant). */
    public static double[] numbers(ChannelSource s) {
        if (s instanceof ChannelSource.Normal n) {
            return new double[] {n.mean(), n.std()};
        }
        if (s instanceof ChannelSource.Uniform u) {
            return new double[] {u.low(), u.high()};
        }
        return new double[] {((ChannelSource.Constant) s).value(), 0};
    }

    /** A source of this kind with these numbers. */
    public ChannelSource make(double a, double b) {
        return switch (this) {
            case CONSTANT -> new ChannelSource.Constant(a);
            case NORMAL -> new ChannelSource.Normal(a, b);
            case UNIFORM -> new ChannelSource.Uniform(a, b);
        };
    }

    /** A source of this kind with about the mean and spread of {@code like}: switching kinds keeps the picture. */
    public ChannelSource near(ChannelSource like) {
        double mean = like.mean();
        double std = Math.sqrt(like.variance());
        if (std == 0) {
            std = 1;
        }
        return switch (this) {
            case CONSTANT -> new ChannelSource.Constant(mean);
            case NORMAL -> new ChannelSource.Normal(mean, std);
            case UNIFORM -> new ChannelSource.Uniform(mean - std * Math.sqrt(3), mean + std * Math.sqrt(3));
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
