package org.normscope.ui.viewmodel;

import java.util.List;

/** A play speed: steps per second, or as fast as the engine goes. */
public record Speed(double stepsPerSecond, String label) {

    /** The speeds offered, slowest first. */
    public static final List<Speed> CHOICES = List.of(
            new Speed(1, "1 step/s"), new Speed(2, "2 steps/s"), new Speed(5, "5 steps/s"),
            new Speed(10, "10 steps/s"), new Speed(25, "25 steps/s"), new Speed(100, "100 steps/s"),
            new Speed(1000, "1000 steps/s"), new Speed(Double.POSITIVE_INFINITY, "as fast as possible"));

    /** The speed the window starts with. */
    public static final Speed DEFAULT = CHOICES.get(2);

    @Override
    public String toString() {
        return label;
    }
}
