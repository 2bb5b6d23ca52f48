package io.cms.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A frontend's view: write through post-service, read the HTML from render-service. */
class WriteToHtmlIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack("write-to-html");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
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
        assertEquals("\"2\"", v2.headers().firstValue("ETag").orElse(""));

        stack.send(stack.admin("post-service", "/api/posts/" + id + "/unpublish").POST(BodyPublishers.noBody()));
        int status = 200;
        for (int i = 0; i < 100 && status == 200; i++) {
            Thread.sleep(100);
            status = stack.send(stack.request("render-service", "/api/rendered/" + id)).statusCode();
        }
        assertEquals(404, status, "an unpublished post is no longer served");
    }
}
