package org.normscope.ui.chart;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Made-up but plausible BatchNorm data for the sample pictures and render tests. */
final class ChartSamples {

    private ChartSamples() {
    }

    static final double[] TRUE_MEAN = {1.5, -0.8, 0.3, 2.4, -1.9, 0.9, -0.2, 1.1};
    static final double[] TRUE_STD = {0.5, 1.2, 2.0, 0.8, 1.5, 0.3, 1.0, 0.6};

    /** running_mean per channel (solid) converging with momentum 0.1, and the true mean (dashed). */
    static List<Curve> runningMeans(int channels, int steps, long seed) {
        Random rnd = new Random(seed);
        List<Curve> curves = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double[] y = new double[steps + 1];
            double rm = 0;
            y[0] = rm;
            for (int t = 1; t <= steps; t++) {
                double batchMean = TRUE_MEAN[c] + TRUE_STD[c] / 4 * rnd.nextGaussian();
                rm = 0.9 * rm + 0.1 * batchMean;
                y[t] = rm;
            }
            curves.add(Curve.dashed("true mean " + c, Palette.channel(c), SeriesData.constant(0, steps, TRUE_MEAN[c])));
            curves.add(Curve.solid("running_mean[" + c + "]", Palette.channel(c), SeriesData.of(0, 1, y)));
        }
        return curves;
    }

    /** running_var of {@code channels} channels over {@code steps} steps: rows are channels. */
    static double[][] runningVars(int channels, int steps, long seed) {
        Random rnd = new Random(seed);
        double[][] v = new double[channels][steps];
        for (int c = 0; c < channels; c++) {
            double target = 0.3 + 2.5 * Math.pow((c * 37 % channels) / (double) channels, 1.5);
            double rv = 1;
            for (int t = 0; t < steps; t++) {
                double batchVar = target * (1 + 0.25 * rnd.nextGaussian());
                rv = 0.9 * rv + 0.1 * batchVar;
                v[c][t] = rv;
            }
        }
        return v;
    }

    static double[] column(double[][] rows, int channelCountMeanOf) {
        int steps = rows[0].length;
        double[] mean = new double[steps];
        for (int t = 0; t < steps; t++) {
            double s = 0;
            for (int c = 0; c < channelCountMeanOf; c++) {
                s += rows[c][t];
            }
            mean[t] = s / channelCountMeanOf;
        }
        return mean;
    }

    /** Input and output histograms of {@code channels} channels of a batch of {@code n} values. */
    static List<List<HistogramData>> histograms(int channels, int n, long seed) {
        Random rnd = new Random(seed);
        List<HistogramData> in = new ArrayList<>();
        List<HistogramData> out = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double[] x = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                x[i] = TRUE_MEAN[c % 8] + TRUE_STD[c % 8] * rnd.nextGaussian();
                sum += x[i];
            }
            double mean = sum / n;
            double ss = 0;
            for (double v : x) {
                ss += (v - mean) * (v - mean);
            }
            double std = Math.sqrt(ss / n + 1e-5);
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (x[i] - mean) / std;
            }
            in.add(HistogramData.of("channel " + c, Palette.channel(c), x, 30, List.of(
                    new HistogramData.Marker(mean, "mean", LineStyle.DASHED))));
            out.add(HistogramData.of("channel " + c, Palette.channel(c), y, 30, List.of(
                    new HistogramData.Marker(0, "0", LineStyle.DASHED),
                    new HistogramData.Marker(-1, "-1", LineStyle.DOTTED),
                    new HistogramData.Marker(1, "+1", LineStyle.DOTTED))));
        }
        return List.of(in, out);
    }

    /**
     * Quantiles (min, 15.9 %, median, 84.1 %, max) per step of a channel's input x (its mean
     * drifting up and its spread shrinking) and of its output y = BN(x) (about standard normal),
     * from batches of {@code batch} values; steps {@code gapFrom..gapTo-1} are missing (NaN).
     * Returns {input, output}.
     */
    static BandData[] bands(int steps, int batch, int gapFrom, int gapTo, long seed) {
        Random rnd = new Random(seed);
        double[] levels = BandData.sigmaLevels();
        double[] xs = new double[steps];
        double[][] qIn = new double[levels.length][steps];
        double[][] qOut = new double[levels.length][steps];
        double[] v = new double[batch];
        for (int t = 0; t < steps; t++) {
            xs[t] = t;
            if (t >= gapFrom && t < gapTo) {
                for (int k = 0; k < levels.length; k++) {
                    qIn[k][t] = Double.NaN;
                    qOut[k][t] = Double.NaN;
                }
                continue;
            }
            double mean = 0.5 + 2.0 * t / steps + 0.3 * Math.sin(t / 25.0);
            double std = 1.6 - 0.9 * t / steps;
            double sum = 0;
            for (int i = 0; i < batch; i++) {
                v[i] = mean + std * rnd.nextGaussian();
                sum += v[i];
            }
            double m = sum / batch;
            double ss = 0;
            for (double a : v) {
                ss += (a - m) * (a - m);
            }
            double sd = Math.sqrt(ss / batch + 1e-5);
            double[] sorted = v.clone();
            java.util.Arrays.sort(sorted);
            for (int k = 0; k < levels.length; k++) {
                double q = quantile(sorted, levels[k]);
                qIn[k][t] = q;
                qOut[k][t] = (q - m) / sd;
            }
        }
        return new BandData[] {BandData.of(xs, levels, qIn), BandData.of(xs.clone(), levels, qOut)};
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double level) {
        double pos = level * (sorted.length - 1);
        int i = (int) Math.floor(pos);
        int j = Math.min(sorted.length - 1, i + 1);
        return sorted[i] + (sorted[j] - sorted[i]) * (pos - i);
    }
}
