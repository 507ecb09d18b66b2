package org.normscope.session;

import java.util.List;
import org.normscope.engine.Momentum;
import org.normscope.engine.NormLayer;
import org.normscope.engine.PythonFloat;
import org.normscope.engine.Tensor;

/**
 * The session's own words in the console and the banner, around the tensors PyTorch prints
 * ({@link StepPrintout}): a change as the Python line that makes it ({@code >>> layer.eps = 0.001})
 * or a note in the window's language ({@link SessionText}), quiet steps counted, a refused step,
 * a reprint. Each method only builds text; the session decides when to write it.
 */
final class ConsoleNotes {

    /**
     * What the console says of a change and what the window's banner points out.
     *
     * @param console the console's text
     * @param banner the banner's
     */
    record Note(String console, String banner) {
    }

    private ConsoleNotes() {
    }

    /** A new session's layer, as Python builds it. */
    static String built(NormLayer layer) {
        return ">>> layer = nn." + layer;
    }

    /** Quiet steps {@code from} to {@code to} (one if equal), not printed. */
    static String quiet(long from, long to) {
        return to == from ? SessionText.get("quiet.one", Long.toString(from))
                : SessionText.get("quiet.many", Long.toString(from), Long.toString(to));
    }

    /**
     * Step {@code t} refused: its header, PyTorch's message, and (when the layer counts batches in
     * train mode before raising) num_batches_tracked as it is now.
     */
    static String refused(long t, boolean training, Tensor x, String message, boolean counted, long tracked) {
        StringBuilder text = new StringBuilder();
        text.append(SessionText.get("step.header", Long.toString(t), SessionText.get(training ? "mode.train" : "mode.eval"),
                        x.sizeString()))
                .append(" \u00b7 ").append(SessionText.get("refused")).append('\n').append(message);
        if (counted) {
            text.append('\n').append(SessionText.get("refused.counted", Long.toString(tracked)));
        }
        return text.toString();
    }

    /** Step {@code t} cannot be printed again: only the newest {@code exactSteps} are kept exactly. */
    static String reprintGone(long t, int exactSteps) {
        return SessionText.get("reprint.gone", Long.toString(t), String.format("%,d", exactSteps));
    }

    /** Step {@code t}, printed again below. */
    static String reprintAgain(long t) {
        return SessionText.get("reprint.again", Long.toString(t));
    }

    /** {@code layer.train()} or {@code layer.eval()}. */
    static String mode(boolean train) {
        return ">>> layer." + (train ? "train()" : "eval()");
    }

    /** {@code layer.eps = …}. */
    static String eps(double eps) {
        return ">>> layer.eps = " + PythonFloat.repr(eps);
    }

    /** {@code layer.momentum = …}. */
    static String momentum(Momentum momentum) {
        return ">>> layer.momentum = " + momentum;
    }

    /** {@code lines} (attributes set), and that they apply from the next step. */
    static String appliesNext(List<String> lines) {
        return String.join("\n", lines) + "\n" + SessionText.get("applies.next");
    }

    /** A new layer for new constructor-only arguments. */
    static Note rebuilt(NormLayer layer) {
        return new Note(">>> layer = nn." + layer + "\n" + SessionText.get("rebuilt.console"),
                SessionText.get("rebuilt.banner", layer.toString()));
    }

    /** A comparison layer with {@code momentum}, or none (null): the console and the banner say the same. */
    static Note compare(Momentum momentum) {
        String text = momentum == null ? SessionText.get("compare.none")
                : SessionText.get("compare.set", String.valueOf(momentum));
        return new Note(text, text);
    }

    /** {@code layer.weight.data[c] = …} ({@code name} "weight") or the bias's. */
    static String parameter(String name, int c, float value) {
        return ">>> layer." + name + ".data[" + c + "] = " + PythonFloat.repr(value);
    }

    /**
     * Why an edit of {@code name}[{@code c}] no longer fits the layer whose {@code name} is
     * {@code values} (null without affine): it was made for a layer that has since changed. Null if it fits.
     */
    static String staleEdit(String name, float[] values, int c) {
        if (values == null) {
            return SessionText.get("stale.no.affine", name, Integer.toString(c));
        }
        if (c < 0 || c >= values.length) {
            return SessionText.get("stale.channel", name, Integer.toString(c), Integer.toString(values.length));
        }
        return null;
    }

    /** The next batch is an outlier batch. */
    static Note outlier() {
        return new Note(SessionText.get("outlier.console"), SessionText.get("outlier.banner"));
    }

    /** {@code layer.reset_running_stats()}. */
    static Note statsReset() {
        return new Note(">>> layer.reset_running_stats()\nrunning_mean = 0, running_var = 1, num_batches_tracked = 0",
                SessionText.get("reset.stats.banner"));
    }

    /** A preset loaded: its layer, in {@code train} mode, with a comparison layer of {@code compareMomentum} (null: none). */
    static Note loaded(NormLayer layer, boolean train, Momentum compareMomentum) {
        return new Note(">>> layer = nn." + layer + (train ? "" : "\n>>> layer.eval()")
                + (compareMomentum == null ? "" : "\n" + SessionText.get("load.compare", String.valueOf(compareMomentum))),
                SessionText.get(train ? "load.banner" : "load.banner.eval", layer.toString()));
    }

    /** A new layer with the same arguments. */
    static Note layerReset(NormLayer layer) {
        return new Note(">>> layer = nn." + layer + "\n" + SessionText.get("reset.layer.console"),
                SessionText.get("reset.layer.banner", layer.toString()));
    }

    /** {@code change} undone ({@code words} "undone") or redone ("redone"). */
    static String putBack(String words, UndoableChange change) {
        return SessionText.get(words, change.text());
    }

    /** {@code text} ({@link #putBack}), and in the console the layer and step the session is back at. */
    static Note backAt(String text, NormLayer layer, long step) {
        return new Note(text + "\n" + SessionText.get("undo.back", layer.toString(), Long.toString(step)), text);
    }
}
