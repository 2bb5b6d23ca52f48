package io.cms.e2e;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.cms.local.JekyllImport;

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
            HttpResponse<String> response = stack.send(stack.admin("post-service", "/api/import")
                    .header("Content-Type", "application/zip").POST(BodyPublishers.ofByteArray(zipped)));
            double importSeconds = (System.nanoTime() - t0) / 1e9;
            JsonNode report = json.readTree(response.body());
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
            String table = String.format("%nImport of the sample corpus (%d files, %.1f MB zip):%n"
                    + "  import: %d created, %d failed in %.2f s (%.0f posts/s)%n"
                    + "  all %d published posts rendered %.2f s and searchable %.2f s after the import started%n",
                    files.size(), zipped.length / 1e6, report.get("created").asInt(), report.get("failed").asInt(),
                    importSeconds, report.get("created").asInt() / importSeconds, published.size(), rendered, searchable);
            System.out.println(table);
            Path out = Path.of("target", "bench", "import.json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.format("{\"files\": %d, \"created\": %d, \"failed\": %d, \"importSeconds\": %.3f, "
                    + "\"postsPerSecond\": %.1f, \"published\": %d, \"allRenderedSeconds\": %.3f, \"allSearchableSeconds\": %.3f}%n",
                    files.size(), report.get("created").asInt(), report.get("failed").asInt(), importSeconds,
                    report.get("created").asInt() / importSeconds, published.size(), rendered, searchable));
        }
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
