package io.cms.post.webhooks;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;

/** Signing secrets in the Standard Webhooks form: {@code whsec_} followed by base64 of random bytes. */
public final class Secrets {

    public static final String PREFIX = "whsec_";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key: the base64 part decoded, as the specification defines it. */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    /** The secrets that sign now: the current one, and the previous one until its grace period ends. */
    public static List<String> signing(String current, String previous, OffsetDateTime previousExpiresAt,
            OffsetDateTime now) {
        if (previous != null && previousExpiresAt != null && now.isBefore(previousExpiresAt)) {
            return List.of(current, previous);
        }
        return List.of(current);
    }

    /** Enough of the secret to tell two apart in a listing, never enough to sign with. */
    public static String hint(String secret) {
        return secret.substring(0, Math.min(secret.length(), PREFIX.length() + 4)) + "…";
    }
}
