package io.cms.local.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Counts over time as PNG: one line per series of (seconds, count) points, e.g. imported / rendered / searchable. */
public final class ProgressChart {


    private ProgressChart() {
    }

    /** @param series name → points {seconds, count}, in time order */
    public static void write(Path file, String title, String unit, Map<String, List<double[]>> series) throws IOException {
        int w = Canvas.WIDTH;
        int h = Canvas.HEIGHT;
        int left = 80;
        int top = 40;
        int bottom = 60;
        int plotW = w - left - 20;
        int plotH = h - top - bottom;
        double xMax = Math.max(1, series.values().stream().flatMap(List::stream).mapToDouble(p -> p[0]).max().orElse(1));
        double yMax = Math.max(1, series.values().stream().flatMap(List::stream).mapToDouble(p -> p[1]).max().orElse(1));
        Canvas canvas = new Canvas(title, left);
        Graphics2D g = canvas.g;
        canvas.grid(left, top, plotW, plotH, i -> String.format("%.0f", xMax * i / 10),
                i -> String.format("%,.0f", yMax * i / 10), 5, "seconds since the start; y: " + unit);
        int s = 0;
        int legendY = top + 20;
        for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
            Color c = Canvas.SERIES[s++ % Canvas.SERIES.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            int px = left;
            int py = top + plotH;
            for (double[] p : e.getValue()) {
                int x = left + (int) (plotW * p[0] / xMax);
                int y = top + plotH - (int) (plotH * p[1] / yMax);
                g.drawLine(px, py, x, y);
                px = x;
                py = y;
            }
            g.fillRect(left + 15, legendY - 9, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(e.getKey(), left + 32, legendY + 1);
            legendY += 18;
        }
        canvas.save(file);
    }
}
