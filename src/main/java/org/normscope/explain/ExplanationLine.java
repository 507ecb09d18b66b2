package org.normscope.explain;

import java.util.List;

/**
 * One line of an explanation: a formula with the step's numbers substituted.
 *
 * @param key names the line ({@code running_mean}, {@code y}, …); also its caption's key in {@code i18n/explain}
 * @param caption the formula in plain words
 * @param formula plain Unicode, e.g. {@code running_var ← (1 − 0.3)·0.343 + 0.3·0 = 0.2401}
 * @param tex the same for JLaTeXMath
 * @param numbers the numbers the formula shows, in order
 */
public record ExplanationLine(String key, String caption, String formula, String tex, List<ShownNumber> numbers) {

    public ExplanationLine {
        numbers = List.copyOf(numbers);
    }
}
