package io.cms.testkit.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark charts render headless to PNGs of the stated size, from the shapes the benchmarks pass. */
class ChartsTest {

    @Test
    void eachChartWritesAPngOfTheStatedSize(@TempDir Path dir) throws Exception {
        Map<String, List<Double>> latencies = new LinkedHashMap<>();
        latencies.put("new HTML", List.of(10.0, 12.5, 20.0, 80.0));
        latencies.put("searchable", List.of(15.0, 30.0, 35.0, 90.0));
        LatencyChart.write(dir.resolve("latency.png"), "Write -> served", latencies);
        BarChart.write(dir.resolve("bars.png"), "Read throughput", "req/s", List.of("endpoint", "ceiling"),
                Map.of("GET /api/posts/{slug}", new double[] {4581, 14200}));
        ProgressChart.write(dir.resolve("progress.png"), "Import", "posts",
                Map.of("imported", List.of(new double[] {0, 0}, new double[] {5, 120}, new double[] {7, 268})));
        for (String name : List.of("latency.png", "bars.png", "progress.png")) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertEquals(Charts.WIDTH, image.getWidth(), name);
            assertEquals(Charts.HEIGHT, image.getHeight(), name);
        }
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5.0, LatencyChart.pct(sorted, 50));
        assertEquals(10.0, LatencyChart.pct(sorted, 99));
        assertEquals(1.0, LatencyChart.pct(sorted, 1));
    }
}
