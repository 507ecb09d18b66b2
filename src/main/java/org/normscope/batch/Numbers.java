package org.normscope.batch;

/** Short number forms for labels. */
final class Numbers {

    private Numbers() {
    }

    /** {@code 1} for 1.0, {@code 0.5} for 0.5, {@code 1e-05} style only where Java would print an exponent. */
    static String shortForm(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
