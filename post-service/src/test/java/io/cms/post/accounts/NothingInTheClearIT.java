package io.cms.post.accounts;

import static io.cms.post.TestPosts.signIn;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.post.TestDatabase;
import io.cms.post.TestPosts;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * Secrets at rest: after a user signs in and every kind of secret has been made, a dump of every
 * table in the database holds none of them, nor a session token's signature.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class NothingInTheClearIT {

    private static final String PASSWORD = "a passphrase nobody stores 7c1e";

    @Test
    void noTableHoldsASecretInTheClear() throws Exception {
        String email = "clear-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        bootstrap().body(Map.of("email", email, "name", "Secret keeper", "role", "author", "password", PASSWORD))
                .post("/api/users").then().statusCode(201);
        String session = signIn(email, PASSWORD);
        // A failed sign-in is audited: the wrong password must not be kept either.
        String wrong = "not the passphrase " + UUID.randomUUID();
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", wrong)).post("/api/session")
                .then().statusCode(401);

        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("password", PASSWORD);
        secrets.put("wrong password", wrong);
        secrets.put("session token", session);
        secrets.put("session token's signature", session.substring(session.lastIndexOf('.') + 1));
        for (String kind : List.of("content", "admin")) {
            secrets.put(kind + " key", bootstrap().body(Map.of("name", "Clear " + kind, "kind", kind)).post("/api/keys")
                    .then().statusCode(201).extract().path("key"));
        }
        String post = TestPosts.create(TestPosts.body(TestPosts.unique("Clear"), "status", "draft"));
        String url = bootstrap().body(Map.of()).post("/api/posts/" + post + "/preview-links").then().statusCode(201)
                .extract().path("url");
        secrets.put("preview token", url.substring(url.lastIndexOf('/') + 1));
        String invitation = bootstrap().body(Map.of("email", "invited-" + email, "role", "author")).post("/api/invitations")
                .then().statusCode(201).extract().path("url");
        secrets.put("invitation token", invitation.substring(invitation.lastIndexOf('/') + 1));
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String secret = bootstrap().body(Map.of("url", receiver.url(), "events", List.of("post.published")))
                    .post("/api/webhooks").then().statusCode(201).extract().path("secret");
            secrets.put("webhook signing secret", secret.substring(secret.indexOf('_') + 1));
        }

        Map<String, String> tables = dump();
        assertTrue(tables.keySet().containsAll(List.of("cms_user", "user_session", "api_key", "preview_link", "invitation", "audit_event",
                "webhook_subscription")), "every table is dumped: " + tables.keySet());
        assertTrue(tables.get("cms_user").contains(email), "the dump reads the rows");
        List<String> found = new ArrayList<>();
        secrets.forEach((what, secret) -> tables.forEach((table, rows) -> {
            if (rows.contains(secret)) {
                found.add(what + " in " + table);
            }
        }));
        assertEquals(List.of(), found);
    }

    /** Every table of the schema, each row as Postgres writes it as text. */
    private static Map<String, String> dump() throws Exception {
        Map<String, String> tables = new LinkedHashMap<>();
        try (Connection c = TestDatabase.connect(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                StringBuilder rows = new StringBuilder();
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM \"" + name + "\" t")) {
                    while (rs.next()) {
                        rows.append(rs.getString(1)).append('\n');
                    }
                }
                tables.put(name, rows.toString());
            }
        }
        return tables;
    }

    private static RequestSpecification bootstrap() {
        return given().header("Authorization", "Bearer " + InfraResource.ADMIN_TOKEN).contentType(ContentType.JSON);
    }
}
