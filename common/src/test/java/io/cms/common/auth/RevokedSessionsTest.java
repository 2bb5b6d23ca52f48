package io.cms.common.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RevokedSessionsTest {

    private static final Instant LATER = Instant.now().plusSeconds(3600);

    @Test
    void notTrustedUntilFilledNorOnceStale() throws InterruptedException {
        RevokedSessions sessions = new RevokedSessions(Duration.ofMillis(200));
        assertFalse(sessions.live());
        sessions.replace(Map.of());
        assertTrue(sessions.live());
        Thread.sleep(250);
        assertFalse(sessions.live(), "a list older than its limit might miss a session that ended");
    }

    @Test
    void aSessionEndedHereOutlivesAListReadBeforeIt() {
        RevokedSessions sessions = new RevokedSessions(Duration.ofSeconds(5));
        sessions.replace(Map.of("a", LATER));
        sessions.add("b", LATER);
        sessions.replace(Map.of("a", LATER)); // read before "b" ended was committed
        assertTrue(sessions.revoked("b"));
        assertTrue(sessions.revoked("a"));
        sessions.replace(Map.of());
        assertFalse(sessions.revoked("a"), "expired sessions leave the list");
    }
}
