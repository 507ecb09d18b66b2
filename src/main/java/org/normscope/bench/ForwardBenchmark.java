package org.normscope.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.normscope.engine.BatchNorm;
import org.normscope.engine.NormLayer;
import org.normscope.engine.Tensor;

/**
 * Times a layer's forward on one reused input and output: a warm-up long enough for the
 * JIT to compile the kernels, then {@code iterations} timed forwards, each timed alone.
 * A BatchNorm writes into the output with {@code forward(input, out)}; the other types with
 * {@code forwardWithoutOutput} then {@code writeOutput}, which is the same computation and the
 * same floats as {@code forward} without allocating an output per step.
 */
public final class ForwardBenchmark {

    /** What a run measured. Times in milliseconds per forward; throughput at the median. */
    public record Measurement(int iterations, int warmupForwards, double medianMs, double minMs, double meanMs,
            long elements) {

        /** Input elements normalized per second, at the median time. */
        public double elementsPerSecond() {
            return elements / (medianMs / 1e3);
        }
    }

    private final NormLayer layer;
    private final Tensor input;
    private final Tensor output;

    /** A benchmark of {@code layer} (already in the mode to time) on a standard-normal batch of {@code shape}. */
    public ForwardBenchmark(NormLayer layer, int[] shape, long seed) {
        this.layer = layer;
        SplittableRandom random = new SplittableRandom(seed);
        float[] data = new float[Math.toIntExact(Tensor.numel(shape))];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) gaussian(random);
        }
        input = new Tensor(shape, data);
        output = Tensor.zeros(shape);
    }

    private static double gaussian(SplittableRandom r) {
        // Box–Muller; only the distribution matters here
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * Warms up for at least {@code warmupMillis} and 20 forwards, then times {@code iterations} forwards.
     *
     * @throws org.normscope.engine.TorchError if the layer refuses the shape
     */
    public Measurement run(int iterations, long warmupMillis) {
        forward(); // fails fast on a shape the layer refuses
        int warmups = 0;
        long until = System.nanoTime() + warmupMillis * 1_000_000L;
        while (warmups < 20 || System.nanoTime() < until) {
            forward();
            warmups++;
        }
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            forward();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        Arrays.sort(ms);
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        return new Measurement(iterations, warmups, median, ms[0], mean, input.numel());
    }

    private void forward() {
        if (layer instanceof BatchNorm bn) {
            bn.forward(input, output);
        } else {
            layer.forwardWithoutOutput(input);
            layer.writeOutput(input, output);
        }
    }
}
