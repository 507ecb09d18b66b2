package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import org.normscope.scenario.LayerKind;
import org.normscope.session.GroupStats;

/**
 * What the two statistics charts show for a layer without running stats that normalizes within
 * a sample (InstanceNorm, LayerNorm, GroupNorm): the last batch's mean and variance of every
 * group of values that share one, against the group's index in its sample (channel, group or
 * row), one curve per sample; or, for LayerNorm over everything after N (one group a sample),
 * against the sample. With more samples than {@link ChartsViewModel#MAX_CURVES}, the chooser
 * picks one sample, or the first ones.
 */
public final class GroupCharts {

    /** How far apart the dots of two neighbouring samples sit in one group (8 samples span 0.35 of the 0.5 to the gap). */
    static final double DODGE = 0.05;

    /** {@link #of}'s sample for "the first samples, one curve each". */
    public static final int FIRST_SAMPLES = -1;

    /**
     * One sample's dots: {@code label}, drawn in sample {@code sample}'s colour. Groups are
     * categories, not a sequence: the points are separated by gaps (a NaN half-way between two
     * groups), so that a chart draws each as a dot, not a line that suggests a trend.
     *
     * @param x the group indices (or the samples), with a gap at each half
     * @param mean the groups' means at x (NaN at the gaps)
     * @param var the groups' biased variances at x (NaN at the gaps)
     */
    public record Series(String label, String shortLabel, int sample, double[] x, double[] mean, double[] var) {
    }

    /**
     * @param meanTitle the upper chart's title
     * @param varTitle the lower chart's title
     * @param xLabel what x counts
     * @param series the curves
     * @param sampleChoices the samples the chooser offers (empty: no chooser)
     */
    public record Shown(String meanTitle, String varTitle, String xLabel, List<Series> series, int samples,
                        boolean chooser) {
    }

    private GroupCharts() {
    }

    /** What to draw for {@code g} with {@code sample} chosen (or {@link #FIRST_SAMPLES}). */
    public static Shown of(GroupStats g, int sample) {
        String words = UiText.get(wordsKey(g));
        String meanTitle = UiText.get("groups.title.mean", words);
        String varTitle = UiText.get("groups.title.var", words);
        List<Series> series = new ArrayList<>();
        if (g.groupsPerSample() == 1) {
            double[] x = dots(g.samples());
            double[] mean = new double[x.length];
            double[] var = new double[x.length];
            for (int n = 0; n < g.samples(); n++) {
                mean[2 * n] = g.mean(n, 0);
                var[2 * n] = g.var(n, 0);
            }
            gaps(mean, var);
            series.add(new Series(UiText.get("groups.every.sample"), UiText.get("groups.every.sample"), 0, x, mean,
                    var));
            return new Shown(meanTitle, varTitle, UiText.get("groups.x.sample"), series, g.samples(), false);
        }
        int first = sample >= 0 && sample < g.samples() ? sample : 0;
        int count = sample >= 0 && sample < g.samples() ? 1 : Math.min(g.samples(), ChartsViewModel.MAX_CURVES);
        for (int n = first; n < first + count; n++) {
            double[] x = dots(g.groupsPerSample());
            // side by side within a group, so that samples with equal values do not hide each other
            double dodge = (n - first - (count - 1) / 2.0) * DODGE;
            for (int i = 0; i < x.length; i += 2) {
                x[i] += dodge;
            }
            double[] mean = new double[x.length];
            double[] var = new double[x.length];
            for (int i = 0; i < g.groupsPerSample(); i++) {
                mean[2 * i] = g.mean(n, i);
                var[2 * i] = g.var(n, i);
            }
            gaps(mean, var);
            series.add(new Series(UiText.get("groups.sample", n), UiText.get("groups.sample.short", n), n, x, mean, var));
        }
        return new Shown(meanTitle, varTitle, UiText.get(xKey(g)), series, g.samples(),
                g.samples() > 1);
    }

    /** The sample chooser's entries for {@code samples} samples: the first ones, then each one. */
    public static List<Integer> choices(int samples) {
        List<Integer> items = new ArrayList<>();
        items.add(FIRST_SAMPLES);
        for (int n = 0; n < samples; n++) {
            items.add(n);
        }
        return items;
    }

    /** The chooser's entry to show among {@code samples}: {@code chosen} while it exists, else the first ones. */
    public static int choice(int chosen, int samples) {
        return chosen < samples ? chosen : FIRST_SAMPLES;
    }

    /** A sample chooser entry's words ("" for none). */
    public static String choiceText(Integer n) {
        return n == null ? "" : n == FIRST_SAMPLES ? UiText.get("groups.chooser.first") : UiText.get("groups.sample", n);
    }

    /** x for {@code count} dots: 0, 0.5, 1, 1.5, …, count − 1 (the halves are the gaps). */
    private static double[] dots(int count) {
        double[] x = new double[2 * count - 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = i / 2.0;
        }
        return x;
    }

    /** NaN at every odd index: the gaps between dots. */
    private static void gaps(double[] a, double[] b) {
        for (int i = 1; i < a.length; i += 2) {
            a[i] = Double.NaN;
            b[i] = Double.NaN;
        }
    }

    private static String wordsKey(GroupStats g) {
        if (g.kind() == LayerKind.LAYER_NORM) {
            return "groups.words.layer";
        }
        return g.kind() == LayerKind.GROUP_NORM ? "groups.words.group" : "groups.words.instance";
    }

    private static String xKey(GroupStats g) {
        if (g.kind() == LayerKind.LAYER_NORM) {
            return "groups.x.row";
        }
        return g.kind() == LayerKind.GROUP_NORM ? "groups.x.group" : "groups.x.channel";
    }
}
