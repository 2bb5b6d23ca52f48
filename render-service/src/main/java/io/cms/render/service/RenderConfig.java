package io.cms.render.service;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Rendering settings ({@code cms.render.*} in application.properties). */
@ConfigMapping(prefix = "cms.render")
public interface RenderConfig {

    /** {@code {{ site.baseurl }}} in imported posts (empty if unset). */
    Optional<String> siteBaseurl();

    /** {@code {{ site.url }}} in imported posts (empty if unset). */
    Optional<String> siteUrl();

    /** Any other {@code site.*} variable, e.g. {@code cms.render.site.repository=jekyll/jekyll}. */
    Map<String, String> site();

    /** Path of a post on the public site, {@code {slug}} replaced; used for {@code post_url} links. */
    @WithDefault("/posts/{slug}")
    String postPath();

    /** Hosts whose https iframes (video embeds) survive sanitizing. */
    @WithDefault("www.youtube.com,www.youtube-nocookie.com,player.vimeo.com,www.slideshare.net,speakerdeck.com")
    Set<String> iframeHosts();

    /** A render taking longer is abandoned and its event dead-lettered. */
    @WithDefault("10s")
    Duration timeout();

    /**
     * Markdown up to this length is rendered on the event's thread, without the time limit (a thread
     * hand-off costs more than such a render; the worst inputs of this size take well under a second).
     */
    @WithDefault("8000")
    int inlineMaxChars();

    /** Larger Markdown is not rendered (dead-lettered), so one post cannot exhaust memory. */
    @WithDefault("1000000")
    int maxMarkdownChars();
}
