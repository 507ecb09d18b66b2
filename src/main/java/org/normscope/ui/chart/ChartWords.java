package org.normscope.ui.chart;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The few words the charts draw themselves (the rest, titles and labels, are given to them), in
 * the window's language. The window gives a source that reads its bundles in the current language
 * ({@link #use(Supplier)}); the charts read {@link #current()} each time they draw, so a language
 * switch shows at the next redraw. English until a source is given.
 *
 * @param more        "+{0} more": what the legend could not list
 * @param noValues    a histogram cell with no values to draw
 * @param tooSmall    a chart with no room to draw
 * @param median      the band chart's median line
 * @param min         the lowest value
 * @param max         the highest value
 */
public record ChartWords(String more, String noValues, String tooSmall, String median, String min, String max) {

    public static final ChartWords ENGLISH = new ChartWords("+{0} more", "no values",
            "too small to draw: enlarge the window or the chart, or make the text smaller", "median", "min", "max");

    private static volatile Supplier<ChartWords> source = () -> ENGLISH;

    public ChartWords {
        Objects.requireNonNull(more);
        Objects.requireNonNull(noValues);
        Objects.requireNonNull(tooSmall);
        Objects.requireNonNull(median);
        Objects.requireNonNull(min);
        Objects.requireNonNull(max);
    }

    /** Where every chart takes its words from now on (asked at each redraw, on the FX thread). */
    public static void use(Supplier<ChartWords> words) {
        source = Objects.requireNonNull(words);
    }

    public static ChartWords current() {
        return source.get();
    }

    /** "+3 more". */
    public String more(int n) {
        return MessageFormat.format(more.replace("'", "''"), Integer.toString(n));
    }
}
