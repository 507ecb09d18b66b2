/**
 * Small, fast charts for projecting in a classroom, drawn on one JavaFX
 * {@link javafx.scene.canvas.Canvas} each; they depend on nothing but JavaFX.
 *
 * <ul>
 *   <li>{@link org.normscope.ui.chart.CurveChart}: curves over a shared x axis (training steps),
 *       optionally with a per-channel {@link org.normscope.ui.chart.HeatMapData heat map} stacked
 *       underneath; many points are drawn as a per-pixel-column {@link org.normscope.ui.chart.Envelope}.</li>
 *   <li>{@link org.normscope.ui.chart.HistogramChart}: input and output histograms per channel,
 *       as two rows of small multiples.</li>
 *   <li>{@link org.normscope.ui.chart.BandChart}: distributions over steps as nested quantile
 *       bands (min–max, 15.9–84.1 %) and a median line, one stacked panel per
 *       {@link org.normscope.ui.chart.BandData distribution} (a channel's input and output).</li>
 *   <li>{@link org.normscope.ui.chart.XAxisChart}: what the charts over steps share: they report
 *       wheel zoom, drag pan and pointing in x units, and draw a cursor line set by their owner,
 *       who holds the x range (the charts keep no view state).</li>
 *   <li>{@link org.normscope.ui.chart.Palette}: Okabe–Ito channel colours and the viridis heat map,
 *       both colour-blind safe; {@link org.normscope.ui.chart.NiceTicks}: 1-2-5 ticks and their labels.</li>
 * </ul>
 *
 * <p>Text is large (tick labels 14 px, axis titles 15 px, titles 18 px) and scales with each
 * chart's {@code fontScale} property (bind it to the window's Ctrl+/Ctrl− zoom); every label is
 * measured and placed inside the chart, legends sit in a strip of their own above the plot.
 * Changes are drawn once per pulse (see {@link org.normscope.ui.chart.CanvasChart}), and
 * {@link javafx.scene.Node#snapshot} captures the current picture, for PNG export.
 *
 * <p>Charts must be created and changed on the JavaFX application thread, like any node in a
 * scene; the data interfaces ({@link org.normscope.ui.chart.SeriesData},
 * {@link org.normscope.ui.chart.HeatMapData}, {@link org.normscope.ui.chart.BandData}) are read only while
 * drawing, on that thread.
 */
package org.normscope.ui.chart;
