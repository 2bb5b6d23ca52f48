package io.cms.local.charts;

import java.awt.Color;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Grouped bars as PNG: one group per label, one bar per series in each (e.g. endpoint vs ceiling). */
public final class BarChart {

    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xbbbbbb), new Color(0x2ca02c)};

    private BarChart() {
    }

    /** @param groups label → one value per series, in the order of {@code series} */
    public static void write(Path file, String title, String unit, List<String> series, Map<String, double[]> groups)
            throws IOException {
        int w = Canvas.WIDTH;
        int h = Canvas.HEIGHT;
        int left = 80;
        int top = 50;
        int bottom = 70;
        int plotW = w - left - 20;
        int plotH = h - top - bottom;
        double max = groups.values().stream().flatMapToDouble(java.util.Arrays::stream).max().orElse(1) * 1.15;
        Canvas canvas = new Canvas(title, left);
        Graphics2D g = canvas.g;
        for (int i = 0; i <= 5; i++) {
            int y = top + plotH - plotH * i / 5;
            g.setColor(new Color(0xdddddd));
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(String.format("%,.0f", max * i / 5), 10, y + 4);
        }
        g.drawString(unit, 10, top - 10);
        int groupW = plotW / Math.max(1, groups.size());
        int barW = Math.max(8, (groupW - 40) / Math.max(1, series.size()));
        int gi = 0;
        for (Map.Entry<String, double[]> e : groups.entrySet()) {
            int x0 = left + gi++ * groupW + 20;
            for (int s = 0; s < e.getValue().length; s++) {
                int barH = (int) (plotH * e.getValue()[s] / max);
                g.setColor(COLORS[s % COLORS.length]);
                g.fillRect(x0 + s * barW, top + plotH - barH, barW - 4, barH);
                g.setColor(Color.BLACK);
                g.drawString(String.format("%,.0f", e.getValue()[s]), x0 + s * barW, top + plotH - barH - 4);
            }
            g.drawString(e.getKey(), x0, top + plotH + 18);
        }
        for (int s = 0; s < series.size(); s++) {
            g.setColor(COLORS[s % COLORS.length]);
            g.fillRect(left + s * 260, h - 28, 12, 12);
            g.setColor(Color.BLACK);
            g.drawString(series.get(s), left + s * 260 + 18, h - 18);
        }
        canvas.save(file);
    }
}
