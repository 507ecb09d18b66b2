package org.normscope.scenario;

/**
 * When two numbers match: {@code |got − want| ≤ atol + rtol·|want|}; NaN matches only NaN
 * and an infinity only the same infinity.
 */
public record Tolerance(double atol, double rtol) {

    /** The spec's default: atol 1e-5, rtol 1e-4. */
    public static final Tolerance DEFAULT = new Tolerance(1e-5, 1e-4);

    /** Whether {@code got} matches {@code want}. */
    public boolean matches(double got, double want) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (Double.isInfinite(want) || Double.isInfinite(got)) {
            return got == want;
        }
        return Math.abs(got - want) <= atol + rtol * Math.abs(want);
    }
}
