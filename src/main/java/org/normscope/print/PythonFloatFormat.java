package org.normscope.print;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code '{:.Nf}'} and {@code '{:.Ne}'} for a double: correctly rounded, half to even,
 * on the exact binary value (Java's {@code String.format} rounds half up on a decimal expansion).
 * The sign follows the sign bit, so {@code -0.0} and tiny negatives keep their {@code -}, and a
 * NaN is always {@code nan}, as in Python.
 */
final class PythonFloatFormat {

    private PythonFloatFormat() {
    }

    /** {@code '{:.<precision>f}'.format(value)}. */
    static String fixed(double value, int precision) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        String digits = new BigDecimal(Math.abs(value)).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return sign(value) + digits;
    }

    /** {@code '{:.<precision>e}'.format(value)}: e.g. {@code 1.0000e-05}, exponent of at least two digits. */
    static String scientific(double value, int precision) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        String digits;
        int exponent;
        if (value == 0) {
            digits = "";
            exponent = 0;
        } else {
            BigDecimal rounded = new BigDecimal(Math.abs(value)).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = rounded.unscaledValue().toString();
            exponent = digits.length() - 1 - rounded.scale();
        }
        StringBuilder significand = new StringBuilder(digits);
        while (significand.length() < precision + 1) {
            significand.append('0');
        }
        if (precision > 0) {
            significand.insert(1, '.');
        }
        String exp = String.valueOf(Math.abs(exponent));
        return sign(value) + significand + (exponent < 0 ? "e-" : "e+") + (exp.length() < 2 ? "0" + exp : exp);
    }

    /** Right-aligns {@code s} in {@code width} columns, as Python's {@code (width - len(s)) * " " + s}. */
    static String padLeft(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    private static String sign(double value) {
        return Double.doubleToRawLongBits(value) < 0 ? "-" : "";
    }

    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        return value > 0 ? "inf" : "-inf";
    }
}
