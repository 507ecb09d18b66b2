package org.normscope.ui.viewmodel;

/**
 * One line of the Explain pane: a formula with the step's numbers substituted, and what it
 * says in plain words.
 *
 * @param key what the line is (e.g. {@code running_var}), for tests and styles
 * @param caption one line in plain words ("the running mean moves 30 % of the way toward this batch's mean")
 * @param tex the formula for the typesetter
 * @param plain the same formula in plain Unicode (for copying, and for screen readers)
 * @param exact each number of the formula with its exact float32 value, shown on hover
 */
public record FormulaLine(String key, String caption, String tex, String plain, String exact) {
}
