package io.cms.testkit.charts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chart as data, kept in a benchmark's JSON result under {@code "chart"}, so the picture is drawn
 * from the very figures the result holds, now or later: {@code deploy/testkit/redraw-charts} draws
 * the PNG of any result file again. Three kinds: {@code latency} (samples per series, in ms),
 * {@code bars} (one value per series in each group) and {@code progress} ((seconds, count) points).
 */
public final class ChartData {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChartData() {
    }

    public static ObjectNode latency(String title, Map<String, List<Double>> series) {
        ObjectNode chart = JSON.createObjectNode().put("kind", "latency").put("title", title);
        ObjectNode s = chart.putObject("series");
        series.forEach((name, values) -> values.forEach(s.withArray(name)::add));
        return chart;
    }

    public static ObjectNode bars(String title, String unit, List<String> series, Map<String, double[]> groups) {
        ObjectNode chart = JSON.createObjectNode().put("kind", "bars").put("title", title).put("unit", unit);
        series.forEach(chart.putArray("series")::add);
        ObjectNode g = chart.putObject("groups");
        groups.forEach((label, values) -> {
            ArrayNode a = g.putArray(label);
            for (double v : values) {
                a.add(v);
            }
        });
        return chart;
    }

    public static ObjectNode progress(String title, String unit, Map<String, List<double[]>> series) {
        ObjectNode chart = JSON.createObjectNode().put("kind", "progress").put("title", title).put("unit", unit);
        ObjectNode s = chart.putObject("series");
        series.forEach((name, points) -> {
            ArrayNode a = s.putArray(name);
            points.forEach(p -> a.addArray().add(p[0]).add(p[1]));
        });
        return chart;
    }

    /** Draws the chart to a PNG. */
    public static void draw(JsonNode chart, Path png) throws IOException {
        String title = chart.path("title").asText();
        switch (chart.path("kind").asText()) {
            case "latency" -> {
                Map<String, List<Double>> series = new LinkedHashMap<>();
                chart.path("series").fields().forEachRemaining(e -> {
                    List<Double> values = new ArrayList<>();
                    e.getValue().forEach(v -> values.add(v.asDouble()));
                    values.sort(null);
                    series.put(e.getKey(), values);
                });
                LatencyChart.write(png, title, series);
            }
            case "bars" -> {
                List<String> series = new ArrayList<>();
                chart.path("series").forEach(v -> series.add(v.asText()));
                Map<String, double[]> groups = new LinkedHashMap<>();
                chart.path("groups").fields().forEachRemaining(e -> {
                    double[] values = new double[e.getValue().size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = e.getValue().get(i).asDouble();
                    }
                    groups.put(e.getKey(), values);
                });
                BarChart.write(png, title, chart.path("unit").asText(), series, groups);
            }
            case "progress" -> {
                Map<String, List<double[]>> series = new LinkedHashMap<>();
                chart.path("series").fields().forEachRemaining(e -> {
                    List<double[]> points = new ArrayList<>();
                    e.getValue().forEach(p -> points.add(new double[] {p.get(0).asDouble(), p.get(1).asDouble()}));
                    series.put(e.getKey(), points);
                });
                ProgressChart.write(png, title, chart.path("unit").asText(), series);
            }
            default -> throw new IllegalArgumentException("not a chart: kind " + chart.path("kind"));
        }
    }

    /** Writes a benchmark result with its chart, and the chart's PNG beside it (same name, .png). */
    public static void writeResult(Path json, ObjectNode result, ObjectNode chart) throws IOException {
        result.set("chart", chart);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(result) + "\n");
        draw(chart, png(json));
    }

    static Path png(Path json) {
        String name = json.getFileName().toString();
        return json.resolveSibling(name.substring(0, name.length() - (name.endsWith(".json") ? 5 : 0)) + ".png");
    }

    /** Redraws the PNG of each result file named (those without a chart are skipped, and said so). */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("Usage: deploy/testkit/redraw-charts RESULT.json ...");
            System.exit(2);
        }
        for (String arg : args) {
            Path json = Path.of(arg);
            JsonNode chart = JSON.readTree(json.toFile()).path("chart");
            if (chart.isMissingNode()) {
                System.out.println(json + ": no chart in this result, skipped");
                continue;
            }
            draw(chart, png(json));
            System.out.println(json + " -> " + png(json));
        }
    }
}
