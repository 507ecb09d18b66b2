package org.normscope.explain;

import java.util.ArrayList;
import java.util.List;
import org.normscope.print.NumberText;

/** Builds one formula in Unicode and TeX at once, collecting the numbers it shows. */
final class Formula {

    private final StringBuilder unicode = new StringBuilder();
    private final StringBuilder tex = new StringBuilder();
    private final List<ShownNumber> numbers = new ArrayList<>();

    /** Fixed text, the same in both. */
    Formula text(String both) {
        return text(both, both);
    }

    /** Fixed text, written differently in Unicode and TeX. */
    Formula text(String unicodeText, String texText) {
        unicode.append(unicodeText);
        tex.append(texText);
        return this;
    }

    /** An operand: shortest digits when they are at most 4 significant. */
    Formula operand(String symbol, double value) {
        return number(symbol, value, NumberText.operand(value));
    }

    /** A result: 4 significant digits, trailing zeros kept. */
    Formula result(String symbol, double value) {
        return number(symbol, value, NumberText.result(value));
    }

    /** An operand that may be negative after a plus sign: in parentheses then, {@code + (−1.551)}. */
    Formula signedOperand(String symbol, double value) {
        boolean negative = Double.doubleToRawLongBits(value) < 0 && value != 0;
        if (negative) {
            text("(");
        }
        operand(symbol, value);
        return negative ? text(")") : this;
    }

    /** A result after a minus sign: in parentheses when negative. */
    Formula signedResult(String symbol, double value) {
        boolean negative = Double.doubleToRawLongBits(value) < 0 && value != 0;
        if (negative) {
            text("(");
        }
        result(symbol, value);
        return negative ? text(")") : this;
    }

    private Formula number(String symbol, double value, String text) {
        String shown = text.startsWith("-") ? "−" + text.substring(1) : text;
        unicode.append(shown);
        tex.append(texNumber(text));
        numbers.add(new ShownNumber(symbol, value, shown, NumberText.exact(value)));
        return this;
    }

    /** {@code 2.2518e+15} as {@code 2.2518\cdot 10^{15}}. */
    private static String texNumber(String text) {
        int e = text.indexOf('e');
        if (e < 0 || text.equals("inf") || text.equals("-inf")) {
            return text;
        }
        String exponent = text.substring(e + 1);
        exponent = exponent.startsWith("+") ? exponent.substring(1) : exponent;
        boolean negative = exponent.startsWith("-");
        String digits = (negative ? exponent.substring(1) : exponent).replaceFirst("^0+(?=\\d)", "");
        return text.substring(0, e) + "\\cdot 10^{" + (negative ? "-" : "") + digits + "}";
    }

    /** Plain words inside TeX: {@code \text{…}} with TeX's special characters escaped. */
    static String texText(String words) {
        StringBuilder sb = new StringBuilder("\\text{");
        for (char ch : words.toCharArray()) {
            switch (ch) {
                case '\\' -> sb.append("\\backslash ");
                case '_', '#', '$', '%', '&', '{', '}' -> sb.append('\\').append(ch);
                case '^' -> sb.append("\\^{}");
                case '~' -> sb.append("\\~{}");
                default -> sb.append(ch);
            }
        }
        return sb.append('}').toString();
    }

    ExplanationLine line(String key, String caption) {
        return new ExplanationLine(key, caption, unicode.toString(), tex.toString(), numbers);
    }
}
