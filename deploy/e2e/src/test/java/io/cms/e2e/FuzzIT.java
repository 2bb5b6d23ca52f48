package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input at volume against every public endpoint of the three services: malformed JSON, wrong
 * types, huge and invalid strings, deep nesting, broken front matter, hostile Markdown, nonsense
 * query parameters. Not one 5xx; a post nobody targets is unchanged; every service stays ready.
 */
class FuzzIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REQUESTS = 3_000;
    /** A cursor-shaped lie whose last value is a time past every database's calendar. */
    private static final String FAR_OFF_CURSOR = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
            "v1\npublishedAt\nd\n00000000-0000-0000-0000-000000000000\n=+999999999-12-31T23:59:59Z".getBytes(StandardCharsets.UTF_8));
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack("fuzz");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void noServerErrorsNoCorruptionStillReady() throws Exception {
        Random random = new Random(20261129);
        String sentinel = create("{\"title\":\"Sentinel\",\"markdown\":\"# 見出し\\n\\n変わらない本文。\",\"status\":\"published\",\"tags\":[\"a\"]}");
        String sentinelBefore = stack.send(stack.admin("post-service", "/api/posts/" + sentinel)).body();
        String target = create("{\"title\":\"Target\",\"markdown\":\"target\"}");
        String hook = JSON.readTree(stack.send(stack.admin("post-service", "/api/webhooks")
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"url\":\"http://localhost:9/fuzz\",\"events\":[\"post.created\"]}"))).body())
                .get("id").asText();

        List<Supplier<HttpRequest.Builder>> requests = new ArrayList<>();
        requests.add(() -> json("POST", "post-service", "/api/posts", body(random)));
        requests.add(() -> json("PUT", "post-service", "/api/posts/" + target, body(random)));
        requests.add(() -> json("PUT", "post-service", "/api/posts/" + pathNoise(random), body(random)));
        requests.add(() -> stack.admin("post-service", "/api/posts?" + params(random, "tag", "category", "author",
                "status", "sort", "page", "limit", "from", "to", "lang", "cursor")).GET());
        requests.add(() -> stack.request("post-service", "/api/posts/" + pathNoise(random)).GET());
        requests.add(() -> stack.admin("post-service", "/api/import?filename=" + enc(noise(random, 30)))
                .header("Content-Type", "text/markdown").POST(BodyPublishers.ofByteArray(frontMatter(random))));
        requests.add(() -> stack.admin("post-service", "/api/import").header("Content-Type", "application/zip")
                .POST(BodyPublishers.ofByteArray(bytes(random, 2_000))));
        requests.add(() -> json("POST", "post-service", "/api/webhooks", body(random)));
        requests.add(() -> json("PATCH", "post-service", "/api/webhooks/" + hook, body(random)));
        requests.add(() -> stack.admin("post-service", "/api/webhooks/" + hook + "/deliveries?"
                + params(random, "status", "eventType", "postId", "page", "limit")).GET());
        requests.add(() -> stack.admin("post-service", "/api/webhooks/" + hook + "/replay?"
                + params(random, "since", "until")).POST(BodyPublishers.noBody()));
        requests.add(() -> stack.request("render-service", "/api/rendered/" + pathNoise(random) + "?"
                + params(random, "minVersion", "wait")).GET());
        requests.add(() -> stack.request("render-service", "/api/render/preview").header("Content-Type", "text/markdown")
                .POST(BodyPublishers.ofByteArray(markdown(random))));
        requests.add(() -> json("POST", "render-service", "/api/render/preview", body(random)));
        requests.add(() -> stack.request("search-service", "/api/search?" + params(random, "q", "tag", "category",
                "author", "lang", "from", "to", "sort", "page", "limit")).GET());
        requests.add(() -> stack.request("search-service", "/api/search/suggest?" + params(random, "q")).GET());
        requests.add(() -> stack.request("search-service", "/api/search/posts/" + pathNoise(random)).GET());

        Map<String, Integer> statuses = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            HttpRequest.Builder request = requests.get(random.nextInt(requests.size())).get();
            HttpResponse<String> response;
            try {
                response = stack.send(request);
            } catch (java.io.IOException e) {
                serverErrors.add(request.build().method() + " " + request.build().uri().toString().substring(0,
                        Math.min(200, request.build().uri().toString().length())) + " -> no answer: " + e.getMessage());
                continue;
            }
            statuses.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                serverErrors.add(request.build().method() + " " + request.build().uri() + " -> " + response.statusCode()
                        + " " + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }
        System.out.println("Fuzz: " + REQUESTS + " requests, statuses " + statuses);
        assertEquals(List.of(), serverErrors);
        assertEquals(sentinelBefore, stack.send(stack.admin("post-service", "/api/posts/" + sentinel)).body(),
                "a post no request targeted is unchanged");
        for (String service : List.of("post-service", "render-service", "search-service")) {
            assertEquals(200, stack.send(stack.request(service, "/q/health/ready")).statusCode(), service + " ready");
        }
        HttpResponse<String> html = stack.send(stack.request("render-service", "/api/rendered/" + sentinel + "/html?minVersion=1&wait=10s"));
        assertTrue(html.body().contains("変わらない本文"), html.body());
    }

    private static String create(String body) throws Exception {
        HttpResponse<String> created = stack.send(json("POST", "post-service", "/api/posts", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, created.statusCode(), created.body());
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static HttpRequest.Builder json(String method, String service, String path, byte[] body) {
        return stack.admin(service, path).header("Content-Type", "application/json")
                .method(method, BodyPublishers.ofByteArray(body));
    }

    private static HttpRequest.Builder json(String method, String service, String path, String body) {
        return json(method, service, path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A JSON body that is broken in one of many ways (or, now and then, valid but hostile). */
    private static byte[] body(Random r) {
        String valid = "{\"title\":\"Fuzz " + r.nextInt(1000) + "\",\"markdown\":" + JSON.valueToTree(new String(markdown(r), StandardCharsets.UTF_8))
                + ",\"tags\":[\"x\"],\"url\":\"https://example.com/h\",\"events\":[\"post.created\"]}";
        return switch (r.nextInt(12)) {
            case 0 -> valid.substring(0, r.nextInt(valid.length())).getBytes(StandardCharsets.UTF_8); // truncated
            case 1 -> "{\"title\": 5, \"markdown\": [1, 2], \"tags\": \"x\", \"status\": {}}".getBytes(StandardCharsets.UTF_8);
            case 2 -> ("{\"title\":\"" + "長".repeat(200_000) + "\"}").getBytes(StandardCharsets.UTF_8);
            case 3 -> invalidUtf8(valid);
            case 4 -> ("[".repeat(20_000) + "]".repeat(20_000)).getBytes(StandardCharsets.UTF_8);
            case 5 -> ("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            case 6 -> ("{\"title\":\"\\u0000\\u001f\\ud800\",\"publishedAt\":\"" + (r.nextBoolean() ? "yesterday" : "+999999999-12-31T23:59:59Z")
                    + "\",\"status\":\"maybe\",\"lang\":\"日本\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 7 -> ("{\"title\":\"t\",\"frontMatter\":{\"layout\":{\"x\":[" + "1,".repeat(1000) + "1]}},\"slug\":\"../../etc\"}")
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> bytes(r, 1 + r.nextInt(500));
            case 9 -> "null".getBytes(StandardCharsets.UTF_8);
            case 10 -> ("{\"url\":\"javascript:alert(1)\",\"events\":[7],\"active\":\"yes\",\"tag\":" + "1".repeat(400) + "}")
                    .getBytes(StandardCharsets.UTF_8);
            default -> valid.getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] markdown(Random r) {
        String md = switch (r.nextInt(8)) {
            case 0 -> ">".repeat(5_000) + " deep";
            case 1 -> "*".repeat(20_000) + "a" + "_".repeat(20_000);
            case 2 -> "[".repeat(10_000) + "](" .repeat(5_000);
            case 3 -> "- ".repeat(3_000) + "list";
            case 4 -> "<script>alert(1)</script><img src=x onerror=alert(1)>{% raw %}{{ site.x }}{% endraw %}{% post_url x %}";
            case 5 -> "| a |\n|---|\n" + "| x ".repeat(2_000) + "\n" + "[^1]".repeat(1_000);
            case 6 -> "`".repeat(10_000) + "\n```\n" + "\u0000\uFFFF\uE000".repeat(1000);
            default -> "# 見出し\n\n本文 " + r.nextInt();
        };
        return md.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] frontMatter(Random r) {
        String fm = switch (r.nextInt(5)) {
            case 0 -> "---\ntitle: [unclosed\ndate: 2024-13-45\n---\nbody";
            case 1 -> "---\n" + "a: &a [*a]\n" + "---\n";
            case 2 -> "---\ntitle: x\ntags: {a: b}\ndate: not a date\n";
            case 3 -> "---\n---\n---\n";
            default -> "---\ntitle: \"" + "x".repeat(r.nextInt(100_000)) + "\"\n---\n" + new String(markdown(r), StandardCharsets.UTF_8);
        };
        return r.nextInt(4) == 0 ? invalidUtf8(fm) : fm.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] invalidUtf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 4];
        System.arraycopy(b, 0, out, 0, b.length / 2);
        out[b.length / 2] = (byte) 0xC3;
        out[b.length / 2 + 1] = (byte) 0x28;
        out[b.length / 2 + 2] = (byte) 0xFF;
        out[b.length / 2 + 3] = (byte) 0xED;
        System.arraycopy(b, b.length / 2, out, b.length / 2 + 4, b.length - b.length / 2);
        return out;
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static String params(Random r, String... names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            if (r.nextBoolean()) {
                sb.append(name).append('=').append(enc(value(r))).append('&');
            }
        }
        return sb.toString();
    }

    private static String value(Random r) {
        return switch (r.nextInt(15)) {
            case 0 -> "-1";
            case 1 -> "99999999999999999999";
            case 2 -> "2024-02-30T25:61:00Z";
            case 3 -> "\"unbalanced OR - \"\" ((";
            case 4 -> "x".repeat(10_000);
            case 5 -> "\u0000\u0001\u007f";
            case 6 -> "日本語 -検索 OR \"句\"";
            case 7 -> "1e9";
            case 8 -> "";
            // Past the result window, and at the edge of int.
            case 9 -> "10001";
            case 10 -> "2147483647";
            // Base64 of a cursor-shaped lie: a sort field, a direction, no valid id.
            case 11 -> "djEKdGl0bGUKZAp4Cg";
            // Java reads years PostgreSQL and epoch milliseconds cannot hold.
            case 12 -> "+999999999-12-31T23:59:59Z";
            case 13 -> FAR_OFF_CURSOR;
            default -> noise(r, 20);
        };
    }

    private static String noise(Random r, int max) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : 0x3040 + r.nextInt(0x60)));
        }
        return sb.toString();
    }

    private static String pathNoise(Random r) {
        return enc(noise(r, 60)).replace("+", "%20");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
