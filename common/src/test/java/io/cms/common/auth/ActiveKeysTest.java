package io.cms.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A refresh that read the database before a new key's commit does not lose the key. */
class ActiveKeysTest {

    private static final String SECRET = "0123456789abcdef0123456789";

    @Test
    void aKeyJustMadeSurvivesARefreshThatDoesNotHaveItYet() {
        ActiveKeys keys = new ActiveKeys(Duration.ofSeconds(5));
        keys.add(ActiveKeys.hash(SECRET), new ActiveKeys.Key("k1", false));
        keys.replace(Map.of());
        assertEquals(Optional.of(new ActiveKeys.Key("k1", false)), keys.find(SECRET));
    }

    @Test
    void aForgottenKeyIsGoneAndARefreshDoesNotBringItBack() {
        ActiveKeys keys = new ActiveKeys(Duration.ofSeconds(5));
        keys.add(ActiveKeys.hash(SECRET), new ActiveKeys.Key("k1", false));
        keys.forget(ActiveKeys.hash(SECRET));
        keys.replace(Map.of());
        assertTrue(keys.find(SECRET).isEmpty());
    }

    @Test
    void aKeyNotMadeHereIsOnlyWhatTheRefreshSays() {
        ActiveKeys keys = new ActiveKeys(Duration.ofSeconds(5));
        keys.replace(Map.of(ActiveKeys.hash(SECRET), new ActiveKeys.Key("k2", true)));
        assertEquals("k2", keys.find(SECRET).orElseThrow().id());
        keys.replace(Map.of());
        assertTrue(keys.find(SECRET).isEmpty(), "revoked elsewhere: gone with the next refresh");
    }
}
