package org.normscope.ui.viewmodel;

import java.util.ArrayList;
import java.util.List;
import org.normscope.session.GroupStats;
import org.normscope.session.LayerKind;

/**
 * What the two statistics charts show for a layer without running stats that normalizes within
 * a sample (InstanceNorm, LayerNorm, GroupNorm): the last batch's mean and variance of every
 * group of values that share one, against the group's index in its sample (channel, group or
 * row), one curve per sample; or, for LayerNorm over everything after N (one group a sample),
 * against the sample. With more samples than {@link ChartsViewModel#MAX_CURVES}, the chooser
 * picks one sample, or the first ones.
 */
public final class GroupCharts {

    /** {@link #of}'s sample for "the first samples, one curve each". */
    public static final int FIRST_SAMPLES = -1;

    /**
     * One curve: {@code label}, drawn in sample {@code sample}'s colour.
     *
     * @param x the group indices (or the samples)
     * @param mean the groups' means at x
     * @param var the groups' biased variances at x
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
            double[] x = new double[g.samples()];
            double[] mean = new double[g.samples()];
            double[] var = new double[g.samples()];
            for (int n = 0; n < g.samples(); n++) {
                x[n] = n;
                mean[n] = g.mean(n, 0);
                var[n] = g.var(n, 0);
            }
            series.add(new Series(UiText.get("groups.every.sample"), UiText.get("groups.every.sample"), 0, x, mean,
                    var));
            return new Shown(meanTitle, varTitle, UiText.get("groups.x.sample"), series, g.samples(), false);
        }
        int first = sample >= 0 && sample < g.samples() ? sample : 0;
        int count = sample >= 0 && sample < g.samples() ? 1 : Math.min(g.samples(), ChartsViewModel.MAX_CURVES);
        for (int n = first; n < first + count; n++) {
            double[] x = new double[g.groupsPerSample()];
            double[] mean = new double[x.length];
            double[] var = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
                mean[i] = g.mean(n, i);
                var[i] = g.var(n, i);
            }
            series.add(new Series(UiText.get("groups.sample", n), UiText.get("groups.sample.short", n), n, x, mean, var));
        }
        return new Shown(meanTitle, varTitle, UiText.get(xKey(g)), series, g.samples(),
                g.samples() > 1);
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
