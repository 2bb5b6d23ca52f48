package io.cms.search;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Relevance over real posts through the broker: the sample post and the 268 posts of the shared
 * corpus (Japanese, Chinese, English). Runs where ../shared exists (CI has it); a bare clone skips
 * it. The full evaluation set runs in {@code RelevanceEvaluationTest}.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class CorpusRelevanceIT {

    @Test
    void japaneseChineseAndEnglishQueriesFindTheirPosts() throws Exception {
        assumeTrue(Files.isDirectory(SamplePosts.SHARED.resolve("corpus")), "shared samples not present");
        Map<String, String> ids = new HashMap<>();
        UUID last = null;
        try (PostEvents events = new PostEvents()) {
            for (SamplePosts.Post p : SamplePosts.read(SamplePosts.SHARED.resolve("corpus"), SamplePosts.SHARED.resolve("posts"))) {
                UUID id = UUID.randomUUID();
                ids.put(p.file(), id.toString());
                events.publish(id, 1, p.title(), p.body(), null, List.of());
                last = id;
            }
        }
        UUID lastId = last;
        await().atMost(Duration.ofSeconds(60)).until(() -> given().get("/api/search/posts/" + lastId).statusCode() == 200);
        assertEquals(269, ids.size());

        String sample = ids.get("2025-10-07-china-ai-5300.md");
        assertEquals(sample, top("具身知能"), "the sample post is the best match for its own term");
        assertTrue(found("知能", sample), "a word that appears only inside a longer compound");
        assertTrue(found("投資家", sample));
        assertTrue(found("\"中国のAI企業\"", sample), "a Japanese phrase");
        assertTrue(found("半導体の輸出", sample), "Japanese typed without spaces");
        assertTrue(found("チャリティー", ids.get("2016-03-11-vim_charity_financial_report_2015.md")));
        assertTrue(found("Heroku", ids.get("02-haskell-on-heroku.md")), "an English word in a Japanese post");
        assertTrue(found("小程序", ids.get("2017-01-09-wechat-miniapp-ux.md")), "Chinese");
        assertTrue(found("渐进式", ids.get("2016-06-05-pwa-in-my-pov.markdown")) || found("Progressive", ids.get("2016-06-05-pwa-in-my-pov.markdown")));
        given().queryParam("q", "released").queryParam("limit", 100).get("/api/search").then().statusCode(200)
                .body("items.id", hasItem(ids.get("2013-05-06-jekyll-1-0-0-released.markdown")));
        given().queryParam("q", "中国").get("/api/search/suggest").then().statusCode(200)
                .body("suggestions", hasItem("中国AI企業5300社突破、その数字が語る真意とは？"));
    }

    private static List<String> ids(String q) {
        return given().queryParam("q", q).queryParam("limit", 100).get("/api/search").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
    }

    private static boolean found(String q, String id) {
        return ids(q).contains(id);
    }

    private static String top(String q) {
        List<String> hits = ids(q);
        return hits.isEmpty() ? null : hits.get(0);
    }
}
