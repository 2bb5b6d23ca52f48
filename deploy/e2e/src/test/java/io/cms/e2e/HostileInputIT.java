package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.testkit.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What an attacker or an unusually large post sends, through the whole stack: nobody else waits for it. */
class HostileInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The API's Markdown limit (PostInput.MAX_MARKDOWN_CHARS). */
    private static final int MAX_MARKDOWN_CHARS = 1_000_000;
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        // The test stands in for an ingress: it names the client in X-Forwarded-For.
        // The render budget is 2 s; the post at the limit renders in 1-2 s here while the other tests'
        // load runs beside it, so it gets room: this class checks that it flows, not how fast.
        stack = new Stack("hostile-input", Map.of("CMS_TRUSTED_PROXIES", "127.0.0.1,::1", "CMS_RENDER_TIMEOUT", "10s"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * A post at the exact Markdown limit, in CJK (3 bytes a character: ~3 MB of UTF-8, three times
     * Kafka's default record limit), is rendered, searchable and delivered by webhook, while 100 small
     * writes after it keep the freshness they have on an idle stack.
     */
    @Test
    void aPostAtTheLimitFlowsEverywhereAndSmallWritesAroundItKeepTheirFreshness() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            HttpResponse<String> subscribed = stack.send(stack.admin("post-service", "/api/webhooks")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"tag\":\"large-post\"}")));
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            receiver.verifyingWith(JSON.readTree(subscribed.body()).get("secret").asText());

            smallWrites(10, "warm-up");
            long[] idle = smallWrites(20, "idle");
            String marker = "zqxlargemarker";
            String markdown = marker + "\n\n" + ideographs(MAX_MARKDOWN_CHARS - marker.length() - 2);
            String body = JSON.writeValueAsString(Map.of("title", "最大の投稿", "markdown", markdown,
                    "status", "published", "tags", List.of("large-post")));
            HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
            assertEquals(201, created.statusCode(), created.body().substring(0, Math.min(500, created.body().length())));
            String id = JSON.readTree(created.body()).get("id").asText();
            long[] around = smallWrites(100, "around");

            HttpResponse<String> html = stack.send(stack.request("render-service",
                    "/api/rendered/" + id + "/html?minVersion=1&wait=10s"), Duration.ofSeconds(30));
            assertEquals(200, html.statusCode());
            assertEquals(null, html.headers().firstValue("CMS-Stale").orElse(null), "the large post's HTML is there");
            assertTrue(html.body().contains(marker) && html.body().contains(markdown.substring(5000, 5100)));
            assertEquals(200, stack.send(stack.request("search-service",
                    "/api/search/posts/" + id + "?minVersion=1&wait=10s")).statusCode());
            HttpResponse<String> found = stack.send(stack.request("search-service", "/api/search?q=" + marker));
            assertTrue(found.body().contains(id), found.body());
            Stack.awaitTrue(30, () -> receiver.accepted().stream().anyMatch(h -> h.postId().equals(id)));

            System.out.printf("Write -> HTML of small posts: idle p50 %d / max %d ms; around a %d-character post "
                    + "p50 %d / p95 %d / max %d ms%n", pct(idle, 50), pct(idle, 100), MAX_MARKDOWN_CHARS,
                    pct(around, 50), pct(around, 95), pct(around, 100));
            // Idle on this machine: tens of ms. Stalled behind the large post's event, writes took 5 s and
            // more. A write on the large post's partition may still wait for its render (about a second).
            assertTrue(pct(around, 100) < 4_000, "no small write waited long: " + Arrays.toString(around));
            assertTrue(pct(around, 95) <= Math.max(300, 3 * pct(idle, 95)), Arrays.toString(around));
        }
    }

    /**
     * A post at the limit whose every line starts with a space: one paragraph of 333 333 lines that are
     * not one stretch of the source. flexmark's own SegmentBuilderBase joins them in quadratic time
     * (minutes, in work the render budget cannot stop; search-service's indexer too); the packaged
     * services load cms-common's corrected class, so it is rendered and searchable like any post.
     */
    @Test
    void aPostOfIndentedLinesAtTheLimitIsRenderedAndSearchable() throws Exception {
        String marker = "zqxindentedmarker";
        String markdown = marker + "\n" + " a\n".repeat((MAX_MARKDOWN_CHARS - marker.length() - 1) / 3);
        String body = JSON.writeValueAsString(Map.of("title", "Indented lines", "markdown", markdown, "status", "published"));
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
        assertEquals(201, created.statusCode(), created.body().substring(0, Math.min(500, created.body().length())));
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> html = null;
        for (int i = 0; i < 3 && (html == null || html.statusCode() != 200 || html.headers().firstValue("CMS-Stale").isPresent()); i++) {
            html = stack.send(stack.request("render-service", "/api/rendered/" + id + "/html?minVersion=1&wait=10s"),
                    Duration.ofSeconds(30));
        }
        assertEquals(200, html.statusCode());
        assertEquals(null, html.headers().firstValue("CMS-Stale").orElse(null), "rendered");
        assertTrue(html.body().contains(marker + "\na\na\na") && !html.body().contains("cms-render-failed"),
                html.body().substring(0, Math.min(500, html.body().length())));
        int indexed = 0;
        for (int i = 0; i < 3 && indexed != 200; i++) {
            indexed = stack.send(stack.request("search-service", "/api/search/posts/" + id + "?minVersion=1&wait=10s"),
                    Duration.ofSeconds(30)).statusCode();
        }
        assertEquals(200, indexed, "indexed");
    }

    /**
     * Hostile front matter through the importer: each file is answered within a second, a bound it
     * breaks is a 400 naming {@code frontMatter}, nothing is stored for a refused file, and a post
     * no file targets is unchanged.
     */
    @Test
    void hostileFrontMatterIsAnsweredWithinASecondAndStoresNothing() throws Exception {
        String sentinel = JSON.readTree(stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"YAML sentinel\",\"markdown\":\"不変\"}"))).body()).get("id").asText();
        String before = stack.send(stack.admin("post-service", "/api/posts/" + sentinel)).body();
        importFile("2024-01-01-warm-up.md", "---\ntitle: warm-up\n---\nbody\n");
        List<String> failures = new ArrayList<>();
        List<HostileYaml.Case> cases = HostileYaml.all();
        assertTrue(cases.size() >= 30, cases.size() + " cases");
        for (HostileYaml.Case c : cases) {
            long start = System.nanoTime();
            HttpResponse<String> answer = importFile("2024-01-01-" + c.slug() + ".md", c.file());
            long millis = (System.nanoTime() - start) / 1_000_000;
            int status = answer.statusCode();
            int stored = stack.send(stack.admin("post-service", "/api/posts/" + c.slug())).statusCode();
            String what = c.name() + ": " + status + " in " + millis + " ms, stored " + (stored == 200);
            System.out.println("Hostile YAML " + what);
            if (millis > 1_000 || status >= 500 || (c.mustRefuse() && status != 400)
                    || (status == 400 && (stored != 404 || !answer.body().contains("\"frontMatter"))) || (status < 300 && stored != 200)) {
                failures.add(what + " " + answer.body().substring(0, Math.min(300, answer.body().length())));
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(before, stack.send(stack.admin("post-service", "/api/posts/" + sentinel)).body());
    }

    private static HttpResponse<String> importFile(String name, String text) throws Exception {
        return stack.send(stack.admin("post-service", "/api/import?filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8))
                .header("Content-Type", "text/markdown").POST(BodyPublishers.ofString(text)));
    }

    /**
     * 400 anonymous read-your-writes waiters for a version that never comes, from 400 addresses: the
     * room takes 200 (no thread each), the rest get 503 with Retry-After at once, and a plain read
     * meanwhile is not stalled (within three times its idle p99, plus 5 ms). One address gets its 8 places, then 429.
     */
    @Test
    void fourHundredWaitersNeitherStallPlainReadsNorGetSlowAnswers() throws Exception {
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"Waited for\",\"markdown\":\"# 待つ\\n\\n本文。\",\"status\":\"published\"}")));
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, stack.send(stack.request("render-service", "/api/rendered/" + id + "/html?minVersion=1&wait=10s")).statusCode());
        plainReads(id, 300);
        long[] idle = plainReads(id, 300);

        java.net.http.HttpClient crowd = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<java.util.concurrent.CompletableFuture<long[]>> waiters = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long sent = System.nanoTime();
            waiters.add(crowd.sendAsync(stack.request("render-service", "/api/rendered/" + id + "?minVersion=999999&wait=6s")
                    .header("X-Forwarded-For", "198.51." + (i / 250) + "." + (i % 250)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString())
                    .thenApply(r -> new long[] {r.statusCode(), (System.nanoTime() - sent) / 1_000_000,
                        r.headers().firstValue("Retry-After").isPresent() ? 1 : 0}));
        }
        Thread.sleep(1_000);
        long[] crowded = plainReads(id, 300);
        java.util.Map<Long, Long> statuses = new java.util.TreeMap<>();
        long slowRefusals = 0;
        for (var w : waiters) {
            long[] r = w.get(30, java.util.concurrent.TimeUnit.SECONDS);
            statuses.merge(r[0], 1L, Long::sum);
            if (r[0] != 200 && (r[1] > 2_000 || r[2] != 1)) {
                slowRefusals++;
            }
        }
        System.out.printf("Plain read with 400 waiters: idle p50 %.2f / p99 %.2f ms, crowded p50 %.2f / p99 %.2f ms; waiters %s%n",
                pct(idle, 50) / 1000.0, pct(idle, 99) / 1000.0, pct(crowded, 50) / 1000.0, pct(crowded, 99) / 1000.0, statuses);
        assertEquals(java.util.Map.of(200L, 200L, 503L, 200L), statuses, "200 waited (stale answer after 6 s), 200 refused");
        assertEquals(0, slowRefusals, "every refusal at once, with Retry-After");
        // A stall (a thread per waiter, a pool run dry) shows as hundreds of milliseconds or more; the p99 of
        // 300 reads on a 2-core machine running the whole stack moves by a few. So: three times the idle
        // p99 plus 5 ms (it measured 12.8 against 4.5 idle once, with nothing stalled). Figures: BENCHMARKS.md.
        assertTrue(pct(crowded, 99) <= 3 * pct(idle, 99) + 5_000, "crowded p99 " + pct(crowded, 99) + " µs, idle " + pct(idle, 99));

        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> one = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            one.add(crowd.sendAsync(stack.request("search-service", "/api/search/posts/" + id + "?minVersion=999999&wait=2s")
                    .header("X-Forwarded-For", "203.0.113.7").build(), HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Map<Integer, Long> perClient = new java.util.TreeMap<>();
        for (var r : one) {
            perClient.merge(r.get(30, java.util.concurrent.TimeUnit.SECONDS).statusCode(), 1L, Long::sum);
        }
        assertEquals(java.util.Map.of(200, 8L, 429, 4L), perClient, "one client: 8 places, then 429");
    }

    /**
     * A brute-force run of wrong tokens is turned away with 429 after a few tries (the admin from
     * another address is not), and an anonymous client that searches in a burst gets 429 once its
     * allowance is spent; every limited answer says its quota in RateLimit and RateLimit-Policy.
     * Calls with the bootstrap token, the services' own, are not counted.
     */
    @Test
    void bruteForceAndSearchBurstsGet429WithRetryAfterAndRateLimitFields() throws Exception {
        java.util.Map<Integer, Integer> bruteForce = new java.util.TreeMap<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 30; i++) {
            last = stack.send(stack.request("post-service", "/api/outbox/parked")
                    .header("Authorization", "Bearer guess-" + i).header("X-Forwarded-For", "192.0.2.50"));
            bruteForce.merge(last.statusCode(), 1, Integer::sum);
        }
        assertEquals(java.util.Map.of(403, 10, 429, 20), bruteForce, "10 tries, then turned away unchecked");
        assertTrue(last.headers().firstValue("Retry-After").isPresent());
        assertEquals("application/problem+json", last.headers().firstValue("Content-Type").orElse(""));
        assertEquals(429, stack.send(stack.admin("post-service", "/api/outbox/parked")
                .header("X-Forwarded-For", "192.0.2.50")).statusCode(), "even the right token, from that address, for now");
        assertEquals(200, stack.send(stack.admin("post-service", "/api/outbox/parked")
                .header("X-Forwarded-For", "192.0.2.51")).statusCode(), "the admin elsewhere is not affected");

        java.util.Map<Integer, Integer> burst = new java.util.TreeMap<>();
        HttpResponse<String> first = null;
        HttpResponse<String> refused = null;
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> r = stack.send(stack.request("search-service", "/api/search?q=burst" + i)
                    .header("X-Forwarded-For", "192.0.2.60"));
            burst.merge(r.statusCode(), 1, Integer::sum);
            first = first == null ? r : first;
            refused = r.statusCode() == 429 && refused == null ? r : refused;
        }
        assertTrue(burst.getOrDefault(200, 0) >= 60 && burst.getOrDefault(429, 0) >= 10, burst.toString());
        assertEquals("\"expensive\";q=60;w=3", first.headers().firstValue("RateLimit-Policy").orElse(""));
        assertTrue(first.headers().firstValue("RateLimit").orElse("").startsWith("\"expensive\";r=59;t="),
                first.headers().map().toString());
        assertTrue(refused.headers().firstValue("Retry-After").isPresent());
        assertTrue(refused.body().contains("urn:cms:problem:rate-limited"), refused.body());

        java.util.Map<Integer, Integer> internal = new java.util.TreeMap<>();
        HttpResponse<String> preview = null;
        for (int i = 0; i < 120; i++) {
            preview = stack.send(stack.admin("render-service", "/api/render/preview").header("X-Forwarded-For", "192.0.2.61")
                    .header("Content-Type", "text/markdown").POST(BodyPublishers.ofString("# Preview " + i)));
            internal.merge(preview.statusCode(), 1, Integer::sum);
        }
        assertEquals(java.util.Map.of(200, 120), internal, "the services' own calls (the studio's previews of every writer,"
                + " from post-service's one address) are not counted against that address");
        assertEquals(java.util.Optional.empty(), preview.headers().firstValue("RateLimit-Policy"));

        HttpResponse<String> anonymousRead = stack.send(stack.request("post-service", "/api/posts"));
        assertTrue(anonymousRead.headers().firstValue("RateLimit-Policy").orElse("").startsWith("\"read\";q=1000"));
        HttpResponse<String> adminRead = stack.send(stack.admin("post-service", "/api/posts"));
        assertEquals(java.util.Optional.empty(), adminRead.headers().firstValue("RateLimit-Policy"),
                "reads with credentials are not counted");
    }

    /** {@code n} plain reads of a post's HTML, one after another; each one's time in microseconds. */
    private static long[] plainReads(String id, int n) throws Exception {
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = stack.send(stack.request("render-service", "/api/rendered/" + id + "/html"));
            micros[i] = (System.nanoTime() - start) / 1_000;
            assertEquals(200, r.statusCode());
        }
        return micros;
    }

    /** Creates {@code n} small published posts one after another; each one's time from POST to its HTML. */
    private static long[] smallWrites(int n, String name) throws Exception {
        long[] millis = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"title\":\"Small " + name + " " + i + " " + System.nanoTime()
                            + "\",\"markdown\":\"小さな投稿 " + i + "\",\"status\":\"published\"}")));
            assertEquals(201, created.statusCode(), created.body());
            String id = JSON.readTree(created.body()).get("id").asText();
            HttpResponse<String> html = stack.send(stack.request("render-service",
                    "/api/rendered/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/html?minVersion=1&wait=10s"));
            assertEquals(200, html.statusCode());
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        return millis;
    }

    static String ideographs(int chars) {
        Random random = new Random(7);
        StringBuilder sb = new StringBuilder(chars);
        for (int i = 0; i < chars; i++) {
            // Paragraphs of 400 characters, as real text has them.
            sb.append(i % 400 == 399 ? '\n' : (char) (0x4E00 + random.nextInt(0x9FA5 - 0x4E00)));
        }
        return sb.toString();
    }

    private static long pct(long[] values, int p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
