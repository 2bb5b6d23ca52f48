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
        StudioSession s = StudioSession.of("admin");
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

        StudioSession editor = StudioSession.of("editor");
        editor.page().get("/studio/posts").then().body(containsString("/studio/settings/users"))
                .body(not(containsString("/studio/settings/keys")));
        editor.page().get("/studio/settings/keys").then().statusCode(403);
        editor.form(Map.of("name", "Not mine", "kind", "admin")).post("/studio/settings/keys").then().statusCode(403);
    }

    @Test
    void anEditorInvitesAnAuthorWhoMakesTheirAccountOnTheInvitationPage() {
        StudioSession editor = StudioSession.of("editor");
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
        StudioSession admin = StudioSession.of("admin");
        String authorEmail = StudioUsers.make("author", "Promoted author");
        String authorId = admin().get("/api/users?limit=100").then().extract().path("items.find { it.email == '" + authorEmail + "' }.id");
        admin.page().get("/studio/settings/users").then().statusCode(200).body(containsString("Promoted author"))
                .body(containsString("action=\"/studio/settings/users/" + authorId + "/role\""));
        admin.form(Map.of("role", "editor")).post("/studio/settings/users/" + authorId + "/role").then().statusCode(303);
        admin().get("/api/users/" + authorId).then().body("role", equalTo("editor"));

        StudioSession editor = StudioSession.of("editor");
        editor.page().get("/studio/settings/users").then().statusCode(200)
                .body(not(containsString("action=\"/studio/settings/users/" + authorId + "/role\"")));
        editor.form(Map.of("role", "contributor")).post("/studio/settings/users/" + authorId + "/role").then().statusCode(403);

        admin.form(Map.of()).post("/studio/settings/users/" + authorId + "/delete").then().statusCode(303);
        admin().get("/api/users/" + authorId).then().statusCode(404);
        StudioSession.of("author").page().get("/studio/settings/users").then().statusCode(403);
    }

    private static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN);
    }

    @Test
    void everyoneChangesTheirOwnNameEmailAndPassword() {
        String email = StudioUsers.make("contributor", "Profile person");
        StudioSession s = StudioSession.signIn(email, StudioIT.PASSWORD);
        s.page().get("/studio/profile").then().statusCode(200).body(containsString("value=\"" + email + "\""))
                .body(containsString("value=\"Profile person\""));
        String renamed = "renamed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        s.form(Map.of("name", "Renamed person", "email", renamed)).post("/studio/profile").then().statusCode(303)
                .header("Location", containsString("/studio/profile?saved=1"));
        s.page().get("/studio/profile?saved=1").then().body(containsString("Saved.")).body(containsString("value=\"Renamed person\""));
        s.form(Map.of("name", "Renamed person", "email", "not an address")).post("/studio/profile").then().statusCode(400)
                .body(containsString("email: "));
        admin().get("/api/users/" + s.userId()).then().body("email", equalTo(renamed));

        String next = "a brand new password for 2026";
        s.form(Map.of("currentPassword", "not my password at all", "password", next)).post("/studio/profile/password")
                .then().statusCode(400).body(containsString("currentPassword: "));
        s.form(Map.of("currentPassword", StudioIT.PASSWORD, "password", "short")).post("/studio/profile/password")
                .then().statusCode(400).body(containsString("password: must have at least 12"));
        s.form(Map.of("currentPassword", StudioIT.PASSWORD, "password", next)).post("/studio/profile/password")
                .then().statusCode(303).header("Location", containsString("/studio/sign-in?again=1"));
        given().get("/studio/sign-in?again=1").then().body(containsString("sign in again"));
        s.page().redirects().follow(false).get("/studio/profile").then().statusCode(303); // every session ended, this one too
        given().redirects().follow(false).formParams(Map.of("email", renamed, "password", StudioIT.PASSWORD)).post("/studio/sign-in")
                .then().statusCode(401);
        StudioSession.signIn(renamed, next).page().get("/studio/profile").then().statusCode(200);
    }

    @Test
    void theOwnerHandsOwnershipOnFromTheUsersPage() {
        String ownerEmail = StudioUsers.make("admin", "Handing owner");
        String ownerId = StudioSession.signIn(ownerEmail, StudioIT.PASSWORD).userId();
        admin().post("/api/users/" + ownerId + "/ownership").then().statusCode(200);
        StudioSession owner = StudioSession.signIn(ownerEmail, StudioIT.PASSWORD);
        String nextId = StudioSession.of("editor").userId();
        String form = "action=\"/studio/settings/users/" + nextId + "/ownership\"";
        assertTrue(usersPages(owner).contains(form), "the owner is offered to hand ownership to the editor");

        StudioSession other = StudioSession.of("admin");
        assertTrue(!usersPages(other).contains("/ownership\""), "an admin is not offered it");
        other.form(Map.of()).post("/studio/settings/users/" + nextId + "/ownership").then().statusCode(403);

        owner.form(Map.of()).post("/studio/settings/users/" + nextId + "/ownership").then().statusCode(303)
                .header("Location", containsString("/studio/sign-in?again=1"));
        admin().get("/api/users/" + nextId).then().body("role", equalTo("owner"));
        admin().get("/api/users/" + ownerId).then().body("role", equalTo("admin"));
    }

    /** Every page of the users list, followed by its Next links. */
    private static String usersPages(StudioSession s) {
        StringBuilder all = new StringBuilder();
        String path = "/studio/settings/users";
        for (int i = 0; i < 100 && path != null; i++) {
            String page = s.page().get(path).then().statusCode(200).extract().asString();
            all.append(page);
            Matcher next = Pattern.compile("href=\"(/studio/settings/users\\?page=\\d+)\" rel=\"next\"").matcher(page);
            path = next.find() ? next.group(1) : null;
        }
        return all.toString();
    }

    @Test
    void anAdminReadsTheSiteSettingsAndTheVariablesThatSetThem() {
        StudioSession s = StudioSession.of("admin");
        s.page().get("/studio/posts").then().body(containsString("href=\"/studio/settings/site\""));
        s.page().get("/studio/settings/site").then().statusCode(200)
                .body(containsString("<th scope=\"row\">Reads of published content</th><td>anyone</td><td><code>CMS_CONTENT_READS</code>"))
                .body(containsString("<td>0s,300ms,500ms,700ms,1s,1s,1s,1s,1s,1s</td>"));
        StudioSession editor = StudioSession.of("editor");
        editor.page().get("/studio/posts").then().body(not(containsString("/studio/settings/site")));
        editor.page().get("/studio/settings/site").then().statusCode(403);
    }

    @Test
    void anAdminSetsTheSitesTitleAndLanguageInAFormAndEmptiesThemBack() {
        StudioSession s = StudioSession.of("admin");
        long version = ((Number) admin().get("/api/settings/site").then().extract().path("version")).longValue();
        s.page().get("/studio/settings/site").then().statusCode(200).body(containsString("id=\"site-title\" name=\"title\" value=\"CMS\""))
                .body(containsString("From the configuration (CMS_SITE_TITLE)."));
        try {
            s.form(site(version, "私のブログ", "ja")).post("/studio/settings/site").then().statusCode(303)
                    .header("Location", containsString("/studio/settings/site?note=saved"));
            admin().get("/api/settings/site").then().body("title", equalTo("私のブログ")).body("lang", equalTo("ja"))
                    .body("set", equalTo(java.util.List.of("title", "lang")));
            s.page().get("/studio/settings/site?note=saved").then().body(containsString("Saved."))
                    .body(containsString("value=\"私のブログ\"")).body(containsString("Set here."));
            s.form(site(version + 1, "私のブログ", "not a language!")).post("/studio/settings/site").then().statusCode(400)
                    .body(containsString("lang: must be a BCP 47 language tag")).body(containsString("value=\"not a language!\""));
            s.form(site(version, "Another title", "ja")).post("/studio/settings/site").then().statusCode(412)
                    .body(containsString("Someone else changed this meanwhile"));
            s.form(site(version + 1, "", "")).post("/studio/settings/site").then().statusCode(303);
            admin().get("/api/settings/site").then().body("title", equalTo("CMS")).body("set", equalTo(java.util.List.of()));
        } finally {
            admin().contentType(io.restassured.http.ContentType.JSON).body(Map.of("title", "", "lang", "")).put("/api/settings/site")
                    .then().statusCode(200);
        }
        StudioSession.of("editor").form(site(version, "Not theirs", "en")).post("/studio/settings/site").then().statusCode(403);
    }

    /** The site form as a browser sends it: every field, the others as shown. */
    private static Map<String, String> site(long version, String title, String lang) {
        return Map.of("version", String.valueOf(version), "url", "http://localhost:8082", "title", title, "description", "",
                "lang", lang, "timezone", "UTC", "permalink", "/:slug/");
    }
}
