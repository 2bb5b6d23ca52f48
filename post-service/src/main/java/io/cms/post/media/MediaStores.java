package io.cms.post.media;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** The media store the configuration names ({@code CMS_MEDIA_STORE}: {@code local} or {@code s3}). */
@ApplicationScoped
public class MediaStores {

    @Produces
    @ApplicationScoped
    MediaStore store(MediaConfig config) {
        return switch (config.store()) {
            case "local" -> new LocalMediaStore(config.dir());
            case "s3" -> new S3MediaStore(config.s3());
            default -> throw new IllegalStateException("cms.media.store (CMS_MEDIA_STORE) is " + config.store()
                    + "; it must be local or s3");
        };
    }

    void close(@Disposes MediaStore store) throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }
}
