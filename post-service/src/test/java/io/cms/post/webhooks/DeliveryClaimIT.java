package io.cms.post.webhooks;

import static io.cms.post.TestPosts.body;
import static io.cms.post.TestPosts.create;
import static io.cms.post.TestPosts.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.cms.local.WebhookReceiver;
import io.cms.post.InfraResource;
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
