package io.cms.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.testkit.charts.ChartData;
import org.junit.jupiter.api.Test;

/**
 * Every studio page with {@code -Dbench.posts=N} generated posts (10 000 by default) on the whole
 * stack: its first load's weight as a browser transfers it (the page and what it links to, gzip
 * accepted; headers not counted) and its time to the last byte over loopback, sequential requests
 * after a warm-up, signed in as an admin (who sees every post and every page). Run with
 * {@code deploy/e2e/bench/studio [posts] [rounds]}.
 */
class StudioBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINKED = Pattern.compile("(?:<script[^>]*\\ssrc|<link[^>]*\\shref|<img[^>]*\\ssrc)=\"(/[^\"]+)\"");
    private static final String PASSWORD = "a bench password of some length";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void studioPages() throws Exception {
        int posts = Integer.getInteger("bench.posts", 10_000);
        int rounds = Integer.getInteger("bench.rounds", 200);
        // One client at full speed is far over the per-client limits: they are off, as in the read bench.
        try (Stack stack = new Stack("studio-bench", Map.of("CMS_RATE_LIMITS", "false"))) {
            long t0 = System.nanoTime();
            GeneratedPosts generated = new GeneratedPosts();
            for (int from = 0; from < posts; from += GeneratedPosts.PER_ZIP) {
                HttpResponse<String> imported = stack.send(stack.admin("post-service", "/api/import")
                        .header("Content-Type", "application/zip")
                        .POST(BodyPublishers.ofByteArray(generated.zip(from, Math.min(posts, from + GeneratedPosts.PER_ZIP)))),
                        Duration.ofMinutes(30));
                if (imported.statusCode() != 200) {
                    throw new AssertionError("import: " + imported.statusCode() + " " + imported.body());
                }
            }
            ImportBench.waitUntil(() -> ImportBench.searchTotal(stack, JSON) >= posts, t0);
            Map<String, String> pages = pages(stack);
            String cookie = signIn(stack);

            Map<String, double[]> times = new LinkedHashMap<>();
            Map<String, Long> weights = new LinkedHashMap<>();
            for (Map.Entry<String, String> page : pages.entrySet()) {
                String url = stack.url("post-service", page.getValue());
                weights.put(page.getKey(), firstLoadBytes(url, cookie));
                if (page.getKey().startsWith("posts") && !text(get(url, cookie)).contains("href=\"/studio/editor/")) {
                    throw new AssertionError(page.getKey() + " lists no post: " + text(get(url, cookie)));
                }
                for (int i = 0; i < rounds / 4; i++) {
                    get(url, cookie); // warm-up
                }
                double[] ms = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long start = System.nanoTime();
                    get(url, cookie);
                    ms[i] = (System.nanoTime() - start) / 1e6;
                }
                Arrays.sort(ms);
                times.put(page.getKey(), new double[] {percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms[ms.length - 1]});
            }
            report(posts, rounds, times, weights);
        }
    }

    /** The pages, by name: each list and form, a post's editor, revisions and diff, a webhook, an invitation. */
    private Map<String, String> pages(Stack stack) throws Exception {
        String id = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts?limit=1&tag=t7")).body())
                .path("items").path(0).path("id").asText();
        for (int version = 2; version <= 4; version++) {
            JsonNode post = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts/" + id)).body());
            ObjectNode changed = ((ObjectNode) post).put("markdown", post.path("markdown").asText() + "\n\nChanged " + version + ".");
            send(stack, "PUT", "/api/posts/" + id, Map.of("title", changed.path("title").asText(),
                    "markdown", changed.path("markdown").asText(), "tags", changed.path("tags")), 200);
        }
        String hook = JSON.readTree(send(stack, "POST", "/api/webhooks", Map.of("url", "http://localhost:9/bench"), 201))
                .path("id").asText();
        String invitation = JSON.readTree(send(stack, "POST", "/api/invitations",
                Map.of("email", "invited-bench@example.com", "role", "author"), 201)).path("url").asText();
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("sign-in", "/studio/sign-in");
        pages.put("posts", "/studio/posts");
        pages.put("posts, last page", "/studio/posts?page=" + (posts(stack) + 49) / 50);
        pages.put("posts by status", "/studio/posts?status=published");
        pages.put("posts by tag", "/studio/posts?tag=t7");
        pages.put("posts searched", "/studio/posts?q=generated");
        pages.put("new post", "/studio/editor");
        pages.put("editor", "/studio/editor/" + id);
        pages.put("revisions", "/studio/editor/" + id + "/revisions");
        pages.put("diff", "/studio/editor/" + id + "/revisions/diff?from=1&to=4");
        pages.put("import", "/studio/import");
        pages.put("users", "/studio/settings/users");
        pages.put("keys", "/studio/settings/keys");
        pages.put("webhooks", "/studio/settings/webhooks");
        pages.put("webhook", "/studio/settings/webhooks/" + hook);
        pages.put("invitation", invitation.substring(invitation.indexOf("/studio/")));
        return pages;
    }

    private static long posts(Stack stack) throws Exception {
        return JSON.readTree(stack.send(stack.admin("post-service", "/api/posts?limit=1")).body()).path("total").asLong();
    }

    private static String send(Stack stack, String method, String path, Object body, int expected) throws Exception {
        HttpResponse<String> r = stack.send(stack.admin("post-service", path).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofString(JSON.writeValueAsString(body))));
        if (r.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** An admin's browser session: the session cookie the sign-in sets. */
    private String signIn(Stack stack) throws Exception {
        String email = "bench-admin@example.com";
        send(stack, "POST", "/api/users", Map.of("email", email, "name", "Bench admin", "role", "admin", "password", PASSWORD), 201);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.url("post-service", "/api/session")))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", PASSWORD, "cookie", true))))
                .build(), BodyHandlers.ofString());
        return r.headers().allValues("set-cookie").stream().filter(c -> c.startsWith("cms_session="))
                .map(c -> c.substring(0, c.indexOf(';'))).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
    }

    private HttpResponse<byte[]> get(String url, String cookie) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("Accept-Encoding", "gzip").header("Accept-Language", "ja,en;q=0.5").timeout(Duration.ofSeconds(10))
                .build(), BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new AssertionError(url + ": " + r.statusCode());
        }
        return r;
    }

    /** The page's bytes as transferred, and each script, style sheet and image it links to, once. */
    private long firstLoadBytes(String url, String cookie) throws Exception {
        HttpResponse<byte[]> page = get(url, cookie);
        long bytes = page.body().length;
        Set<String> linked = new LinkedHashSet<>();
        Matcher m = LINKED.matcher(text(page));
        while (m.find()) {
            linked.add(m.group(1));
        }
        URI base = URI.create(url);
        for (String path : linked) {
            bytes += get(base.resolve(path).toString(), cookie).body().length;
        }
        return bytes;
    }

    /** The body as text, gzip undone. */
    private static String text(HttpResponse<byte[]> r) throws java.io.IOException {
        byte[] body = r.body();
        if ("gzip".equals(r.headers().firstValue("content-encoding").orElse(""))) {
            body = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
        }
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double percentile(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void report(int posts, int rounds, Map<String, double[]> times, Map<String, Long> weights) throws Exception {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
                "%nStudio pages with %,d posts (%d sequential requests each, signed in as an admin):%n"
                        + "  %-18s %10s %8s %8s %8s %8s%n", posts, rounds, "page", "first KB", "p50 ms", "p95 ms", "p99 ms", "max ms"));
        ObjectNode result = JSON.createObjectNode().put("posts", posts).put("rounds", rounds);
        ObjectNode byPage = result.putObject("pages");
        Map<String, double[]> chart = new LinkedHashMap<>();
        times.forEach((page, t) -> {
            long w = weights.get(page);
            table.append(String.format(Locale.ROOT, "  %-18s %10.1f %8.1f %8.1f %8.1f %8.1f%n", page, w / 1024.0, t[0], t[1], t[2], t[3]));
            byPage.putObject(page).put("firstLoadBytes", w).put("p50Ms", t[0]).put("p95Ms", t[1]).put("p99Ms", t[2]).put("maxMs", t[3]);
            chart.put(page, new double[] {t[0], t[1]});
        });
        System.out.println(table);
        ChartData.writeResult(Path.of("target", "bench", "studio.json"), result,
                ChartData.bars(String.format("Studio pages with %,d posts: time to the last byte (2 cores)", posts), "ms",
                        List.of("p50", "p95"), chart));
        List<String> over = new ArrayList<>();
        times.forEach((page, t) -> {
            if (t[1] > 100 || weights.get(page) > 300 * 1024) {
                over.add(page);
            }
        });
        System.out.println(over.isEmpty() ? "Every page under 300 KB and 100 ms (p95)." : "Over 300 KB or 100 ms (p95): " + over);
    }
}
