package io.cms.local.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A latency distribution chart (share of samples at or under x ms), one line per series, as PNG. */
public final class LatencyChart {


    private LatencyChart() {
    }

    /** @param series name → sorted latencies in ms */
    public static void write(Path file, String title, Map<String, List<Double>> series) throws IOException {
        int w = Canvas.WIDTH;
        int h = Canvas.HEIGHT;
        int left = 70;
        int right = 20;
        int top = 40;
        int bottom = 60;
        double max = series.values().stream().flatMap(List::stream).mapToDouble(Double::doubleValue).max().orElse(1);
        double xMax = Math.ceil(max / 10) * 10;
        Canvas canvas = new Canvas(title, left);
        Graphics2D g = canvas.g;
        int plotW = w - left - right;
        int plotH = h - top - bottom;
        canvas.grid(left, top, plotW, plotH, i -> String.format("%.0f", xMax * i / 10), i -> i * 10 + "%", left - 35,
                "latency (ms); y: share of samples at or under it");
        int s = 0;
        Map<String, Color> legend = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            Color c = Canvas.SERIES[s++ % Canvas.SERIES.length];
            legend.put(e.getKey(), c);
            List<Double> v = e.getValue();
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            int px = left;
            int py = top + plotH;
            for (int i = 0; i < v.size(); i++) {
                int x = left + (int) (plotW * v.get(i) / xMax);
                int y = top + plotH - (int) (plotH * (i + 1) / (double) v.size());
                g.drawLine(px, py, x, py);
                g.drawLine(x, py, x, y);
                px = x;
                py = y;
            }
        }
        int ly = top + plotH - 20 * legend.size();
        for (Map.Entry<String, Color> e : legend.entrySet()) {
            g.setColor(e.getValue());
            g.fillRect(left + plotW - 260, ly - 9, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), left + plotW - 242, ly + 2);
            ly += 18;
        }
        canvas.save(file);
    }
}
