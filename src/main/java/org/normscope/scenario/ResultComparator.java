package org.normscope.scenario;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.normscope.engine.Tensor;

/**
 * Compares a result with an expected one as the spec says: numbers within the tolerance,
 * shapes, nulls, {@code num_batches_tracked} and error types equal, error messages equal
 * to PyTorch's text. Each difference is one line naming the place, e.g.
 * {@code steps[3].running_var[1]: got 0.90611, want 0.90606}.
 */
public final class ResultComparator {

    private static final int MAX_PER_VECTOR = 3;

    private final Tolerance tolerance;
    private final List<String> differences = new ArrayList<>();

    private ResultComparator(Tolerance tolerance) {
        this.tolerance = tolerance;
    }

    /** The differences of {@code got} from {@code want}; empty when they match. */
    public static List<String> compare(Result got, Result want, Tolerance tolerance) {
        ResultComparator c = new ResultComparator(tolerance);
        c.compareResults(got, want);
        return c.differences;
    }

    private void compareResults(Result got, Result want) {
        if (got.steps().size() != want.steps().size()) {
            differences.add("steps: got " + got.steps().size() + " results, want " + want.steps().size());
            return;
        }
        for (int i = 0; i < want.steps().size(); i++) {
            compareStep("steps[" + i + "]", got.steps().get(i), want.steps().get(i));
        }
    }

    private void compareStep(String p, StepResult got, StepResult want) {
        if (want.error() != null || got.error() != null) {
            if (got.error() == null || want.error() == null) {
                differences.add(p + ".error: got " + describe(got.error()) + ", want " + describe(want.error()));
            } else if (!got.error().equals(want.error())) {
                differences.add(p + ".error: got " + describe(got.error()) + ", want " + describe(want.error()));
            }
        }
        compareTensor(p + ".output", got.output(), want.output());
        compareVector(p + ".running_mean", got.runningMean(), want.runningMean());
        compareVector(p + ".running_var", got.runningVar(), want.runningVar());
        if (!Objects.equals(got.numBatchesTracked(), want.numBatchesTracked())) {
            differences.add(p + ".num_batches_tracked: got " + got.numBatchesTracked() + ", want " + want.numBatchesTracked());
        }
        if (want.hasGradients() != got.hasGradients()) {
            differences.add(p + ".grad_input: got " + (got.hasGradients() ? "gradients" : "none")
                    + ", want " + (want.hasGradients() ? "gradients" : "none"));
        } else if (want.hasGradients()) {
            compareTensor(p + ".grad_input", got.gradInput(), want.gradInput());
            compareVector(p + ".grad_weight", got.gradWeight(), want.gradWeight());
            compareVector(p + ".grad_bias", got.gradBias(), want.gradBias());
        }
    }

    private static String describe(StepResult.StepError e) {
        return e == null ? "no error" : e.type() + ": " + e.message();
    }

    private void compareTensor(String p, Tensor got, Tensor want) {
        if (got == null || want == null) {
            if (got != want) {
                differences.add(p + ": got " + (got == null ? "null" : "a tensor") + ", want " + (want == null ? "null" : "a tensor"));
            }
            return;
        }
        if (!got.sameShape(want)) {
            differences.add(p + ".shape: got " + Arrays.toString(got.shape()) + ", want " + Arrays.toString(want.shape()));
            return;
        }
        compareValues(p + ".data", got.data(), want.data());
    }

    private void compareVector(String p, float[] got, float[] want) {
        if (got == null || want == null) {
            if (got != want) {
                differences.add(p + ": got " + (got == null ? "null" : "values") + ", want " + (want == null ? "null" : "values"));
            }
            return;
        }
        if (got.length != want.length) {
            differences.add(p + ": got " + got.length + " values, want " + want.length);
            return;
        }
        compareValues(p, got, want);
    }

    private void compareValues(String p, float[] got, float[] want) {
        int reported = 0;
        int mismatched = 0;
        for (int i = 0; i < want.length; i++) {
            if (!tolerance.matches(got[i], want[i])) {
                mismatched++;
                if (reported++ < MAX_PER_VECTOR) {
                    differences.add(p + "[" + i + "]: got " + got[i] + ", want " + want[i]);
                }
            }
        }
        if (mismatched > MAX_PER_VECTOR) {
            differences.add(p + ": " + (mismatched - MAX_PER_VECTOR) + " more values differ");
        }
    }
}
