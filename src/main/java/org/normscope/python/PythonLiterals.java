package org.normscope.python;

import org.normscope.engine.PythonFloat;

/** Python 3 source text for the values a script embeds: strings, floats, shapes. */
final class PythonLiterals {

    private PythonLiterals() {
    }

    /**
     * A double-quoted Python string literal. Every control character, and the Unicode line
     * separators, is escaped, so the literal is always one line (a scenario name cannot start
     * a new line of code inside a comment or a string).
     */
    static String string(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == '\u2028' || c == '\u2029'
                            || Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        return Character.isHighSurrogate(c) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** A Python float: {@code 1e-05}, {@code 0.3}; {@code float("inf")} and {@code float("nan")} for the non-finite. */
    static String number(double v) {
        String repr = PythonFloat.repr(v);
        return Double.isFinite(v) ? repr : "float(\"" + repr + "\")";
    }

    /** A list of sizes, {@code [2, 4, 1]}. */
    static String shape(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }
}
