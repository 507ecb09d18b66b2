package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.engine.Momentum;
import org.normscope.scenario.LayerKind;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionSnapshot;

/**
 * The layer's settings as the user edits them: what PyTorch fixes at construction (kind, C,
 * affine, track_running_stats: a change builds a new layer), eps and momentum (they apply
 * from the next step), the per-channel weight and bias, and train or eval mode.
 */
public final class LayerViewModel {

    private final Consumer<Consumer<Session>> commands;
    private final ObjectProperty<LayerKind> kind = new SimpleObjectProperty<>(LayerKind.BATCH_NORM_1D);
    private final ValidatedField<Integer> numFeatures = new ValidatedField<>(4,
            t -> Parsers.integer(t, "num_features", 1, LayerConfig.MAX_FEATURES), String::valueOf);
    private final ValidatedField<Double> eps = new ValidatedField<>(0.0, Parsers::eps, Parsers::format);
    private final BooleanProperty momentumNone = new SimpleBooleanProperty(false);
    private final ValidatedField<Double> momentum = new ValidatedField<>(0.1, Parsers::momentum, Parsers::format);
    private final ValidatedField<Optional<Momentum>> compare = new ValidatedField<>(Optional.empty(),
            Parsers::compareMomentum, m -> m.map(Momentum::toString).orElse(""));
    private final BooleanProperty affine = new SimpleBooleanProperty(true);
    private final BooleanProperty trackRunningStats = new SimpleBooleanProperty(true);
    private final BooleanProperty training = new SimpleBooleanProperty(true);
    private final ObservableList<ParameterRow> parameters = FXCollections.observableArrayList();
    private final ObjectProperty<Integer> numGroups = new SimpleObjectProperty<>(1);
    private final ObservableList<Integer> groupChoices = FXCollections.observableArrayList(1);
    private final ObjectProperty<Integer> normalizedDims = new SimpleObjectProperty<>(1);
    private final ObservableList<Integer> normalizedDimsChoices = FXCollections.observableArrayList(1);
    private final javafx.beans.property.ReadOnlyBooleanWrapper hasMomentum = new javafx.beans.property.ReadOnlyBooleanWrapper(true);
    private final javafx.beans.property.ReadOnlyBooleanWrapper hasGroups = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyBooleanWrapper hasNormalizedShape = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private final javafx.beans.property.ReadOnlyStringWrapper affineName = new javafx.beans.property.ReadOnlyStringWrapper("affine");
    private final javafx.beans.property.ReadOnlyStringWrapper countName = new javafx.beans.property.ReadOnlyStringWrapper("num_features C");
    private int[] spatial = {};
    private boolean showing;
    private LayerConfig shown;

    /** @param commands runs a command on the session's thread */
    public LayerViewModel(Consumer<Consumer<Session>> commands) {
        this.commands = commands;
        kind.addListener((o, a, k) -> send(s -> s.configure(s.config().withKind(k))));
        numFeatures.setOnCommit(c -> send(s -> s.configure(s.config().withNumFeatures(c))));
        eps.setOnCommit(e -> send(s -> s.configure(s.config().withEps(e))));
        momentum.setOnCommit(m -> {
            if (!momentumNone.get()) {
                send(s -> s.configure(s.config().withMomentum(Momentum.of(m))));
            }
        });
        momentumNone.addListener((o, a, none) -> {
            if (none) {
                send(s -> s.configure(s.config().withMomentum(Momentum.CUMULATIVE)));
            } else {
                // back to a number: the last good one, so that the box and the layer always agree
                if (!momentum.commit()) {
                    momentum.show(momentum.getValue());
                }
                double m = momentum.getValue();
                send(s -> s.configure(s.config().withMomentum(Momentum.of(m))));
            }
        });
        compare.setOnCommit(m -> send(s -> s.setCompareMomentum(m.orElse(null))));
        affine.addListener((o, a, on) -> send(s -> s.configure(s.config().withAffine(on))));
        trackRunningStats.addListener((o, a, on) -> send(s -> s.configure(s.config().withTrackRunningStats(on))));
        training.addListener((o, a, on) -> send(s -> s.setTraining(on)));
        numGroups.addListener((o, a, g) -> {
            if (g != null) {
                send(s -> s.configure(s.config().withNumGroups(g)));
            }
        });
        normalizedDims.addListener((o, a, d) -> {
            if (d != null) {
                send(s -> s.configure(s.config().withNormalizedDims(d)));
            }
        });
    }

    /**
     * Which arguments the chosen kind has, and their choices: GroupNorm's num_groups among the
     * divisors of C, LayerNorm's normalized_shape among the input's trailing sizes (counting C).
     */
    private void showKind(LayerConfig c, int[] inputSpatial) {
        LayerKind k = c.kind();
        hasMomentum.set(k.hasMomentum());
        hasGroups.set(k == LayerKind.GROUP_NORM);
        hasNormalizedShape.set(k == LayerKind.LAYER_NORM);
        affineName.set(k == LayerKind.LAYER_NORM ? "elementwise_affine" : "affine");
        countName.set(k == LayerKind.GROUP_NORM ? "num_channels C" : k == LayerKind.LAYER_NORM ? "C" : "num_features C");
        List<Integer> divisors = java.util.Arrays.stream(LayerConfig.divisors(c.numFeatures())).boxed().toList();
        if (!groupChoices.equals(divisors)) {
            groupChoices.setAll(divisors);
        }
        numGroups.set(c.numGroups());
        spatial = inputSpatial.clone();
        List<Integer> dims = java.util.stream.IntStream.rangeClosed(1, 1 + inputSpatial.length).boxed().toList();
        if (!normalizedDimsChoices.equals(dims)) {
            normalizedDimsChoices.setAll(dims);
        }
        normalizedDims.set(c.normalizedDims());
    }

    /** How the chooser names {@code dims} normalized dims: PyTorch's {@code normalized_shape}, e.g. {@code (4, 8)}. */
    public String normalizedShapeText(int dims) {
        int[] sizes = new LayerConfig(LayerKind.LAYER_NORM, Math.max(1, shownChannels()), 1e-5, Momentum.of(0.1), true,
                false, 1, Math.min(Math.max(dims, 1), 4)).normalizedShape(spatial);
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < sizes.length; i++) {
            b.append(i > 0 ? ", " : "").append(sizes[i]);
        }
        return b.append(sizes.length == 1 ? ",)" : ")").toString();
    }

    private int shownChannels() {
        return shown == null ? numFeatures.getValue() : shown.numFeatures();
    }

    private void send(Consumer<Session> command) {
        if (!showing) {
            commands.accept(command);
        }
    }

    /** Train mode (T). */
    public void train() {
        training.set(true);
    }

    /** Eval mode (E). */
    public void eval() {
        training.set(false);
    }

    /** {@code reset_running_stats()} (R). */
    public void resetRunningStats() {
        commands.accept(Session::resetRunningStats);
    }

    /** A new layer with the same arguments. */
    public void resetLayer() {
        commands.accept(Session::resetLayer);
    }

    /** Shows the session's layer as it is now, without sending anything back. */
    public void show(SessionSnapshot snapshot) {
        showing = true;
        try {
            LayerConfig c = snapshot.layer();
            if (!c.equals(shown) || !java.util.Arrays.equals(spatial, snapshot.batches().spatial())) {
                shown = c;
                showKind(c, snapshot.batches().spatial());
                kind.set(c.kind());
                showIfDifferent(numFeatures, c.numFeatures());
                showIfDifferent(eps, c.eps());
                momentumNone.set(c.momentum().isCumulative());
                if (!c.momentum().isCumulative()) {
                    showIfDifferent(momentum, c.momentum().value());
                }
                affine.set(c.affine());
                trackRunningStats.set(c.trackRunningStats());
            }
            showIfDifferent(compare, Optional.ofNullable(snapshot.compareMomentum()));
            training.set(snapshot.training());
            showParameters(snapshot);
            shown = c;
        } finally {
            showing = false;
        }
    }

    private static <T> void showIfDifferent(ValidatedField<T> field, T value) {
        if (!value.equals(field.getValue())) {
            field.show(value);
        }
    }

    /** The most weight/bias rows shown (LayerNorm's parameters can outnumber the channels). */
    public static final int MAX_PARAMETER_ROWS = LayerConfig.MAX_FEATURES;

    private void showParameters(SessionSnapshot s) {
        float[] w = s.weight();
        float[] b = s.bias();
        if (w == null) {
            parameters.clear();
            return;
        }
        int count = Math.min(w.length, MAX_PARAMETER_ROWS);
        if (parameters.size() != count) {
            ParameterRow[] rows = new ParameterRow[count];
            for (int c = 0; c < count; c++) {
                ParameterRow row = new ParameterRow(c, w[c], b[c]);
                int channel = c;
                row.weight().setOnCommit(v -> commands.accept(session -> session.setWeight(channel, v)));
                row.bias().setOnCommit(v -> commands.accept(session -> session.setBias(channel, v)));
                rows[c] = row;
            }
            parameters.setAll(rows);
            return;
        }
        for (int c = 0; c < count; c++) {
            showIfDifferent(parameters.get(c).weight(), w[c]);
            showIfDifferent(parameters.get(c).bias(), b[c]);
        }
    }

    public ObjectProperty<LayerKind> kindProperty() {
        return kind;
    }

    public ValidatedField<Integer> numFeatures() {
        return numFeatures;
    }

    public ValidatedField<Double> eps() {
        return eps;
    }

    /** Whether momentum is None: a cumulative (plain) average of all batches so far. */
    public BooleanProperty momentumNoneProperty() {
        return momentumNone;
    }

    public ValidatedField<Double> momentum() {
        return momentum;
    }

    /**
     * A comparison layer: identical but for its momentum, stepped on the same batches and drawn
     * dotted. Empty text for none, {@code None}, or a number.
     */
    public ValidatedField<Optional<Momentum>> compare() {
        return compare;
    }

    public BooleanProperty affineProperty() {
        return affine;
    }

    public BooleanProperty trackRunningStatsProperty() {
        return trackRunningStats;
    }

    /** Train (true) or eval (false). */
    public BooleanProperty trainingProperty() {
        return training;
    }

    /**
     * What the weight and bias rows count: the channel, or for LayerNorm the index into its
     * flattened normalized_shape (its γ and β have that shape; at most {@link #MAX_PARAMETER_ROWS} shown).
     */
    public String parameterIndexName() {
        return UiText.get(hasNormalizedShape.get() ? "layer.parameters.index" : "layer.parameters.channel");
    }

    /** GroupNorm's {@code num_groups}. */
    public ObjectProperty<Integer> numGroupsProperty() {
        return numGroups;
    }

    /** The num_groups GroupNorm can take: the divisors of C. */
    public ObservableList<Integer> groupChoices() {
        return groupChoices;
    }

    /** LayerNorm's number of normalized trailing dims (its normalized_shape is the input's last ones). */
    public ObjectProperty<Integer> normalizedDimsProperty() {
        return normalizedDims;
    }

    /** The normalized dims LayerNorm can take for the input now: 1 to 1 + the sizes after C. */
    public ObservableList<Integer> normalizedDimsChoices() {
        return normalizedDimsChoices;
    }

    /** Whether the kind has momentum and track_running_stats (BatchNorm, InstanceNorm). */
    public javafx.beans.property.ReadOnlyBooleanProperty hasMomentumProperty() {
        return hasMomentum.getReadOnlyProperty();
    }

    /** Whether the kind is GroupNorm (num_groups shown). */
    public javafx.beans.property.ReadOnlyBooleanProperty hasGroupsProperty() {
        return hasGroups.getReadOnlyProperty();
    }

    /** Whether the kind is LayerNorm (normalized_shape shown). */
    public javafx.beans.property.ReadOnlyBooleanProperty hasNormalizedShapeProperty() {
        return hasNormalizedShape.getReadOnlyProperty();
    }

    /** PyTorch's name of the affine argument: {@code affine}, or {@code elementwise_affine} for LayerNorm. */
    public javafx.beans.property.ReadOnlyStringProperty affineNameProperty() {
        return affineName.getReadOnlyProperty();
    }

    /** PyTorch's name of the C argument: {@code num_features}, {@code num_channels} (GroupNorm), or C (LayerNorm has none). */
    public javafx.beans.property.ReadOnlyStringProperty countNameProperty() {
        return countName.getReadOnlyProperty();
    }

    /** One row per channel while affine is on; empty otherwise. */
    public ObservableList<ParameterRow> parameters() {
        return parameters;
    }
}
