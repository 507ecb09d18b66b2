package org.normscope.json;

import com.fasterxml.jackson.core.io.NumberOutput;

/**
 * A float as the shortest decimal that reads back as the same float ({@link Float#parseFloat}
 * gives the same bits), laid out as {@link Float#toString(float)} lays it out: {@code 0.001} to
 * {@code 9999999.0} plain, otherwise {@code 1.0E-4}, {@code 1.2345678E7}; {@code NaN},
 * {@code Infinity}, {@code -Infinity}. This is what {@code Float.toString} gives from Java 19
 * on; Java 17's sometimes gives a digit more than needed ({@code 1.18846831E13} for
 * {@code 1.1884683E13}, JDK-4511638). The digits come from Jackson's Schubfach writer, which the
 * JSON writers use too ({@link #JSON_FEATURE}): a result file, a CSV export and the status bar
 * show a float alike.
 *
 * <p>Not for what imitates PyTorch's printing ({@code org.normscope.print}), which has its own
 * layout.
 */
public final class ShortestFloat {

    /**
     * The Jackson feature under which a JSON writer prints a float (and a double) by the same
     * Schubfach algorithm: a mapper writes floats as {@link #format} does when built with it.
     */
    public static final com.fasterxml.jackson.core.StreamWriteFeature JSON_FEATURE =
            com.fasterxml.jackson.core.StreamWriteFeature.USE_FAST_DOUBLE_WRITER;

    private ShortestFloat() {
    }

    /** The shortest decimal of {@code v} in {@code Float.toString}'s layout. */
    public static String format(float v) {
        return NumberOutput.toString(v, true);
    }
}
