package io.cms.post.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Passwords as NIST SP 800-63B asks: at least 12 characters (counted as people see them, after
 * NFKC normalisation), up to 256, any characters, no composition rules; refused when common (a list
 * of 30 000), made of one repeated character or a run like "abcdef…", or built on the account's
 * own address or name. Stored as Argon2id at OWASP's settings (19 MiB, 2 passes, 1 lane), in the
 * PHC string format so that stronger settings later still verify what is stored.
 */
public final class Passwords {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    /** Each hash holds 19 MiB for ~0.1 s: this many at once keeps a burst of sign-ins inside the heap. */
    private static final Semaphore HASHING = new Semaphore(2, true);

    /** Verifying against this costs what a real one does, so an unknown address takes as long as a known one. */
    private static final String DUMMY = hash("not a password of anyone's, only for equal timing");

    private Passwords() {
    }

    /** @throws ProblemException 400 on {@code field} with what is wrong with the password */
    public static void checkPolicy(String field, String password, String email, String name) {
        if (password == null) {
            throw ProblemException.invalid(field, "is required");
        }
        String p = normalize(password);
        int length = p.codePointCount(0, p.length());
        if (length < MIN_LENGTH) {
            throw ProblemException.invalid(field, "must have at least " + MIN_LENGTH + " characters (a few words make a good one)");
        }
        if (length > MAX_LENGTH) {
            throw ProblemException.invalid(field, "must have at most " + MAX_LENGTH + " characters");
        }
        if (p.codePoints().distinct().count() == 1 || sequential(p)) {
            throw ProblemException.invalid(field, "is a repeated character or a run of them: too easy to guess");
        }
        if (CommonPasswords.contains(p)) {
            throw ProblemException.invalid(field, "is one of the most common passwords: choose another");
        }
        String lower = p.toLowerCase(Locale.ROOT);
        String local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if ((local.length() >= 4 && lower.contains(local)) || (name != null && name.strip().length() >= 4
                && lower.contains(name.strip().toLowerCase(Locale.ROOT)))) {
            throw ProblemException.invalid(field, "must not contain the account's address or name");
        }
    }

    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] out = argon2(normalize(password), salt, MEMORY_KIB, ITERATIONS, 1, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=1$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(out);
    }

    /** Whether {@code password} is the one {@code stored} was made from; null {@code stored}: false, in the same time. */
    public static boolean verify(String password, String stored) {
        String phc = stored == null ? DUMMY : stored;
        String[] parts = phc.split("\\$");
        if (parts.length != 6 || !parts[1].equals("argon2id")) {
            throw new IllegalStateException("a stored password hash is not Argon2id");
        }
        int m = 0;
        int t = 0;
        int p = 0;
        for (String kv : parts[3].split(",")) {
            int value = Integer.parseInt(kv.substring(2));
            switch (kv.charAt(0)) {
                case 'm' -> m = value;
                case 't' -> t = value;
                case 'p' -> p = value;
                default -> throw new IllegalStateException("unknown Argon2 parameter " + kv);
            }
        }
        byte[] expected = B64D.decode(parts[5]);
        byte[] actual = argon2(normalize(password == null ? "" : password), B64D.decode(parts[4]), m, t, p, expected.length);
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int lanes, int length) {
        try {
            if (!HASHING.tryAcquire(10, TimeUnit.SECONDS)) {
                throw new ProblemException(Kind.UNAVAILABLE, "Too many passwords being checked at once; try again")
                        .retryAfter(2);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(Kind.UNAVAILABLE, "Interrupted while waiting to check a password");
        }
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(memoryKib)
                    .withIterations(iterations).withParallelism(lanes).withSalt(salt).build());
            byte[] out = new byte[length];
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            return out;
        } finally {
            HASHING.release();
        }
    }

    private static String normalize(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** "abcdefghijkl", "987654321098": each character one up (or down) from the one before. */
    private static boolean sequential(String p) {
        int[] cps = p.codePoints().toArray();
        int step = cps[1] - cps[0];
        if (Math.abs(step) != 1) {
            return false;
        }
        for (int i = 2; i < cps.length; i++) {
            int d = cps[i] - cps[i - 1];
            if (d != step && !(d == -9 * step && Character.isDigit(cps[i]))) {
                return false;
            }
        }
        return true;
    }
}
