package org.normscope.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;

/**
 * What a session steps: the layer and the comparison layer (identical but for its momentum, or
 * none), their arguments, the batches they take and the mode; and every user-level change of them
 * (see {@link Session}). A change first records for undo what it replaces ({@link SessionUndo}),
 * then changes the layers, notes itself in the journal and says so in the console
 * ({@link ConsoleNotes}). A change of a constructor-only argument builds new layers, and the
 * session starts again ({@link Session#startAgain()}). Owned by the session's thread.
 */
final class SessionSetup {

    private final Session session;
    private final SessionJournal journal;
    private final SessionUndo undo;
    private LayerConfig config;
    private BatchSource source;
    private Momentum compareMomentum;
    private boolean training = true;
    private NormLayer layer;
    private NormLayer comparison;
    private StepSetup stepSetup; // what the steps run with; null after a change, made again at the next step

    /** Layers are built by {@link #buildLayers()}. */
    SessionSetup(Session session, SessionJournal journal, SessionUndo undo, LayerConfig config, BatchSpec batches,
                 Momentum compareMomentum) {
        this.session = session;
        this.journal = journal;
        this.undo = undo;
        this.config = config;
        this.source = new BatchSource(batches);
        this.compareMomentum = compareMomentum;
    }

    /** New layers (and a new comparison layer) with these arguments, in this mode: fresh parameters and stats. */
    void buildLayers() {
        layer = config.build(source.spec().spatial());
        layer.train(training);
        comparison = compareMomentum == null ? null : config.withMomentum(compareMomentum).build(source.spec().spatial());
        if (comparison != null) {
            comparison.train(training);
        }
        stepSetup = null;
    }

    LayerConfig config() {
        return config;
    }

    BatchSource source() {
        return source;
    }

    BatchSpec batches() {
        return source.spec();
    }

    Momentum compareMomentum() {
        return compareMomentum;
    }

    boolean training() {
        return training;
    }

    NormLayer layer() {
        return layer;
    }

    /** The comparison layer, or null without one. */
    NormLayer comparison() {
        return comparison;
    }

    /** What a step run now runs with: made again only after a change. */
    StepSetup stepSetup() {
        if (stepSetup == null) {
            stepSetup = new StepSetup(config, training, layer.weight(), layer.bias(), source.spec(), compareMomentum);
        }
        return stepSetup;
    }

    /** Something changed: the next step makes its {@link #stepSetup()} again. */
    void forgetStepSetup() {
        stepSetup = null;
    }

    /** Step {@code t} on {@code x} with output {@code y} as the console prints it, with the layers as they are now. */
    String describeStep(long t, Tensor x, Tensor y) {
        return StepPrintout.of(t, training, x, y, config, layer.runningMean(), layer.runningVar(), comparison == null
                ? null : compareMomentum, comparison == null ? null : comparison.runningMean(),
                comparison == null ? null : comparison.runningVar());
    }

    /**
     * Becomes {@code s}'s setup, its layers' parameters and buffers set bit for bit. {@code ranNewest}
     * is the layer that ran {@code s}'s newest step again (see {@link StepRebuild#rerun}), or null:
     * then a new one is built.
     */
    void restore(SessionState s, NormLayer ranNewest) {
        config = s.config();
        compareMomentum = s.compareMomentum();
        training = s.training();
        source = new BatchSource(s.batches());
        stepSetup = null;
        layer = ranNewest != null ? ranNewest : config.build(source.spec().spatial());
        StepRebuild.attemptRefusedAgain(s.journal(), layer);
        s.layer().applyTo(layer, config, training);
        comparison = compareMomentum == null ? null
                : config.withMomentum(compareMomentum).build(source.spec().spatial());
        if (comparison != null) {
            s.comparison().applyTo(comparison, config.withMomentum(compareMomentum), training);
        }
    }

    // ---- changes (see Session's methods of the same names) --------------------------------

    void setTraining(boolean train) {
        if (train == training) {
            return;
        }
        undo.recordAdjust(UndoableChange.of(train ? "train" : "eval"));
        training = train;
        layer.train(train);
        if (comparison != null) {
            comparison.train(train);
        }
        journal.add(new SessionJournal.ModeSet(train));
        session.say(ConsoleNotes.mode(train));
    }

    void configure(LayerConfig newConfig) {
        Objects.requireNonNull(newConfig);
        if (config.needsRebuildFor(newConfig)) {
            BatchSpec spec = source.spec().withChannels(newConfig.numFeatures());
            if (!newConfig.kind().accepts(spec.spatial())) {
                spec = spec.withSpatial(Session.defaultSpatial(newConfig.kind()));
            }
            if (!newConfig.fits(spec.spatial())) {
                throw new IllegalArgumentException("LayerNorm cannot normalize the last " + newConfig.normalizedDims()
                        + " sizes of input " + Arrays.toString(spec.shape()) + ": it has " + (spec.shape().length - 1)
                        + " after N");
            }
            undo.recordRestart(UndoableChange.rebuild(config, newConfig), false);
            config = newConfig;
            source = new BatchSource(spec);
            session.startAgain();
            session.announce(ConsoleNotes.rebuilt(layer));
            return;
        }
        boolean epsChanged = Double.compare(newConfig.eps(), config.eps()) != 0;
        boolean momentumChanged = !newConfig.momentum().equals(config.momentum());
        if (epsChanged || momentumChanged) {
            undo.recordAdjust(UndoableChange.of(!momentumChanged ? "eps" : !epsChanged ? "momentum" : "eps.momentum"));
        }
        List<String> changes = new ArrayList<>();
        if (epsChanged) {
            layer.setEps(newConfig.eps());
            if (comparison != null) {
                comparison.setEps(newConfig.eps());
            }
            changes.add(ConsoleNotes.eps(newConfig.eps()));
            journal.add(new SessionJournal.EpsSet(newConfig.eps()));
        }
        if (momentumChanged) {
            LayerOps.setMomentum(layer, newConfig.momentum());
            changes.add(ConsoleNotes.momentum(newConfig.momentum()));
            journal.add(new SessionJournal.MomentumSet(newConfig.momentum()));
        }
        config = newConfig;
        if (!changes.isEmpty()) {
            session.say(ConsoleNotes.appliesNext(changes));
        }
    }

    void setCompareMomentum(Momentum momentum) {
        if (!Objects.equals(momentum, compareMomentum)) {
            undo.recordAdjust(UndoableChange.of("compare"));
        }
        compareMomentum = momentum;
        comparison = momentum == null ? null : config.withMomentum(momentum).build(source.spec().spatial());
        if (comparison != null) {
            comparison.train(training);
            if (config.affine()) {
                comparison.setWeight(layer.weight());
                comparison.setBias(layer.bias());
            }
        }
        session.announce(ConsoleNotes.compare(momentum));
    }

    void setBatches(BatchSpec batches) {
        config.checkTakes(batches);
        if (config.kind() == LayerKind.LAYER_NORM && !Arrays.equals(config.normalizedShape(source.spec().spatial()),
                config.normalizedShape(batches.spatial()))) {
            // LayerNorm's normalized_shape is the input's trailing sizes: other sizes need a new layer
            undo.recordRestart(UndoableChange.of("batches"), false);
            source = new BatchSource(batches);
            session.startAgain();
            session.announce(ConsoleNotes.rebuilt(layer));
            return;
        }
        if (!batches.equals(source.spec())) {
            undo.recordAdjust(UndoableChange.of("batches"));
        }
        source = new BatchSource(batches);
        journal.add(new SessionJournal.BatchesSet(batches));
        stepSetup = null;
        session.changed();
    }

    void setWeight(int c, float value) {
        setParameter("weight", layer.weight(), c, value, NormLayer::setWeight, new SessionJournal.WeightSet(c, value));
    }

    void setBias(int c, float value) {
        setParameter("bias", layer.bias(), c, value, NormLayer::setBias, new SessionJournal.BiasSet(c, value));
    }

    /** Channel {@code c} of parameter {@code name} (whose values are {@code values}) becomes {@code value}, in both layers. */
    private void setParameter(String name, float[] values, int c, float value,
                              java.util.function.BiConsumer<NormLayer, float[]> set, SessionJournal.Entry entry) {
        if (staleParameterEdit(name, values, c)) {
            return;
        }
        if (Float.floatToRawIntBits(values[c]) != Float.floatToRawIntBits(value)) {
            undo.recordAdjust(UndoableChange.of(name, Integer.toString(c)));
        }
        values[c] = value;
        set.accept(layer, values);
        if (comparison != null) {
            set.accept(comparison, values);
        }
        journal.add(entry);
        session.say(ConsoleNotes.parameter(name, c, value));
    }

    void fillParameters(Float weight, Float bias) {
        float[] w = layer.weight();
        float[] b = layer.bias();
        if (w != null && (differs(w, weight) || differs(b, bias))) {
            undo.recordAdjust(UndoableChange.of(weight == null ? "fill.bias" : bias == null ? "fill.weight" : "fill.both"));
        }
        boolean was = undo.applying(true);
        try {
            for (int c = 0; c < (w == null ? config.numFeatures() : w.length); c++) {
                if (weight != null) {
                    setWeight(c, weight);
                }
                if (bias != null) {
                    setBias(c, bias);
                }
            }
        } finally {
            undo.applying(was);
        }
    }

    /** Whether some value of {@code values} is not {@code value} bit for bit (false for a null value). */
    private static boolean differs(float[] values, Float value) {
        if (value == null) {
            return false;
        }
        for (float v : values) {
            if (Float.floatToRawIntBits(v) != Float.floatToRawIntBits(value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an edit of {@code name}[{@code c}] no longer fits the layer; if so, says so in the console. */
    private boolean staleParameterEdit(String name, float[] values, int c) {
        String why = ConsoleNotes.staleEdit(name, values, c);
        if (why == null) {
            return false;
        }
        session.say(why);
        return true;
    }

    void resetRunningStats() {
        undo.recordRestart(UndoableChange.of("reset.stats"), true);
        LayerOps.resetRunningStats(layer);
        if (comparison != null) {
            LayerOps.resetRunningStats(comparison);
        }
        journal.add(new SessionJournal.ResetRunningStats());
        session.announce(ConsoleNotes.statsReset());
    }

    void load(LayerConfig newConfig, BatchSpec batches, Momentum newCompareMomentum, boolean train) {
        newConfig.checkTakes(batches);
        undo.recordRestart(UndoableChange.of("load"), false);
        config = newConfig;
        source = new BatchSource(batches);
        compareMomentum = newCompareMomentum;
        training = train;
        session.startAgain();
        session.announce(ConsoleNotes.loaded(layer, train, compareMomentum));
    }

    void resetLayer() {
        undo.recordRestart(UndoableChange.of("reset.layer"), false);
        session.startAgain();
        session.announce(ConsoleNotes.layerReset(layer));
    }
}
