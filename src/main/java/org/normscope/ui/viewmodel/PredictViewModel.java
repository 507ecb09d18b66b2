package org.normscope.ui.viewmodel;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.normscope.print.NumberText;
import org.normscope.session.SessionSnapshot;

/**
 * Predict, then reveal: while on, the class guesses the next value of one channel before each
 * step (running_mean, or running_var, in train mode with tracked stats; otherwise the output y of
 * the channel's element 0), and the step reveals the session's own value beside every guess.
 *
 * <p>Running statistics are read from the snapshot after the step; the output is asked of the
 * session's thread (the layer's own y of that step, {@link org.normscope.session.Session#outputValue})
 * and taken in {@link #pull()}. Nothing is recomputed here.
 */
public final class PredictViewModel {

    /** What the class is asked for. */
    public enum Target {
        RUNNING_MEAN("running_mean"), RUNNING_VAR("running_var"), OUTPUT("y");

        private final String shown;

        Target(String shown) {
            this.shown = shown;
        }

        /** As the window names it: {@code running_mean}, {@code running_var}, {@code y}. */
        public String shown() {
            return shown;
        }
    }

    /** One guess, as typed and as a number. */
    public record Guess(String text, double value) {
    }

    /** One guess beside the truth: {@code offBy} is |guess − truth| to 3 significant digits. */
    public record Verdict(Guess guess, String truth, String offBy, boolean right, boolean tooHigh) {
        /** "0.25 → off by 0.05 (too low)", "0.3 → right". */
        public String text() {
            if (right) {
                return UiText.get("predict.verdict.right", guess.text());
            }
            return UiText.get(tooHigh ? "predict.verdict.high" : "predict.verdict.low", guess.text(), offBy);
        }
    }

    private final ExplainViewModel.Asker asker;
    private final BooleanProperty on = new SimpleBooleanProperty(false);
    private final BooleanProperty askVariance = new SimpleBooleanProperty(false);
    private final IntegerProperty channel = new SimpleIntegerProperty(0);
    private final ObservableList<Integer> channels = FXCollections.observableArrayList(0);
    private final ReadOnlyObjectWrapper<Target> target = new ReadOnlyObjectWrapper<>(Target.RUNNING_MEAN);
    private final ReadOnlyStringWrapper question = new ReadOnlyStringWrapper("");
    private final StringProperty guessText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<Guess> guesses = FXCollections.observableArrayList();
    private final ObservableList<Guess> guessesView = FXCollections.unmodifiableObservableList(guesses);
    private final ReadOnlyStringWrapper reveal = new ReadOnlyStringWrapper("");
    private final ObservableList<Verdict> verdicts = FXCollections.observableArrayList();
    private final ObservableList<Verdict> verdictsView = FXCollections.unmodifiableObservableList(verdicts);
    private final ReadOnlyLongWrapper revealedStep = new ReadOnlyLongWrapper(0);
    private final ReadOnlyIntegerWrapper reveals = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper revealedChannel = new ReadOnlyIntegerWrapper(0);

    private SessionSnapshot shown;
    /** Set before a step while on: what was asked, and the step it was asked at. */
    private Armed armed;
    private Armed asking;
    private CompletableFuture<Float> pending;

    private record Armed(long step, long refusalId, Target target, int channel, List<Guess> guesses) {
    }

    public PredictViewModel(ExplainViewModel.Asker asker) {
        this.asker = Objects.requireNonNull(asker);
        askVariance.addListener((o, a, b) -> updateQuestion());
        channel.addListener((o, a, b) -> updateQuestion());
        on.addListener((o, a, b) -> {
            if (!b) {
                armed = null;
            }
        });
    }

    // ---- the class's guesses ---------------------------------------------------------------

    /**
     * Adds what the field holds: one guess or several separated by blanks or ";". The good ones
     * are kept and leave the field; a bad one stays there with a one-line message.
     *
     * @return whether every guess typed was a number
     */
    public boolean addGuesses() {
        String text = guessText.get() == null ? "" : guessText.get().strip();
        if (text.isEmpty()) {
            error.set(UiText.get("predict.error.empty"));
            return false;
        }
        List<String> bad = new ArrayList<>();
        String firstProblem = null;
        for (String part : text.split("[\\s;]+")) {
            if (part.isEmpty()) {
                continue;
            }
            try {
                guesses.add(new Guess(part, parse(part)));
            } catch (IllegalArgumentException e) {
                bad.add(part);
                if (firstProblem == null) {
                    firstProblem = e.getMessage();
                }
            }
        }
        guessText.set(String.join(" ", bad));
        error.set(firstProblem == null ? "" : firstProblem);
        return bad.isEmpty();
    }

    /** A guess: a finite number such as 0.3, .51, -1 or 1e-3. */
    static double parse(String text) {
        if (text.matches("-?\\d+,\\d+")) {
            throw new IllegalArgumentException(UiText.get("predict.error.comma", text, text.replace(',', '.')));
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(UiText.get("predict.error.number", text));
        }
        if (!Double.isFinite(v) || !text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            throw new IllegalArgumentException(UiText.get("predict.error.number", text));
        }
        return v;
    }

    /** Forgets guess {@code i}. */
    public void removeGuess(int i) {
        if (i >= 0 && i < guesses.size()) {
            guesses.remove(i);
        }
    }

    /** Forgets every guess (not yet revealed). */
    public void clearGuesses() {
        guesses.clear();
        error.set("");
    }

    // ---- steps -----------------------------------------------------------------------------

    /** A step is about to be asked for: while on, the next snapshot with a newer step reveals. */
    public void beforeStep() {
        if (!on.get() || shown == null) {
            return;
        }
        armed = new Armed(shown.step(), shown.refusalId(), target.get(), channel.get(), List.copyOf(guesses));
    }

    /**
     * Something else than a step (a preset, a lesson's stage) starts: no reveal is due, and the
     * last one, about a layer that is gone, leaves the box.
     */
    public void cancel() {
        armed = null;
        reveal.set("");
        verdicts.clear();
    }

    /** A new snapshot: the mode, the channels, and the reveal if a step was awaited. */
    public void show(SessionSnapshot s) {
        shown = s;
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
        Armed a = armed;
        if (a != null) {
            if (s.step() < a.step()) {
                armed = null; // a new layer: the question no longer stands
            } else if (s.step() > a.step()) {
                armed = null;
                revealFrom(s, a);
            } else if (s.refusal() != null && s.refusalId() != a.refusalId()) {
                armed = null;
                reveal.set(UiText.get("predict.refused"));
                verdicts.clear();
            }
        }
        updateQuestion();
    }

    private void revealFrom(SessionSnapshot s, Armed a) {
        switch (a.target()) {
            case RUNNING_MEAN, RUNNING_VAR -> {
                float[] values = a.target() == Target.RUNNING_MEAN ? s.runningMean() : s.runningVar();
                if (values == null || a.channel() >= values.length) {
                    reveal.set(UiText.get("predict.none", a.target().shown()));
                    verdicts.clear();
                    return;
                }
                done(a, s.step(), values[a.channel()]);
            }
            case OUTPUT -> {
                long t = s.step();
                int c = a.channel();
                if (pending != null) {
                    pending.cancel(false);
                }
                asking = new Armed(t, a.refusalId(), a.target(), c, a.guesses());
                pending = asker.call(session -> session.stepCount() == t ? session.outputValue(c, 0) : Float.NaN);
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Takes the session's output value asked for, if it came: call once per frame on the UI thread. */
    public void pull() {
        CompletableFuture<Float> p = pending;
        if (p == null || !p.isDone()) {
            return;
        }
        pending = null;
        if (p.isCancelled()) {
            return;
        }
        float y;
        try {
            y = p.join();
        } catch (RuntimeException e) {
            y = Float.NaN;
        }
        if (Float.isNaN(y)) {
            reveal.set(UiText.get("predict.gone"));
            verdicts.clear();
            return;
        }
        done(asking, asking.step(), y);
    }

    private void done(Armed a, long step, float value) {
        double truth = value;
        String truthText = NumberText.operand(truth);
        List<Verdict> v = new ArrayList<>();
        for (Guess g : a.guesses()) {
            double diff = g.value() - truth;
            boolean right = NumberText.result(g.value()).equals(NumberText.result(truth));
            String off = new BigDecimal(Math.abs(diff)).round(new MathContext(3)).stripTrailingZeros().toPlainString();
            v.add(new Verdict(g, truthText, off, right, diff > 0));
        }
        String what = a.target() == Target.OUTPUT ? UiText.get("predict.what.output", a.channel())
                : UiText.get("predict.what.stat", a.target().shown(), a.channel());
        reveal.set(UiText.get("predict.reveal", step, what, truthText));
        verdicts.setAll(v);
        guesses.removeAll(a.guesses()); // revealed: the box is empty for the next step
        revealedChannel.set(a.channel());
        revealedStep.set(step);
        reveals.set(reveals.get() + 1);
    }

    private void updateQuestion() {
        SessionSnapshot s = shown;
        if (s == null) {
            return;
        }
        boolean stats = s.training() && s.layer().trackRunningStats();
        target.set(!stats ? Target.OUTPUT : askVariance.get() ? Target.RUNNING_VAR : Target.RUNNING_MEAN);
        long next = s.step() + 1;
        question.set(target.get() == Target.OUTPUT
                ? UiText.get("predict.question.output", channel.get(), next, UiText.get(s.training()
                        ? "explain.mode.train" : "explain.mode.eval"))
                : UiText.get("predict.question.stat", target.get().shown(), channel.get(), next));
    }

    // ---- state -----------------------------------------------------------------------------

    /** Predict on or off (Q). */
    public void toggle() {
        on.set(!on.get());
    }

    /** Predict is on (the Q key, the toolbar's toggle). */
    public BooleanProperty onProperty() {
        return on;
    }

    /** In train mode with tracked stats: ask for running_var instead of running_mean. */
    public BooleanProperty askVarianceProperty() {
        return askVariance;
    }

    /** The channel asked about. */
    public IntegerProperty channelProperty() {
        return channel;
    }

    public ObservableList<Integer> channels() {
        return channels;
    }

    public ReadOnlyObjectProperty<Target> targetProperty() {
        return target.getReadOnlyProperty();
    }

    /** E.g. "running_mean of channel 0 after step 1?". */
    public ReadOnlyStringProperty questionProperty() {
        return question.getReadOnlyProperty();
    }

    /** The guess field's text. */
    public StringProperty guessTextProperty() {
        return guessText;
    }

    /** Why the field's text is not a guess, or "". */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The guesses for the next step, in the order typed. */
    public ObservableList<Guess> guesses() {
        return guessesView;
    }

    /** E.g. "After step 1: running_mean of channel 0 = 0.3", or "" before any reveal. */
    public ReadOnlyStringProperty revealProperty() {
        return reveal.getReadOnlyProperty();
    }

    /** Each guess of the last reveal beside the truth. */
    public ObservableList<Verdict> verdicts() {
        return verdictsView;
    }

    /** The step last revealed (0: none). */
    public ReadOnlyLongProperty revealedStepProperty() {
        return revealedStep.getReadOnlyProperty();
    }

    /** The channel last revealed. */
    public ReadOnlyIntegerProperty revealedChannelProperty() {
        return revealedChannel.getReadOnlyProperty();
    }

    /** Grows with every reveal (the window opens the Explain pane on it). */
    public ReadOnlyIntegerProperty revealsProperty() {
        return reveals.getReadOnlyProperty();
    }
}
