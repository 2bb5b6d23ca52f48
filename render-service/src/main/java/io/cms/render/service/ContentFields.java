package io.cms.render.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.cms.common.messaging.PostChangedEvent;
import io.cms.common.text.Slugs;

/**
 * What the Ghost Content API filters and groups on, read from a change event when it is stored:
 * whether it is a page (Jekyll's {@code layout: page}), featured (front matter {@code featured}), its
 * tags with their slugs, its author's name and slug, its categories (for permalinks).
 */
public record ContentFields(boolean page, boolean featured, List<Map<String, String>> tags, String authorName,
        String authorSlug, List<String> categories) {

    /**
     * The columns these fill: a row stored with a smaller number lacks some, and is stored again
     * from {@code cms.posts} at start-up ({@code ContentSchema}).
     */
    public static final int SCHEMA = 3;

    static final ContentFields NONE = new ContentFields(false, false, List.of(), null, null, List.of());

    static ContentFields of(PostChangedEvent event) {
        List<Map<String, String>> tags = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String name : event.tags() == null ? List.<String>of() : event.tags()) {
            String slug = Slugs.slugify(name, "tag");
            if (seen.add(slug)) {
                tags.add(Map.of("slug", slug, "name", name));
            }
        }
        String author = event.author() == null || event.author().isBlank() ? null : event.author().strip();
        return new ContentFields("page".equals(event.layout()), featured(event.frontMatter()), tags, author,
                author == null ? null : Slugs.slugify(author, "author"), event.categories() == null ? List.of() : event.categories());
    }

    private static boolean featured(Map<String, Object> frontMatter) {
        Object value = frontMatter == null ? null : frontMatter.get("featured");
        return Boolean.TRUE.equals(value) || "true".equals(value);
    }
}
