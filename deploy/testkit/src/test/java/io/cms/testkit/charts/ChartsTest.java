package io.cms.testkit.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    void aResultKeepsItsChartAsDataAndRedrawsFromIt(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("write-to-html.json");
        ObjectNode result = new ObjectMapper().createObjectNode().put("p99Ms", 80.0);
        ChartData.writeResult(json, result, ChartData.latency("Write -> served",
                Map.of("new HTML", List.of(30.0, 10.0, 80.0))));
        Path png = dir.resolve("write-to-html.png");
        assertTrue(Files.size(png) > 0);
        JsonNode kept = new ObjectMapper().readTree(json.toFile());
        assertEquals(80.0, kept.path("p99Ms").asDouble());
        assertEquals(List.of(30.0, 10.0, 80.0), List.of(kept.at("/chart/series/new HTML/0").asDouble(),
                kept.at("/chart/series/new HTML/1").asDouble(), kept.at("/chart/series/new HTML/2").asDouble()));
        Files.delete(png);
        ChartData.main(new String[] {json.toString()});
        assertEquals(Charts.WIDTH, ImageIO.read(png.toFile()).getWidth(), "drawn again from the JSON alone");
    }

    @Test
    void percentilesAreNearestRank() {
        List<Double> sorted = List.of(1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0);
        assertEquals(5.0, LatencyChart.pct(sorted, 50));
        assertEquals(10.0, LatencyChart.pct(sorted, 99));
        assertEquals(1.0, LatencyChart.pct(sorted, 1));
    }
}
