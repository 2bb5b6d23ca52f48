package io.cms.render.ghost;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cms.common.text.Slugs;
import io.cms.render.ghost.GhostContent.PostRow;
import io.cms.render.site.Site;
import io.cms.render.terms.TermRow;

/**
 * Posts, pages, tags, authors and settings in the Content API's v5 shape: Ghost's field names,
 * types and nulls. Front matter fills the fields that mean the same (README, "Ghost Content API":
 * the mapping); what the CMS does not have is null as in a Ghost post that lacks it.
 */
final class GhostViews {

    static final Set<String> POST_KEYS = Set.of("id", "uuid", "title", "slug", "html", "plaintext", "comment_id", "feature_image",
            "featured", "visibility", "created_at", "updated_at", "published_at", "custom_excerpt", "codeinjection_head",
            "codeinjection_foot", "custom_template", "canonical_url", "tags", "authors", "primary_author", "primary_tag", "url",
            "excerpt", "reading_time", "access", "comments", "og_image", "og_title", "og_description", "twitter_image",
            "twitter_title", "twitter_description", "meta_title", "meta_description", "email_subject", "frontmatter",
            "feature_image_alt", "feature_image_caption");
    static final Set<String> TAG_KEYS = Set.of("id", "name", "slug", "description", "feature_image", "visibility", "og_image",
            "og_title", "og_description", "twitter_image", "twitter_title", "twitter_description", "meta_title",
            "meta_description", "codeinjection_head", "codeinjection_foot", "canonical_url", "accent_color", "url", "count");
    static final Set<String> AUTHOR_KEYS = Set.of("id", "name", "slug", "profile_image", "cover_image", "bio", "website",
            "location", "facebook", "twitter", "meta_title", "meta_description", "url", "count");

    /** Tags and authors: grouped from the posts, shaped alike. */
    enum Group {
        TAG("tags", "tag", TAG_KEYS), AUTHOR("authors", "author", AUTHOR_KEYS);

        private final String plural;
        private final String path;
        private final Set<String> keys;

        Group(String plural, String path, Set<String> keys) {
            this.plural = plural;
            this.path = path;
            this.keys = keys;
        }

        String plural() {
            return plural;
        }

        /** {@code tag}, {@code author}: the kind's name in terms' events and in its address. */
        String path() {
            return path;
        }

        Set<String> keys() {
            return keys;
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private final Site site;

    GhostViews(Site site) {
        this.site = site;
    }

    /** Tags' and authors' own fields, by slug, for the terms a page of answers names. */
    record TermFields(Map<String, TermRow> tags, Map<String, TermRow> authors) {
        static final TermFields NONE = new TermFields(Map.of(), Map.of());

        TermRow of(Group kind, String slug) {
            return (kind == Group.TAG ? tags : authors).get(slug);
        }
    }

    ObjectNode post(PostRow p, GhostQuery q, TermFields terms) {
        JsonNode fm = p.frontMatter() == null ? NODES.objectNode() : p.frontMatter();
        ObjectNode o = NODES.objectNode();
        o.put("id", p.id().toString()).put("uuid", p.id().toString()).put("title", p.title()).put("slug", p.slug());
        if (q.formats().contains("html")) {
            o.put("html", p.html());
        }
        o.put("comment_id", p.id().toString()).put("feature_image", image(fm, "url")).put("featured", p.featured())
                .put("visibility", "public").put("created_at", time(p.createdAt())).put("updated_at", time(p.updatedAt()))
                .put("published_at", time(p.publishedAt())).put("custom_excerpt", p.customExcerpt())
                .putNull("codeinjection_head").putNull("codeinjection_foot")
                .put("custom_template", text(fm, "custom_template")).put("canonical_url", text(fm, "canonical_url"));
        if (q.include().contains("tags")) {
            ArrayNode tags = o.putArray("tags");
            p.tags().forEach(t -> tags.add(tag(t.path("slug").asText(), t.path("name").asText(), null,
                    terms.of(Group.TAG, t.path("slug").asText()))));
        }
        if (q.include().contains("authors")) {
            ArrayNode authors = o.putArray("authors");
            if (p.authorSlug() != null) {
                authors.add(author(p.authorSlug(), p.authorName(), null, terms.of(Group.AUTHOR, p.authorSlug())));
            }
            o.set("primary_author", authors.isEmpty() ? NODES.nullNode() : authors.get(0));
        }
        if (q.include().contains("tags")) {
            o.set("primary_tag", o.get("tags").isEmpty() ? NODES.nullNode() : o.get("tags").get(0));
        }
        o.put("url", site.links().post(p.slug(), p.publishedAt(), p.categories())).put("excerpt", p.excerpt())
                .put("reading_time", p.readingTime() == null ? 0 : p.readingTime()).put("access", true).put("comments", false)
                .put("og_image", text(fm, "og_image")).put("og_title", text(fm, "og_title"))
                .put("og_description", text(fm, "og_description")).put("twitter_image", text(fm, "twitter_image"))
                .put("twitter_title", text(fm, "twitter_title")).put("twitter_description", text(fm, "twitter_description"))
                .put("meta_title", text(fm, "meta_title"))
                .put("meta_description", firstText(fm, "meta_description", "description")).putNull("email_subject")
                .putNull("frontmatter").put("feature_image_alt", image(fm, "alt"))
                .put("feature_image_caption", image(fm, "caption"));
        if (q.formats().contains("plaintext")) {
            o.put("plaintext", Plaintext.of(p.html()));
        }
        return fields(o, q);
    }

    ObjectNode group(Group kind, GhostContent.Group g, GhostQuery q, TermRow term) {
        Long posts = q.include().contains("count.posts") ? g.posts() : null;
        return fields(kind == Group.TAG ? tag(g.slug(), g.name(), posts, term) : author(g.slug(), g.name(), posts, term), q);
    }

    /** A tag: what its posts say (slug, name), and what its entity says of itself when there is one. */
    private ObjectNode tag(String slug, String name, Long posts, TermRow term) {
        ObjectNode o = NODES.objectNode().put("id", term == null ? id(Group.TAG, slug) : term.id().toString())
                .put("name", term == null ? name : term.name()).put("slug", slug);
        TermRow t = term == null ? TermRow.NONE : term;
        o.put("description", t.description()).put("feature_image", t.image()).put("visibility", "public");
        for (String key : new String[] {"og_image", "og_title", "og_description", "twitter_image", "twitter_title",
                "twitter_description", "codeinjection_head", "codeinjection_foot", "canonical_url"}) {
            o.putNull(key);
        }
        o.put("meta_title", t.metaTitle()).put("meta_description", t.metaDescription()).put("accent_color", t.accentColor());
        o.put("url", site.links().group(Group.TAG.path, slug));
        if (posts != null) {
            o.putObject("count").put("posts", posts);
        }
        return o;
    }

    private ObjectNode author(String slug, String name, Long posts, TermRow term) {
        ObjectNode o = NODES.objectNode().put("id", term == null ? id(Group.AUTHOR, slug) : term.id().toString())
                .put("name", term == null ? name : term.name()).put("slug", slug);
        TermRow t = term == null ? TermRow.NONE : term;
        o.put("profile_image", t.image()).put("cover_image", t.coverImage()).put("bio", t.description())
                .put("website", t.website()).put("location", t.location()).put("facebook", t.facebook())
                .put("twitter", t.twitter()).put("meta_title", t.metaTitle()).put("meta_description", t.metaDescription());
        o.put("url", site.links().group(Group.AUTHOR.path, slug));
        if (posts != null) {
            o.putObject("count").put("posts", posts);
        }
        return o;
    }

    /** A tag's or author's id: the same for the same slug on every replica and every day. */
    static String id(Group kind, String slug) {
        return Slugs.termId(kind.path, slug).toString();
    }

    /** {@code fields=a,b}: those only, as Ghost answers. */
    private static ObjectNode fields(ObjectNode o, GhostQuery q) {
        if (!q.fields().isEmpty()) {
            o.retain(q.fields());
        }
        return o;
    }

    private static String time(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).format(TIME);
    }

    private static String text(JsonNode fm, String key) {
        JsonNode v = fm.get(key);
        return v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static String firstText(JsonNode fm, String... keys) {
        for (String key : keys) {
            String v = text(fm, key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /**
     * The feature image's address, alt text or caption: {@code feature_image}/{@code image} as a
     * string (the address) or an object ({@code path}/{@code url}, {@code alt}, {@code caption}, as
     * jekyll-seo-tag reads it), or {@code feature_image_alt}/{@code feature_image_caption}.
     */
    private static String image(JsonNode fm, String part) {
        String own = text(fm, "feature_image_" + part);
        if (own != null) {
            return own;
        }
        for (String key : new String[] {"feature_image", "image"}) {
            JsonNode v = fm.get(key);
            if (v == null) {
                continue;
            }
            if (v.isTextual()) {
                return part.equals("url") && !v.asText().isBlank() ? v.asText() : null;
            }
            if (v.isObject()) {
                return part.equals("url") ? firstText(v, "path", "url") : text(v, part);
            }
        }
        return null;
    }
}
