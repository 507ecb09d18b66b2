package org.normscope.ui.viewmodel;

import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.batch.BatchSpec;
import org.normscope.preset.Preset;
import org.normscope.session.LayerConfig;
import org.normscope.session.Session;
import org.normscope.session.SessionRunner;

/**
 * The preset chooser: the built-in presets, then the user's; choosing one loads it (Play pauses,
 * a pending prediction is dropped, the session starts again from the preset).
 */
public final class PresetsViewModel {

    private final ObservableList<Preset> presets;
    private final ObjectProperty<Preset> preset = new SimpleObjectProperty<>();
    private final SessionRunner runner;
    private final Runnable pauseForNewSetup;
    /** True while the chooser is set to an opened session's preset: shown, not loaded. */
    private boolean showingOpened;

    /**
     * @param presets          the built-in presets; the first is the one {@code runner}'s session was opened on
     * @param pauseForNewSetup pauses Play and drops a pending prediction
     */
    PresetsViewModel(List<Preset> presets, SessionRunner runner, Runnable pauseForNewSetup) {
        this.presets = FXCollections.observableArrayList(presets);
        this.runner = runner;
        this.pauseForNewSetup = pauseForNewSetup;
        if (!presets.isEmpty()) {
            preset.set(presets.get(0));
        }
        preset.addListener((o, a, p) -> {
            if (p != null && !showingOpened) {
                loadNow(p);
            }
        });
    }

    /** The session the window opens on: the first preset's (its setup not undoable), or the notebook's if there is none. */
    static Session firstSession(List<Preset> presets) {
        if (presets.isEmpty()) {
            return Session.notebook();
        }
        Preset first = presets.get(0);
        Session session = new Session(first.layer(), first.batches(), first.compareMomentum());
        session.setTraining(first.training());
        session.clearUndo(); // the window opens on the preset: nothing of that to undo
        return session;
    }

    /** Starts over with a preset's layer, batches and mode (again, if it is the current one). */
    public void load(Preset p) {
        if (p == preset.get()) {
            loadNow(p);
        } else {
            preset.set(p);
        }
    }

    private void loadNow(Preset p) {
        pauseForNewSetup.run();
        runner.submit(s -> s.load(p.layer(), p.batches(), p.compareMomentum(), p.training()));
    }

    /** File → New: the first preset from its start; with no presets, the notebook's session. */
    void loadFirst() {
        if (presets.isEmpty()) {
            pauseForNewSetup.run();
            runner.submit(s -> s.load(LayerConfig.notebook(), BatchSpec.ones(4), null, true));
        } else {
            load(presets.get(0));
        }
    }

    /** Sets the chooser to the preset named {@code name} (none if it is gone) without loading it: an opened session's. */
    void showOpened(String name) {
        Preset chosen = null;
        for (Preset p : presets) {
            if (p.name().equals(name)) {
                chosen = p;
            }
        }
        showingOpened = true;
        try {
            preset.set(chosen);
        } finally {
            showingOpened = false;
        }
    }

    /** The name of the preset last loaded, or empty. */
    String name() {
        return preset.get() == null ? "" : preset.get().name();
    }

    /** The built-in presets, then the user's ({@link UserPresetsViewModel#presets()}). */
    public ObservableList<Preset> presets() {
        return presets;
    }

    /** The preset last loaded (choosing one loads it). */
    public ObjectProperty<Preset> presetProperty() {
        return preset;
    }
}
