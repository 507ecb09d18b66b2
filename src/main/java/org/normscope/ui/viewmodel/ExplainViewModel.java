package org.normscope.ui.viewmodel;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.session.Session;
import org.normscope.session.SessionSnapshot;

/**
 * The Explain pane's state: one channel at one step, explained formula by formula with the
 * step's own numbers. The step is the time-travel cursor's, else the newest; when the newest
 * thing that happened was a refused step (and no cursor is set), that refusal is explained.
 * The explanation is asked of the session's thread (the engine runs the step again on a copy
 * of the layer as it was) and taken in {@link #pull()}, once per frame; nothing is asked while
 * the pane is hidden.
 */
public final class ExplainViewModel {

    /**
     * What the session's thread answers: a heading, the lines, or a message saying why there are
     * none; and which of the channel's values was followed (−1: none).
     */
    public record Explained(String heading, List<FormulaLine> lines, String message, int element) {
        public Explained {
            lines = List.copyOf(lines);
        }

        public Explained(String heading, List<FormulaLine> lines, String message) {
            this(heading, lines, message, -1);
        }
    }

    /**
     * Which of the channel's values in the batch is followed through the layer: the one at
     * {@code index} (in the order PyTorch stores them), or, with {@code index} −1, the first
     * whose input x (or output y) lies in [lo, hi] (a clicked histogram bar).
     */
    public record Element(int index, boolean output, double lo, double hi) {
        /** The first value of the channel. */
        public static final Element FIRST = new Element(0, false, Double.NaN, Double.NaN);

        /** The channel's value at {@code index}. */
        public static Element at(int index) {
            return new Element(Math.max(0, index), false, Double.NaN, Double.NaN);
        }

        /** The first value of the channel whose x (or y, with {@code output}) lies in [lo, hi]. */
        public static Element inRange(boolean output, double lo, double hi) {
            return new Element(-1, output, lo, hi);
        }
    }

    /** Asks the session for the explanation of a step, a channel and an element of the batch. */
    @FunctionalInterface
    public interface Source {
        /**
         * @param step the step (1-based), or 0 for the newest thing that happened (a step or a refusal)
         */
        Explained explain(Session session, long step, int channel, Element element);
    }

    /** Runs a query on the session's thread. */
    @FunctionalInterface
    public interface Asker {
        <T> CompletableFuture<T> call(Function<Session, T> query);
    }

    private final Asker asker;
    private final Source source;
    private final IntegerProperty channel = new SimpleIntegerProperty(0);
    private boolean shown;
    private final ReadOnlyStringWrapper heading = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<FormulaLine> lines = FXCollections.observableArrayList();
    private final ObservableList<FormulaLine> linesView = FXCollections.unmodifiableObservableList(lines);
    private final ObservableList<Integer> channels = FXCollections.observableArrayList(0);
    private Element element = Element.FIRST;
    private long version = -1;
    private org.normscope.session.SessionHistory history;
    /** Grows when the layer is built again (a new history): a kept step's explanation changes only then. */
    private long generation;
    private long cursor;
    private Request asked;
    private Request pendingRequest;
    private CompletableFuture<Explained> pending;

    /** @param stamp what the answer depends on besides the rest: see {@link #stamp()} */
    private record Request(long stamp, long step, int channel, Element element) {
    }

    public ExplainViewModel(Asker asker, Source source) {
        this.asker = Objects.requireNonNull(asker);
        this.source = Objects.requireNonNull(source);
        channel.addListener((o, a, b) -> {
            element = Element.FIRST; // the first value of the newly chosen channel
            ask();
        });
    }

    /** Shows or hides the pane: while hidden nothing is asked. */
    public void setShown(boolean show) {
        shown = show;
        ask();
    }

    /** A new snapshot: the newest step, the channels there are. */
    public void show(SessionSnapshot s) {
        int c = s.channels();
        if (channels.size() != c) {
            Integer[] all = new Integer[c];
            for (int i = 0; i < c; i++) {
                all[i] = i;
            }
            channels.setAll(all);
            if (channel.get() >= c) {
                channel.set(0);
            }
        }
        version = s.version();
        if (s.history() != history) {
            history = s.history();
            generation++;
        }
        ask();
    }

    /**
     * The newest step changes with every snapshot; a step under the cursor does not, until the
     * layer is built again or the step is no longer kept exactly, so playing on does not run it
     * again at every snapshot.
     */
    private long stamp() {
        if (cursor <= 0 || history == null) {
            return version;
        }
        return -(generation * 2 + (cursor >= history.exactFrom() ? 1 : 0));
    }

    /** The time-travel cursor moved (0: none, explain the newest). */
    public void setCursor(long t) {
        cursor = t;
        ask();
    }

    /** The channel last pointed at elsewhere (a histogram chosen): explained from now on. */
    public void pointAt(int c) {
        if (c >= 0 && c < channels.size()) {
            channel.set(c);
        }
    }

    /** Explains element {@code e} of the channel's values in the batch. */
    public void setElement(int e) {
        element = Element.at(e);
        ask();
    }

    /**
     * A histogram bar of channel {@code c} was clicked: explains the first of its values whose
     * x (or y, for the output row) lies in [lo, hi].
     */
    public void pickBar(int c, boolean output, double lo, double hi) {
        if (c < 0 || c >= channels.size()) {
            return;
        }
        if (channel.get() != c) {
            channel.set(c);
        }
        element = Element.inRange(output, lo, hi);
        ask();
    }

    private void ask() {
        if (!shown || version < 0) {
            return;
        }
        Request r = new Request(stamp(), cursor, channel.get(), element);
        if (r.equals(asked) || r.equals(pendingRequest)) {
            return;
        }
        if (pending != null) {
            pending.cancel(false); // a newer question: the old answer would be shown for a frame only
        }
        pendingRequest = r;
        pending = asker.call(s -> source.explain(s, r.step(), r.channel(), r.element()));
    }

    /** Takes a finished explanation, if any: call once per frame on the UI thread. */
    public void pull() {
        CompletableFuture<Explained> p = pending;
        if (p == null || !p.isDone()) {
            return;
        }
        pending = null;
        asked = pendingRequest;
        pendingRequest = null;
        if (p.isCancelled()) {
            return;
        }
        Explained e;
        try {
            e = p.join();
        } catch (RuntimeException ex) {
            e = new Explained("", List.of(), String.valueOf(ex.getCause() == null ? ex : ex.getCause()));
        }
        if (asked.element().index() < 0 && e.element() >= 0 && element.equals(asked.element())) {
            // a clicked bar's value: follow that position in the batch from now on (the next steps' values differ)
            element = Element.at(e.element());
            asked = new Request(asked.stamp(), asked.step(), asked.channel(), element);
        }
        heading.set(e.heading());
        message.set(e.message() == null ? "" : e.message());
        if (!lines.equals(e.lines())) {
            lines.setAll(e.lines());
        }
    }

    /** The channel explained; a combo box edits it. */
    public IntegerProperty channelProperty() {
        return channel;
    }

    /** The channels there are (0 … C−1). */
    public ObservableList<Integer> channels() {
        return channels;
    }

    /** E.g. "Step 4 · channel 0 · train · element 0 of 2". */
    public ReadOnlyStringProperty headingProperty() {
        return heading.getReadOnlyProperty();
    }

    /** Why nothing is explained (no step yet, a step no longer kept exactly), or "". */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The formulas, in reading order. */
    public ObservableList<FormulaLine> lines() {
        return linesView;
    }
}
