package org.normscope.session;

import java.util.Arrays;
import org.normscope.batch.BatchSource;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/**
 * The newest step's input and output, and the tensors steps reuse for them, so that a step
 * allocates none: three input buffers (the last step's input, which stays as it was until a step
 * succeeds, so that its output can still be written after a refused step; this step's; and the
 * next step's, drawn ahead by {@link BatchPrefetch} while this one runs) and one output buffer.
 * A quiet step leaves its output unwritten until something looks at it ({@link #ensureOutput}).
 * Owned by the session's thread.
 */
final class StepBuffers {

    private final Tensor[] inputs = new Tensor[3];
    private final BatchPrefetch prefetch = new BatchPrefetch(); // the next batch, drawn into the free buffer
    private Tensor output;          // y, reused while the shape stays
    private Tensor lastInput;
    private Tensor lastOutput;
    private boolean outputPending;  // the last step ran without writing lastOutput (see ensureOutput)

    /**
     * Step {@code t}'s batch: the one drawn ahead if it is that batch, else drawn now into a buffer
     * the last step did not use. The next step's batch starts being drawn meanwhile, into the third
     * buffer (an outlier queued or any change before that step drops it).
     */
    Tensor draw(BatchSource source, long t, boolean outlier) {
        Tensor x = prefetch.take(source.spec(), t, outlier);
        if (x == null) {
            x = source.batch(t, outlier, freeInput(lastInput, null));
        }
        keepInput(x);
        prefetch.start(source, t + 1, false, freeInput(lastInput, x));
        return x;
    }

    /** Where {@code x}'s output goes: the output buffer if it has x's shape, else a new tensor. */
    Tensor outputFor(Tensor x) {
        return output != null && output.sameShape(x) ? output : Tensor.zeros(x.shape());
    }

    /** A step ran on {@code x} into {@code y}; {@code written} is false if its forward left y out. */
    void ran(Tensor x, Tensor y, boolean written) {
        output = y;
        outputPending = !written;
        lastInput = x;
        lastOutput = y;
    }

    /** An input buffer that is neither {@code busy} nor {@code busy2} (null if there is none yet): a batch may go there. */
    private Tensor freeInput(Tensor busy, Tensor busy2) {
        for (Tensor b : inputs) {
            if (b != null && b != busy && b != busy2) {
                return b;
            }
        }
        return null;
    }

    /** {@code x} becomes one of the input buffers (in place of an empty one, or one the last step did not use), unless it is one. */
    private void keepInput(Tensor x) {
        int free = -1;
        for (int i = inputs.length - 1; i >= 0; i--) {
            if (inputs[i] == x) {
                return;
            }
            if (inputs[i] == null || free < 0 && inputs[i] != lastInput) {
                free = i;
            }
        }
        inputs[free] = x; // the source never writes into its shared repeated batch
    }

    /**
     * Writes the last step's output if a quiet step left it out: {@code layer} computed
     * everything else, and writes the same values now (see {@link BatchNorm#forwardWithoutOutput}).
     */
    void ensureOutput(NormLayer layer) {
        if (outputPending) {
            outputPending = false;
            layer.writeOutput(lastInput, lastOutput);
        }
    }

    /** The newest step's output, written first if need be ({@link #ensureOutput}); null before the first step. */
    Tensor writtenOutput(NormLayer layer) {
        ensureOutput(layer);
        return lastOutput;
    }

    /** The newest step's input, or null before the first step. */
    Tensor lastInput() {
        return lastInput;
    }

    /** The newest step's output, or null before the first step; written only after {@link #ensureOutput}. */
    Tensor lastOutput() {
        return lastOutput;
    }

    /** A new layer: no step yet. The buffers stay, to be reused. */
    void forgetLast() {
        lastInput = null;
        lastOutput = null;
        outputPending = false;
    }

    /** Drops the batch drawn ahead once its draw has ended, then every buffer (another session is put in place). */
    void settleAndClear() {
        prefetch.settle(); // the buffers below are dropped: nothing may still be drawing into them
        lastInput = null;
        lastOutput = null;
        Arrays.fill(inputs, null);
        output = null;
        outputPending = false;
    }

    /** The newest step run again ({@code y} written): {@code x} and {@code y} are its input and output. */
    void ranAgain(Tensor x, Tensor y) {
        lastInput = x;
        lastOutput = y;
        keepInput(x);
        output = y;
    }

    /** See {@link Session#outputValue}: written first by {@code layer} if need be. */
    float outputValue(NormLayer layer, int c, int index) {
        ensureOutput(layer);
        if (lastOutput == null || lastOutput.dim() < 2 || c < 0 || c >= lastOutput.size(1) || index < 0) {
            return Float.NaN;
        }
        int channels = lastOutput.size(1);
        int slice = lastOutput.numel() / lastOutput.size(0) / channels;
        int b = index / slice;
        if (b >= lastOutput.size(0)) {
            return Float.NaN;
        }
        return lastOutput.data()[(b * channels + c) * slice + index % slice];
    }

    /** Turns drawing the next batch ahead on (the default) or off. */
    void setPrefetching(boolean on) {
        prefetch.setEnabled(on);
    }

    /** How many steps used a batch drawn ahead. */
    long prefetchedSteps() {
        return prefetch.taken();
    }
}
