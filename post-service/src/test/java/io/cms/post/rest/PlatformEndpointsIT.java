package io.cms.post.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.cms.post.InfraResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, OpenAPI, metrics and CORS: what operators and browser frontends rely on. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class PlatformEndpointsIT {

    @Test
    void readinessCoversDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.name", hasItem("Kafka connection health check"));
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void openApiAndMetricsAreServed() {
        given().get("/q/openapi?format=json").then().statusCode(200).body("paths", org.hamcrest.Matchers.hasKey("/api/posts"));
        given().get("/q/metrics").then().statusCode(200).body(containsString("cms_outbox_lag"));
    }

    @Test
    void unknownPathsArePlainProblems() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
