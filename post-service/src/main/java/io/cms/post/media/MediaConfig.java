package io.cms.post.media;

import java.nio.file.Path;
import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;

/** {@code cms.media.*}: where the library keeps its bytes, what it takes, and the variants it serves. */
@ConfigMapping(prefix = "cms.media")
public interface MediaConfig {

    Path dir();

    /** The largest upload. */
    MemorySize maxBytes();

    /** The most pixels an image may have (width × height), checked from its header before decoding. */
    long maxPixels();

    /** Where post-service is reached from outside: the media URLs. */
    String publicUrl();

    /** Pixels decoded at once per replica while making variants. */
    long decodeBudgetPixels();

    /** How long a first request for a variant waits for its turn to decode (see {@code decode-budget-pixels}). */
    Duration variantWait();
}
