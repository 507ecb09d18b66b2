package org.normscope.ui.viewmodel;

import org.normscope.engine.PythonFloat;

/** Reads what users type into fields, with messages that say what would be right. */
public final class Parsers {

    private Parsers() {
    }

    /** A finite number: {@code 1e-5}, {@code 0}, {@code -2.5}. */
    public static double number(String text, String what) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: type a number");
        }
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\u201c" + text + "\u201d is not a number: type e.g. 1e-5, 0 or 0.001");
        }
        if (text.endsWith("d") || text.endsWith("D") || text.endsWith("f") || text.endsWith("F")) {
            throw new IllegalArgumentException("\u201c" + text + "\u201d is not a number: type e.g. 1e-5, 0 or 0.001");
        }
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number");
        }
        return v;
    }

    /** eps: a number at least 0. */
    public static double eps(String text) {
        double v = number(text, "eps");
        if (v < 0) {
            throw new IllegalArgumentException("eps must be at least 0: it is added to the variance under the square root");
        }
        return v;
    }

    /** momentum: a number from 0 to 1. */
    public static double momentum(String text) {
        double v = number(text, "momentum");
        if (v < 0 || v > 1) {
            throw new IllegalArgumentException("momentum must be from 0 to 1: it is the weight of the new batch");
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
            throw new IllegalArgumentException(e.getMessage().replace("type e.g. 1e-5, 0 or 0.001",
                    "type None, a number from 0 to 1, or nothing for no comparison"));
        }
    }

    /** A whole number from {@code min} to {@code max}. */
    public static int integer(String text, String what, int min, int max) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty: type a whole number from " + min + " to " + max);
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\u201c" + text + "\u201d is not a whole number: " + what + " is from "
                    + min + " to " + max);
        }
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be from " + min + " to " + max + ", not " + v);
        }
        return (int) v;
    }

    /** A seed: any whole number. */
    public static long seed(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the seed is empty: type a whole number");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("\u201c" + text + "\u201d is not a whole number: the seed is one, e.g. 0 or 42");
        }
    }

    /** A float32 value (weight or bias): finite after rounding to float. */
    public static float float32(String text, String what) {
        double v = number(text, what);
        float f = (float) v;
        if (!Float.isFinite(f)) {
            throw new IllegalArgumentException(what + " is beyond float32's range (about \u00b13.4e38)");
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
