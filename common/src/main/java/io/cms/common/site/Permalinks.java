package io.cms.common.site;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.cms.common.text.PathSegment;
import io.cms.common.text.Slugs;

/**
 * Where a post lives on the site: the site's address and its permalink pattern
 * ({@code CMS_SITE_PERMALINK}) with Jekyll's placeholders {@code :year}, {@code :month}, {@code :day}
 * (of the publication, in the site's time zone), {@code :title} or {@code :slug}, and
 * {@code :categories} (each slugified, joined by {@code /}, dropped with its slash when there are
 * none). Every segment is percent-encoded. The Ghost API's URLs, the feeds, the sitemap and
 * webhook payloads use it.
 */
public final class Permalinks {

    private static final Pattern PLACEHOLDER = Pattern.compile(":([a-z_]+)");
    private static final Set<String> KNOWN = Set.of("year", "month", "day", "title", "slug", "categories");

    private final String site;
    private final String pattern;
    private final ZoneId zone;

    /** The site's links under these settings. */
    public static Permalinks of(SiteSettings settings) {
        return new Permalinks(settings.url(), settings.permalink(), ZoneId.of(settings.timezone()));
    }

    /** @throws IllegalArgumentException for a pattern that cannot give each post its own address */
    public Permalinks(String site, String pattern, ZoneId zone) {
        Matcher m = PLACEHOLDER.matcher(pattern);
        while (m.find()) {
            if (!KNOWN.contains(m.group(1))) {
                throw new IllegalArgumentException("has :" + m.group(1) + ", which is not one of :year, :month, :day, :title, :slug, :categories");
            }
        }
        if (!pattern.startsWith("/") || !(pattern.contains(":slug") || pattern.contains(":title"))) {
            throw new IllegalArgumentException("must start with / and hold :slug or :title, so that every post has its own"
                    + " address; it is " + pattern);
        }
        this.site = site.endsWith("/") ? site.substring(0, site.length() - 1) : site;
        this.pattern = pattern;
        this.zone = zone;
    }

    /** The site's own address, without a final slash. */
    public String site() {
        return site;
    }

    /** A post's or page's address. */
    public String post(String slug, OffsetDateTime published, List<String> categories) {
        OffsetDateTime at = published == null ? null : published.atZoneSameInstant(zone).toOffsetDateTime();
        Matcher m = PLACEHOLDER.matcher(pattern);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "year" -> at == null ? "" : String.format("%04d", at.getYear());
                case "month" -> at == null ? "" : String.format("%02d", at.getMonthValue());
                case "day" -> at == null ? "" : String.format("%02d", at.getDayOfMonth());
                case "categories" -> String.join("/", categories == null ? List.<String>of()
                        : categories.stream().map(c -> PathSegment.encode(Slugs.slugify(c, "category"))).toList());
                default -> PathSegment.encode(slug);
            };
            m.appendReplacement(path, Matcher.quoteReplacement(value));
        }
        m.appendTail(path);
        return site + path.toString().replaceAll("/{2,}", "/");
    }

    /** A tag's or an author's page: {@code /tag/{slug}/}, {@code /author/{slug}/}. */
    public String group(String kind, String slug) {
        return site + "/" + kind + "/" + PathSegment.encode(slug) + "/";
    }
}
