package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.local.Ports;
import io.cms.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;

/**
 * The CMS as a user runs it: {@code deploy/local/up --import DIR}, the very script of the README,
 * on free ports and its own data folder. It must start everything, import the folder, print the
 * admin token, serve all three public APIs and webhooks, stop on SIGTERM, and keep the data for
 * the next run.
 */
class LauncherIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of("..", "..").toAbsolutePath().normalize();
    private static final Path FIXTURES = Path.of("src", "test", "resources", "jekyll", "_posts").toAbsolutePath();

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Path data = Path.of("target", "launcher-" + System.nanoTime()).toAbsolutePath();

    /** One run of the launcher: its process and everything it printed. */
    private final class Run implements AutoCloseable {
        final Process process;
        final List<String> output = Collections.synchronizedList(new ArrayList<>());

        Run(String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of("bash", ROOT.resolve("deploy/local/up").toString()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("CMS_DATA_DIR", data.toString());
            pb.environment().remove("CMS_ADMIN_TOKEN");
            ports.forEach((variable, port) -> pb.environment().put(variable, String.valueOf(port)));
            process = pb.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null;) {
                        output.add(line);
                        System.out.println("[launcher] " + line);
                    }
                } catch (Exception e) {
                    // the process ended
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
            // The banner's last line: the lines read from it (the admin token) are all in by then.
            Stack.awaitTrue(300, () -> printed("Ctrl-C stops everything") || !process.isAlive());
            assertTrue(process.isAlive(), "the launcher ended early:\n" + String.join("\n", output));
        }

        boolean printed(String fragment) {
            synchronized (output) {
                return output.stream().anyMatch(l -> l.contains(fragment));
            }
        }

        String line(String prefix) {
            synchronized (output) {
                return output.stream().filter(l -> l.contains(prefix)).findFirst()
                        .map(l -> l.substring(l.indexOf(prefix) + prefix.length()).strip()).orElseThrow();
            }
        }

        /** Ctrl-C: everything stops within a minute, nothing is left listening. */
        @Override
        public void close() throws Exception {
            process.destroy();
            boolean stopped = process.waitFor(90, TimeUnit.SECONDS);
            if (!stopped) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
            assertTrue(stopped, "the launcher did not stop on SIGTERM");
        }
    }

    @Test
    void upImportsAFolderServesEveryApiAndKeepsTheDataForTheNextRun() throws Exception {
        for (String variable : List.of("CMS_POST_PORT", "CMS_RENDER_PORT", "CMS_SEARCH_PORT", "CMS_KAFKA_PORT", "CMS_PG_PORT")) {
            ports.put(variable, Ports.free());
        }
        String createdId;
        String token;
        try (Run run = new Run("--import", FIXTURES.toString())) {
            assertTrue(run.printed("Imported 3 files: 3 created, 0 updated, 0 unchanged, 0 failed"),
                    "the import is reported (the hidden file skipped)");
            token = run.line("Admin token:");
            assertTrue(token.length() >= 32, "a generated token is printed");
            Api api = new Api(s -> ports.get(variableOf(s)), token);

            // The imported posts: rendered (Liquid highlight turned into a code block) and searchable;
            // a Japanese word found inside a longer compound; the unpublished one nowhere.
            Stack.awaitTrue(60, () -> status(api, "render-service", "/api/rendered/kafka-outbox") == 200);
            String html = api.send(api.request("render-service", "/api/rendered/kafka-outbox/html")).body();
            assertTrue(html.contains("language-java") && !html.contains("{%"), html);
            Stack.awaitTrue(60, () -> total(api, "知能") == 1 && total(api, "outbox") == 1);
            assertEquals(404, status(api, "render-service", "/api/rendered/draft-notes"));
            assertEquals(0, total(api, "zanzibarquokka"));

            try (WebhookReceiver receiver = new WebhookReceiver()) {
                HttpResponse<String> subscribed = api.send(api.admin("post-service", "/api/webhooks")
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"url\":\"" + receiver.url() + "\"}")));
                assertEquals(201, subscribed.statusCode(), subscribed.body());
                receiver.verifyingWith(JSON.readTree(subscribed.body()).get("secret").asText());

                // Publish: HTML (read-your-writes), search, and the webhooks.
                HttpResponse<String> created = api.send(api.admin("post-service", "/api/posts")
                        .header("Content-Type", "application/json")
                        .POST(BodyPublishers.ofString("{\"title\":\"Launcher check\",\"slug\":\"launcher-check\","
                                + "\"markdown\":\"Quokkas are **wombatish** today.\",\"status\":\"published\"}")));
                assertEquals(201, created.statusCode(), created.body());
                createdId = JSON.readTree(created.body()).get("id").asText();
                JsonNode rendered = JSON.readTree(api.send(api.request("render-service",
                        "/api/rendered/" + createdId + "?minVersion=1&wait=10s")).body());
                assertTrue(rendered.get("html").asText().contains("<strong>wombatish</strong>"), rendered.toString());
                Stack.awaitTrue(30, () -> total(api, "wombatish") == 1);
                Stack.awaitTrue(30, () -> types(receiver, createdId).containsAll(List.of("post.created", "post.rendered")));
                assertTrue(receiver.hits().stream().allMatch(WebhookReceiver.Hit::verified), "every delivery is signed");

                // Update: the new text replaces the old everywhere.
                HttpResponse<String> updated = api.send(api.admin("post-service", "/api/posts/" + createdId)
                        .header("Content-Type", "application/json").header("If-Match", created.headers().firstValue("ETag").orElseThrow())
                        .PUT(BodyPublishers.ofString("{\"title\":\"Launcher check\",\"slug\":\"launcher-check\","
                                + "\"markdown\":\"Now about *platypodes*.\",\"status\":\"published\"}")));
                assertEquals(200, updated.statusCode(), updated.body());
                rendered = JSON.readTree(api.send(api.request("render-service",
                        "/api/rendered/" + createdId + "?minVersion=2&wait=10s")).body());
                assertTrue(rendered.get("html").asText().contains("<em>platypodes</em>"), rendered.toString());
                Stack.awaitTrue(30, () -> total(api, "platypodes") == 1 && total(api, "wombatish") == 0);
                Stack.awaitTrue(30, () -> types(receiver, createdId).contains("post.updated"));
            }

            // Delete: gone from what render- and search-service serve.
            String importedId = JSON.readTree(api.send(api.request("post-service", "/api/posts/kafka-outbox")).body()).get("id").asText();
            HttpResponse<String> deleted = api.send(api.admin("post-service", "/api/posts/" + importedId).DELETE());
            assertEquals(204, deleted.statusCode(), deleted.body());
            Stack.awaitTrue(30, () -> status(api, "render-service", "/api/rendered/kafka-outbox") == 404 && total(api, "outbox") == 0);
        }

        // Ports are free again, and the next run starts on the same data: nothing imported again,
        // the same token, the posts still there.
        for (int port : ports.values()) {
            assertFalse(Ports.inUse(port), "port " + port + " is still in use after the launcher stopped");
        }
        try (Run again = new Run()) {
            assertFalse(again.printed("Imported"));
            assertEquals(token, again.line("Admin token:"));
            Api api = new Api(s -> ports.get(variableOf(s)), token);
            assertEquals(200, status(api, "post-service", "/api/posts/" + createdId));
            assertEquals(200, status(api, "render-service", "/api/rendered/" + createdId));
            Stack.awaitTrue(60, () -> total(api, "platypodes") == 1 && total(api, "知能") == 1);
        }
    }

    private static String variableOf(String service) {
        return "CMS_" + service.replace("-service", "").toUpperCase() + "_PORT";
    }

    private static int status(Api api, String service, String path) {
        try {
            return api.send(api.request(service, path)).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static int total(Api api, String query) {
        try {
            HttpResponse<String> r = api.send(api.request("search-service",
                    "/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8)));
            return r.statusCode() == 200 ? JSON.readTree(r.body()).get("total").asInt() : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    private static List<String> types(WebhookReceiver receiver, String postId) {
        return receiver.accepted().stream().filter(h -> postId.equals(h.postId())).map(WebhookReceiver.Hit::type).toList();
    }
}
