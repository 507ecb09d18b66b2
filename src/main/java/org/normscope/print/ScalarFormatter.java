package org.normscope.print;

/**
 * PyTorch's {@code torch._tensor_str._Formatter} for a floating tensor with default print
 * options: looks at the values that will be printed and picks one style and one width for all.
 *
 * <ul>
 *   <li>integer mode ({@code 1.}, {@code -3.}) when every non-zero finite value is a whole number;
 *   <li>scientific ({@code 1.0000e-05}) when, over the non-zero finite magnitudes, max/min &gt; 1000
 *       or max &gt; 1e8, or (outside integer mode) min &lt; 1e-4;
 *   <li>fixed ({@code 0.3000}) otherwise.
 * </ul>
 * Zeros, NaNs and infinities take no part in the choice nor in the width.
 */
final class ScalarFormatter {

    static final int PRECISION = 4;

    private boolean intMode = true;
    private boolean sciMode = false;
    private int maxWidth = 1;

    /** @param values the values that will be printed (the summarized ones for a large tensor) */
    ScalarFormatter(double[] values) {
        int count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            if (Double.isFinite(v) && v != 0) {
                count++;
                min = Math.min(min, Math.abs(v));
                max = Math.max(max, Math.abs(v));
                if (v != Math.ceil(v)) {
                    intMode = false;
                }
            }
        }
        if (count == 0) {
            return;
        }
        boolean wideRange = max / min > 1000.0 || max > 1.0e8;
        sciMode = intMode ? wideRange : wideRange || min < 1.0e-4;
        for (double v : values) {
            if (Double.isFinite(v) && v != 0) {
                maxWidth = Math.max(maxWidth, widthOf(v));
            }
        }
    }

    private int widthOf(double v) {
        if (sciMode) {
            return PythonFloatFormat.scientific(v, PRECISION).length();
        }
        if (intMode) {
            return PythonFloatFormat.fixed(v, 0).length() + 1; // room for the trailing "."
        }
        return PythonFloatFormat.fixed(v, PRECISION).length();
    }

    /** The column width every formatted value is padded to. */
    int width() {
        return maxWidth;
    }

    /** One value, right-aligned in {@link #width()} columns (longer strings are not cut). */
    String format(double value) {
        String s;
        if (sciMode) {
            s = PythonFloatFormat.scientific(value, PRECISION);
        } else if (intMode) {
            s = PythonFloatFormat.fixed(value, 0);
            if (Double.isFinite(value)) {
                s += ".";
            }
        } else {
            s = PythonFloatFormat.fixed(value, PRECISION);
        }
        return PythonFloatFormat.padLeft(s, maxWidth);
    }
}
