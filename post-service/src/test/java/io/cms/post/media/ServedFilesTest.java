package io.cms.post.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ServedFilesTest {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ServedFiles served = new ServedFiles(16_000, Duration.ofMinutes(1), registry);

    private static MediaVariants.File file(int bytes) {
        return new MediaVariants.File(new byte[bytes], "image/png");
    }

    @Test
    void aKeptFileIsAHitUntilItsImageIsDeleted() {
        served.keep(A + "-320.png", file(500), served.epoch());
        served.keep(A + "-640x480.png", file(500), served.epoch());
        served.keep(B + "-320.png", file(500), served.epoch());
        assertTrue(served.cached(A + "-320.png").isPresent());
        assertEquals(1500, served.bytes());

        served.deleted(new ServedFiles.Deleted(A));
        assertFalse(served.cached(A + "-320.png").isPresent());
        assertFalse(served.cached(A + "-640x480.png").isPresent(), "the reference name of the same image too");
        assertTrue(served.cached(B + "-320.png").isPresent(), "another image's files stay");
        assertEquals(2.0, registry.get("cms.cache.requests").tag("cache", "media").tag("result", "hit").functionCounter().count());
        assertEquals(2.0, registry.get("cms.cache.requests").tag("cache", "media").tag("result", "miss").functionCounter().count());
    }

    @Test
    void aFileReadBeforeADeletionIsNotKeptAfterIt() {
        long before = served.epoch();
        served.deleted(new ServedFiles.Deleted(A)); // committed while the request read the library and the store
        served.keep(A + "-320.png", file(500), before);
        assertFalse(served.cached(A + "-320.png").isPresent());
        served.keep(A + "-320.png", file(500), served.epoch());
        assertTrue(served.cached(A + "-320.png").isPresent());
    }

    @Test
    void boundedByBytesAndNoFileTakesMoreThanASixteenth() {
        served.keep(A + "-2400.png", file(1_001), served.epoch());
        assertFalse(served.cached(A + "-2400.png").isPresent(), "over 16 000 / 16 bytes");
        for (int i = 0; i < 100; i++) {
            served.keep(B + "-" + i + ".png", file(1_000), served.epoch());
        }
        assertTrue(served.bytes() <= 16_000, Long.toString(served.bytes()));
    }
}
