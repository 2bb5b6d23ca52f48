package io.cms.post.studio;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.post.InfraResource;
import io.cms.post.studio.StudioEditorIT.Session;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/** The studio's settings: keys (admins), users and invitations (editors and above), the invitation page. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class StudioSettingsIT {

    @Test
    void anAdminMakesAKeySeesItOnceAndRevokesIt() {
        Session s = Session.of("admin");
        String name = "Frontend " + UUID.randomUUID();
        String made = s.form(Map.of("name", name, "kind", "content")).post("/studio/settings/keys").then().statusCode(201)
                .body(containsString("it is shown only this once")).extract().asString();
        Matcher key = Pattern.compile("id=\"made-key\" readonly value=\"([0-9a-f]{26})\"").matcher(made);
        assertTrue(key.find(), made);
        given().get("/api/posts?key=" + key.group(1)).then().statusCode(200);
        String id = admin().get("/api/keys").then().extract().path("find { it.name == '" + name + "' }.id");
        s.page().get("/studio/settings/keys").then().statusCode(200).body(containsString(name))
                .body(not(containsString(key.group(1))));
        s.form(Map.of("name", "", "kind", "content")).post("/studio/settings/keys").then().statusCode(400)
                .body(containsString("name: is required"));
        s.form(Map.of()).post("/studio/settings/keys/" + id + "/revoke").then().statusCode(303);
        admin().get("/api/keys").then().body("find { it.id == '" + id + "' }", equalTo(null));

        Session editor = Session.of("editor");
        editor.page().get("/studio/posts").then().body(containsString("/studio/settings/users"))
                .body(not(containsString("/studio/settings/keys")));
        editor.page().get("/studio/settings/keys").then().statusCode(403);
        editor.form(Map.of("name", "Not mine", "kind", "admin")).post("/studio/settings/keys").then().statusCode(403);
    }

    @Test
    void anEditorInvitesAnAuthorWhoMakesTheirAccountOnTheInvitationPage() {
        Session editor = Session.of("editor");
        String email = "invited-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String page = editor.form(Map.of("email", email, "role", "author", "expiresIn", "P7D")).post("/studio/settings/users/invitations")
                .then().statusCode(201).body(containsString(email)).extract().asString();
        Matcher link = Pattern.compile("value=\"http://localhost:8081(/studio/invitations/[A-Za-z0-9_-]{43})\"").matcher(page);
        assertTrue(link.find(), page);
        // An editor may invite authors and contributors only, and change no admin.
        assertTrue(!page.contains("<option value=\"admin\"") && !page.contains("<option value=\"editor\""), page);
        editor.form(Map.of("email", "x-" + email, "role", "admin")).post("/studio/settings/users/invitations").then().statusCode(403);

        given().get(link.group(1)).then().statusCode(200).body(containsString(email + " is invited to join as Author"))
                .header("Referrer-Policy", "same-origin");
        given().contentType(ContentType.URLENC).formParams(Map.of("name", "Invited Writer", "password", "short"))
                .post(link.group(1)).then().statusCode(400).body(containsString("password: "));
        given().redirects().follow(false).contentType(ContentType.URLENC)
                .formParams(Map.of("name", "Invited Writer", "password", StudioIT.PASSWORD)).post(link.group(1)).then().statusCode(303)
                .header("Location", containsString("/studio/sign-in?welcome=1"));
        given().get("/studio/sign-in?welcome=1").then().body(containsString("Your account is ready"));
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", StudioIT.PASSWORD)).post("/api/session")
                .then().statusCode(200).body("user.role", equalTo("author"));
        given().get(link.group(1)).then().statusCode(404).body(containsString("not valid any more"));
    }

    @Test
    void anAdminChangesRolesAndRemovesPeopleWhereTheRoleAllows() {
        Session admin = Session.of("admin");
        String authorEmail = StudioUsers.make("author", "Promoted author");
        String authorId = admin().get("/api/users?limit=100").then().extract().path("items.find { it.email == '" + authorEmail + "' }.id");
        admin.page().get("/studio/settings/users").then().statusCode(200).body(containsString("Promoted author"))
                .body(containsString("action=\"/studio/settings/users/" + authorId + "/role\""));
        admin.form(Map.of("role", "editor")).post("/studio/settings/users/" + authorId + "/role").then().statusCode(303);
        admin().get("/api/users/" + authorId).then().body("role", equalTo("editor"));

        Session editor = Session.of("editor");
        editor.page().get("/studio/settings/users").then().statusCode(200)
                .body(not(containsString("action=\"/studio/settings/users/" + authorId + "/role\"")));
        editor.form(Map.of("role", "contributor")).post("/studio/settings/users/" + authorId + "/role").then().statusCode(403);

        admin.form(Map.of()).post("/studio/settings/users/" + authorId + "/delete").then().statusCode(303);
        admin().get("/api/users/" + authorId).then().statusCode(404);
        Session.of("author").page().get("/studio/settings/users").then().statusCode(403);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
    }
}
