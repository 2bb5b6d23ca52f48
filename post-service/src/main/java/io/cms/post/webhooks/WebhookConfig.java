package io.cms.post.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cms.webhooks.*}: delivery schedule, limits and the public URLs put into payloads. */
@ConfigMapping(prefix = "cms.webhooks")
public interface WebhookConfig {

    /** Delay before each attempt, the first one included (Standard Webhooks schedule by default). */
    List<Duration> retrySchedule();

    /** How long a receiver may take to answer one attempt. */
    @WithDefault("15s")
    Duration timeout();

    /** A subscription whose deliveries have failed without a single success for this long is disabled. */
    @WithDefault("5d")
    Duration disableAfter();

    /** How long the previous secret keeps signing after a rotation. */
    @WithDefault("24h")
    Duration secretGrace();

    /**
     * Hosts that may resolve to loopback or private addresses ({@code *} for any). Empty in
     * production, where such targets are refused (SSRF); the local stack allows them.
     */
    Optional<List<String>> allowPrivateTargets();

    /** Base URL under which clients reach post-service (the {@code json} link in payloads). */
    String publicPostUrl();

    /** Base URL under which clients reach render-service (the {@code html} link in payloads). */
    String publicRenderUrl();

    /** Deliveries in flight at once from one replica. */
    @WithDefault("64")
    int maxInFlight();

    /** Deliveries in flight at once to one subscription, so a slow receiver cannot hog the others' share. */
    @WithDefault("8")
    int maxInFlightPerSubscription();

    /** How long finished deliveries (delivered or failed) stay in the delivery log. */
    @WithDefault("30d")
    Duration logRetention();

    /** How often the worker looks for due retries when nothing wakes it. */
    @WithDefault("500ms")
    Duration poll();
}
