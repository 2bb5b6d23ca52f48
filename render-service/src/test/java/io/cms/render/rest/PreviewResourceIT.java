package io.cms.render.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import io.cms.render.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PreviewResourceIT {

    @Test
    void previewRendersWithoutStoring() {
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN)
                .contentType("text/markdown; charset=UTF-8")
                .body("# 目次\n\n<script>alert(1)</script>Hello {{ site.baseurl }}")
                .post("/api/render/preview").then().statusCode(200)
                .body("html", containsString("<h1 id=\"目次\">目次</h1>"))
                .body("html", not(containsString("<script")))
                .body("html", containsString("Hello /blog"))
                .body("id", equalTo(null));
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("markdown", "*x*")).post("/api/render/preview").then().statusCode(200)
                .body("html", containsString("<em>x</em>"));
    }

    /**
     * The application's class loader must see cms-common's corrected flexmark class: with flexmark's
     * own, paragraphs whose lines start with a space or sit in a quote parse in quadratic time
     * (HostileMarkdownTest shows the cost), past any render budget.
     */
    @Test
    void theApplicationLoadsTheCorrectedFlexmarkClass() {
        org.junit.jupiter.api.Assertions.assertTrue(io.cms.common.text.FlexmarkPatch.applied(),
                "the application loads flexmark's own SegmentBuilderBase");
    }

    @Test
    void previewNeedsTheAdminToken() {
        given().contentType("text/markdown").body("x").post("/api/render/preview").then().statusCode(401)
                .contentType("application/problem+json");
        given().header("Authorization", "Bearer nope").contentType("text/markdown").body("x")
                .post("/api/render/preview").then().statusCode(403);
    }

    @Test
    void healthAndUnknownPosts() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/api/rendered/no-such-post").then().statusCode(404).contentType("application/problem+json");
    }
}
