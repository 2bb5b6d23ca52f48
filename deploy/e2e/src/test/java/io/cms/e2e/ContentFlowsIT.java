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

/** A frontend's view: write through post-service, read HTML from render-service and results from search-service. */
class ContentFlowsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Stack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = new Stack("content-flows");
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
