package io.cms.testkit.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A latency distribution as PNG: for each series, the share of samples at or under x ms (a step
 * line), its p50 and p99 in the legend, and the first series' p50 and p99 marked on the axis.
 */
public final class LatencyChart {

    private LatencyChart() {
    }

    /** @param series name → sorted latencies in ms */
    public static void write(Path file, String title, Map<String, List<Double>> series) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> v = e.getValue();
            XYSeries s = new XYSeries(String.format("%s (p50 %.1f, p99 %.1f ms)", e.getKey(), pct(v, 50), pct(v, 99)),
                    false, true);
            s.add(0.0, 0.0);
            for (int i = 0; i < v.size(); i++) {
                s.add(v.get(i).doubleValue(), 100.0 * (i + 1) / v.size());
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, "latency (ms)", "share of samples at or under it (%)",
                data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        Charts.plain(plot);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYStepRenderer renderer = new XYStepRenderer();
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesPaint(i, Charts.SERIES[i % Charts.SERIES.length]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        if (!series.isEmpty()) {
            List<Double> first = series.values().iterator().next();
            mark(plot, "p50", pct(first, 50));
            mark(plot, "p99", pct(first, 99));
        }
        Charts.save(chart, file);
    }

    private static void mark(XYPlot plot, String label, double x) {
        ValueMarker m = new ValueMarker(x, Color.GRAY, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                1f, new float[] {4f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        m.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(m);
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
