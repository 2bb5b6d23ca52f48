package io.cms.render.ghost;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** The site as the Content API's settings and URLs describe it ({@code cms.site.*}). */
@ConfigMapping(prefix = "cms.site")
public interface GhostSite {

    /** The public address of the site's frontend, where post, tag and author URLs point. */
    String url();

    /** Where render-service itself is reached publicly: the feeds' own addresses, the sitemap's. */
    String publicUrl();

    String title();

    Optional<String> description();

    String lang();

    /** Where posts live on the site ({@link Permalinks}): /:slug/ unless set. */
    String permalink();

    String timezone();
}
