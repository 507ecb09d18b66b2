package org.normscope.ui.viewmodel;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.preset.Preset;
import org.normscope.preset.PresetFileException;
import org.normscope.preset.UserPresets;
import org.normscope.session.SessionSnapshot;

/**
 * The user's own presets in the window: Presets → Save setup as preset… and Import preset…,
 * and the user presets listed after the built-in ones (in the Presets menu and the preset
 * chooser, both showing the main view model's {@link MainViewModel#presets()}).
 *
 * <p>Save asks for a name ({@link #name()}): an empty one, a long one, or one another preset has
 * (ignoring case) is refused under the field, and the dialog stays. The preset holds the newest
 * snapshot's layer, input batches, comparison momentum and mode. Import refuses a bad file with
 * one line in the banner ({@code <file>: <field>: <reason>}) and copies nothing. Either way the
 * folder is listed again, so that the menu and the chooser show the new preset; choosing it
 * loads it as a built-in one is loaded.
 */
public final class UserPresetsViewModel {

    /** The longest name a saved preset may have (it is a menu item). */
    public static final int MAX_NAME = 80;

    private final UserPresets store;
    private final ObservableList<Preset> all;
    private final int builtIn;
    private final ObservableList<Preset> user = FXCollections.observableArrayList();
    private final ObservableList<Preset> userView = FXCollections.unmodifiableObservableList(user);
    private final Supplier<SessionSnapshot> snapshot;
    private final Consumer<String> notice;
    private final Consumer<String> error;
    private final ValidatedField<String> name;
    private List<String> problems = List.of();

    /**
     * @param store the folder of the user's presets
     * @param all the window's presets, the built-in ones only: the user's are kept after them
     * @param snapshot the newest snapshot (what Save saves)
     * @param notice shows a notice in the banner (a preset saved or imported)
     * @param error shows an error in the banner (a file refused, a write that failed)
     */
    public UserPresetsViewModel(UserPresets store, ObservableList<Preset> all, Supplier<SessionSnapshot> snapshot,
                                Consumer<String> notice, Consumer<String> error) {
        this.store = Objects.requireNonNull(store);
        this.all = Objects.requireNonNull(all);
        this.builtIn = all.size();
        this.snapshot = Objects.requireNonNull(snapshot);
        this.notice = Objects.requireNonNull(notice);
        this.error = Objects.requireNonNull(error);
        this.name = new ValidatedField<>("", this::parseName, s -> s);
    }

    /** The user's presets, in the order of their files (they follow the built-in ones in {@link MainViewModel#presets()}). */
    public ObservableList<Preset> presets() {
        return userView;
    }

    /** The folder they are kept in. */
    public Path folder() {
        return store.folder();
    }

    /** The lines of the files the last {@link #refresh()} skipped ({@code <file>: <field>: <reason>}). */
    public List<String> problems() {
        return problems;
    }

    /**
     * Lists the folder again: the menu and the chooser show what it holds now (a preset shown
     * already stays the same object, so that a chooser showing it keeps it).
     *
     * @return the lines of the files skipped, as {@link #problems()}
     */
    public List<String> refresh() {
        UserPresets.Listing listing = store.list();
        problems = listing.problems();
        show(listing.presets());
        return problems;
    }

    /** Shows the files the last {@link #refresh()} skipped in the banner, one line each (nothing if none). */
    public void reportProblems() {
        if (!problems.isEmpty()) {
            error.accept(UiText.get("preset.user.skipped", store.folder()) + "\n" + String.join("\n", problems));
        }
    }

    private void show(List<Preset> listed) {
        List<Preset> target = new ArrayList<>();
        for (Preset p : listed) {
            target.add(user.stream().filter(p::equals).findFirst().orElse(p));
        }
        for (int i = user.size() - 1; i >= 0; i--) {
            Preset p = user.get(i);
            if (target.stream().noneMatch(t -> t == p)) {
                remove(i);
            }
        }
        for (int i = 0; i < target.size(); i++) {
            if (i >= user.size() || user.get(i) != target.get(i)) {
                user.add(i, target.get(i));
                all.add(builtIn + i, target.get(i));
            }
        }
        while (user.size() > target.size()) {
            remove(user.size() - 1);
        }
    }

    private void remove(int i) {
        user.remove(i);
        all.remove(builtIn + i);
    }

    // ---- Save setup as preset… -------------------------------------------------------------

    /** The name typed into the Save dialog. */
    public ValidatedField<String> name() {
        return name;
    }

    /** Opens the Save dialog's field empty. */
    public void askName() {
        name.show("");
    }

    /**
     * The Save dialog's OK: saves the newest snapshot's setup under the typed name if it is good.
     *
     * @return whether the dialog may close (saved, or the write failed and the banner says so); a
     *     bad name keeps its reason under the field
     */
    public boolean commitSave() {
        if (!name.commit()) {
            return false;
        }
        String n = name.getValue();
        SessionSnapshot s = snapshot.get();
        if (s == null) {
            return false; // before the first snapshot: nothing to save yet (the window has one from the start)
        }
        Preset preset = new Preset(n, "", s.layer(), s.batches(), s.training(), s.compareMomentum());
        UserPresets.Entry saved;
        try {
            saved = store.save(preset);
        } catch (IllegalArgumentException e) { // another window saved this name since the list was read
            refresh();
            name.reject(UiText.get("preset.save.taken", n));
            return false;
        } catch (IOException e) {
            error.accept(UiText.get("preset.save.failed", n, e.getMessage()));
            return true;
        }
        refresh();
        notice.accept(UiText.get("preset.saved", n, saved.file()));
        return true;
    }

    private String parseName(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(UiText.get("preset.save.empty"));
        }
        if (text.length() > MAX_NAME) {
            throw new IllegalArgumentException(UiText.get("preset.save.too.long", MAX_NAME, text.length()));
        }
        if (isTaken(text)) {
            throw new IllegalArgumentException(UiText.get("preset.save.taken", text));
        }
        return text;
    }

    /** Whether a built-in preset or one of the user's has this name (ignoring case), in English or Chinese. */
    private boolean isTaken(String text) {
        String k = text.toLowerCase(Locale.ROOT);
        if (store.isBuiltInName(text)) {
            return true;
        }
        for (Preset p : all) {
            if (p.name().strip().toLowerCase(Locale.ROOT).equals(k)
                    || p.nameZhCn().strip().toLowerCase(Locale.ROOT).equals(k)) {
                return true;
            }
        }
        return false;
    }

    // ---- Import preset… ------------------------------------------------------------------

    /**
     * Copies a preset file into the user's folder; a bad file is refused with one line in the
     * banner and nothing is copied.
     *
     * @return whether it was imported
     */
    public boolean importFile(Path file) {
        UserPresets.Entry imported;
        try {
            imported = store.importFile(file);
        } catch (PresetFileException e) {
            error.accept(UiText.get("preset.import.refused", e.getMessage()));
            return false;
        } catch (IOException e) {
            error.accept(UiText.get("preset.import.failed", String.valueOf(file.getFileName()), e.getMessage()));
            return false;
        }
        refresh();
        notice.accept(UiText.get("preset.imported", imported.preset().name(UiLocale.current()), imported.file()));
        return true;
    }
}
