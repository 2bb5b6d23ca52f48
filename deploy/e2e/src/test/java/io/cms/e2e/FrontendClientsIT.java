package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.local.JekyllImport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clients frontends use, against the whole stack: Ghost's own Content API client
 * ({@code @tryghost/content-api}) and a schema-checked one ({@code @ts-ghost/content-api}, whose Zod
 * schemas refuse shape drift) with a real content key, and an independent feed parser
 * ({@code @extractus/feed-extractor}) on the Atom, RSS and JSON feeds of an imported corpus, whose
 * sitemap is checked address by address. The Node scripts are in {@code src/test/node/frontend-clients};
 * their packages come from the npm registry into {@code target/frontend-clients}, run with the
 * machine's Node (missing Node fails the test, loudly).
 */
class FrontendClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;
    private static Path node;

    @BeforeAll
    static void start() throws Exception {
        node = installClients();
        stack = new Stack("frontend-clients");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void ghostsClientsReadTheCmsAsTheyReadGhost() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tag = "clients-" + run;
        String slug = "クライアントの記事-" + run;
        HttpResponse<String> made = stack.send(json("/api/keys", Map.of("name", "Ghost client", "kind", "content")));
        assertEquals(201, made.statusCode(), made.body());
        String key = JSON.readTree(made.body()).path("key").asText();
        publish(Map.of("title", "クライアントの記事", "slug", slug, "markdown", "# 見出し\n\n本文です。", "tags", List.of(tag, "日本語"),
                "author", "Client Author", "publishedAt", "2024-01-01T00:00:00Z"));
        publish(Map.of("title", "Second", "markdown", "Second body.", "tags", List.of(tag), "author", "Client Author",
                "publishedAt", "2024-02-01T00:00:00Z", "frontMatter", Map.of("featured", true, "image", "/img/second.png")));
        publish(Map.of("title", "Third", "markdown", "Third body.", "tags", List.of(tag), "author", "Another Writer",
                "publishedAt", "2024-03-01T00:00:00Z"));
        String page = publish(Map.of("title", "About " + run, "markdown", "About us.", "layout", "page", "author", "Client Author"));
        String pageSlug = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts/" + page)).body()).path("slug").asText();
        Stack.awaitTrue(30, () -> total(key, "/ghost/api/content/posts/?filter=tag:" + tag) == 3
                && total(key, "/ghost/api/content/pages/?filter=slug:" + pageSlug) == 1);
        // What tags and authors say of themselves, set through post-service's API (cms.terms).
        String tagDescription = "クライアントのタグ " + run;
        String authorBio = "Writes for clients " + run;
        assertEquals(200, stack.send(put("/api/tags/" + tag, Map.of("description", tagDescription, "accentColor", "#ff6600",
                "image", "https://example.com/tag.png"))).statusCode());
        assertEquals(200, stack.send(put("/api/authors/client-author", Map.of("description", authorBio,
                "website", "https://example.com/client", "location", "東京"))).statusCode());
        Stack.awaitTrue(30, () -> read("/ghost/api/content/authors/slug/client-author/?key=" + key).contains(authorBio)
                && read("/ghost/api/content/tags/slug/" + tag + "/?key=" + key).contains(tagDescription));

        String output = node("check.mjs", Map.of("GHOST_URL", stack.url("render-service", ""), "GHOST_KEY", key, "TAG", tag,
                "SLUG", slug, "PAGE_SLUG", pageSlug, "AUTHOR", "client-author", "TAG_DESCRIPTION", tagDescription,
                "AUTHOR_BIO", authorBio));
        assertTrue(output.contains("checks passed"), output);
    }

    /**
     * The sample corpus (Japanese, Chinese, English; the module's fixtures and two posts of its own
     * without ../shared) imported, then read back through the sitemap and the three feeds.
     */
    @Test
    void anImportedCorpusRoundTripsThroughTheSitemapAndTheFeeds() throws Exception {
        Path corpus = Path.of("..", "..", "..", "shared", "samples", "corpus").toAbsolutePath().normalize();
        Path source = Files.isDirectory(corpus) ? corpus : Path.of("src", "test", "resources", "jekyll", "_posts").toAbsolutePath();
        List<Path> files = JekyllImport.markdownFiles(source).stream().filter(p -> !p.endsWith("SOURCES.md")).toList();
        HttpResponse<String> imported = stack.send(stack.admin("post-service", "/api/import").header("Content-Type", "application/zip")
                .POST(BodyPublishers.ofByteArray(JekyllImport.zip(source, files))), java.time.Duration.ofMinutes(5));
        assertEquals(200, imported.statusCode(), imported.body());
        publish(Map.of("title", "人工智能的未来", "slug", "人工智能的未来", "markdown", "正文。", "tags", List.of("中文")));
        publish(Map.of("title", "Spaces & symbols", "slug", "spaces-and-symbols", "markdown", "Body.", "tags", List.of("English")));

        // Every published post (drafts and pages aside), as post-service lists them.
        Set<String> slugs = new HashSet<>();
        for (int p = 1; ; p++) {
            JsonNode list = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts?status=published&limit=100&page=" + p)).body());
            list.path("items").forEach(i -> slugs.add(i.path("slug").asText()));
            if (list.path("items").size() < 100) {
                break;
            }
        }
        Stack.awaitTrue(120, () -> sitemapSlugs().containsAll(slugs));
        List<String> locs = locs(get("/sitemap.xml"));
        Set<String> seen = new HashSet<>();
        for (String loc : locs) {
            assertTrue(loc.chars().allMatch(c -> c < 128 && c > 32), "an address in ASCII, percent-encoded: " + loc);
            String path = URI.create(loc).getRawPath();
            assertTrue(seen.add(path), "each address once: " + loc);
        }
        assertTrue(slugs.contains("人工智能的未来") && sitemapSlugs().contains("人工智能的未来"));

        String base = stack.url("render-service", "");
        String output = node("feeds.mjs", Map.of("FEEDS", base + "/feed.xml," + base + "/rss.xml," + base + "/feed.json,"
                + base + "/tag/" + encode("中文") + "/feed.xml"));
        JsonNode feeds = JSON.readTree(output.substring(output.indexOf('{')));
        for (String file : List.of("/feed.xml", "/rss.xml", "/feed.json")) {
            JsonNode feed = feeds.path(base + file);
            assertEquals(20, feed.path("entries").size(), file + ": " + feed);
            for (JsonNode entry : feed.path("entries")) {
                String link = entry.path("link").asText();
                assertTrue(link.chars().allMatch(c -> c < 128), file + ": " + link);
                assertTrue(slugs.contains(slugOf(link)), file + " links a published post: " + link);
            }
        }
        JsonNode chinese = feeds.path(base + "/tag/" + encode("中文") + "/feed.xml").path("entries");
        assertTrue(chinese.size() >= 1 && slugOf(chinese.get(0).path("link").asText()).equals("人工智能的未来"), chinese.toString());
    }

    private Set<String> sitemapSlugs() {
        try {
            Set<String> out = new HashSet<>();
            String root = get("/sitemap.xml");
            List<String> parts = root.contains("<sitemapindex") ? locs(root) : List.of();
            for (String loc : parts.isEmpty() ? locs(root) : parts.stream().flatMap(p -> locs(get(URI.create(p).getRawPath())).stream()).toList()) {
                out.add(slugOf(loc));
            }
            return out;
        } catch (RuntimeException e) {
            return Set.of();
        }
    }

    private static String slugOf(String url) {
        return URLDecoder.decode(URI.create(url).getRawPath().replaceAll("^/|/$", ""), StandardCharsets.UTF_8);
    }

    private static String encode(String segment) {
        return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> locs(String xml) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("<loc>([^<]*)</loc>").matcher(xml);
        while (m.find()) {
            out.add(m.group(1).replace("&amp;", "&"));
        }
        return out;
    }

    private static String get(String path) {
        try {
            HttpResponse<String> r = stack.send(stack.request("render-service", path));
            assertEquals(200, r.statusCode(), path + ": " + r.body());
            return r.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String publish(Map<String, Object> post) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(post);
        body.put("status", "published");
        HttpResponse<String> r = stack.send(json("/api/posts", body));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static java.net.http.HttpRequest.Builder json(String path, Object body) throws IOException {
        return stack.admin("post-service", path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static java.net.http.HttpRequest.Builder put(String path, Object body) throws IOException {
        return stack.admin("post-service", path).header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    /** render-service's answer, or "" when there is none yet. */
    private static String read(String path) {
        try {
            return stack.send(stack.request("render-service", path)).body();
        } catch (Exception e) {
            return "";
        }
    }

    private static long total(String key, String path) {
        try {
            HttpResponse<String> r = stack.send(stack.request("render-service", path + "&key=" + key));
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("meta").path("pagination").path("total").asLong() : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs a script of the folder with Node and returns what it printed; a failure is the test's. */
    private static String node(String script, Map<String, String> env) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("node", script).directory(node.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new AssertionError("FrontendClientsIT needs Node.js on the PATH (apt-get install nodejs)", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
        System.out.println(output.length() > 4_000 ? output.substring(0, 4_000) + "…" : output);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    /** The scripts and their packages in target/frontend-clients: npm install from the npm registry, once per build. */
    private static Path installClients() throws Exception {
        Path source = Path.of("src", "test", "node", "frontend-clients");
        Path dir = Path.of("target", "frontend-clients");
        Files.createDirectories(dir);
        for (String f : List.of("package.json", "check.mjs", "feeds.mjs")) {
            Files.copy(source.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@extractus/feed-extractor"))) {
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error").directory(dir.toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("FrontendClientsIT needs Node.js and npm on the PATH (apt-get install nodejs npm)", e);
            }
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm install took over 5 minutes: " + output);
            assertEquals(0, npm.exitValue(), "npm install failed: " + output);
        }
        return dir.toAbsolutePath();
    }
}
