package org.normscope.ui.viewmodel;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The text of an input field and what it means. The text is checked as it is typed: a bad
 * value sets {@link #errorProperty()} to a sentence saying why, and changes nothing else. A
 * good value becomes {@link #valueProperty()} when the field is committed (Enter, or leaving
 * the field), and only then reaches the model, so that typing {@code 16} does not first
 * build a layer with 1 channel.
 *
 * @param <T> the value's type
 */
public final class ValidatedField<T> {

    /** Turns text into a value, or throws {@link IllegalArgumentException} with a message for the user. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final StringProperty text = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<T> value = new ReadOnlyObjectWrapper<>();
    private final Parser<T> parser;
    private final Function<T, String> formatter;
    private Consumer<T> onCommit = v -> { };
    private T parsed;

    public ValidatedField(T initial, Parser<T> parser, Function<T, String> formatter) {
        this.parser = parser;
        this.formatter = formatter;
        text.addListener((obs, old, now) -> check());
        show(initial);
    }

    /** What the user sees and types. */
    public StringProperty textProperty() {
        return text;
    }

    /** Why the text is not a good value, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The last committed (or shown) good value. */
    public ReadOnlyObjectProperty<T> valueProperty() {
        return value.getReadOnlyProperty();
    }

    public T getValue() {
        return value.get();
    }

    public String getError() {
        return error.get();
    }

    public boolean isValid() {
        return error.get().isEmpty();
    }

    /** Called with each new good value the user commits. */
    public void setOnCommit(Consumer<T> action) {
        onCommit = Objects.requireNonNull(action);
    }

    /** Shows {@code v}, as the model has it, without calling the commit action. */
    public void show(T v) {
        value.set(v);
        parsed = v;
        text.set(formatter.apply(v));
        error.set("");
    }

    /** Why {@code candidate} would not be a good value, or an empty string; changes nothing. */
    public String problemWith(String candidate) {
        try {
            parser.parse(candidate == null ? "" : candidate.strip());
            return "";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** Marks the text as wrong for a reason found elsewhere (e.g. the batch it makes is too large). */
    public void reject(String message) {
        error.set(message);
    }

    /**
     * Takes the typed value if it is good and differs from the last one: the commit action
     * runs with it. A bad text stays bad and nothing happens.
     *
     * @return whether the text was good
     */
    public boolean commit() {
        check();
        if (!isValid()) {
            return false;
        }
        if (!Objects.equals(parsed, value.get())) {
            value.set(parsed);
            onCommit.accept(parsed);
        }
        return isValid();
    }

    private void check() {
        try {
            parsed = parser.parse(text.get() == null ? "" : text.get().strip());
            error.set("");
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
        }
    }
}
