package org.normscope.print;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * One number as a formula shows it, with 4 significant digits as the console does, and its
 * exact text for a hover.
 *
 * <ul>
 *   <li>whole numbers below 10⁸ as integers: {@code 1}, {@code 0}, {@code 300};
 *   <li>magnitudes below 10⁻⁴ or from 10⁴ on (not whole) in the console's scientific style,
 *       {@code 2.2518e+15};
 *   <li>otherwise an <em>operand</em> shows the shortest decimal that reads back to it when that
 *       has at most 4 significant digits ({@code 0.657}, {@code 0.3}), else it is rounded to 4
 *       significant digits with trailing zeros kept, which shows it was rounded
 *       ({@code 0.48999998} → {@code 0.4900});
 *   <li>a <em>result</em> (what a formula computes) is always rounded to 4 significant digits
 *       with trailing zeros kept, as the console prints tensor values: {@code 0.4900},
 *       {@code 0.7599}.
 * </ul>
 * A value that is exactly a float32 is read as that float: its shortest digits are the
 * float's, not the double's ({@code 0.657f} is {@code 0.657}, not {@code 0.6570000052452087}).
 */
public final class NumberText {

    private static final int DIGITS = 4;

    private NumberText() {
    }

    /** An operand of a formula: shortest digits if at most 4 significant, else 4 with zeros kept. */
    public static String operand(double value) {
        return format(value, false);
    }

    /** A formula's result: 4 significant digits with trailing zeros kept (integers stay integers). */
    public static String result(double value) {
        return format(value, true);
    }

    /**
     * The shortest decimal that reads back to the value (the float's, if the value is a float32):
     * {@code 0.657}, {@code 1.4e-45}, {@code 2.2517998e+15}, {@code 1}; scientific where the
     * plain form would pad with zeros that are not digits of the value.
     */
    public static String exact(double value) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        if (value == 0) {
            return Double.doubleToRawLongBits(value) < 0 ? "-0" : "0";
        }
        BigDecimal d = shortest(value);
        int exponent = exponentOf(d);
        String sign = value < 0 ? "-" : "";
        // scientific also where the plain form would pad with zeros that are not digits of the value
        if (exponent < -4 || exponent >= 16 || (exponent >= 7 && exponent >= d.precision())) {
            String digits = d.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + exponentText(exponent);
        }
        return sign + d.abs().toPlainString();
    }

    private static String format(double value, boolean result) {
        if (!Double.isFinite(value)) {
            return nonFinite(value);
        }
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        if (value == Math.rint(value) && magnitude < 1e8) {
            return Long.toString((long) value);
        }
        BigDecimal shortest = shortest(value);
        boolean fits = !result && shortest.precision() <= DIGITS;
        if (magnitude < 1e-4 || magnitude >= 1e4) {
            if (fits) {
                String digits = shortest.unscaledValue().abs().toString();
                String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
                return (value < 0 ? "-" : "") + mantissa + exponentText(exponentOf(shortest));
            }
            return PythonFloatFormat.scientific(value, DIGITS);
        }
        if (fits) {
            return shortest.toPlainString();
        }
        return new BigDecimal(value).round(new MathContext(DIGITS, RoundingMode.HALF_EVEN)).toPlainString();
    }

    /** The shortest digits that read back: the float's if the value is exactly a float32. */
    private static BigDecimal shortest(double value) {
        // searched rather than taken from Float.toString, which on JDK 17 sometimes gives a digit
        // more than needed (2.25179981E15 for 2.2517998E15). From 2 digits, as Java and Python print
        // at least two for a denormal: 1.4e-45, not the 1e-45 that would also read back. (Where one
        // digit reads back, two give the same number with a trailing zero, stripped.)
        boolean isFloat = (double) (float) value == value;
        BigDecimal exact = new BigDecimal(value);
        for (int digits = 2; digits < 17; digits++) {
            BigDecimal d = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            String text = d.toString();
            if (isFloat ? Float.parseFloat(text) == (float) value : Double.parseDouble(text) == value) {
                return d.stripTrailingZeros();
            }
        }
        return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
    }

    /** The decimal exponent of the first significant digit. */
    private static int exponentOf(BigDecimal d) {
        return d.precision() - 1 - d.scale();
    }

    private static String exponentText(int exponent) {
        String e = String.valueOf(Math.abs(exponent));
        return (exponent < 0 ? "e-" : "e+") + (e.length() < 2 ? "0" + e : e);
    }

    private static String nonFinite(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        return value > 0 ? "inf" : "-inf";
    }
}
