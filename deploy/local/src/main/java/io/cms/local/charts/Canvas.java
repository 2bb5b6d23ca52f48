package io.cms.local.charts;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

import javax.imageio.ImageIO;

/** The 900 × 500 white, antialiased canvas every chart draws on: its title set, saved as PNG. */
final class Canvas {

    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    /** The line charts' series colours, in order. */
    static final Color[] SERIES = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0x9467bd), new Color(0xff7f0e)};

    final BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    final Graphics2D g = image.createGraphics();

    /** @param left where the title starts; the pen is left black with the small label font */
    Canvas(String title, int left) {
        System.setProperty("java.awt.headless", "true");
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, left, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    }

    /**
     * The plot frame with ten grid steps each way, labelled by step (0–10), and the caption under it.
     *
     * @param yLabelX where the y labels start
     */
    void grid(int left, int top, int plotW, int plotH, IntFunction<String> xLabel, IntFunction<String> yLabel,
            int yLabelX, String caption) {
        g.drawRect(left, top, plotW, plotH);
        for (int i = 0; i <= 10; i++) {
            int x = left + plotW * i / 10;
            int y = top + plotH - plotH * i / 10;
            g.setColor(new Color(0xdddddd));
            g.drawLine(x, top, x, top + plotH);
            g.drawLine(left, y, left + plotW, y);
            g.setColor(Color.BLACK);
            g.drawString(xLabel.apply(i), x - 8, top + plotH + 15);
            g.drawString(yLabel.apply(i), yLabelX, y + 4);
        }
        g.drawString(caption, left + plotW / 2 - 120, HEIGHT - 20);
    }

    void save(Path file) throws IOException {
        g.dispose();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ImageIO.write(image, "png", file.toFile());
    }
}
