package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.axes.ExampleBatches;
import org.normscope.axes.NormRule;
import org.normscope.axes.SetStats;
import org.normscope.axes.StatSets;
import org.normscope.engine.Tensor;
import org.normscope.print.NumberText;

/**
 * The axis explorer's state: an input batch drawn as a grid (samples × channels × positions),
 * a normalization rule, the value under the pointer and the set of values that shares its mean
 * and variance, with that set's statistics as the engine computed them (or PyTorch's refusal).
 *
 * <p>The batch is the session's last one (asked of the session's thread, taken in
 * {@link #pull()}) or a built-in example ({@link ExampleBatches}). The grid shows at most
 * {@value #MAX_SAMPLES} samples × {@value #MAX_CHANNELS} channels × {@value #MAX_POSITIONS}
 * positions, and says so ({@link #shownProperty()}); the statistics are always the whole
 * batch's, the colour scale spans the values drawn. The pointed value stays when the pointer leaves, so that a set stays lit for the
 * room to read; it starts at the first value.
 */
public final class AxisExplorerViewModel {

    /** Where the batch comes from. */
    public enum Source { SESSION, EXAMPLE_NC, EXAMPLE_NCHW }

    /** A value of the grid: sample n, channel c, position p (flattened spatial index). */
    public record Cell(int n, int c, int p) {
    }

    /**
     * Maps a value to [0, 1] for a diverging colour map: {@code lo → 0}, {@code mid → 0.5},
     * {@code hi → 1}, piecewise linear. The middle is 0 when the batch has both signs (so the
     * sign reads from the colour), else the middle of the range.
     */
    public record ColourScale(double lo, double mid, double hi) {
        /** The scale of {@code values}: symmetric about 0 when they have both signs. */
        public static ColourScale of(float[] values) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (float v : values) {
                if (Float.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
            if (lo > hi) {
                return new ColourScale(-1, 0, 1);
            }
            if (lo < 0 && hi > 0) {
                double m = Math.max(-lo, hi);
                return new ColourScale(-m, 0, m);
            }
            if (lo == hi) {
                return new ColourScale(lo - 1, lo, lo + 1);
            }
            return new ColourScale(lo, (lo + hi) / 2, hi);
        }

        /** Where {@code v} falls, 0 to 1 (clamped; NaN stays NaN). */
        public double t(double v) {
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            double t = v < mid ? 0.5 * (v - lo) / (mid - lo) : 0.5 + 0.5 * (v - mid) / (hi - mid);
            return Math.max(0, Math.min(1, t));
        }
    }

    /**
     * What the grid draws, immutable: the batch, its sets and their statistics, how much is
     * shown, and the colour scale.
     */
    public record Picture(Tensor batch, StatSets sets, SetStats stats, int shownSamples, int shownChannels,
                          int shownPositions, ColourScale scale) {
        /** The value at {@code (n, c, p)}. */
        public float value(int n, int c, int p) {
            return batch.data()[(n * sets.channels() + c) * sets.positions() + p];
        }
    }

    /** Asks the session's thread for its last input batch (null when no step ran). */
    @FunctionalInterface
    public interface BatchAsker {
        CompletableFuture<Tensor> lastBatch();
    }

    public static final int MAX_SAMPLES = 16;
    public static final int MAX_CHANNELS = 16;
    public static final int MAX_POSITIONS = 64;

    private final BatchAsker asker;
    private final ObjectProperty<Source> source = new SimpleObjectProperty<>(Source.EXAMPLE_NCHW);
    private final ObjectProperty<NormRule.Type> type = new SimpleObjectProperty<>(NormRule.Type.BATCH);
    private final IntegerProperty groups = new SimpleIntegerProperty(0); // 0: the default of the first batch
    private final IntegerProperty layerDims = new SimpleIntegerProperty(0);
    private final ObservableList<Integer> groupChoices = FXCollections.observableArrayList();
    private final ObservableList<Integer> layerDimChoices = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Picture> picture = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Cell> hovered = new ReadOnlyObjectWrapper<>(new Cell(0, 0, 0));
    private final ReadOnlyIntegerWrapper highlightedSet = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shape = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper cellText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper setText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper statsText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper refusalWhy = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper shown = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private Tensor batch;
    private CompletableFuture<Tensor> pending;
    private long askedStep = -1;
    private boolean stale;
    private boolean open;
    private boolean adjusting;

    public AxisExplorerViewModel(BatchAsker asker) {
        this.asker = asker;
        source.addListener((o, a, s) -> load());
        type.addListener((o, a, t) -> recompute());
        groups.addListener((o, a, g) -> recompute());
        layerDims.addListener((o, a, k) -> recompute());
        load();
    }

    /**
     * Opens the explorer on the session's last batch with the rule of a PyTorch class name
     * ({@code BatchNorm2d}, {@code InstanceNorm1d}, {@code LayerNorm}, {@code GroupNorm}; an
     * unknown name keeps the rule).
     */
    public void open(String torchName) {
        open(torchName, 0, 0);
    }

    /**
     * {@link #open(String)} with the main layer's own GroupNorm groups and LayerNorm normalized dims
     * (0: the explorer's default for the batch).
     */
    public void open(String torchName, int numGroups, int normalizedDims) {
        open = true;
        typeOf(torchName);
        if (numGroups > 0) {
            groups.set(numGroups);
        }
        if (normalizedDims > 0) {
            layerDims.set(normalizedDims);
        }
        if (source.get() == Source.SESSION) {
            load();
        } else {
            source.set(Source.SESSION);
        }
    }

    private void typeOf(String torchName) {
        if (torchName.startsWith("BatchNorm")) {
            type.set(NormRule.Type.BATCH);
        } else if (torchName.startsWith("InstanceNorm")) {
            type.set(NormRule.Type.INSTANCE);
        } else if (torchName.equals("LayerNorm")) {
            type.set(NormRule.Type.LAYER);
        } else if (torchName.equals("GroupNorm")) {
            type.set(NormRule.Type.GROUP);
        }
    }

    /** The explorer window closed: the session's steps are no longer followed. */
    public void close() {
        open = false;
    }

    /**
     * The session reached step {@code step}: the last batch is asked again while open on it. One
     * question at a time: while playing, a step that comes before the answer is asked for when
     * the answer is taken, so the session's thread is never flooded.
     */
    public void show(long step) {
        if (open && source.get() == Source.SESSION && step != askedStep) {
            askedStep = step;
            if (pending != null) {
                stale = true;
            } else {
                ask();
            }
        }
    }

    private void load() {
        switch (source.get()) {
            case EXAMPLE_NC -> setBatch(ExampleBatches.of(ExampleBatches.NC));
            case EXAMPLE_NCHW -> setBatch(ExampleBatches.of(ExampleBatches.NCHW));
            default -> ask();
        }
    }

    private void ask() {
        if (pending != null) {
            pending.cancel(false);
        }
        stale = false;
        pending = asker.lastBatch();
    }

    /** Takes the session's answer, if any: call once per frame on the UI thread. */
    public void pull() {
        CompletableFuture<Tensor> p = pending;
        if (p == null || !p.isDone()) {
            return;
        }
        pending = null;
        if (stale && source.get() == Source.SESSION) {
            stale = false;
            ask(); // a newer step came while this answer was on its way
        }
        if (p.isCancelled() || p.isCompletedExceptionally() || source.get() != Source.SESSION) {
            return;
        }
        setBatch(p.join());
    }

    /** Shows {@code x} (null: the session has no batch yet). */
    private void setBatch(Tensor x) {
        if (x != null && (x.dim() < 2 || x.dim() > 5 || x.numel() == 0)) {
            x = null;
        }
        batch = x;
        if (x == null) {
            picture.set(null);
            message.set(UiText.get("axes.none"));
            shape.set("");
            for (ReadOnlyStringWrapper s : List.of(caption, cellText, setText, statsText, refusal, refusalWhy, shown)) {
                s.set("");
            }
            return;
        }
        message.set("");
        int[] dims = x.shape();
        adjusting = true;
        List<Integer> g = new ArrayList<>();
        for (int d : NormRule.divisors(dims[1])) {
            g.add(d);
        }
        groupChoices.setAll(g);
        if (dims[1] % Math.max(1, groups.get()) != 0 || groups.get() < 1) {
            groups.set(NormRule.defaultGroups(dims[1]));
        }
        List<Integer> k = new ArrayList<>();
        for (int i = 1; i < dims.length; i++) {
            k.add(i);
        }
        layerDimChoices.setAll(k);
        if (layerDims.get() < 1 || layerDims.get() > dims.length - 1) {
            layerDims.set(dims.length - 1);
        }
        adjusting = false;
        shape.set(UiText.get("axes.shape", x.sizeString()));
        Cell h = hovered.get();
        int p = Tensor.numel(dims) > 0 ? (int) (Tensor.numel(dims) / dims[0] / dims[1]) : 1;
        if (h.n() >= Math.min(dims[0], MAX_SAMPLES) || h.c() >= Math.min(dims[1], MAX_CHANNELS)
                || h.p() >= Math.min(p, MAX_POSITIONS)) {
            hovered.set(new Cell(0, 0, 0));
        }
        recompute();
    }

    /** The language changed (View → Language): every text is made again in the new one. */
    public void relabel() {
        if (batch == null) {
            message.set(pending == null && source.get() == Source.SESSION ? UiText.get("axes.none") : "");
            return;
        }
        shape.set(UiText.get("axes.shape", batch.sizeString()));
        recompute();
    }

    /** The rule now chosen, for a batch of {@code dims}. */
    public NormRule rule() {
        return switch (type.get()) {
            case BATCH -> NormRule.batch();
            case INSTANCE -> NormRule.instance();
            case LAYER -> NormRule.layer(layerDims.get());
            case GROUP -> NormRule.group(groups.get());
        };
    }

    private void recompute() {
        if (adjusting || batch == null) {
            return;
        }
        int[] dims = batch.shape();
        NormRule rule = rule();
        if (!rule.fits(dims)) {
            return;
        }
        StatSets sets = new StatSets(dims, rule);
        SetStats stats = SetStats.of(batch, sets);
        int ns = Math.min(sets.samples(), MAX_SAMPLES);
        int cs = Math.min(sets.channels(), MAX_CHANNELS);
        int ps = Math.min(sets.positions(), MAX_POSITIONS);
        float[] drawn = new float[ns * cs * ps]; // the colours span what is drawn, not channels left out
        int i = 0;
        for (int n = 0; n < ns; n++) {
            for (int c = 0; c < cs; c++) {
                System.arraycopy(batch.data(), (n * sets.channels() + c) * sets.positions(), drawn, i, ps);
                i += ps;
            }
        }
        picture.set(new Picture(batch, sets, stats, ns, cs, ps, ColourScale.of(drawn)));
        caption.set(caption(sets));
        refusal.set(stats.refused() ? stats.refusal() : "");
        refusalWhy.set(!stats.refused() ? "" : rule.type() == NormRule.Type.INSTANCE && dims.length == 2
                ? UiText.get("axes.refused.why") + " " + UiText.get("axes.instance.nc")
                : UiText.get("axes.refused.why"));
        shown.set(shownText(sets, ns, cs, ps));
        describeHovered();
    }

    /** {@code BatchNorm2d: one mean and variance per channel, over N·H·W = 2·3·3 = 18 values}. */
    private static String caption(StatSets sets) {
        NormRule rule = sets.rule();
        int rank = sets.shape().length;
        String per = switch (rule.type()) {
            case BATCH -> UiText.get("axes.per.channel");
            case INSTANCE -> UiText.get("axes.per.sample.channel");
            case GROUP -> UiText.get("axes.per.group", Integer.toString(sets.channels() / rule.groups()));
            case LAYER -> {
                int leading = rank - rule.layerDims();
                if (leading == 1) {
                    yield UiText.get("axes.per.sample");
                }
                if (leading == 2) {
                    yield UiText.get("axes.per.sample.channel");
                }
                yield UiText.get("axes.per.leading", String.join(", ", java.util.Arrays.asList(sets.axisNames())
                        .subList(0, leading)));
            }
        };
        String module = rule.moduleName(sets.shape());
        if (sets.size() == 1) {
            return UiText.get("axes.caption.one", module, per);
        }
        return UiText.get("axes.caption", module, per, sizeExpression(sets));
    }

    /** {@code N·H·W = 2·3·3 = 18}, {@code N = 6}. */
    static String sizeExpression(StatSets sets) {
        List<String> names = sets.reducedAxes();
        int[] sizes = sets.reducedSizes();
        if (names.size() == 1) {
            return names.get(0) + " = " + sizes[0];
        }
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < sizes.length; i++) {
            values.append(i == 0 ? "" : "\u00b7").append(sizes[i]);
        }
        return String.join("\u00b7", names) + " = " + values + " = " + sets.size();
    }

    private static String shownText(StatSets sets, int ns, int cs, int ps) {
        List<String> parts = new ArrayList<>();
        if (ns < sets.samples()) {
            parts.add(UiText.get("axes.shown.samples", Integer.toString(ns - 1), Integer.toString(sets.samples())));
        }
        if (cs < sets.channels()) {
            parts.add(UiText.get("axes.shown.channels", Integer.toString(cs - 1), Integer.toString(sets.channels())));
        }
        if (ps < sets.positions()) {
            parts.add(UiText.get("axes.shown.positions", Integer.toString(ps - 1), Integer.toString(sets.positions())));
        }
        return parts.isEmpty() ? "" : UiText.get("axes.shown", String.join(UiText.get("axes.shown.separator"), parts));
    }

    /** The pointer is over value {@code (n, c, p)} of the grid (outside what is shown: ignored). */
    public void hover(int n, int c, int p) {
        Picture pic = picture.get();
        if (pic == null || n < 0 || c < 0 || p < 0 || n >= pic.shownSamples() || c >= pic.shownChannels()
                || p >= pic.shownPositions()) {
            return;
        }
        Cell cell = new Cell(n, c, p);
        if (!cell.equals(hovered.get())) {
            highlightedSet.set(pic.sets().setOf(n, c, p)); // before the cell: a listener of either sees both
            hovered.set(cell);
            describeHovered();
        }
    }

    private void describeHovered() {
        Picture pic = picture.get();
        if (pic == null) {
            return;
        }
        Cell h = hovered.get();
        StatSets sets = pic.sets();
        int s = sets.setOf(h.n(), h.c(), h.p());
        highlightedSet.set(s);
        StringBuilder index = new StringBuilder();
        for (int i : sets.index(h.n(), h.c(), h.p())) {
            index.append(index.length() == 0 ? "" : ", ").append(i);
        }
        cellText.set(UiText.get("axes.cell", index.toString(), NumberText.operand(pic.value(h.n(), h.c(), h.p()))));
        setText.set(sets.size() == 1
                ? UiText.get("axes.set.one", sets.slice(s), Integer.toString(sets.count()))
                : UiText.get("axes.set", sets.slice(s), Integer.toString(sets.size()), Integer.toString(sets.count())));
        SetStats stats = pic.stats();
        statsText.set(stats.refused() ? "" : UiText.get("axes.stats", NumberText.result(stats.mean()[s]),
                NumberText.result(stats.var()[s])));
    }

    /** The label of LayerNorm over the last {@code k} dims of the current batch: {@code [3, 3]  (H, W)}. */
    public String layerDimLabel(int k) {
        if (batch == null || k < 1 || k >= batch.dim()) {
            return Integer.toString(k);
        }
        int[] dims = batch.shape();
        String[] names = new StatSets(dims, NormRule.batch()).axisNames();
        return java.util.Arrays.toString(java.util.Arrays.copyOfRange(dims, dims.length - k, dims.length)) + "  ("
                + String.join(", ", java.util.Arrays.asList(names).subList(dims.length - k, dims.length)) + ")";
    }

    public ObjectProperty<Source> sourceProperty() {
        return source;
    }

    public ObjectProperty<NormRule.Type> typeProperty() {
        return type;
    }

    /** GroupNorm's G, among {@link #groupChoices()}. */
    public IntegerProperty groupsProperty() {
        return groups;
    }

    /** LayerNorm's number of normalized trailing dims, among {@link #layerDimChoices()}. */
    public IntegerProperty layerDimsProperty() {
        return layerDims;
    }

    /** The divisors of C. */
    public ObservableList<Integer> groupChoices() {
        return FXCollections.unmodifiableObservableList(groupChoices);
    }

    /** 1 to rank − 1. */
    public ObservableList<Integer> layerDimChoices() {
        return FXCollections.unmodifiableObservableList(layerDimChoices);
    }

    /** What the grid draws; null when there is no batch. */
    public ReadOnlyObjectProperty<Picture> pictureProperty() {
        return picture.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Cell> hoveredProperty() {
        return hovered.getReadOnlyProperty();
    }

    /** The set of the pointed value ({@link StatSets} numbering), −1 with no batch. */
    public ReadOnlyIntegerProperty highlightedSetProperty() {
        return highlightedSet.getReadOnlyProperty();
    }

    /** {@code BatchNorm2d: one mean and variance per channel, over N·H·W = 2·3·3 = 18 values}. */
    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** {@code Input x: torch.Size([2, 4, 3, 3])}. */
    public ReadOnlyStringProperty shapeProperty() {
        return shape.getReadOnlyProperty();
    }

    /** The pointed value: {@code x[0, 1, 1, 2] = 0.3}. */
    public ReadOnlyStringProperty cellProperty() {
        return cellText.getReadOnlyProperty();
    }

    /** Its set: {@code x[:, 1, :, :], 18 values, one of 4 sets}. */
    public ReadOnlyStringProperty setProperty() {
        return setText.getReadOnlyProperty();
    }

    /** The set's mean and biased variance as the engine computed them; empty when refused. */
    public ReadOnlyStringProperty statsProperty() {
        return statsText.getReadOnlyProperty();
    }

    /** PyTorch's error when it refuses the batch for this rule, else empty. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** Why it is refused, in words; empty unless refused. */
    public ReadOnlyStringProperty refusalWhyProperty() {
        return refusalWhy.getReadOnlyProperty();
    }

    /** What part of a large batch is drawn ({@code Shown: samples 0–15 of 64}); empty when all of it. */
    public ReadOnlyStringProperty shownProperty() {
        return shown.getReadOnlyProperty();
    }

    /** Why there is no grid (the session ran no step yet); empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
