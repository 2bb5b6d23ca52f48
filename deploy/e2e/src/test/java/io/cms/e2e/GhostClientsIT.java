package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * Ghost's own Content API client ({@code @tryghost/content-api}) and a schema-checked one
 * ({@code @ts-ghost/content-api}, whose Zod schemas refuse shape drift) against render-service's
 * {@code /ghost/api/content/}, on the whole stack with a real content key: the Node script in
 * {@code src/test/node/ghost-clients} (the packages come from the npm registry into
 * {@code target/ghost-clients}, with the machine's Node; missing Node fails the test, loudly).
 */
class GhostClientsIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void ghostsClientsReadTheCmsAsTheyReadGhost() throws Exception {
        Path dir = installClients();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tag = "clients-" + run;
        String slug = "クライアントの記事-" + run;
        try (Stack stack = new Stack("ghost-clients")) {
            HttpResponse<String> made = stack.send(json(stack, "/api/keys", Map.of("name", "Ghost client", "kind", "content")));
            assertEquals(201, made.statusCode(), made.body());
            String key = JSON.readTree(made.body()).path("key").asText();
            publish(stack, Map.of("title", "クライアントの記事", "slug", slug, "markdown", "# 見出し\n\n本文です。", "tags", List.of(tag, "日本語"),
                    "author", "Client Author", "publishedAt", "2024-01-01T00:00:00Z"));
            publish(stack, Map.of("title", "Second", "markdown", "Second body.", "tags", List.of(tag), "author", "Client Author",
                    "publishedAt", "2024-02-01T00:00:00Z", "frontMatter", Map.of("featured", true, "image", "/img/second.png")));
            publish(stack, Map.of("title", "Third", "markdown", "Third body.", "tags", List.of(tag), "author", "Another Writer",
                    "publishedAt", "2024-03-01T00:00:00Z"));
            String page = publish(stack, Map.of("title", "About " + run, "markdown", "About us.", "layout", "page",
                    "author", "Client Author"));
            String pageSlug = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts/" + page)).body()).path("slug").asText();
            Stack.awaitTrue(30, () -> total(stack, key, "/ghost/api/content/posts/?filter=tag:" + tag) == 3
                    && total(stack, key, "/ghost/api/content/pages/?filter=slug:" + pageSlug) == 1);

            Map<String, String> env = Map.of("GHOST_URL", stack.url("render-service", ""), "GHOST_KEY", key, "TAG", tag,
                    "SLUG", slug, "PAGE_SLUG", pageSlug, "AUTHOR", "client-author");
            ProcessBuilder script = new ProcessBuilder("node", "check.mjs").directory(dir.toFile()).redirectErrorStream(true);
            script.environment().putAll(env);
            Process p;
            try {
                p = script.start();
            } catch (IOException e) {
                throw new AssertionError("GhostClientsIT needs Node.js on the PATH (apt-get install nodejs)", e);
            }
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), output);
            System.out.println(output);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("checks passed"), output);
        }
    }

    private static String publish(Stack stack, Map<String, Object> post) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(post);
        body.put("status", "published");
        HttpResponse<String> r = stack.send(json(stack, "/api/posts", body));
        assertEquals(201, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("id").asText();
    }

    private static java.net.http.HttpRequest.Builder json(Stack stack, String path, Object body) throws IOException {
        return stack.admin("post-service", path).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static long total(Stack stack, String key, String path) {
        try {
            HttpResponse<String> r = stack.send(stack.request("render-service", path + "&key=" + key));
            return r.statusCode() == 200 ? JSON.readTree(r.body()).path("meta").path("pagination").path("total").asLong() : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The script and its packages in target/ghost-clients: npm install from the npm registry, once per build. */
    private static Path installClients() throws Exception {
        Path source = Path.of("src", "test", "node", "ghost-clients");
        Path dir = Path.of("target", "ghost-clients");
        Files.createDirectories(dir);
        for (String f : List.of("package.json", "check.mjs")) {
            Files.copy(source.resolve(f), dir.resolve(f), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(dir.resolve("node_modules/@ts-ghost/content-api"))) {
            Process npm;
            try {
                npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error").directory(dir.toFile())
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new AssertionError("GhostClientsIT needs Node.js and npm on the PATH (apt-get install nodejs npm)", e);
            }
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(npm.waitFor(300, TimeUnit.SECONDS), "npm install took over 5 minutes: " + output);
            assertEquals(0, npm.exitValue(), "npm install failed: " + output);
        }
        return dir;
    }
}
