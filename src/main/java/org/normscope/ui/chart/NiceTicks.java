package org.normscope.ui.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * "Nice" axis ticks: multiples of a step {@code m · 10^k} with {@code m ∈ {1, 2, 5}}, and
 * labels with the fewest digits that still say exactly which tick they are. Plain Java,
 * no JavaFX.
 *
 * <p>Ranges are first made drawable by {@link #range(double, double)}: non-finite ends are
 * ignored, reversed ends are swapped, and an empty range {@code [v, v]} is widened to
 * {@code v ± 0.5} when {@code v = 0} and to {@code v ± 0.1·|v|} otherwise; so is a range narrower than {@code 1e-12} of its
 * magnitude (about 4500 ulps: ticks there would need more digits than a label can show,
 * and float32 data cannot vary that little anyway).
 */
public final class NiceTicks {

    private static final double[] MANTISSAS = {1, 2, 5};

    /** Ends are clamped to ±1e306 so that {@code hi - lo} stays finite. */
    private static final double LIMIT = 1e306;

    /** Labels switch to scientific notation ({@code 1e-05}) below and at or above these magnitudes. */
    private static final double SCI_SMALL = 1e-4;
    private static final double SCI_LARGE = 1e6;

    private NiceTicks() {
    }

    /**
     * The drawable range for {@code [lo, hi]}: {@code {lo', hi'}} with {@code lo' < hi'},
     * both finite. A NaN or infinite end is ignored (both ignored gives [0, 1]).
     */
    public static double[] range(double lo, double hi) {
        boolean loOk = Double.isFinite(lo);
        boolean hiOk = Double.isFinite(hi);
        if (!loOk && !hiOk) {
            return new double[] {0, 1};
        }
        if (!loOk) {
            lo = hi;
        } else if (!hiOk) {
            hi = lo;
        }
        if (lo > hi) {
            double t = lo;
            lo = hi;
            hi = t;
        }
        lo = Math.max(-LIMIT, Math.min(LIMIT, lo));
        hi = Math.max(-LIMIT, Math.min(LIMIT, hi));
        double magnitude = Math.max(Math.abs(lo), Math.abs(hi));
        if (hi - lo <= 1e-12 * magnitude) {
            double centre = lo / 2 + hi / 2;
            double half = centre == 0 ? 0.5 : 0.1 * Math.abs(centre);
            return new double[] {centre - half, centre + half};
        }
        return new double[] {lo, hi};
    }

    /**
     * The range of the finite values among {@code values}, as {@code {min, max}}; {@code null}
     * when there is none.
     */
    public static double[] finiteRange(double... values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return min <= max ? new double[] {min, max} : null;
    }

    /**
     * {@code [lo, hi]} widened by {@code fraction} of its width on each side (after
     * {@link #range}); used for the 5% padding of a y axis.
     */
    public static double[] padded(double lo, double hi, double fraction) {
        double[] r = range(lo, hi);
        double pad = (r[1] - r[0]) * fraction;
        return new double[] {r[0] - pad, r[1] + pad};
    }

    /**
     * The smallest nice step ({@code 1, 2 or 5 × 10^k}) that puts at most {@code maxTicks}
     * ticks in the range ({@code maxTicks} is at least 2).
     */
    public static double step(double lo, double hi, int maxTicks) {
        double[] r = range(lo, hi);
        int max = Math.max(2, maxTicks);
        double span = r[1] - r[0];
        // Start one decade below the step that would give exactly max ticks, then walk up.
        int k = (int) Math.floor(Math.log10(span / (max - 1))) - 1;
        for (int guard = 0; guard < 40; guard++, k++) {
            double decade = Math.pow(10, k);
            for (double m : MANTISSAS) {
                double step = m * decade;
                if (step > 0 && Double.isFinite(step) && count(r[0], r[1], step) <= max) {
                    return step;
                }
            }
        }
        return span;
    }

    /**
     * The tick values: every multiple of {@link #step} inside the (drawable) range
     * {@code [lo, hi]}, ascending, with {@code -0} and rounding noise near zero shown as 0.
     */
    public static double[] ticks(double lo, double hi, int maxTicks) {
        double[] r = range(lo, hi);
        double step = step(r[0], r[1], maxTicks);
        return ticksWithStep(r[0], r[1], step);
    }

    /** Every multiple of {@code step} in {@code [lo, hi]} (a tolerance of 1e-9 steps at the ends). */
    static double[] ticksWithStep(double lo, double hi, double step) {
        long first = (long) Math.ceil(lo / step - 1e-9);
        long last = (long) Math.floor(hi / step + 1e-9);
        if (last < first) {
            return new double[0];
        }
        int n = (int) Math.min(last - first + 1, 10_000);
        // step = m · 10^e: for e < 0 compute (k·m) / 10^-e, which is the double nearest to the decimal
        // k·m·10^e (3 × 0.1 gives 0.3, not 0.30000000000000004); 10^-e is exact up to 10^22
        int e = (int) Math.floor(Math.log10(step) + 1e-9);
        double m = Math.rint(step / Math.pow(10, e));
        boolean decimal = e < 0 && e >= -22 && Math.abs(m * Math.pow(10, e) - step) <= step * 1e-12;
        double divisor = decimal ? Math.pow(10, -e) : 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double v = decimal ? (first + i) * m / divisor : (first + i) * step;
            out[i] = Math.abs(v) < step * 1e-9 ? 0 : v;
        }
        return out;
    }

    private static long count(double lo, double hi, double step) {
        double first = Math.ceil(lo / step - 1e-9);
        double last = Math.floor(hi / step + 1e-9);
        return (long) Math.max(0, last - first + 1);
    }

    /**
     * Labels for ascending ticks, each with the fewest digits that give the tick back to
     * within a millionth of the spacing between ticks: {@code 0, 0.25, 0.5}; {@code 1e-05,
     * 1.5e-05} when every tick is below 1e-4 in magnitude or any is at least 1e6 (Python's
     * style: one or more mantissa digits, a signed exponent of at least two digits). Zero is
     * always {@code "0"}, never {@code "-0"}.
     */
    public static String[] labels(double[] ticks) {
        double spacing = Double.POSITIVE_INFINITY;
        for (int i = 1; i < ticks.length; i++) {
            if (ticks[i] != ticks[i - 1]) {
                spacing = Math.min(spacing, Math.abs(ticks[i] - ticks[i - 1]));
            }
        }
        return labels(ticks, spacing);
    }

    /**
     * Labels for ticks that are multiples of {@code step}, as {@link #labels(double[])}; with a
     * step that is not finite and positive (a single tick and no step known), each label is
     * exact to 12 significant digits.
     */
    public static String[] labels(double[] ticks, double step) {
        String[] out = new String[ticks.length];
        if (ticks.length == 0) {
            return out;
        }
        double maxAbs = 0;
        for (double t : ticks) {
            maxAbs = Math.max(maxAbs, Math.abs(t));
        }
        double tolerance = step > 0 && Double.isFinite(step) ? step * 1e-6 : Math.max(maxAbs * 1e-12, Double.MIN_NORMAL);
        boolean scientific = maxAbs >= SCI_LARGE || (maxAbs > 0 && maxAbs < SCI_SMALL);
        for (int i = 0; i < ticks.length; i++) {
            out[i] = scientific ? scientific(ticks[i], tolerance) : plain(ticks[i], tolerance);
        }
        return out;
    }

    /** The label of one tick of a series with this step (see {@link #labels}). */
    public static String label(double tick, double step) {
        return labels(new double[] {tick}, step)[0];
    }

    /**
     * Labels for ticks that count things (steps), as a reader says them: on an axis below
     * 10,000 the plain numbers; otherwise each tick in thousands, millions or billions with k,
     * M or G ({@code 500k}, {@code 1M}, {@code 1.5M}), with as many decimals as the ticks need
     * to differ, never in scientific notation.
     */
    public static String[] countLabels(double[] ticks) {
        double maxAbs = 0;
        double spacing = Double.POSITIVE_INFINITY;
        for (int i = 0; i < ticks.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(ticks[i]));
            if (i > 0 && ticks[i] != ticks[i - 1]) {
                spacing = Math.min(spacing, Math.abs(ticks[i] - ticks[i - 1]));
            }
        }
        String[] out = new String[ticks.length];
        for (int i = 0; i < ticks.length; i++) {
            double a = Math.abs(ticks[i]);
            double unit = maxAbs < 1e4 ? 1 : a >= 1e9 ? 1e9 : a >= 1e6 ? 1e6 : a >= 1e3 ? 1e3 : 1;
            String suffix = unit == 1e9 ? "G" : unit == 1e6 ? "M" : unit == 1e3 ? "k" : "";
            double tolerance = Double.isFinite(spacing) ? spacing / unit * 1e-6 : 1e-9;
            String number = plain(ticks[i] / unit, tolerance);
            out[i] = number.equals("0") ? "0" : number + suffix;
        }
        return out;
    }

    /**
     * A single value (not a tick) with {@code significant} significant digits, trailing
     * zeros dropped: {@code format(0.123456, 3) = "0.123"}, {@code format(1234.5, 3) = "1235"}
     * (integer digits are kept), {@code format(2.5e-7, 3) = "2.5e-07"}. NaN and infinities
     * print as {@code nan}, {@code inf}, {@code -inf}.
     */
    public static String format(double v, int significant) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double abs = Math.abs(v);
        int sig = Math.max(1, significant);
        if (abs >= SCI_LARGE || abs < SCI_SMALL) {
            return scientificDigits(new BigDecimal(v).round(new MathContext(sig, RoundingMode.HALF_EVEN)));
        }
        int integerDigits = abs >= 1 ? (int) Math.floor(Math.log10(abs)) + 1 : 0;
        BigDecimal bd = new BigDecimal(v).round(new MathContext(Math.max(sig, integerDigits), RoundingMode.HALF_EVEN));
        return plainDigits(bd);
    }

    private static String plain(double v, double tolerance) {
        if (Math.abs(v) <= tolerance) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v);
        for (int d = 0; d <= 20; d++) {
            BigDecimal rounded = exact.setScale(d, RoundingMode.HALF_EVEN);
            if (Math.abs(rounded.doubleValue() - v) <= tolerance) {
                return plainDigits(rounded);
            }
        }
        return plainDigits(BigDecimal.valueOf(v));
    }

    private static String scientific(double v, double tolerance) {
        if (Math.abs(v) <= tolerance) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v);
        for (int sig = 1; sig <= 17; sig++) {
            BigDecimal rounded = exact.round(new MathContext(sig, RoundingMode.HALF_EVEN));
            if (Math.abs(rounded.doubleValue() - v) <= tolerance) {
                return scientificDigits(rounded);
            }
        }
        return scientificDigits(BigDecimal.valueOf(v));
    }

    private static String plainDigits(BigDecimal bd) {
        if (bd.signum() == 0) {
            return "0";
        }
        String s = bd.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** {@code 1.5e-05}: mantissa digits without trailing zeros, exponent with sign and at least two digits. */
    private static String scientificDigits(BigDecimal bd) {
        if (bd.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = bd.stripTrailingZeros();
        String digits = stripped.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - stripped.scale();
        StringBuilder sb = new StringBuilder();
        if (stripped.signum() < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exponent < 0 ? '-' : '+');
        int e = Math.abs(exponent);
        if (e < 10) {
            sb.append('0');
        }
        sb.append(e);
        return sb.toString();
    }
}
