package org.normscope.ui.viewmodel;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.engine.Momentum;
import org.normscope.session.LayerConfig;
import org.normscope.session.LayerKind;
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
    }

    private void send(Consumer<Session> command) {
        if (!showing) {
            commands.accept(command);
        }
    }

    /** Shows the session's layer as it is now, without sending anything back. */
    public void show(SessionSnapshot snapshot) {
        showing = true;
        try {
            LayerConfig c = snapshot.layer();
            if (!c.equals(shown)) {
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

    private void showParameters(SessionSnapshot s) {
        float[] w = s.weight();
        float[] b = s.bias();
        if (w == null) {
            parameters.clear();
            return;
        }
        if (parameters.size() != w.length) {
            ParameterRow[] rows = new ParameterRow[w.length];
            for (int c = 0; c < w.length; c++) {
                ParameterRow row = new ParameterRow(c, w[c], b[c]);
                int channel = c;
                row.weight().setOnCommit(v -> commands.accept(session -> session.setWeight(channel, v)));
                row.bias().setOnCommit(v -> commands.accept(session -> session.setBias(channel, v)));
                rows[c] = row;
            }
            parameters.setAll(rows);
            return;
        }
        for (int c = 0; c < w.length; c++) {
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

    /** One row per channel while affine is on; empty otherwise. */
    public ObservableList<ParameterRow> parameters() {
        return parameters;
    }
}
