package org.normscope.explain;

/**
 * One number a formula shows.
 *
 * @param symbol what it is, e.g. {@code running_mean}, {@code μ_B}, {@code y}
 * @param value the engine's value (a float32 widened to double, but for ε, n and n/(n−1))
 * @param text as the formula shows it, with 4 significant digits ({@code 0.7599}, {@code 0.4900})
 * @param exact the shortest decimal that reads back to the value, for a hover ({@code 0.7599})
 */
public record ShownNumber(String symbol, double value, String text, String exact) {
}
