package org.normscope.session;

import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.print.TensorPrinter;
import org.normscope.scenario.LayerKind;

/** A step as the console prints it: {@code y} and the running stats (and the comparison layer's), as PyTorch prints them. */
final class StepPrintout {

    /** The {@code grad_fn} PyTorch 1.13 prints on an output with learnable parameters, by kind. */
    private static String gradFn(LayerKind kind) {
        if (kind.isInstanceNorm()) {
            return "grad_fn=<ViewBackward0>"; // at::instance_norm views batch_norm's output back as the input
        }
        return switch (kind) {
            case LAYER_NORM -> "grad_fn=<NativeLayerNormBackward0>";
            case GROUP_NORM -> "grad_fn=<NativeGroupNormBackward0>";
            default -> "grad_fn=<NativeBatchNormBackward0>";
        };
    }

    private StepPrintout() {
    }

    static String of(long t, boolean train, Tensor x, Tensor y, LayerConfig config, float[] rm,
                    float[] rv, Momentum compare, float[] cm, float[] cv) {
        StringBuilder s = new StringBuilder();
        s.append(SessionText.get("step.header", Long.toString(t), SessionText.get(train ? "mode.train" : "mode.eval"),
                x.sizeString()));
        if (config.affine()) {
            s.append("\ny = ").append(TensorPrinter.repr(y, gradFn(config.kind())));
        } else {
            s.append("\ny = ").append(TensorPrinter.repr(y));
        }
        if (config.trackRunningStats()) {
            s.append("\nrunning_mean = ").append(TensorPrinter.repr(vector(rm)));
            s.append("\nrunning_var = ").append(TensorPrinter.repr(vector(rv)));
        } else if (config.kind().hasMomentum()) {
            s.append("\nrunning_mean = None\nrunning_var = None"); // LayerNorm and GroupNorm have no such attributes
        }
        if (compare != null && config.trackRunningStats()) {
            String who = "\n" + SessionText.get("compare.prefix", String.valueOf(compare));
            s.append(who).append("running_mean = ").append(TensorPrinter.repr(vector(cm)));
            s.append(who).append("running_var = ").append(TensorPrinter.repr(vector(cv)));
        }
        return s.toString();
    }

    private static Tensor vector(float[] values) {
        return new Tensor(new int[] {values.length}, values);
    }
}
