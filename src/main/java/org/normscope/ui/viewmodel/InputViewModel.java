package org.normscope.ui.viewmodel;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.scenario.LayerKind;
import org.normscope.session.Session;
import org.normscope.session.SessionSnapshot;

/**
 * The input batches as the user edits them: the shape after C for the layer's kind, each
 * channel's source (or all channels at once), the drift of the mean per step, the seed, and
 * whether every step draws a fresh batch. A committed change that makes a bad batch (too
 * large, say) is refused beside the field and changes nothing.
 */
public final class InputViewModel {

    /** {@link #channelProperty()} for "every channel at once". */
    public static final int ALL_CHANNELS = -1;
    /** The largest N and size after C a field takes. */
    public static final int MAX_SIZE = 1 << 16;

    private final Consumer<Consumer<Session>> commands;
    private final ValidatedField<Integer> batchSize = new ValidatedField<>(2,
            t -> Parsers.integer(t, "N", 1, MAX_SIZE), String::valueOf);
    private final java.util.List<ValidatedField<Integer>> dims = new java.util.ArrayList<>();
    private final ReadOnlyStringWrapper[] dimNames = {new ReadOnlyStringWrapper("L"), new ReadOnlyStringWrapper(""),
        new ReadOnlyStringWrapper("")};
    private final ReadOnlyIntegerWrapper dimCount = new ReadOnlyIntegerWrapper(1);
    private final IntegerProperty channel = new SimpleIntegerProperty(ALL_CHANNELS);
    private final ObjectProperty<SourceKind> sourceKind = new SimpleObjectProperty<>(SourceKind.CONSTANT);
    private final ValidatedField<Double> first = new ValidatedField<>(1.0, t -> Parsers.number(t, UiText.get("what.value")),
            Parsers::formatPlain);
    private final ValidatedField<Double> second = new ValidatedField<>(0.0, t -> Parsers.number(t, UiText.get("what.value")),
            Parsers::formatPlain);
    private final ReadOnlyStringWrapper firstName = new ReadOnlyStringWrapper(UiText.get("source.number.value"));
    private final ReadOnlyStringWrapper secondName = new ReadOnlyStringWrapper("");
    private final ValidatedField<Double> drift = new ValidatedField<>(0.0, t -> Parsers.number(t, UiText.get("what.drift")),
            Parsers::formatPlain);
    private final ValidatedField<Long> seed = new ValidatedField<>(0L, Parsers::seed, String::valueOf);
    private final BooleanProperty freshEachStep = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper shapeText = new ReadOnlyStringWrapper("");
    private BatchSpec spec = BatchSpec.ones(4);
    private LayerKind kind = LayerKind.BATCH_NORM_1D;
    private boolean showing;
    private boolean shownOnce;
    /** The language the texts were last read in. */
    private java.util.Locale shownIn;

    public InputViewModel(Consumer<Consumer<Session>> commands) {
        this.commands = commands;
        for (int i = 0; i < 3; i++) {
            int d = i;
            ValidatedField<Integer> dim = new ValidatedField<>(1, t -> parseDim(d, t), v -> v == 0 ? "" : String.valueOf(v));
            dim.setOnCommit(v -> change(dim, s -> s.withSpatial(spatialWith(d, v))));
            dims.add(dim);
        }
        batchSize.setOnCommit(n -> change(batchSize, s -> new BatchSpec(n, s.spatial(), s.sources(),
                s.driftPerStep(), s.seed(), s.freshEachStep(), s.generator())));
        drift.setOnCommit(v -> change(drift, s -> new BatchSpec(s.batchSize(), s.spatial(), s.sources(), v,
                s.seed(), s.freshEachStep(), s.generator())));
        seed.setOnCommit(v -> change(seed, s -> new BatchSpec(s.batchSize(), s.spatial(), s.sources(),
                s.driftPerStep(), v, s.freshEachStep(), s.generator())));
        freshEachStep.addListener((o, a, fresh) -> change(null, s -> new BatchSpec(s.batchSize(), s.spatial(),
                s.sources(), s.driftPerStep(), s.seed(), fresh, s.generator())));
        first.setOnCommit(v -> applySource(first));
        second.setOnCommit(v -> applySource(second));
        sourceKind.addListener((o, a, k) -> {
            if (showing) {
                return;
            }
            ChannelSource made = k.near(spec.sources().get(Math.max(channel.get(), 0)));
            showSource(made);
            change(null, s -> withChosenSources(s, made));
        });
        channel.addListener((o, a, c) -> {
            boolean was = showing;
            showing = true;
            try {
                showSource(spec.sources().get(Math.max(c.intValue(), 0)));
            } finally {
                showing = was;
            }
        });
    }

    private int parseDim(int d, String text) {
        if (text.isEmpty() && takesNoL() && d == 0) {
            return 0; // BatchNorm1d without L: input (N, C)
        }
        return Parsers.integer(text, dimNames[d].get(), 1, MAX_SIZE);
    }

    private int[] spatialWith(int d, int v) {
        int n = spatialNames().length;
        int[] spatial = new int[n];
        for (int i = 0; i < n; i++) {
            spatial[i] = i == d ? v : dims.get(i).getValue();
        }
        if (takesNoL() && spatial[0] == 0) {
            return new int[0];
        }
        return spatial;
    }

    /**
     * The source with both numbers as typed. If the pair is refused (a above b, a negative std),
     * the reason goes beside the field at fault: std's own field, else the one just edited. Once
     * the pair is good, a reason left beside the other field goes.
     */
    private void applySource(ValidatedField<Double> edited) {
        SourceKind kind = sourceKind.get();
        ValidatedField<Double> other = edited == first ? second : first;
        ChannelSource made;
        try {
            made = kind.make(first.getValue(), kind.secondName() == null ? 0 : second.getValue());
        } catch (IllegalArgumentException e) {
            (e.getMessage().startsWith("std") ? second : edited).reject(e.getMessage());
            return;
        }
        if (!other.isValid() && other.problemWith(other.textProperty().get()).isEmpty()) {
            other.show(other.getValue());
        }
        change(edited, s -> withChosenSources(s, made));
    }

    private BatchSpec withChosenSources(BatchSpec s, ChannelSource source) {
        if (channel.get() != ALL_CHANNELS) {
            return s.withSource(channel.get(), source);
        }
        BatchSpec out = s;
        for (int c = 0; c < s.channels(); c++) {
            out = out.withSource(c, source);
        }
        return out;
    }

    /** Builds the changed spec; if it is good, sends it, else says why beside {@code field}. */
    private void change(ValidatedField<?> field, UnaryOperator<BatchSpec> edit) {
        if (showing) {
            return;
        }
        BatchSpec changed;
        try {
            changed = edit.apply(spec);
        } catch (IllegalArgumentException e) {
            if (field != null) {
                field.reject(e.getMessage());
            }
            return;
        }
        spec = changed;
        updateShapeText();
        BatchSpec sent = changed;
        commands.accept(s -> s.setBatches(sent));
    }

    /** Queues an outlier batch for the next step. */
    public void outlierBatch() {
        commands.accept(Session::queueOutlier);
    }

    /**
     * The sizes after C the fields edit: the kind's own, or for LayerNorm and GroupNorm (which take
     * zero to three) as many as the batches have now, named as BatchNorm names them; switching to
     * BatchNorm2d or 3d and back is how a LayerNorm gets images.
     */
    private String[] spatialNames() {
        if (kind == LayerKind.LAYER_NORM || kind == LayerKind.GROUP_NORM) {
            return LayerKind.spatialNamesFor(Math.max(1, spec.spatial().length));
        }
        return kind.spatialNames();
    }

    /** Whether an empty L means no L: input (N, C) (BatchNorm1d; LayerNorm and GroupNorm with at most one size after C). */
    private boolean takesNoL() {
        return kind == LayerKind.BATCH_NORM_1D
                || (kind == LayerKind.LAYER_NORM || kind == LayerKind.GROUP_NORM) && spec.spatial().length <= 1;
    }

    /** Shows the session's batches and layer kind as they are now, without sending anything back. */
    public void show(SessionSnapshot snapshot) {
        if (shownOnce && snapshot.batches().equals(spec) && snapshot.layer().kind() == kind
                && UiLocale.current().equals(shownIn)) {
            return;
        }
        shownOnce = true;
        shownIn = UiLocale.current(); // a new language re-reads the names and the shape text
        showing = true;
        try {
            spec = snapshot.batches();
            kind = snapshot.layer().kind();
            String[] names = spatialNames();
            dimCount.set(names.length);
            int[] spatial = spec.spatial();
            for (int i = 0; i < 3; i++) {
                dimNames[i].set(i < names.length ? names[i] : "");
                dims.get(i).show(i < spatial.length ? spatial[i] : (i == 0 && takesNoL() ? 0 : 1));
            }
            batchSize.show(spec.batchSize());
            drift.show(spec.driftPerStep());
            seed.show(spec.seed());
            freshEachStep.set(spec.freshEachStep());
            if (channel.get() >= spec.channels()) {
                channel.set(ALL_CHANNELS);
            }
            showSource(spec.sources().get(Math.max(channel.get(), 0)));
            updateShapeText();
        } finally {
            showing = false;
        }
    }

    private void showSource(ChannelSource s) {
        boolean was = showing;
        showing = true;
        try {
            SourceKind k = SourceKind.of(s);
            sourceKind.set(k);
            double[] numbers = SourceKind.numbers(s);
            first.show(numbers[0]);
            second.show(numbers[1]);
            firstName.set(UiText.get("source.number." + k.firstName()));
            secondName.set(k.secondName() == null ? "" : UiText.get("source.number." + k.secondName()));
        } finally {
            showing = was;
        }
    }

    private void updateShapeText() {
        int[] shape = spec.shape();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        shapeText.set(UiText.get("input.shape", b.toString(), Long.toString(spec.valuesPerChannel())));
    }

    public ValidatedField<Integer> batchSize() {
        return batchSize;
    }

    /** The {@code i}-th size after C (0, 1, 2): its field. */
    public ValidatedField<Integer> dim(int i) {
        return dims.get(i);
    }

    /** The {@code i}-th size's name for this kind ({@code L}; {@code H, W}; {@code D, H, W}). */
    public ReadOnlyStringProperty dimNameProperty(int i) {
        return dimNames[i].getReadOnlyProperty();
    }

    /** How many sizes follow C for this kind. */
    public ReadOnlyIntegerProperty dimCountProperty() {
        return dimCount.getReadOnlyProperty();
    }

    /** The channel whose source is being edited, or {@link #ALL_CHANNELS}. */
    public IntegerProperty channelProperty() {
        return channel;
    }

    public ObjectProperty<SourceKind> sourceKindProperty() {
        return sourceKind;
    }

    /** The source's first number (value; mean; a). */
    public ValidatedField<Double> first() {
        return first;
    }

    /** The source's second number (none; std; b). */
    public ValidatedField<Double> second() {
        return second;
    }

    public ReadOnlyStringProperty firstNameProperty() {
        return firstName.getReadOnlyProperty();
    }

    /** Empty when the source has one number only. */
    public ReadOnlyStringProperty secondNameProperty() {
        return secondName.getReadOnlyProperty();
    }

    public ValidatedField<Double> drift() {
        return drift;
    }

    public ValidatedField<Long> seed() {
        return seed;
    }

    public BooleanProperty freshEachStepProperty() {
        return freshEachStep;
    }

    /** {@code x: (2, 4, 1) · n = 2 values per channel}. */
    public ReadOnlyStringProperty shapeTextProperty() {
        return shapeText.getReadOnlyProperty();
    }

    /** The batches as last sent or shown. */
    public BatchSpec spec() {
        return spec;
    }
}
