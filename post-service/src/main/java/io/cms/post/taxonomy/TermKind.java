package io.cms.post.taxonomy;

import java.util.UUID;

import io.cms.common.text.Slugs;

/** Tags and authors: entities a post names (its tags, its author) and that live through the posts. */
public enum TermKind {
    TAG("tag", "tags"), AUTHOR("author", "authors");

    private final String id;
    private final String plural;

    TermKind(String id, String plural) {
        this.id = id;
        this.plural = plural;
    }

    /** As stored and in events: {@code tag}, {@code author}. */
    public String id() {
        return id;
    }

    /** As in paths: {@code tags}, {@code authors}. */
    public String plural() {
        return plural;
    }

    /** The slug a name gives: the tie between a post's name of a term and the term. */
    public String slug(String name) {
        return Slugs.slugify(name, id);
    }

    /** The id of a term first seen as {@code slug}; render-service derives the same. */
    public UUID idFor(String slug) {
        return Slugs.termId(id, slug);
    }
}
