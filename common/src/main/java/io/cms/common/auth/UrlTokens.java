package io.cms.common.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Tokens that travel in a URL and are the whole credential (preview links, invitations): 256
 * random bits in unpadded base64url, 43 characters. Only their SHA-256 ({@link #hash}) is kept.
 */
public final class UrlTokens {

    /** The shape of every such token: anything else is refused without a lookup. */
    public static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private UrlTokens() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static boolean wellFormed(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public static String hash(String token) {
        return ActiveKeys.hash(token);
    }
}
