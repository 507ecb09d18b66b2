package org.normscope.ui.viewmodel;

import java.util.List;

/**
 * A play speed: steps per second, or as fast as the engine goes.
 *
 * @param label the English label; the speed chooser shows {@link #toString()}, in the window's current language
 */
public record Speed(double stepsPerSecond, String label) {

    /** The speeds offered, slowest first. */
    public static final List<Speed> CHOICES = List.of(
            new Speed(1, "1 step/s"), new Speed(2, "2 steps/s"), new Speed(5, "5 steps/s"),
            new Speed(10, "10 steps/s"), new Speed(25, "25 steps/s"), new Speed(100, "100 steps/s"),
            new Speed(1000, "1000 steps/s"), new Speed(Double.POSITIVE_INFINITY, "as fast as possible"));

    /** The speed the window starts with. */
    public static final Speed DEFAULT = CHOICES.get(2);

    /** The label in the {@linkplain UiLocale current language}: "5 steps/s", "5 步/秒", "as fast as possible". */
    @Override
    public String toString() {
        if (Double.isInfinite(stepsPerSecond)) {
            return UiText.get("speed.fastest");
        }
        if (stepsPerSecond != Math.rint(stepsPerSecond)) {
            return label;
        }
        String n = Long.toString((long) stepsPerSecond); // "1000", not "1,000": as the English labels
        return UiText.get(stepsPerSecond == 1 ? "speed.one" : "speed.many", n);
    }
}
