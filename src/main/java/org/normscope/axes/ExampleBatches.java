package org.normscope.axes;

import java.util.Random;
import org.normscope.engine.Tensor;

/**
 * The explorer's built-in batches, the same at every run, so that the questions "which numbers
 * does BatchNorm2d average?" for {@code (N, C, H, W)} and for {@code (N, C)} can be shown
 * whatever the session holds. Values have one decimal, so that they read on a projector, and
 * each channel has its own level ({@code c − 1.5}), so that channels differ at a glance:
 * <pre>
 *   x[n, c, …] = round(10 · (c − 1.5 + 0.8·z)) / 10,   z ~ N(0, 1), seed 15
 * </pre>
 */
public final class ExampleBatches {

    /** An {@code (N, C)} batch: six samples of four features. */
    public static final int[] NC = {6, 4};

    /** An {@code (N, C, H, W)} batch: two 3×3 images of four channels. */
    public static final int[] NCHW = {2, 4, 3, 3};

    private ExampleBatches() {
    }

    /** The example batch of {@code shape} ({@link #NC}, {@link #NCHW}, or any other {@code (N, C, *)}). */
    public static Tensor of(int[] shape) {
        Random r = new Random(15);
        float[] x = new float[(int) Tensor.numel(shape)];
        int c = shape[1];
        int per = x.length / shape[0] / c;
        for (int i = 0; i < x.length; i++) {
            int channel = i / per % c;
            double v = channel - 1.5 + 0.8 * r.nextGaussian();
            x[i] = (float) (Math.round(v * 10) / 10.0);
        }
        return new Tensor(shape, x);
    }
}
