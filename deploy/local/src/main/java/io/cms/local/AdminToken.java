package io.cms.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's admin token and session key: made once, kept in the data directory readable by
 * its owner only.
 */
final class AdminToken {

    private AdminToken() {
    }

    /** The token kept in the data directory; made and kept when there is none. */
    static String kept(Path dataDir) throws IOException {
        Path file = dataDir.resolve("admin-token");
        if (Files.exists(file)) {
            LocalStack.log("Using the admin token kept in " + file);
            return Files.readString(file).strip();
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Files.writeString(file, token + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        LocalStack.log("Generated an admin token, kept in " + file);
        return token;
    }

    /**
     * The key the services sign and check session tokens with (base64 of 32 bytes), made before any
     * service starts: three services starting at once must not each make their own.
     */
    static void ensureSessionKey(Path dataDir) throws IOException {
        Path file = dataDir.resolve("session.key");
        if (Files.exists(file)) {
            return;
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }
}
