package org.normscope.ui.view;

import org.normscope.session.HistoryView;
import org.normscope.session.Stat;
import org.normscope.ui.chart.HeatMapData;
import org.normscope.ui.chart.SeriesData;

/** The session's history as chart data: no copies, the view's rows never change. */
final class HistorySeries {

    private HistorySeries() {
    }

    /** One channel's {@code stat} against the step. */
    static SeriesData of(HistoryView view, Stat stat, int channel) {
        return new SeriesData() {
            @Override
            public int size() {
                return view.size();
            }

            @Override
            public double x(int i) {
                return view.step(i);
            }

            @Override
            public double y(int i) {
                return view.value(stat, channel, i);
            }
        };
    }

    /** Every channel's {@code stat}: a row per channel, a column per recorded step. */
    static HeatMapData heatMap(HistoryView view, Stat stat) {
        return new HeatMapData() {
            @Override
            public int rows() {
                return view.channels();
            }

            @Override
            public int columns() {
                return view.size();
            }

            @Override
            public double x(int column) {
                return view.step(column);
            }

            @Override
            public double value(int row, int column) {
                return view.value(stat, row, column);
            }

            @Override
            public String rowLabel(int row) {
                return Integer.toString(row);
            }
        };
    }
}
