package org.normscope.batch;

import java.util.SplittableRandom;
import org.normscope.engine.Tensor;

/**
 * Draws the input batch of each step from a {@link BatchSpec}, and knows what the running
 * statistics should converge to: every channel's true mean and variance at that step.
 *
 * <p>Step {@code t} (counted from 1) of channel {@code c} draws from {@code sources[c]} shifted by
 * {@code drift·(t − 1)}. Each channel has its own generator, seeded from {@code (seed, t, c)}
 * for a fresh batch and from {@code (seed, 1, c)} for "same batch" (so only the drift moves
 * it): changing one channel's source leaves the other channels' values as they were. An
 * outlier batch adds {@link #outlierShift} to every value of that one step.
 */
public final class BatchSource {

    private final BatchSpec spec;
    private Tensor repeated; // the one batch of a spec that repeats it without drift

    public BatchSource(BatchSpec spec) {
        this.spec = spec;
    }

    public BatchSpec spec() {
        return spec;
    }

    /** The batch of step {@code step} (from 1); with {@code outlier} every value is shifted by {@link #outlierShift}. */
    public Tensor batch(long step, boolean outlier) {
        return batch(step, outlier, null);
    }

    /**
     * The batch of step {@code step}, written into {@code reuse} when it has the spec's shape
     * (else into a new tensor). A spec that repeats its batch with no drift gives the same
     * tensor every step, drawn once: do not write into it.
     */
    public Tensor batch(long step, boolean outlier, Tensor reuse) {
        if (step < 1) {
            throw new IllegalArgumentException("steps count from 1, got " + step);
        }
        boolean unshifted = !outlier && driftAt(step) == 0.0;
        if (unshifted && !spec.freshEachStep()) {
            if (repeated == null) {
                repeated = draw(1, false, null);
            }
            return repeated;
        }
        return draw(step, outlier, reuse);
    }

    private Tensor draw(long step, boolean outlier, Tensor reuse) {
        int[] shape = spec.shape();
        int n = shape[0];
        int channels = shape[1];
        int slice = (int) (spec.valuesPerChannel() / n);
        Tensor out = reuse != null && reuse != repeated && java.util.Arrays.equals(reuse.shape(), shape) ? reuse
                : new Tensor(shape, new float[n * channels * slice]);
        float[] data = out.data();
        long stepSeed = mix(spec.seed(), spec.freshEachStep() ? step : 1);
        double drift = driftAt(step);
        for (int c = 0; c < channels; c++) {
            SplittableRandom random = new SplittableRandom(mix(stepSeed, c));
            ChannelSource source = spec.sources().get(c);
            double shift = drift + (outlier ? outlierShift(c) : 0.0);
            for (int b = 0; b < n; b++) {
                int base = (b * channels + c) * slice;
                for (int s = 0; s < slice; s++) {
                    data[base + s] = (float) (source.sample(random) + shift);
                }
            }
        }
        return out;
    }

    /** Channel {@code c}'s true mean at step {@code step}: {@code source.mean + drift·(step − 1)}. */
    public double trueMean(int c, long step) {
        return spec.sources().get(c).mean() + driftAt(step);
    }

    /** Channel {@code c}'s true variance (the drift moves the mean only). */
    public double trueVariance(int c) {
        return spec.sources().get(c).variance();
    }

    /**
     * How far an outlier batch moves channel {@code c}: {@code 10·max(std, 1)}, ten standard
     * deviations of its source, but at least 10 (so a constant or narrow channel still jumps visibly).
     */
    public double outlierShift(int c) {
        return 10 * Math.max(Math.sqrt(trueVariance(c)), 1.0);
    }

    private double driftAt(long step) {
        return spec.driftPerStep() * (step - 1);
    }

    /** A well-spread 64-bit mix of two values (SplitMix64's finalizer), so neighbouring seeds give unrelated draws. */
    static long mix(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
