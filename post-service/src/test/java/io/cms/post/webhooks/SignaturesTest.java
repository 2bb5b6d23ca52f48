package io.cms.post.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignaturesTest {

    @Test
    void matchesTheReferenceVectorOfTheStandardWebhooksSpecification() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", Signatures.header("msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}", List.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
    }

    @Test
    void signsWithEverySecretSpaceSeparated() {
        String a = Secrets.generate();
        String b = Secrets.generate();
        String both = Signatures.header("msg_1", 1L, "{}", List.of(a, b));
        assertEquals(Signatures.header("msg_1", 1L, "{}", List.of(a)) + " " + Signatures.header("msg_1", 1L, "{}", List.of(b)),
                both);
    }

    @Test
    void secretsHaveThePrefixAndAtLeast24RandomBytes() {
        String s = Secrets.generate();
        assertTrue(s.startsWith("whsec_"));
        assertTrue(Base64.getDecoder().decode(s.substring(6)).length >= 24);
        assertTrue(!s.equals(Secrets.generate()));
        assertTrue(Secrets.hint(s).length() < 15);
    }

    @Test
    void previousSecretSignsOnlyDuringItsGracePeriod() {
        OffsetDateTime now = OffsetDateTime.parse("2026-01-01T00:00:00Z");
        assertEquals(List.of("new", "old"), Secrets.signing("new", "old", now.plusSeconds(1), now));
        assertEquals(List.of("new"), Secrets.signing("new", "old", now, now));
        assertEquals(List.of("new"), Secrets.signing("new", null, null, now));
    }
}
