package io.cms.post.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.charset.StandardCharsets;

import io.cms.post.InfraResource;
import io.restassured.RestAssured;
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
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.bearer.type", org.hamcrest.Matchers.equalTo("http"))
                .body("components.securitySchemes.bearer.scheme", org.hamcrest.Matchers.equalTo("bearer"))
                .body("components.securitySchemes.contentKey.in", org.hamcrest.Matchers.equalTo("query"))
                .body("components.securitySchemes.contentKey.name", org.hamcrest.Matchers.equalTo("key"))
                .body("components.securitySchemes.sessionCookie.in", org.hamcrest.Matchers.equalTo("cookie"))
                .body("components.securitySchemes.sessionCookie.name", org.hamcrest.Matchers.equalTo("cms_session"))
                .body("paths.'/api/users'.post.security[0]", org.hamcrest.Matchers.hasKey("bearer"))
                .body("paths.'/api/users'.post.security[1]", org.hamcrest.Matchers.hasKey("sessionCookie"))
                .body("paths.'/api/posts'.post.security[0]", org.hamcrest.Matchers.hasKey("bearer"))
                .body("paths.'/api/session'.post", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("security")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("cms_outbox_lag"));
    }

    @Test
    void aBodyOverTheRequestLimitIsAProblemNotACrash() throws Exception {
        // Declare 51 MB and wait for the answer, as a client using Expect: 100-continue does.
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String head = "POST /api/import HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + InfraResource.ADMIN_TOKEN + "\r\nContent-Type: application/zip\r\nContent-Length: "
                    + (51 * 1024 * 1024) + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            String response = readResponse(socket);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains("urn:cms:problem:payload-too-large"), response);
        }
    }

    /** Reads headers and the Content-Length body; the server need not close the connection. */
    private static String readResponse(Socket socket) throws java.io.IOException {
        var in = socket.getInputStream();
        var bytes = new java.io.ByteArrayOutputStream();
        int expected = -1;
        while (expected < 0 || bytes.size() < expected) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
            String text = bytes.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (expected < 0 && end >= 0) {
                var m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                expected = end + 4 + (m.find() ? Integer.parseInt(m.group(1)) : 0);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownPathsArePlainProblems() {
        given().get("/api/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
