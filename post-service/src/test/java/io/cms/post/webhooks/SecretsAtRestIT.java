package io.cms.post.webhooks;

import static io.cms.post.TestPosts.admin;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.cms.post.InfraResource;
import io.cms.post.TestDatabase;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** Signing secrets are never in the database in clear; ones stored in clear before are sealed at start. */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class SecretsAtRestIT {

    @Inject
    SecretsAtRest secretsAtRest;

    @Test
    void theStoredSecretIsSealedAndDeliveriesAreStillSignedWithIt() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.Created created = Subscribe.to(receiver, List.of("post.published"));
            String stored = stored(created.id());
            assertTrue(stored.startsWith(SecretBox.PREFIX), stored);
            assertFalse(stored.contains(created.secret().substring(Secrets.PREFIX.length())));
            admin().post("/api/webhooks/" + created.id() + "/test").then().statusCode(200).body("status", equalTo("delivered"));
            List<WebhookReceiver.Hit> hits = await().atMost(Duration.ofSeconds(10)).until(receiver::hits, l -> !l.isEmpty());
            assertTrue(hits.get(0).verified(), "the receiver verified the signature with the secret it was given");
        }
    }

    @Test
    void aSecretStoredInClearIsSealedAndStillSigns() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Subscribe.Created created = Subscribe.to(receiver, List.of("post.published"));
            execute("UPDATE webhook_subscription SET secret = ? WHERE id = ?", created.secret(), created.id());
            assertTrue(secretsAtRest.sealAll() >= 1);
            String stored = stored(created.id());
            assertTrue(stored.startsWith(SecretBox.PREFIX), stored);
            assertEquals(created.secret(), SecretBox.instance().open(stored));
            admin().post("/api/webhooks/" + created.id() + "/test").then().statusCode(200).body("status", equalTo("delivered"));
            List<WebhookReceiver.Hit> hits = await().atMost(Duration.ofSeconds(10)).until(receiver::hits, l -> !l.isEmpty());
            assertTrue(hits.get(0).verified());
        }
    }

    private static String stored(String id) throws Exception {
        try (Connection c = TestDatabase.connect();
                PreparedStatement s = c.prepareStatement("SELECT secret FROM webhook_subscription WHERE id = ?")) {
            s.setObject(1, UUID.fromString(id));
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                return rs.getString(1);
            }
        }
    }

    private static void execute(String sql, String value, String id) throws Exception {
        try (Connection c = TestDatabase.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            s.setObject(2, UUID.fromString(id));
            assertEquals(1, s.executeUpdate());
        }
    }
}
