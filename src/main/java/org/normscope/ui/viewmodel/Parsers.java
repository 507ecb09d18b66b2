package org.normscope.ui.viewmodel;

import org.normscope.engine.PythonFloat;

/** Reads what users type into fields, with messages that say what would be right. */
public final class Parsers {

    private Parsers() {
    }

    /** A finite number: {@code 1e-5}, {@code 0}, {@code -2.5}. */
    public static double number(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(UiText.get("parse.empty", what));
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(UiText.get("parse.not.number", text, UiText.get("parse.hint.number")));
        }
        if (text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
            throw new IllegalArgumentException(UiText.get("parse.not.number", text, UiText.get("parse.hint.number")));
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(UiText.get("parse.not.finite", what));
        }
        return v;
    }

    /** eps: a number at least 0. */
    public static double eps(String text) {
        double v = number(text, "eps");
        if (v < 0) {
            throw new IllegalArgumentException(UiText.get("parse.eps.negative"));
        }
        return v;
    }

    /** momentum: a number from 0 to 1. */
    public static double momentum(String text) {
        double v = number(text, "momentum");
        if (v < 0 || v > 1) {
            throw new IllegalArgumentException(UiText.get("parse.momentum.range"));
        }
        return v;
    }

    /**
     * A comparison layer's momentum: empty for no comparison layer, {@code None} for a
     * cumulative average, or a number from 0 to 1.
     */
    public static java.util.Optional<org.normscope.engine.Momentum> compareMomentum(String text) {
        if (text.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (text.equalsIgnoreCase("none")) {
            return java.util.Optional.of(org.normscope.engine.Momentum.CUMULATIVE);
        }
        try {
            return java.util.Optional.of(org.normscope.engine.Momentum.of(momentum(text)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(UiText.get("parse.hint.number"),
                    UiText.get("parse.hint.compare")));
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int integer(String text, String what, int min, int max) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(UiText.get("parse.integer.empty", what, Integer.toString(min),
                    Integer.toString(max)));
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(UiText.get("parse.integer.not", text, what, Integer.toString(min),
                    Integer.toString(max)));
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(UiText.get("parse.integer.range", what, Integer.toString(min),
                    Integer.toString(max), Long.toString(v)));
        }
        return (int) v;
    }

    /** A seed: any whole number. */
    public static long seed(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(UiText.get("parse.seed.empty"));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(UiText.get("parse.seed.not", text));
        }
    }

    /** A float32 value (weight or bias): finite after rounding to float. */
    public static float float32(String text, String what) {
        double v = number(text, what);
        float f = (float) v;
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException(UiText.get("parse.float32.range", what));
        }
        return f;
    }

    /** A number as Python prints a float: {@code 1e-05}, {@code 0.3}, {@code 0.0}. */
    public static String format(double v) {
        return PythonFloat.repr(v);
    }

    /** A whole-valued number without {@code .0}, others as Python prints them. */
    public static String formatPlain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return PythonFloat.repr(v);
    }
}
