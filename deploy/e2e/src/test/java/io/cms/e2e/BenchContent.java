package io.cms.e2e;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.local.JekyllImport;

/**
 * The benches' content: the shared sample corpus (the test fixtures on a clone without ../shared)
 * and the 55 KB sample post, imported through the API, then waited for until rendered and searchable.
 */
final class BenchContent {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of("..", "..", "..", "shared", "samples").toAbsolutePath().normalize();

    /**
     * @param created posts the import created
     * @param published ids of the published ones, the last of them {@code id} with {@code slug}
     * @param large the 55 KB post's id
     * @param corpus whether the shared corpus was there (else the fixtures)
     */
    record Loaded(int created, List<String> published, String id, String slug, String large, boolean corpus) {
    }

    private BenchContent() {
    }

    static Loaded load(Stack stack) throws Exception {
        Path corpus = SHARED.resolve("corpus");
        boolean shared = Files.isDirectory(corpus);
        Path posts = shared ? corpus : Path.of("src", "test", "resources", "jekyll", "_posts").toAbsolutePath();
        HttpResponse<String> imported = stack.send(stack.admin("post-service", "/api/import")
                .header("Content-Type", "application/zip")
                .POST(BodyPublishers.ofByteArray(JekyllImport.zip(posts, JekyllImport.markdownFiles(posts).stream()
                        .filter(p -> !p.endsWith("SOURCES.md")).toList()))));
        JsonNode report = JSON.readTree(imported.body());
        List<String> published = new ArrayList<>();
        String slug = null;
        for (JsonNode f : report.get("files")) {
            if (f.has("id") && stack.send(stack.request("post-service", "/api/posts/" + f.get("id").asText())).statusCode() == 200) {
                published.add(f.get("id").asText());
                slug = f.get("slug").asText();
            }
        }
        String large = largePost(stack);
        for (String key : List.of(published.get(published.size() - 1), large)) {
            while (stack.send(stack.request("render-service", "/api/rendered/" + key)).statusCode() != 200
                    || stack.send(stack.request("search-service", "/api/search/posts/" + key)).statusCode() != 200) {
                Thread.sleep(100);
            }
        }
        Thread.sleep(3_000); // let the last renders and index refreshes settle
        return new Loaded(report.get("created").asInt(), published, published.get(published.size() - 1), slug, large, shared);
    }

    /**
     * The id of the sample post this CMS was made for (55 KB of Japanese, repeated paragraphs), imported
     * from ../shared; on a clone without it, a post of the same size made of the fixtures' kind of text.
     */
    private static String largePost(Stack stack) throws Exception {
        Path samples = SHARED.resolve("posts");
        if (Files.isDirectory(samples)) {
            HttpResponse<String> imported = stack.send(stack.admin("post-service", "/api/import")
                    .header("Content-Type", "application/zip")
                    .POST(BodyPublishers.ofByteArray(JekyllImport.zip(samples, JekyllImport.markdownFiles(samples)))));
            return JSON.readTree(imported.body()).get("files").get(0).get("id").asText();
        }
        String markdown = "## 見出し\n\n" + "半導体の輸出規制と人工知能の研究投資について、段落を重ねて書いた本文です。".repeat(8) + "\n\n";
        ObjectNode post = JSON.createObjectNode().put("title", "大きな記事").put("status", "published")
                .put("markdown", markdown.repeat(55_000 / markdown.getBytes(StandardCharsets.UTF_8).length + 1));
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSON.writeValueAsString(post))));
        return JSON.readTree(created.body()).get("id").asText();
    }
}
