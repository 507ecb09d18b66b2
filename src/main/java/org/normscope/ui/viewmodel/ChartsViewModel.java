package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;

/**
 * What the charts show: up to {@link #MAX_CURVES} channels as curves; past that many, a
 * channel × step heat map with the channels the user picks drawn as curves on top; and the
 * histograms of one channel, or of the first {@link #MAX_CURVES} as small multiples.
 */
public final class ChartsViewModel {

    /** The most channels drawn as separate curves or histograms: more overlap into noise. */
    public static final int MAX_CURVES = 8;
    /** {@link #histogramChannelProperty()} for "the first channels, side by side". */
    public static final int FIRST_CHANNELS = -1;

    private final IntegerProperty histogramChannel = new SimpleIntegerProperty(FIRST_CHANNELS);
    private final IntegerProperty groupSample = new SimpleIntegerProperty(GroupCharts.FIRST_SAMPLES);
    private final javafx.beans.property.BooleanProperty overTime = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper heatMap = new ReadOnlyBooleanWrapper(false);
    private final ValidatedField<List<Integer>> picked = new ValidatedField<>(List.of(0, 1, 2, 3),
            this::parsePicked, ChartsViewModel::formatPicked);
    private int channels = 4;

    /** Follows the layer's channel count. */
    public void setChannels(int c) {
        if (c == channels) {
            return;
        }
        channels = c;
        heatMap.set(c > MAX_CURVES);
        List<Integer> kept = new ArrayList<>();
        for (int p : picked.getValue()) {
            if (p < c) {
                kept.add(p);
            }
        }
        if (kept.isEmpty()) {
            kept.add(0);
        }
        picked.show(List.copyOf(kept));
        if (histogramChannel.get() >= c) {
            histogramChannel.set(FIRST_CHANNELS);
        }
    }

    /** The channels drawn as curves: all of them up to {@link #MAX_CURVES}, else the picked ones. */
    public List<Integer> curveChannels() {
        if (channels <= MAX_CURVES) {
            List<Integer> all = new ArrayList<>();
            for (int c = 0; c < channels; c++) {
                all.add(c);
            }
            return all;
        }
        return picked.getValue();
    }

    /**
     * Whether the right-hand charts show how x and y were distributed over the steps in view
     * (quantile bands of one channel) rather than the last batch's histograms.
     */
    public javafx.beans.property.BooleanProperty overTimeProperty() {
        return overTime;
    }

    /** The channel whose distributions over time are shown: the chosen one, else the first curve's. */
    public int distributionChannel() {
        int chosen = histogramChannel.get();
        if (chosen != FIRST_CHANNELS && chosen < channels) {
            return chosen;
        }
        return curveChannels().get(0);
    }

    /** The channels whose histograms are shown. */
    public List<Integer> histogramChannels() {
        if (histogramChannel.get() != FIRST_CHANNELS && histogramChannel.get() < channels) {
            return List.of(histogramChannel.get());
        }
        List<Integer> first = new ArrayList<>();
        for (int c = 0; c < Math.min(channels, MAX_CURVES); c++) {
            first.add(c);
        }
        return first;
    }

    private List<Integer> parsePicked(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split("[,\\s]+")) {
            if (part.isEmpty()) {
                continue;
            }
            int c = Parsers.integer(part, UiText.get("what.channel"), 0, channels - 1);
            if (!out.contains(c)) {
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(UiText.get("charts.picked.none"));
        }
        if (out.size() > MAX_CURVES) {
            throw new IllegalArgumentException(UiText.get("charts.picked.too.many", Integer.toString(MAX_CURVES)));
        }
        return List.copyOf(out);
    }

    private static String formatPicked(List<Integer> channels) {
        StringBuilder b = new StringBuilder();
        for (int c : channels) {
            b.append(b.length() == 0 ? "" : ", ").append(c);
        }
        return b.toString();
    }

    /** One channel's histograms, or {@link #FIRST_CHANNELS}. */
    public IntegerProperty histogramChannelProperty() {
        return histogramChannel;
    }

    /** Whether the statistics are drawn as a heat map (more than {@link #MAX_CURVES} channels). */
    public ReadOnlyBooleanProperty heatMapProperty() {
        return heatMap.getReadOnlyProperty();
    }

    /** The channels drawn as curves over the heat map, typed as {@code 0, 5, 12}. */
    public ValidatedField<List<Integer>> picked() {
        return picked;
    }

    /**
     * Shows saved choices: one channel's histograms (or {@link #FIRST_CHANNELS}), the
     * distributions over time or not, the picked channels (those past C are dropped).
     */
    public void show(int histograms, boolean distributionsOverTime, List<Integer> pickedChannels) {
        List<Integer> kept = new ArrayList<>();
        for (int c : pickedChannels) {
            if (c >= 0 && c < channels && !kept.contains(c) && kept.size() < MAX_CURVES) {
                kept.add(c);
            }
        }
        if (kept.isEmpty()) {
            kept.add(0);
        }
        picked.show(List.copyOf(kept));
        histogramChannel.set(histograms >= 0 && histograms < channels ? histograms : FIRST_CHANNELS);
        overTime.set(distributionsOverTime);
    }

    public int channels() {
        return channels;
    }

    /**
     * Which sample the group charts show (InstanceNorm, LayerNorm, GroupNorm without running
     * stats): {@link GroupCharts#FIRST_SAMPLES} for the first ones, one curve each.
     */
    public IntegerProperty groupSampleProperty() {
        return groupSample;
    }
}
