package org.normscope.session;

import java.util.ArrayList;
import java.util.List;
import org.normscope.batch.BatchSource;
import org.normscope.batch.BatchSpec;
import org.normscope.batch.ChannelSource;
import org.normscope.engine.Momentum;
import org.normscope.engine.Tensor;
import org.normscope.scenario.LayerKind;

/** Batches, layers and double-precision statistics shared by the session tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Channel {@code c} draws from {@code normal(c − 1, 1 + c/2)}, fresh each step. */
    static BatchSpec normal(int n, int[] spatial, int channels, double drift, long seed) {
        List<ChannelSource> sources = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            sources.add(new ChannelSource.Normal(c - 1.0, 1.0 + c / 2.0));
        }
        return new BatchSpec(n, spatial, sources, drift, seed, true);
    }

    static LayerConfig bn1d(int channels, Momentum momentum) {
        return new LayerConfig(LayerKind.BATCH_NORM_1D, channels, 1e-5, momentum, true, true);
    }

    /** The batch of step {@code t} as the session draws it, regenerated from the spec alone. */
    static Tensor batch(BatchSpec spec, long t, boolean outlier) {
        return new BatchSource(spec).batch(t, outlier);
    }

    static int slice(Tensor x) {
        return x.numel() / x.size(0) / x.size(1);
    }

    /** Every value of channel {@code c}, as doubles. */
    static double[] channel(Tensor x, int c) {
        int n = x.size(0);
        int channels = x.size(1);
        int slice = slice(x);
        double[] out = new double[n * slice];
        int k = 0;
        for (int b = 0; b < n; b++) {
            for (int s = 0; s < slice; s++) {
                out[k++] = x.data()[(b * channels + c) * slice + s];
            }
        }
        return out;
    }

    static double[] means(Tensor x) {
        double[] m = new double[x.size(1)];
        for (int c = 0; c < m.length; c++) {
            m[c] = mean(channel(x, c));
        }
        return m;
    }

    /** Per-channel variance, biased ({@code /n}) or unbiased ({@code /(n−1)}). */
    static double[] vars(Tensor x, boolean unbiased) {
        double[] v = new double[x.size(1)];
        for (int c = 0; c < v.length; c++) {
            double[] values = channel(x, c);
            double m = mean(values);
            double sq = 0;
            for (double d : values) {
                sq += (d - m) * (d - m);
            }
            v[c] = sq / (unbiased ? values.length - 1 : values.length);
        }
        return v;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double d : values) {
            sum += d;
        }
        return sum / values.length;
    }

    static double min(double[] values) {
        double m = Double.POSITIVE_INFINITY;
        for (double d : values) {
            m = Math.min(m, d);
        }
        return m;
    }

    static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double d : values) {
            m = Math.max(m, d);
        }
        return m;
    }

    /** The text of the newest console entry. */
    static ConsoleLog.Entry lastEntry(Session s) {
        List<ConsoleLog.Entry> all = s.console().since(0);
        return all.get(all.size() - 1);
    }
}
