package io.cms.common.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class SessionTokensTest {

    private static final byte[] KEY = "session-key-of-the-module-tests!".getBytes(StandardCharsets.UTF_8);
    private final SessionTokens tokens = new SessionTokens(KEY, Duration.ofHours(1));

    @Test
    void aTokenSaysWhoForWhatRoleAndUntilWhen() {
        Instant now = Instant.now();
        SessionTokens.Issued issued = tokens.issue("user-1", Role.EDITOR, "session-1", now);
        SessionTokens.Session s = tokens.verify(issued.token()).orElseThrow();
        assertEquals("user-1", s.userId());
        assertEquals(Role.EDITOR, s.role());
        assertEquals("session-1", s.sessionId());
        assertEquals(now.plus(Duration.ofHours(1)).getEpochSecond(), s.expiresAt().getEpochSecond());
        assertTrue(SessionTokens.looksLikeToken(issued.token()));
        assertFalse(SessionTokens.looksLikeToken("an-opaque-admin-token"));
    }

    @Test
    void expiredAlteredForeignAndUnsignedTokensAreRefused() {
        String expired = tokens.issue("u", Role.ADMIN, "s", Instant.now().minus(Duration.ofHours(2))).token();
        assertTrue(tokens.verify(expired).isEmpty());

        String good = tokens.issue("u", Role.AUTHOR, "s", Instant.now()).token();
        String[] parts = good.split("\\.");
        String promoted = Base64.getUrlEncoder().withoutPadding().encodeToString(new String(Base64.getUrlDecoder()
                .decode(parts[1]), StandardCharsets.UTF_8).replace("\"author\"", "\"owner\"").getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(parts[0] + "." + promoted + "." + parts[2]).isEmpty(), "a changed role breaks the signature");

        SessionTokens other = new SessionTokens("another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8),
                Duration.ofHours(1));
        assertTrue(tokens.verify(other.issue("u", Role.OWNER, "s", Instant.now()).token()).isEmpty());

        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(tokens.verify(none + "." + parts[1] + ".").isEmpty(), "alg none");
    }
}
