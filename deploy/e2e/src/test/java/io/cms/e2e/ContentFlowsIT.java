package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.testkit.WebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A frontend's view: write through post-service, read HTML from render-service and results from search-service. */
class ContentFlowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        // Webhook retries on a schedule of seconds (production: minutes to hours) and a short timeout.
        stack = new Stack("content-flows", Map.of(
                "CMS_WEBHOOKS_RETRY_SCHEDULE", "0s,1s,2s,3s,5s,8s,10s,10s,10s,10s",
                "CMS_WEBHOOKS_TIMEOUT", "3s",
                "CMS_KEYS_LAST_USED_EVERY", "1s",
                // The refusals these tests provoke on purpose count as failed authentication.
                "CMS_RATE_LIMIT_AUTH_FAILURE_BURST", "100"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    /**
     * Graceful shutdown: a request in flight when the service gets SIGTERM (a rolling update on
     * Kubernetes) is answered normally, not cut off.
     */
    @Test
    void aServiceStoppedWithSigtermAnswersTheRequestInFlight() throws Exception {
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"Graceful\",\"markdown\":\"v1\",\"status\":\"published\"}")));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, stack.send(stack.request("render-service", "/api/rendered/" + id + "?minVersion=1&wait=10s")).statusCode());

        // Waits its full 4 s for a version that never comes, and is answered with the older one.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return stack.send(stack.request("render-service", "/api/rendered/" + id + "?minVersion=99&wait=4s"));
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        Thread.sleep(1_000);
        stack.restart("render-service", false);
        HttpResponse<String> answer = inFlight.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("true", answer.headers().firstValue("CMS-Stale").orElse(null));
        assertEquals(1, JSON.readTree(answer.body()).get("version").asInt());
    }

    @Test
    void publishUpdateUnpublish() throws Exception {
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"端から端まで\",\"markdown\":\"# 見出し\\n\\n最初の版。\",\"status\":\"published\"}")));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode post = JSON.readTree(created.body());
        String id = post.get("id").asText();
        String slug = post.get("slug").asText();

        HttpResponse<String> v1 = stack.send(stack.request("render-service", "/api/rendered/" + id + "?minVersion=1&wait=10s"));
        assertEquals(200, v1.statusCode(), v1.body());
        assertTrue(JSON.readTree(v1.body()).get("html").asText().contains("最初の版。"), v1.body());

        HttpResponse<String> updated = stack.send(stack.admin("post-service", "/api/posts/" + id)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"title\":\"端から端まで\",\"markdown\":\"二番目の版。\"}")));
        assertEquals(200, updated.statusCode(), updated.body());
        HttpResponse<String> v2 = stack.send(stack.request("render-service", "/api/rendered/" + slug + "/html?minVersion=2&wait=10s"));
        assertEquals(200, v2.statusCode());
        assertTrue(v2.body().contains("二番目の版。"), v2.body());
        String etag = v2.headers().firstValue("ETag").orElse("");
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), "a strong tag from the bytes: " + etag);
        assertEquals(304, stack.send(stack.request("render-service", "/api/rendered/" + slug + "/html")
                .header("If-None-Match", etag)).statusCode());

        stack.send(stack.admin("post-service", "/api/posts/" + id + "/unpublish").POST(BodyPublishers.noBody()));
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) {
            Thread.sleep(100);
            status = stack.send(stack.request("render-service", "/api/rendered/" + id)).statusCode();
        }
        assertEquals(404, status, "an unpublished post is no longer served");
    }

    /**
     * A session opened on post-service is accepted by render- and search-service too (they check
     * the token themselves), in a header or a cookie (with its CSRF token for changes), and signing
     * out ends it on all three within 5 s.
     */
    @Test
    void aSessionIsAcceptedEverywhereAndEndsEverywhereWithinFiveSeconds() throws Exception {
        String email = "e2e-" + UUID.randomUUID() + "@example.com";
        String password = "correct horse battery staple";
        HttpResponse<String> made = stack.send(stack.admin("post-service", "/api/users").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "name", "E2E admin",
                        "role", "admin", "password", password)))));
        assertEquals(201, made.statusCode(), made.body());
        HttpResponse<String> signedIn = stack.send(stack.request("post-service", "/api/session").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", password)))));
        assertEquals(200, signedIn.statusCode(), signedIn.body());
        String token = JSON.readTree(signedIn.body()).get("token").asText();
        Map<String, String> adminReads = Map.of("post-service", "/api/webhooks", "render-service", "/api/admin/rerender",
                "search-service", "/api/admin/reindex");
        for (Map.Entry<String, String> read : adminReads.entrySet()) {
            assertEquals(200, status(read.getKey(), read.getValue(), token), read.getKey());
        }

        // The browser's variant: the same session in a cookie, a change with it needs the CSRF token.
        HttpResponse<String> browser = stack.send(stack.request("post-service", "/api/session").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "password", password, "cookie", true)))));
        assertEquals(200, browser.statusCode(), browser.body());
        String cookie = "cms_session=" + browser.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("cms_session="))
                .findFirst().orElseThrow().split("[=;]")[1];
        String csrf = JSON.readTree(browser.body()).get("csrfToken").asText();
        for (Map.Entry<String, String> read : adminReads.entrySet()) {
            assertEquals(200, stack.send(stack.request(read.getKey(), read.getValue()).header("Cookie", cookie)).statusCode(),
                    read.getKey() + " with the cookie");
        }
        var preview = stack.request("render-service", "/api/render/preview").header("Cookie", cookie)
                .header("Content-Type", "text/markdown");
        assertEquals(403, stack.send(preview.copy().POST(BodyPublishers.ofString("# Hi"))).statusCode(), "no CSRF token");
        assertEquals(200, stack.send(preview.copy().header("X-CSRF-Token", csrf).POST(BodyPublishers.ofString("# Hi"))).statusCode());

        HttpResponse<String> out = stack.send(stack.request("post-service", "/api/session")
                .header("Authorization", "Bearer " + token).DELETE());
        assertEquals(204, out.statusCode(), out.body());
        long signedOut = System.nanoTime();
        for (Map.Entry<String, String> read : adminReads.entrySet()) {
            Stack.awaitTrue(6, () -> status(read.getKey(), read.getValue(), token) == 401);
        }
        long took = (System.nanoTime() - signedOut) / 1_000_000;
        assertTrue(took < 5_000, "refused everywhere after " + took + " ms");
    }

    /**
     * The role matrix's rebuild cells, where the rebuilds are: only owners and admins (and the admin
     * token) reach render- and search-service's rebuilds; every other role, and a content key, is
     * refused there. (The other cells: post-service's RoleMatrixIT.)
     */
    @Test
    void onlyAdminsRebuildRendersAndTheIndex() throws Exception {
        Map<String, String> rebuilds = Map.of("render-service", "/api/admin/rerender", "search-service", "/api/admin/reindex");
        String contentKey = makeKey("content").get("key").asText();
        for (String role : List.of("admin", "editor", "author", "contributor")) {
            String email = "rebuild-" + role + "-" + UUID.randomUUID() + "@example.com";
            String password = "correct horse battery staple";
            assertEquals(201, stack.send(stack.admin("post-service", "/api/users").header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("email", email, "name", "Rebuild " + role,
                            "role", role, "password", password))))).statusCode());
            String token = JSON.readTree(stack.send(stack.request("post-service", "/api/session")
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofString(JSON.writeValueAsString(
                            Map.of("email", email, "password", password))))).body()).get("token").asText();
            for (Map.Entry<String, String> rebuild : rebuilds.entrySet()) {
                if (role.equals("admin")) {
                    assertEquals(200, status(rebuild.getKey(), rebuild.getValue(), token), role + " " + rebuild);
                } else {
                    int refused = stack.send(stack.request(rebuild.getKey(), rebuild.getValue())
                            .header("Authorization", "Bearer " + token).POST(BodyPublishers.noBody())).statusCode();
                    assertEquals(403, refused, role + " starting " + rebuild);
                }
            }
        }
        for (Map.Entry<String, String> rebuild : rebuilds.entrySet()) {
            assertEquals(403, stack.send(stack.request(rebuild.getKey(), rebuild.getValue())
                    .header("Authorization", "Bearer " + contentKey).POST(BodyPublishers.noBody())).statusCode());
            assertEquals(401, stack.send(stack.request(rebuild.getKey(), rebuild.getValue()).POST(BodyPublishers.noBody()))
                    .statusCode());
        }
    }

    /**
     * API keys through the whole stack: an admin key acts as an admin on all three services, a
     * content key reads through {@code ?key=}, a use anywhere shows as "last used", and both are
     * refused everywhere within 5 s of being revoked.
     */
    @Test
    void keysWorkEverywhereAndRevokedOnesNowhereWithinFiveSeconds() throws Exception {
        JsonNode admin = makeKey("admin");
        JsonNode content = makeKey("content");
        Map<String, String> adminReads = Map.of("post-service", "/api/webhooks", "render-service", "/api/admin/rerender",
                "search-service", "/api/admin/reindex");
        Map<String, String> contentReads = Map.of("post-service", "/api/posts?key=", "render-service",
                "/api/rendered/no-such-post?key=", "search-service", "/api/search?q=key&key=");
        for (String service : adminReads.keySet()) {
            // Each service learns of new keys by polling post-service (every second), so both keys are
            // awaited: the two were made apart and a poll may fall between them.
            Stack.awaitTrue(5, () -> status(service, adminReads.get(service), admin.get("key").asText()) == 200);
            Stack.awaitTrue(5, () -> {
                try {
                    int read = stack.send(stack.request(service, contentReads.get(service) + content.get("key").asText()))
                            .statusCode();
                    return read == 200 || read == 404;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        // A key used only on search-service: post-service's list says when, from search-service's report.
        JsonNode searchOnly = makeKey("content");
        Stack.awaitTrue(5, () -> {
            try {
                return stack.send(stack.request("search-service", "/api/search?q=used&key=" + searchOnly.get("key").asText()))
                        .statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Stack.awaitTrue(10, () -> {
            try {
                for (JsonNode k : JSON.readTree(stack.send(stack.admin("post-service", "/api/keys")).body())) {
                    if (k.get("id").asText().equals(searchOnly.get("id").asText())) {
                        return k.hasNonNull("lastUsedAt");
                    }
                }
                return false;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        for (JsonNode key : List.of(admin, content)) {
            assertEquals(204, stack.send(stack.admin("post-service", "/api/keys/" + key.get("id").asText()).DELETE()).statusCode());
        }
        long revoked = System.nanoTime();
        for (String service : adminReads.keySet()) {
            Stack.awaitTrue(6, () -> status(service, adminReads.get(service), admin.get("key").asText()) == 403);
            Stack.awaitTrue(6, () -> {
                try {
                    return stack.send(stack.request(service, contentReads.get(service) + content.get("key").asText()))
                            .statusCode() == 403;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        long took = (System.nanoTime() - revoked) / 1_000_000;
        assertTrue(took < 5_000, "refused everywhere after " + took + " ms");
    }

    private static JsonNode makeKey(String kind) throws Exception {
        HttpResponse<String> made = stack.send(stack.admin("post-service", "/api/keys").header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(JSON.writeValueAsString(Map.of("name", "e2e " + kind, "kind", kind)))));
        assertEquals(201, made.statusCode(), made.body());
        return JSON.readTree(made.body());
    }

    private static int status(String service, String path, String token) {
        try {
            return stack.send(stack.request(service, path).header("Authorization", "Bearer " + token)).statusCode();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void publishedPostsBecomeSearchableAndLeaveTheIndex() throws Exception {
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"検索の試験\",\"markdown\":\"珍しい単語は蜃気楼です。\",\"status\":\"published\"}")));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, awaitStatus("/api/search/posts/" + id, 200));
        HttpResponse<String> found = stack.send(stack.request("search-service", "/api/search?q=%E8%9C%83%E6%B0%97%E6%A5%BC"));
        assertTrue(found.body().contains(id), found.body());

        HttpResponse<String> deleted = stack.send(stack.admin("post-service", "/api/posts/" + id).DELETE());
        assertEquals(204, deleted.statusCode());
        assertEquals(404, awaitStatus("/api/search/posts/" + id, 404));
    }

    /**
     * A zipped Jekyll site with an image: post-service stores the image and points the post at it,
     * render-service gives it a srcset, and every file of that srcset loads from post-service at the
     * width it claims (what a browser would fetch).
     */
    @Test
    void aZippedSitesImagesRenderResponsiveAndEveryFileLoads() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        java.awt.image.BufferedImage figure = new java.awt.image.BufferedImage(1000, 600, java.awt.image.BufferedImage.TYPE_INT_RGB);
        figure.setRGB(1, 1, 0xFF0000 + run.hashCode() % 255);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(figure, "png", png);
        java.io.ByteArrayOutputStream zip = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip)) {
            z.putNextEntry(new java.util.zip.ZipEntry("site/_posts/2024-02-02-figures-" + run + ".md"));
            z.write(("---\ntitle: Figures " + run + "\n---\n![A figure](/assets/figure.png)\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            z.putNextEntry(new java.util.zip.ZipEntry("site/assets/figure.png"));
            z.write(png.toByteArray());
        }
        HttpResponse<String> imported = stack.send(stack.admin("post-service", "/api/import").header("Content-Type", "application/zip")
                .POST(BodyPublishers.ofByteArray(zip.toByteArray())));
        assertEquals(200, imported.statusCode(), imported.body());
        assertEquals("created", JSON.readTree(imported.body()).path("media").path(0).path("outcome").asText(), imported.body());

        HttpResponse<String> html = stack.send(stack.request("render-service", "/api/rendered/figures-" + run + "/html?wait=10s"));
        for (int i = 0; i < 100 && html.statusCode() != 200; i++) {
            Thread.sleep(100);
            html = stack.send(stack.request("render-service", "/api/rendered/figures-" + run + "/html"));
        }
        assertEquals(200, html.statusCode(), html.body());
        java.util.regex.Matcher srcset = java.util.regex.Pattern.compile("srcset=\"([^\"]+)\"").matcher(html.body());
        assertTrue(srcset.find(), html.body());
        assertTrue(html.body().contains("width=\"1000\" height=\"600\" loading=\"lazy\" decoding=\"async\" alt=\"A figure\""),
                html.body());
        List<String> candidates = List.of(srcset.group(1).split(", "));
        assertEquals(List.of("320w", "640w", "1000w"), candidates.stream().map(c -> c.substring(c.lastIndexOf(' ') + 1)).toList());
        for (String candidate : candidates) {
            String url = candidate.substring(0, candidate.lastIndexOf(' '));
            assertTrue(url.startsWith(stack.url("post-service", "/media/")), url);
            HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, file.statusCode(), url);
            assertEquals("image/png", file.headers().firstValue("Content-Type").orElse(""));
            int width = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(file.body())).getWidth();
            assertEquals(candidate.substring(candidate.lastIndexOf(' ') + 1), width + "w", url);
        }
    }

    /**
     * A tag renamed in post-service reaches the posts that carry it: the Content API (render-service)
     * names it anew with its description, and search-service's facets and tag filter follow.
     */
    @Test
    void aRenamedTagReachesTheContentApiAndSearchFacets() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        String before = "Before " + run;
        HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"title\":\"名前の変わるタグ\",\"markdown\":\"本文。\",\"status\":\"published\","
                        + "\"tags\":[\"" + before + "\"]}")));
        assertEquals(201, created.statusCode(), created.body());
        String id = JSON.readTree(created.body()).get("id").asText();
        assertEquals(200, awaitStatus("/api/search/posts/" + id, 200));

        String after = "タグ " + run;
        HttpResponse<String> renamed = stack.send(stack.admin("post-service", "/api/tags/before-" + run)
                .header("Content-Type", "application/json")
                .PUT(BodyPublishers.ofString("{\"name\":\"" + after + "\",\"description\":\"改名されたタグ\"}")));
        assertEquals(200, renamed.statusCode(), renamed.body());
        String slug = JSON.readTree(renamed.body()).get("slug").asText();
        assertEquals("タグ-" + run, slug);

        assertEquals(200, stack.send(stack.request("search-service", "/api/search/posts/" + id + "?minVersion=2&wait=10s"))
                .statusCode());
        String tagParam = java.net.URLEncoder.encode(after, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode found = JSON.readTree(stack.send(stack.request("search-service", "/api/search?tag=" + tagParam)).body());
        assertEquals(id, found.get("items").get(0).get("id").asText(), found.toString());
        assertEquals(after, found.get("facets").get("tags").get(0).get("value").asText(), found.toString());

        String path = "/ghost/api/content/tags/slug/" + java.net.URLEncoder.encode(slug, java.nio.charset.StandardCharsets.UTF_8) + "/";
        JsonNode tag = null;
        for (int i = 0; i < 200; i++) {
            HttpResponse<String> r = stack.send(stack.admin("render-service", path));
            if (r.statusCode() == 200 && !JSON.readTree(r.body()).get("tags").get(0).get("description").isNull()) {
                tag = JSON.readTree(r.body()).get("tags").get(0);
                break;
            }
            Thread.sleep(50);
        }
        assertTrue(tag != null, "the renamed tag with its description in the Content API");
        assertEquals(after, tag.get("name").asText());
        assertEquals("改名されたタグ", tag.get("description").asText());
        assertEquals(JSON.readTree(renamed.body()).get("id").asText(), tag.get("id").asText());
    }

    /**
     * Write → webhook through all three services: post events from post-service, post.rendered from
     * render-service. The receiver is down while post-service crashes (kill -9) with retries pending;
     * after the restart and the receiver's recovery every event arrives once, in per-post order.
     */
    @Test
    void webhooksSurviveAPostServiceCrashAndArriveOnceInOrder() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            AtomicBoolean down = new AtomicBoolean(true);
            receiver.answering(n -> down.get() ? 503 : 200);
            HttpResponse<String> subscribed = stack.send(stack.admin("post-service", "/api/webhooks")
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\",\"tag\":\"e2e-webhook\"}")));
            assertEquals(201, subscribed.statusCode(), subscribed.body());
            receiver.verifyingWith(JSON.readTree(subscribed.body()).get("secret").asText());

            List<String> posts = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String body = "{\"title\":\"Webhook e2e " + i + " " + System.nanoTime() + "\",\"markdown\":\"v1\","
                        + "\"status\":\"published\",\"tags\":[\"e2e-webhook\"]}";
                HttpResponse<String> created = stack.send(stack.admin("post-service", "/api/posts")
                        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(body)));
                assertEquals(201, created.statusCode(), created.body());
                String id = JSON.readTree(created.body()).get("id").asText();
                posts.add(id);
                HttpResponse<String> updated = stack.send(stack.admin("post-service", "/api/posts/" + id)
                        .header("Content-Type", "application/json").PUT(BodyPublishers.ofString(body.replace("v1", "v2"))));
                assertEquals(200, updated.statusCode(), updated.body());
            }
            Stack.awaitTrue(30, () -> receiver.hits().size() >= 10);
            java.util.Set<String> refusedBeforeCrash = new java.util.HashSet<>();
            receiver.hits().forEach(h -> refusedBeforeCrash.add(h.webhookId()));
            stack.restart("post-service", true);
            down.set(false);

            Stack.awaitTrue(90, () -> posts.stream().allMatch(id -> {
                List<WebhookReceiver.Hit> got = accepted(receiver, id);
                return got.stream().anyMatch(h -> h.type().equals("post.created"))
                        && got.stream().anyMatch(h -> h.type().equals("post.updated"))
                        && got.stream().anyMatch(h -> h.type().equals("post.rendered") && h.version() == 2);
            }));
            Thread.sleep(2_000); // a duplicate would show up by now
            List<WebhookReceiver.Hit> accepted = receiver.accepted();
            assertEquals(accepted.size(), accepted.stream().map(WebhookReceiver.Hit::webhookId).distinct().count(),
                    "each webhook-id accepted once");
            assertTrue(receiver.hits().stream().allMatch(WebhookReceiver.Hit::verified));
            assertTrue(accepted.stream().map(WebhookReceiver.Hit::webhookId).toList().containsAll(refusedBeforeCrash),
                    "every delivery pending at the crash was completed after it");
            for (String id : posts) {
                assertEquals(List.of("post.created", "post.updated"), accepted(receiver, id).stream()
                        .map(WebhookReceiver.Hit::type).filter(t -> !t.equals("post.rendered")).toList());
                JsonNode data = accepted(receiver, id).get(0).json().get("data");
                assertTrue(data.get("urls").get("html").asText().startsWith(stack.url("render-service", "/api/rendered/")),
                        data.toString());
            }
        }
    }

    private static List<WebhookReceiver.Hit> accepted(WebhookReceiver receiver, String postId) {
        return receiver.accepted().stream().filter(h -> h.postId().equals(postId)).toList();
    }

    private static int awaitStatus(String path, int wanted) throws Exception {
        int status = -1;
        for (int i = 0; i < 200 && status != wanted; i++) {
            status = stack.send(stack.request("search-service", path)).statusCode();
            if (status != wanted) {
                Thread.sleep(50);
            }
        }
        return status;
    }
}
