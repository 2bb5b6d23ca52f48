package io.cms.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The local stack's admin token: made once, kept in the data directory readable by its owner only. */
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
}
