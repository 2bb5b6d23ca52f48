package io.cms.post.webhooks;

import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.cms.post.InfraResource;
import io.cms.testkit.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Several replicas claiming from the same queue: besides this service's own worker, test threads
 * act as other replicas, claim what they can and give it back. No delivery may be held by two
 * claimers at once, and each one still reaches the receiver exactly once.
 */
@QuarkusTest
@QuarkusTestResource(InfraResource.class)
class DeliveryClaimIT {

    @Inject
    DeliveryStore store;

    @Inject
    DeliveryOutcomes outcomes;

    @Inject
    DataSource dataSource;

    /**
     * A post's next delivery follows the one before it at once, unless another post's delivery to
     * the same subscription, free to go, has waited longer: then the worker serves that one first.
     * Each subscription is set up with all 8 places taken (7 other posts and post A held by "another
     * replica"), so the service's own worker cannot touch what the test looks at.
     */
    @Test
    void aPostsNextDeliveryFollowsAtOnceUnlessAnotherPostWaitedLonger() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            DeliveryStore.Claimed alone = heldWithNextQueued(receiver, false);
            Optional<DeliveryStore.Claimed> next = outcomes.delivered(alone, attempt(), Duration.ofSeconds(30));
            assertTrue(next.isPresent(), "nothing older waits: the post's next delivery is claimed with the record");
            assertEquals(alone.postId(), next.get().postId());

            DeliveryStore.Claimed behindOther = heldWithNextQueued(receiver, true);
            assertEquals(Optional.empty(), outcomes.delivered(behindOther, attempt(), Duration.ofSeconds(30)),
                    "another post's older delivery goes first, through the worker");
        }
    }

    /** Post A's first delivery, held (as if sent), its second queued; with {@code otherWaiting} a post B delivery queued in between. */
    private DeliveryStore.Claimed heldWithNextQueued(WebhookReceiver receiver, boolean otherWaiting) throws Exception {
        UUID subscription = UUID.fromString(Subscribe.to(receiver, List.of("post.updated")).id());
        UUID postA = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            for (int i = 0; i < 7; i++) {
                insert(c, UUID.randomUUID(), subscription, UUID.randomUUID(), true);
            }
            insert(c, first, subscription, postA, true);
            if (otherWaiting) {
                insert(c, UUID.randomUUID(), subscription, UUID.randomUUID(), false);
            }
            insert(c, UUID.randomUUID(), subscription, postA, false);
            c.commit();
        }
        return new DeliveryStore.Claimed(first, subscription, postA, "post.updated", "{}", 0, 10, receiver.url(),
                "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]), null, null);
    }

    private static void insert(Connection c, UUID id, UUID subscription, UUID post, boolean held) throws Exception {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO webhook_delivery (id, subscription_id, event_id, event_type, post_id, post_version,
                    occurred_at, payload, status, attempts, max_attempts, next_attempt_at, lease_until, created_at, updated_at)
                VALUES (?, ?, ?, 'post.updated', ?, 1, now(), '{}', 'pending', 0, 10, now() - interval '1 second', ?, now(), now())
                """)) {
            s.setObject(1, id);
            s.setObject(2, subscription);
            s.setString(3, "test-" + id);
            s.setObject(4, post);
            s.setObject(5, held ? OffsetDateTime.now(ZoneOffset.UTC).plusHours(1) : null);
            s.executeUpdate();
        }
    }

    private static DeliveryStore.Attempt attempt() {
        return new DeliveryStore.Attempt(OffsetDateTime.now(ZoneOffset.UTC), 200, null, 5, "ok");
    }

    @Test
    void competingReplicasNeverHoldTheSameDelivery() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            List<String> secrets = new ArrayList<>();
            String tag = "claim-" + UUID.randomUUID().toString().substring(0, 6);
            for (int i = 0; i < 8; i++) {
                secrets.add(Subscribe.to(receiver, List.of("post.created"), "tag", tag).secret());
            }
            receiver.verifyingWith(secrets.toArray(String[]::new));

            Set<UUID> held = ConcurrentHashMap.newKeySet();
            AtomicBoolean overlap = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger claimedByOthers = new AtomicInteger();
            ExecutorService replicas = Executors.newFixedThreadPool(3);
            List<Future<?>> running = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                running.add(replicas.submit(() -> {
                    // They compete until they have taken 40 claims between them, then leave the
                    // rest to the worker: spinning claimers could otherwise starve it on a loaded machine.
                    while (!stop.get() && claimedByOthers.get() < 40) {
                        List<DeliveryStore.Claimed> claimed = store.claim(100, 8, Duration.ofSeconds(30));
                        for (DeliveryStore.Claimed c : claimed) {
                            if (!held.add(c.id())) {
                                overlap.set(true);
                            }
                        }
                        claimedByOthers.addAndGet(claimed.size());
                        Thread.sleep(5);
                        claimed.forEach(c -> held.remove(c.id()));
                        store.release(claimed.stream().map(DeliveryStore.Claimed::id).toList());
                    }
                    return null;
                }));
            }
            try {
                for (int i = 0; i < 5; i++) {
                    create(body(unique("Claimed " + i), "tags", List.of(tag)));
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.accepted().size() >= 40);
            } finally {
                // Always stop the competing claimers: left running, they would keep taking the
                // deliveries of every later test away from the worker.
                stop.set(true);
                for (Future<?> f : running) {
                    f.get();
                }
                replicas.shutdown();
            }
            Thread.sleep(500);

            assertTrue(!overlap.get(), "two claimers held the same delivery");
            assertTrue(claimedByOthers.get() > 0, "the other replicas did compete");
            assertEquals(40, receiver.hits().size(), "each delivery sent exactly once");
            assertEquals(40, receiver.hits().stream().map(WebhookReceiver.Hit::webhookId).distinct().count());
        }
    }
}
