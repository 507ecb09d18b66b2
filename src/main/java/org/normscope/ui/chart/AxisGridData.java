package org.normscope.ui.chart;

/**
 * What an {@link AxisGridChart} draws, immutable: a batch's values as a grid of {@code samples}
 * rows and {@code channels} blocks of {@code positions} cells, each cell's colour position and
 * the set it belongs to, the highlighted set and the pointed cell, and the words around it.
 * Cells are in row-major order {@code (n·channels + c)·positions + p}.
 *
 * @param colour each cell's place on the diverging colour map, 0 to 1 (0.5: the centre)
 * @param set each cell's set: cells of one set get one outline
 * @param cellText each cell's value as text (drawn where it fits), or null for none
 * @param highlighted the set lit up (the others are dimmed), or −1
 * @param hoverN the pointed cell's sample (−1: none)
 * @param legendTexts the legend's three value labels: low end, centre, high end
 */
public record AxisGridData(int samples, int channels, int positions, double[] colour, int[] set, String[] cellText,
                           int highlighted, int hoverN, int hoverC, int hoverP, String sampleTitle,
                           String channelTitle, String positionTitle, String legendTitle, String[] legendTexts) {

    public AxisGridData {
        int cells = samples * channels * positions;
        if (colour.length != cells || set.length != cells || (cellText != null && cellText.length != cells)) {
            throw new IllegalArgumentException("expected " + cells + " cells");
        }
        colour = colour.clone();
        set = set.clone();
        cellText = cellText == null ? null : cellText.clone();
        legendTexts = legendTexts.clone();
    }

    /** The index of cell {@code (n, c, p)}. */
    public int at(int n, int c, int p) {
        return (n * channels + c) * positions + p;
    }
}
