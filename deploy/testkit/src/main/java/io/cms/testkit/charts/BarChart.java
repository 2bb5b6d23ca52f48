package io.cms.testkit.charts;

import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Grouped bars as PNG: one group per label, one bar per series in each (e.g. endpoint vs ceiling), values on the bars. */
public final class BarChart {

    private BarChart() {
    }

    /** @param groups label → one value per series, in the order of {@code series} */
    public static void write(Path file, String title, String unit, List<String> series, Map<String, double[]> groups)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            for (int s = 0; s < e.getValue().length && s < series.size(); s++) {
                data.addValue(e.getValue()[s], series.get(s), e.getKey());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, null, unit, data, PlotOrientation.VERTICAL, true, false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        Charts.plain(plot);
        plot.setRangeGridlinePaint(java.awt.Color.LIGHT_GRAY);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, Charts.SERIES[s % Charts.SERIES.length]);
        }
        renderer.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("#,##0")));
        renderer.setDefaultItemLabelsVisible(true);
        Charts.save(chart, file);
    }
}
