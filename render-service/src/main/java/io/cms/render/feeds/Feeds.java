package io.cms.render.feeds;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.cms.common.text.PathSegment;
import io.cms.render.ghost.GhostContent;
import io.cms.render.ghost.GhostContent.PostRow;
import io.cms.render.site.Site;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The newest published posts as Atom 1.0 and RSS 2.0 (written by ROME) and JSON Feed 1.1: the whole
 * site's, a tag's or an author's. Entries carry the full sanitized HTML with its links made absolute.
 */
@ApplicationScoped
public class Feeds {

    /** Which feed: the site's, or a tag's or an author's (by slug). */
    public enum Scope { SITE, TAG, AUTHOR }

    /** A feed's bytes in one format and when its newest entry changed. */
    public record Written(byte[] bytes, OffsetDateTime updated) {
    }

    private static final Pattern ROOT_RELATIVE = Pattern.compile("(href|src)=\"/(?!/)");

    private final GhostContent content;
    private final Site site;
    private final int size;

    Feeds(GhostContent content, Site site, @ConfigProperty(name = "cms.feeds.size") int size) {
        this.content = content;
        this.site = site;
        this.size = size;
    }

    /** @return null when a tag or author has no published post */
    public Written write(FeedFormat format, Scope scope, String slug) throws SQLException, FeedException {
        String name = switch (scope) {
            case SITE -> null;
            case TAG -> content.tagName(slug).orElse(null);
            case AUTHOR -> content.authorName(slug).orElse(null);
        };
        if (scope != Scope.SITE && name == null) {
            return null;
        }
        List<PostRow> posts = content.newest(scope == Scope.TAG ? slug : null, scope == Scope.AUTHOR ? slug : null, size);
        OffsetDateTime updated = posts.stream().map(p -> p.updatedAt() == null ? p.publishedAt() : p.updatedAt())
                .filter(t -> t != null).max(OffsetDateTime::compareTo).orElse(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        String title = name == null ? site.title() : site.title() + " – " + name;
        String home = name == null ? siteUrl() + "/" : site.links().group(scope == Scope.TAG ? "tag" : "author", slug);
        String self = publicUrl() + (scope == Scope.SITE ? "" : (scope == Scope.TAG ? "/tag/" : "/author/")
                + PathSegment.encode(slug)) + "/" + format.file();
        byte[] bytes = format == FeedFormat.JSON ? json(title, home, self, posts) : xml(format, title, home, self, updated, posts);
        return new Written(bytes, updated);
    }

    private byte[] xml(FeedFormat format, String title, String home, String self, OffsetDateTime updated, List<PostRow> posts)
            throws FeedException {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType(format.romeType());
        feed.setTitle(title);
        feed.setDescription(site.description().filter(d -> !d.isBlank()).orElse(title));
        feed.setLink(home);
        feed.setUri(self);
        feed.setLanguage(site.lang());
        feed.setPublishedDate(Date.from(updated.toInstant()));
        feed.setAuthor(site.title()); // Atom asks for an author of the feed when an entry has none
        feed.setLinks(List.of(link("alternate", home, "text/html"), link("self", self, format.mediaType())));
        List<SyndEntry> entries = new ArrayList<>();
        for (PostRow p : posts) {
            SyndEntry e = new SyndEntryImpl();
            e.setTitle(p.title());
            e.setLink(postUrl(p));
            e.setUri("urn:uuid:" + p.id());
            e.setPublishedDate(p.publishedAt() == null ? null : Date.from(p.publishedAt().toInstant()));
            e.setUpdatedDate(Date.from((p.updatedAt() == null ? p.publishedAt() : p.updatedAt()).toInstant()));
            if (p.authorName() != null) {
                e.setAuthor(p.authorName());
            }
            List<SyndCategory> categories = new ArrayList<>();
            p.tags().forEach(t -> {
                SyndCategory c = new SyndCategoryImpl();
                c.setName(t.path("name").asText());
                categories.add(c);
            });
            e.setCategories(categories);
            if (p.excerpt() != null) {
                e.setDescription(text("text", p.excerpt()));
            }
            e.setContents(List.of(text("html", absolute(p.html()))));
            entries.add(e);
        }
        feed.setEntries(entries);
        return new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] json(String title, String home, String self, List<PostRow> posts) {
        ObjectNode feed = JsonNodeFactory.instance.objectNode().put("version", "https://jsonfeed.org/version/1.1")
                .put("title", title).put("home_page_url", home).put("feed_url", self).put("language", site.lang());
        site.description().filter(d -> !d.isBlank()).ifPresent(d -> feed.put("description", d));
        ArrayNode items = feed.putArray("items");
        for (PostRow p : posts) {
            ObjectNode item = items.addObject().put("id", p.id().toString()).put("url", postUrl(p)).put("title", p.title())
                    .put("content_html", absolute(p.html()));
            if (p.excerpt() != null) {
                item.put("summary", p.excerpt());
            }
            if (p.publishedAt() != null) {
                item.put("date_published", rfc3339(p.publishedAt()));
            }
            if (p.updatedAt() != null) {
                item.put("date_modified", rfc3339(p.updatedAt()));
            }
            if (p.authorName() != null) {
                item.putArray("authors").addObject().put("name", p.authorName());
            }
            if (!p.tags().isEmpty()) {
                ArrayNode tags = item.putArray("tags");
                p.tags().forEach(t -> tags.add(t.path("name").asText()));
            }
        }
        return feed.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An instant as RFC 3339 in UTC, seconds always written (2030-01-02T03:04:05Z), as JSON Feed and sitemaps ask. */
    static String rfc3339(OffsetDateTime t) {
        return java.time.format.DateTimeFormatter.ISO_INSTANT.format(t.toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    private String postUrl(PostRow p) {
        return site.links().post(p.slug(), p.publishedAt(), p.categories());
    }

    /** Links and images that start at the site's root point at the site, as a feed reader needs. */
    private String absolute(String html) {
        return html == null ? "" : ROOT_RELATIVE.matcher(html).replaceAll("$1=\"" + java.util.regex.Matcher.quoteReplacement(siteUrl()) + "/");
    }

    private String siteUrl() {
        return site.links().site();
    }

    private String publicUrl() {
        return trim(site.publicUrl());
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static SyndLink link(String rel, String href, String type) {
        SyndLink l = new SyndLinkImpl();
        l.setRel(rel);
        l.setHref(href);
        l.setType(type);
        return l;
    }

    private static SyndContent text(String type, String value) {
        SyndContent c = new SyndContentImpl();
        c.setType(type);
        c.setValue(value);
        return c;
    }
}
