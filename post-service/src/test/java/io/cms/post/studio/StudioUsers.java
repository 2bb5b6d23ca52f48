package io.cms.post.studio;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.restassured.http.ContentType;

/** Staff and posts for the studio's tests, made through the API. */
final class StudioUsers {

    private StudioUsers() {
    }

    /** A user with {@link StudioIT#PASSWORD}; returns the address. */
    static String make(String role, String name) {
        String email = "studio-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body(Map.of("email", email, "name", name, "role", role, "password", StudioIT.PASSWORD))
                .post("/api/users").then().statusCode(201);
        return email;
    }

    /** A draft written with the browser session (its cookie and CSRF token); returns its title. */
    static String draft(String session, String csrf, String title) {
        given().cookie("cms_session", session).header("X-CSRF-Token", csrf).contentType(ContentType.JSON)
                .body(Map.of("title", title, "markdown", "A draft of " + title + ".")).post("/api/posts").then().statusCode(201);
        return title;
    }
}
