package io.cms.post.media;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code cms.media.*}: where the library keeps its bytes, what it takes, and the variants it serves. */
@ConfigMapping(prefix = "cms.media")
public interface MediaConfig {

    /** {@code local} (files under {@link #dir()}) or {@code s3} (an S3-compatible object store, {@link #s3()}). */
    @WithDefault("local")
    String store();

    Path dir();

    S3 s3();

    /** The object store: its bucket, and where and as whom to reach it (credentials: the default chain when unset). */
    interface S3 {
        Optional<String> bucket();

        /** For a store other than AWS's (MinIO, Ceph, R2, S3Mock); AWS's own endpoint when unset. */
        Optional<URI> endpoint();

        @WithDefault("us-east-1")
        String region();

        Optional<String> accessKey();

        Optional<String> secretKey();

        /** {@code http://host/bucket/key} rather than {@code http://bucket.host/key}, as most S3-compatible stores want. */
        @WithDefault("false")
        boolean pathStyle();
    }

    /** The largest upload. */
    MemorySize maxBytes();

    /** The most pixels an image may have (width × height), checked from its header before decoding. */
    long maxPixels();

    /** Where post-service is reached from outside: the media URLs. */
    String publicUrl();

    /** Pixels decoded at once per replica while making variants. */
    long decodeBudgetPixels();

    /** Bytes of served files kept in memory ({@link ServedFiles}). */
    long cacheBytes();

    /** How long a first request for a variant waits for its turn to decode (see {@code decode-budget-pixels}). */
    Duration variantWait();
}
