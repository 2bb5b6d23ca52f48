package io.cms.common.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

/**
 * 32-byte secret keys a service is given ({@code <prefix>.key}, base64: a Kubernetes Secret) or else
 * keeps in a file ({@code <prefix>.key-file}, made on first start in the local data directory, so
 * the services of one machine share it and it survives restarts).
 */
public final class KeptKeys {

    public static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeptKeys() {
    }

    /**
     * @param prefix e.g. {@code cms.sessions}: reads {@code cms.sessions.key}, else {@code cms.sessions.key-file}
     * @param what what the key is for, for error messages
     */
    public static byte[] fromConfig(Config config, String prefix, String what) {
        Optional<String> inline = config.getOptionalValue(prefix + ".key", String.class);
        if (inline.isPresent()) {
            return decode(inline.get(), what);
        }
        Path file = Path.of(config.getOptionalValue(prefix + ".key-file", String.class).orElseThrow(() ->
                new IllegalStateException("set " + prefix + ".key or " + prefix + ".key-file: " + what)));
        return kept(file, what);
    }

    /** Base64 of 32 random bytes, as {@code openssl rand -base64 32} prints. */
    public static String newKey() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public static byte[] decode(String base64, String what) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the key for " + what + " is not base64", e);
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("the key for " + what + " must be 32 bytes (openssl rand -base64 32), not "
                    + key.length);
        }
        return key;
    }

    private static byte[] kept(Path file, String what) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "key", ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(tmp, newKey());
                try {
                    Files.move(tmp, file); // another process may have won: then its key is the key
                } catch (FileAlreadyExistsException e) {
                    Files.delete(tmp);
                }
            }
            return decode(Files.readString(file).trim(), what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file + " (" + what + ")", e);
        }
    }
}
