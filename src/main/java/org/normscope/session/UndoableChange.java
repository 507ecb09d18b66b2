package org.normscope.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an undo or a redo would change back, as the Edit menu and the console name it ("eps
 * change", "γ[2]", "Reset layer"). It keeps the words' key, not the words: {@link #text()} is
 * read in the session's language when asked, so that the menu follows View → Language.
 *
 * @param key the change's key in {@code i18n/session} (after {@code change.})
 * @param args its arguments ({@code {0}}, …), already formatted
 */
public record UndoableChange(String key, List<String> args) {

    public UndoableChange {
        Objects.requireNonNull(key);
        args = List.copyOf(args);
    }

    static UndoableChange of(String key, String... args) {
        return new UndoableChange(key, List.of(args));
    }

    /** How the Edit menu names a change of constructor-only arguments: the one that changed, or "layer" if several did. */
    static UndoableChange rebuild(LayerConfig from, LayerConfig to) {
        List<UndoableChange> changed = new ArrayList<>();
        if (from.kind() != to.kind()) {
            changed.add(of("kind"));
        }
        if (from.numFeatures() != to.numFeatures()) {
            changed.add(of("features"));
        }
        if (from.affine() != to.affine()) {
            changed.add(of("affine"));
        }
        if (from.trackRunningStats() != to.trackRunningStats()) {
            changed.add(of("tracking"));
        }
        return changed.size() == 1 ? changed.get(0) : of("layer");
    }

    /** The change in words, in the session's language now ("eps change", "γ[2]"). */
    public String text() {
        return SessionText.get("change." + key, args.toArray());
    }
}
