package org.normscope.scenario;

import java.util.List;

/**
 * A normalization layer and the steps to run on it ({@code normscope-scenario/1}).
 *
 * @param tolerance how closely a result must match an expected one; the spec's default if absent
 */
public record Scenario(String name, LayerSpec layer, List<Step> steps, Tolerance tolerance) {

    /** The format tag of scenario files. */
    public static final String FORMAT = "normscope-scenario/1";

    public Scenario {
        steps = List.copyOf(steps);
        tolerance = tolerance == null ? Tolerance.DEFAULT : tolerance;
    }
}
