package org.normscope.ui.viewmodel;

import java.util.List;

/**
 * What a chart group shows, as plain data: titles, legend entries, lines and their points,
 * ranges. A view model decides it (off the FX thread, maybe: it is immutable); the view only
 * puts it on its charts, in the chart package's types and the theme's colours.
 */
public final class ChartContent {

    private ChartContent() {
    }

    /** How a line is drawn. */
    public enum Dash { SOLID, DASHED, DOTTED }

    /** Where a line's colour comes from: its channel's, the legend key's (muted), or none (an unseen line). */
    public enum Ink { CHANNEL, KEY, NONE }

    /** Points {@code (x[i], y[i])}, x increasing; a NaN y is a gap. */
    public record Points(double[] x, double[] y) {

        /** No points: a legend entry without a line of its own. */
        public static Points none() {
            return new Points(new double[0], new double[0]);
        }

        public int size() {
            return x.length;
        }

        public double x(int i) {
            return x[i];
        }

        public double y(int i) {
            return y[i];
        }
    }

    /** A channel × column grid (a heat map): {@code cells[row][column]} at {@code x[column]}. */
    public record Grid(double[] x, double[][] cells) {

        public int rows() {
            return cells.length;
        }

        public int columns() {
            return x.length;
        }

        public double x(int column) {
            return x[column];
        }

        public double value(int row, int column) {
            return cells[row][column];
        }
    }

    /** Quantile bands: {@code values[level][i]} is quantile {@code levels[level]} at {@code x[i]}. */
    public record Bands(double[] x, double[] levels, double[][] values) {
    }

    /**
     * One line of a curve chart.
     *
     * @param label legend text (blank: never in the legend)
     * @param shortLabel the legend text where the full one does not fit
     * @param channel whose colour it takes, for {@link Ink#CHANNEL}
     * @param width stroke width in pixels at font scale 1
     * @param inLegend whether it stays in a legend cut down to the important entries
     */
    public record Line(String label, String shortLabel, Ink ink, int channel, Points data, Dash dash, double width,
                       boolean inLegend) {
    }

    /** A fixed x range, or {@link #AUTO} (what the data spans). */
    public record XRange(double lo, double hi) {

        public static final XRange AUTO = new XRange(Double.NaN, Double.NaN);

        public boolean isAuto() {
            return Double.isNaN(lo) || Double.isNaN(hi);
        }
    }

    /** What one chart group shows: one of the records below. */
    public sealed interface Group permits StatCurves, GroupDots, NoGroups, Distributions, LastBatch {
    }

    /**
     * A statistic over the steps (running_mean, batch var, …): a curve per channel shown with its
     * true value dashed and a comparison layer's dotted, or past eight channels a heat map under them.
     *
     * @param tipKey the chart's explanation (its tooltip)
     * @param heatMap null for none
     */
    public record StatCurves(boolean mean, XRange range, String tipKey, String title, String xLabel, String yLabel,
                             String heatMapLabel, String rowAxisLabel, Grid heatMap, List<Line> lines)
            implements Group {
    }

    /**
     * The last batch's statistics per group (a layer without running stats that normalizes within a
     * sample): one dotted line per sample, see {@link GroupCharts}.
     *
     * @param samples how many samples the batch has (the chooser offers each)
     * @param chooser whether the chooser of samples is shown
     */
    public record GroupDots(boolean mean, XRange range, String tipKey, String title, String xLabel, String yLabel,
                            List<Line> lines, int samples, boolean chooser) implements Group {
    }

    /** A group chart before the first step: its title, nothing drawn. */
    public record NoGroups(boolean mean, String title) implements Group {
    }

    /** One channel's x and y distributed over the steps: two panels of quantile bands. */
    public record Distributions(XRange range, String title, List<BandPanel> panels) implements Group {
    }

    /**
     * A panel of {@link Distributions}.
     *
     * @param input whether it shows x (else y), for its colour
     * @param bands null while there is no sample
     */
    public record BandPanel(String title, boolean input, Bands bands) {
    }

    /**
     * The last batch's histograms; which cells fit is known only where they are drawn, so they
     * are read there ({@link #cells}).
     */
    public static final class LastBatch implements Group {

        private final XRange range;
        private final java.util.function.IntFunction<Histograms> cells;

        LastBatch(XRange range, java.util.function.IntFunction<Histograms> cells) {
            this.range = range;
            this.cells = cells;
        }

        /** The x range of the distributions' chart, set as for them. */
        public XRange range() {
            return range;
        }

        /** The histograms of the chosen channels, at most {@code fit} of them. */
        public Histograms cells(int fit) {
            return cells.apply(fit);
        }
    }

    /**
     * The histogram chart's cells: each chosen channel's x and y.
     *
     * @param outputTitle the lower row's title (y, or what the layer type calls it)
     * @param channels each cell's channel, in order (empty before the first batch)
     */
    public record Histograms(String outputTitle, List<Integer> channels, List<Histogram> inputs,
                             List<Histogram> outputs) {
    }

    /** A histogram: bin counts over {@code lo..hi}, with labelled vertical markers. */
    public record Histogram(String title, int channel, double lo, double hi, int[] counts, List<Marker> markers) {
    }

    /** A labelled vertical line on a histogram. */
    public record Marker(double x, String label, Dash dash) {
    }
}
