package io.cms.post.site;

import java.util.Optional;

import io.cms.common.site.SiteSettings;
import io.smallrye.config.ConfigMapping;

/** {@code cms.site.*}: the site's settings until the API sets them (the same variables as render-service's). */
@ConfigMapping(prefix = "cms.site")
public interface SiteConfig {

    String url();

    String title();

    Optional<String> description();

    String lang();

    String timezone();

    String permalink();

    default SiteSettings settings() {
        return new SiteSettings(url(), title(), description().orElse(null), lang(), timezone(), permalink());
    }
}
