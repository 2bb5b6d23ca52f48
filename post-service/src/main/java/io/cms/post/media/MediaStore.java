package io.cms.post.media;

import java.io.IOException;
import java.util.Optional;

/** Where the bytes of the library live: originals by SHA-256, variants by file name. */
public interface MediaStore {

    void putOriginal(String sha256, byte[] bytes) throws IOException;

    byte[] original(String sha256) throws IOException;

    Optional<byte[]> variant(String name) throws IOException;

    void putVariant(String name, byte[] bytes) throws IOException;

    /** Removes an original and its variants (names starting with the hash). */
    void delete(String sha256) throws IOException;

    /** Bytes stored, originals and variants. */
    long usedBytes() throws IOException;
}
