package org.normscope.ui.viewmodel;

/** One channel's learnable parameters as fields: {@code weight[c]} (γ) and {@code bias[c]} (β). */
public final class ParameterRow {

    private final int channel;
    private final ValidatedField<Float> weight;
    private final ValidatedField<Float> bias;

    ParameterRow(int channel, float w, float b) {
        this.channel = channel;
        this.weight = new ValidatedField<>(w, t -> Parsers.float32(t, "weight[" + channel + "]"),
                v -> Parsers.formatPlain(v));
        this.bias = new ValidatedField<>(b, t -> Parsers.float32(t, "bias[" + channel + "]"),
                v -> Parsers.formatPlain(v));
    }

    public int channel() {
        return channel;
    }

    public ValidatedField<Float> weight() {
        return weight;
    }

    public ValidatedField<Float> bias() {
        return bias;
    }
}
