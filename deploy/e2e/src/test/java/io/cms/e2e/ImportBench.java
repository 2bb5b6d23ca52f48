package io.cms.e2e;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.JekyllImport;
import io.cms.testkit.charts.ChartData;
import org.junit.jupiter.api.Test;

/**
 * Imports the sample corpus (../shared/samples/corpus, Jekyll posts in three languages) as one zip
 * through the whole stack, and measures posts per second of the import and the time until every
 * imported published post is rendered and searchable. Run with {@code deploy/e2e/bench/import}.
 */
class ImportBench {

    @Test
    void importCorpus() throws Exception {
        Path corpus = Path.of("..", "..", "..", "shared", "samples", "corpus").toAbsolutePath().normalize();
        List<Path> files = JekyllImport.markdownFiles(corpus).stream().filter(p -> !p.endsWith("SOURCES.md")).toList();
        byte[] zipped = JekyllImport.zip(corpus, files);
        ObjectMapper json = new ObjectMapper();
        try (Stack stack = new Stack("import-bench")) {
            long t0 = System.nanoTime();
            Progress progress = new Progress(stack, json, t0);
            HttpResponse<String> response = stack.send(stack.admin("post-service", "/api/import")
                    .header("Content-Type", "application/zip").POST(BodyPublishers.ofByteArray(zipped)));
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            JsonNode report = json.readTree(response.body());
            progress.imported(report.get("created").asInt());
            List<String> published = new ArrayList<>();
            for (JsonNode f : report.get("files")) {
                if (f.has("id")) {
                    JsonNode post = json.readTree(stack.send(stack.admin("post-service", "/api/posts/" + f.get("id").asText())).body());
                    if ("published".equals(post.path("status").asText())) {
                        published.add(f.get("id").asText());
                    }
                }
            }
            double rendered = waitFor(stack, published, "render-service", "/api/rendered/", t0);
            double searchable = waitFor(stack, published, "search-service", "/api/search/posts/", t0);
            ObjectNode chart = progress.chart("Import of the sample corpus through the whole stack (2 cores)");
            String table = String.format("%nImport of the sample corpus (%d files, %.1f MB zip):%n"
                    + "  import: %d created, %d failed in %.2f s (%.0f posts/s)%n"
                    + "  all %d published posts rendered %.2f s and searchable %.2f s after the import started%n",
                    files.size(), zipped.length / 1e6, report.get("created").asInt(), report.get("failed").asInt(),
                    importSeconds, report.get("created").asInt() / importSeconds, published.size(), rendered, searchable);
            System.out.println(table);
            ObjectNode result = json.createObjectNode().put("files", files.size())
                    .put("created", report.get("created").asInt()).put("failed", report.get("failed").asInt())
                    .put("importSeconds", importSeconds).put("postsPerSecond", report.get("created").asInt() / importSeconds)
                    .put("published", published.size()).put("allRenderedSeconds", rendered).put("allSearchableSeconds", searchable);
            ChartData.writeResult(Path.of("target", "bench", "import.json"), result, chart);
        }
    }

    /**
     * A generated corpus of {@code -Dbench.generated=N} posts (1.5–3 KB each, paragraphs of the
     * sample corpus, or of the test fixtures without ../shared) imported as zips of 5 000 files:
     * posts per second, the time until all are rendered (counted in render-service's database) and
     * searchable (search-service's total), then a full re-render and a full reindex from cms.posts,
     * each timed alone. Run with {@code deploy/e2e/bench/import-generated N}.
     */
    @Test
    void importGenerated() throws Exception {
        int posts = Integer.getInteger("bench.generated", 0);
        org.junit.jupiter.api.Assumptions.assumeTrue(posts > 0, "set -Dbench.generated=N");
        GeneratedPosts generated = new GeneratedPosts();
        ObjectMapper json = new ObjectMapper();
        try (Stack stack = new Stack("import-generated")) {
            long t0 = System.nanoTime();
            int created = 0;
            Progress progress = new Progress(stack, json, t0);
            for (int from = 0; from < posts; from += GeneratedPosts.PER_ZIP) {
                byte[] zip = generated.zip(from, Math.min(posts, from + GeneratedPosts.PER_ZIP));
                HttpResponse<String> response = stack.send(stack.admin("post-service", "/api/import")
                        .header("Content-Type", "application/zip").POST(BodyPublishers.ofByteArray(zip)),
                        java.time.Duration.ofMinutes(30));
                created += json.readTree(response.body()).path("created").asInt();
                progress.imported(created);
            }
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            double rendered = waitUntil(() -> renderedCount(stack) >= posts, t0);
            double searchable = waitUntil(() -> searchTotal(stack, json) >= posts, t0);
            ObjectNode chart = progress.chart(
                    String.format("Import of %,d generated posts through the whole stack (2 cores)", posts));
            double rerender = rebuild(stack, json, "render-service", "/api/admin/rerender");
            double reindex = rebuild(stack, json, "search-service", "/api/admin/reindex");
            String servicesJson = stack.servicesJson();
            System.out.println(stack.servicesTable());
            System.out.printf("%nImport of %d generated posts (zips of 5 000):%n"
                    + "  import: %d created in %.1f s (%.0f posts/s); all rendered %.1f s and all searchable %.1f s after it started%n"
                    + "  full re-render from cms.posts: %.1f s (%.0f posts/s); full reindex: %.1f s (%.0f posts/s)%n",
                    posts, created, importSeconds, created / importSeconds, rendered, searchable,
                    rerender, posts / rerender, reindex, posts / reindex);
            ObjectNode result = (ObjectNode) json.readTree(String.format(Locale.ROOT, "{\"posts\": %d, \"created\": %d, "
                    + "\"importSeconds\": %.1f, \"postsPerSecond\": %.1f, \"allRenderedSeconds\": %.1f, "
                    + "\"allSearchableSeconds\": %.1f, \"rerenderSeconds\": %.1f, \"reindexSeconds\": %.1f, \"services\": {%s}}",
                    posts, created, importSeconds, created / importSeconds, rendered, searchable, rerender, reindex, servicesJson));
            ChartData.writeResult(Path.of("target", "bench", "import-generated.json"), result, chart);
        }
    }

    /** Counts over time for the chart: imported as reported, rendered and searchable sampled every 250 ms. */
    private static final class Progress {
        private final long t0;
        private final List<double[]> imported = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<double[]> rendered = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<double[]> searchable = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread sampler;

        Progress(Stack stack, ObjectMapper json, long t0) {
            this.t0 = t0;
            imported.add(new double[] {0, 0});
            sampler = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        double at = seconds();
                        rendered.add(new double[] {at, renderedCount(stack)});
                        searchable.add(new double[] {at, searchTotal(stack, json)});
                        Thread.sleep(250);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Exception e) {
                    // the stack is going away
                }
            }, "progress-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        private double seconds() {
            return (System.nanoTime() - t0) / 1e9;
        }

        void imported(int total) {
            imported.add(new double[] {seconds(), total});
        }

        ObjectNode chart(String title) throws Exception {
            sampler.interrupt();
            sampler.join();
            Map<String, List<double[]>> series = new LinkedHashMap<>();
            series.put("imported (post-service)", imported);
            series.put("rendered (render-service)", rendered);
            series.put("searchable (search-service)", searchable);
            return ChartData.progress(title, "posts", series);
        }
    }

    interface Check {
        boolean done() throws Exception;
    }

    static double waitUntil(Check check, long t0) throws Exception {
        while (!check.done()) {
            if (System.nanoTime() - t0 > 7_200_000_000_000L) {
                throw new AssertionError("not done within two hours");
            }
            Thread.sleep(250);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static long renderedCount(Stack stack) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(stack.postgres().jdbcUrl("cms_render"), io.cms.local.Postgres.USER, "");
                var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM rendered_post WHERE visible")) {
            r.next();
            return r.getLong(1);
        }
    }

    static long searchTotal(Stack stack, ObjectMapper json) throws Exception {
        return json.readTree(stack.send(stack.request("search-service", "/api/search?limit=1")).body()).path("total").asLong();
    }

    /** Starts a rebuild and returns the seconds until it reports done. */
    private static double rebuild(Stack stack, ObjectMapper json, String service, String path) throws Exception {
        long t0 = System.nanoTime();
        stack.send(stack.admin(service, path).POST(BodyPublishers.noBody()));
        return waitUntil(() -> "done".equals(json.readTree(stack.send(stack.admin(service, path)).body()).path("state").asText()), t0);
    }

    /** Seconds from {@code t0} until every post answers 200 on this service. */
    private static double waitFor(Stack stack, List<String> ids, String service, String path, long t0) throws Exception {
        for (String id : ids) {
            while (stack.send(stack.request(service, path + id)).statusCode() != 200) {
                if (System.nanoTime() - t0 > 300_000_000_000L) {
                    throw new AssertionError(id + " never appeared on " + service);
                }
                Thread.sleep(20);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }
}
