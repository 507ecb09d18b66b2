package org.normscope.bench;

import java.util.Arrays;
import java.util.Collections;
import java.util.SplittableRandom;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.batch.Generator;
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

    /** What {@link #runFresh} measured: the draw alone, and the draw then the forward (a fresh step). */
    public record FreshMeasurement(Measurement draw, Measurement step) {
    }

    /**
     * Times fresh steps, as "fresh batch each step" runs them: each draws a new batch of this
     * shape (N(0, 1) in every channel, by {@link BatchSource} with {@code generator}, into the
     * reused input) and then runs the forward. Warms up as {@link #run}, then times
     * {@code iterations} draws alone and {@code iterations} draws with their forward.
     */
    public FreshMeasurement runFresh(int iterations, long warmupMillis, Generator generator) {
        int[] shape = input.shape();
        BatchSource source = new BatchSource(new BatchSpec(shape[0], Arrays.copyOfRange(shape, 2, shape.length),
                Collections.nCopies(shape[1], new ChannelSource.Normal(0, 1)), 0, 42, true, generator));
        forward(); // fails fast on a shape the layer refuses
        long step = 1;
        int warmups = 0;
        long until = System.nanoTime() + warmupMillis * 1_000_000L;
        while (warmups < 20 || System.nanoTime() < until) {
            source.batch(step++, false, input);
            forward();
            warmups++;
        }
        double[] draw = new double[iterations];
        double[] fresh = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            source.batch(step++, false, input);
            draw[i] = (System.nanoTime() - t0) / 1e6;
        }
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            source.batch(step++, false, input);
            forward();
            fresh[i] = (System.nanoTime() - t0) / 1e6;
        }
        return new FreshMeasurement(summary(draw, warmups), summary(fresh, warmups));
    }

    private Measurement summary(double[] ms, int warmups) {
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        Arrays.sort(ms);
        double median = ms.length % 2 == 1 ? ms[ms.length / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
        return new Measurement(ms.length, warmups, median, ms[0], mean, input.numel());
    }
}
