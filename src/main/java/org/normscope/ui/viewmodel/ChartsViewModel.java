package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import org.normscope.session.SessionSnapshot;

/**
 * What the charts show: up to {@link #MAX_CURVES} channels as curves; past that many, a
 * channel × step heat map with the channels the user picks drawn as curves on top; and the
 * histograms of one channel, or of the first {@link #MAX_CURVES} as small multiples. The
 * charts come in three groups ({@link #MEAN}, {@link #VAR}, {@link #SIDE}), each read from the
 * snapshot shown ({@link #reading}) and drawn in a frame of its own ({@link ChartFramePacer}).
 */
public final class ChartsViewModel {

    /** The most channels drawn as separate curves or histograms: more overlap into noise. */
    public static final int MAX_CURVES = 8;
    /** {@link #histogramChannelProperty()} for "the first channels, side by side". */
    public static final int FIRST_CHANNELS = -1;
    /** The chart groups: the mean chart, the variance chart, the histograms or distributions beside them. */
    public static final int MEAN = 0;
    public static final int VAR = 1;
    public static final int SIDE = 2;
    public static final int GROUPS = 3;
    /** The width of a histogram cell at the normal text size, in px. */
    static final double HISTOGRAM_WIDTH = 75;

    private final IntegerProperty histogramChannel = new SimpleIntegerProperty(FIRST_CHANNELS);
    private final IntegerProperty groupSample = new SimpleIntegerProperty(GroupCharts.FIRST_SAMPLES);
    private final javafx.beans.property.BooleanProperty overTime = new javafx.beans.property.SimpleBooleanProperty(false);
    private final ReadOnlyBooleanWrapper heatMap = new ReadOnlyBooleanWrapper(false);
    private final ValidatedField<List<Integer>> picked = new ValidatedField<>(List.of(0, 1, 2, 3),
            this::parsePicked, ChartsViewModel::formatPicked);
    private int channels = 4;
    private SessionSnapshot snapshot;
    /** Whether the two statistics charts show the last batch's groups (their x counts groups, not steps). */
    private boolean groupsShown;

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

    /** The snapshot the charts show next (called once per snapshot taken, on the FX thread). */
    public void setSnapshot(SessionSnapshot s) {
        snapshot = s;
    }

    /** Whether there is a snapshot to show. */
    public boolean hasSnapshot() {
        return snapshot != null;
    }

    /** The step of the snapshot shown, 0 before any. */
    public long shownStep() {
        return snapshot == null ? 0 : snapshot.step();
    }

    /** The channel count of the snapshot shown, 0 before any. */
    public int shownChannels() {
        return snapshot == null ? 0 : snapshot.channels();
    }

    /**
     * What chart group {@code group} shows of the snapshot shown, over steps {@code from..to} in
     * {@code columns} pixel columns (0: not known yet), with the choices made now; the reading
     * itself touches no property and may run on any thread.
     */
    public java.util.function.Supplier<ChartContent.Group> reading(int group, long from, long to, int columns) {
        ChartReading r = new ChartReading(group, snapshot, from, to, columns, this);
        return r::read;
    }

    /** Sets whether the statistics charts show the last batch's groups (see {@link #movesTime}). */
    public void setGroupsShown(boolean shown) {
        groupsShown = shown;
    }

    /**
     * Whether zooming, panning or pointing in a chart moves through time: in the group charts x
     * counts groups, not steps, so the time cursor stays where it is; the distributions' x is steps.
     */
    public boolean movesTime(boolean distributions) {
        return !groupsShown || distributions;
    }

    /** The histogram chooser's entries for {@code c} channels: the first channels, then each one. */
    public static List<Integer> channelChoices(int c) {
        List<Integer> items = new ArrayList<>();
        items.add(FIRST_CHANNELS);
        for (int i = 0; i < c; i++) {
            items.add(i);
        }
        return items;
    }

    /** The chooser's entry to show among {@code c} channels: the chosen channel while it exists, else the first ones. */
    public int channelChoice(int c) {
        int chosen = histogramChannel.get();
        return chosen < c ? chosen : FIRST_CHANNELS;
    }

    /**
     * A histogram chooser entry's words, for a chooser of {@code c} channels: the first channels
     * ("all channels", "first 8 channels", or channel 0 alone), or the one shown over time.
     */
    public String channelChoiceText(int choice, int c) {
        if (choice != FIRST_CHANNELS) {
            return UiText.get("charts.channel", Integer.toString(choice));
        }
        if (overTime.get()) {
            // one channel's distributions are shown: say which
            return UiText.get("charts.channel", Integer.toString(distributionChannel()));
        }
        int last = Math.min(c, MAX_CURVES) - 1;
        if (c <= 1) {
            return UiText.get("charts.channel", "0");
        }
        return c <= MAX_CURVES ? UiText.get("charts.all.channels")
                : UiText.get("charts.first.channels", Integer.toString(last + 1));
    }

    /** The words before the histogram chooser: the last batch's histograms of, or the distributions of. */
    public javafx.beans.binding.StringBinding chooserWords() {
        return javafx.beans.binding.Bindings.when(overTime).then(UiText.get("charts.distribution.of"))
                .otherwise(UiText.get("charts.histograms.of"));
    }

    /** As many histogram cells as fit in {@code width} px (about 75 px each at the normal text size), up to eight. */
    public static int histogramsThatFit(double width, double fontScale) {
        int fit = Math.max(1, (int) (width / (HISTOGRAM_WIDTH * fontScale)));
        return Math.min(fit, MAX_CURVES);
    }
}
