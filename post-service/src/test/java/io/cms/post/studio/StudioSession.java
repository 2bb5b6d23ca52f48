package io.cms.post.studio;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** A studio session: its cookie, its form token, and requests made with them. */
record StudioSession(String cookie, String csrf) {

    static StudioSession of(String role) {
        return signIn(StudioUsers.make(role, "Editor test " + role), StudioIT.PASSWORD);
    }

    static StudioSession signIn(String email, String password) {
        Response in = given().redirects().follow(false).formParams(Map.of("email", email, "password", password))
                .post("/studio/sign-in");
        assertEquals(303, in.statusCode(), in.asString());
        return new StudioSession(in.cookie("cms_session"), in.cookie("cms_csrf"));
    }

    /** The signed-in user's id. */
    String userId() {
        return api().get("/api/users/me").then().statusCode(200).extract().path("id");
    }

    io.restassured.specification.RequestSpecification form(Map<String, String> fields) {
        // Browsers send a UTF-8 page's forms in UTF-8, without saying so in Content-Type.
        return given().redirects().follow(false).cookie("cms_session", cookie)
                .config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .defaultContentCharset("UTF-8").appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType(ContentType.URLENC).formParam("csrf", csrf).formParams(fields);
    }

    io.restassured.specification.RequestSpecification page() {
        return given().cookie("cms_session", cookie);
    }

    io.restassured.specification.RequestSpecification api() {
        return given().cookie("cms_session", cookie);
    }

    /** A multipart form (uploads, imports) with the form token. */
    io.restassured.specification.RequestSpecification multipart() {
        return given().cookie("cms_session", cookie).multiPart("csrf", csrf);
    }
}
