package org.normscope.scenario;

import java.util.List;

/** The result of replaying a scenario ({@code normscope-result/1}): one entry per step. */
public record Result(List<StepResult> steps) {

    /** The format tag of result files. */
    public static final String FORMAT = "normscope-result/1";

    public Result {
        steps = List.copyOf(steps);
    }
}
