package io.cms.render.feeds;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.render.site.Site;
import io.cms.render.service.ContentFields;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sitemaps of the site's published posts and pages, oldest first so a part's addresses stay put as
 * posts are added; addresses longer than the protocol's 2 048 characters are left out.
 */
@ApplicationScoped
public class Sitemaps {

    /** Addresses per sitemap file at most: the protocol's maximum. */
    static final int MAX_PER_FILE = 50_000;
    static final int MAX_URL = 2_048;
    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String PUBLISHED = "visible AND content_schema >= " + ContentFields.SCHEMA;

    private final DataSource dataSource;
    private final Site site;
    private final ObjectMapper json;
    private final int perFile;

    Sitemaps(DataSource dataSource, Site site, ObjectMapper json,
            @ConfigProperty(name = "cms.sitemap.per-file") int perFile) {
        if (perFile < 2 || perFile > MAX_PER_FILE) {
            throw new IllegalStateException("cms.sitemap.per-file must be from 2 to " + MAX_PER_FILE + ", not " + perFile);
        }
        this.dataSource = dataSource;
        this.site = site;
        this.json = json;
        this.perFile = perFile;
    }

    /** The sitemap itself, or the index of its parts past {@code cms.sitemap.per-file} addresses. */
    public String root() throws SQLException {
        long addresses = count() + 1; // the home page, then each post and page
        if (addresses <= perFile) {
            return urls(0, perFile - 1, true);
        }
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"" + NS + "\">\n");
        long parts = (addresses + perFile - 1) / perFile;
        for (int part = 1; part <= parts; part++) {
            out.append("  <sitemap><loc>").append(escape(trim(site.publicUrl()) + "/sitemap/" + part + ".xml")).append("</loc></sitemap>\n");
        }
        return out.append("</sitemapindex>\n").toString();
    }

    /**
     * Part {@code part} (from 1) when the sitemap has an index: addresses {@code (part - 1) × per-file}
     * on, the home page first of all; null when there is no such part.
     */
    public String part(int part) throws SQLException {
        long addresses = count() + 1;
        long start = (long) (part - 1) * perFile;
        if (part < 1 || addresses <= perFile || start >= addresses) {
            return null;
        }
        return start == 0 ? urls(0, perFile - 1, true) : urls(start - 1, perFile, false);
    }

    public String robots() {
        return "User-agent: *\nDisallow: /api/\nDisallow: /ghost/\nSitemap: " + trim(site.publicUrl()) + "/sitemap.xml\n";
    }

    /** {@code limit} posts from {@code offset}, after the home page when {@code withHome}. */
    private String urls(long offset, int limit, boolean withHome) throws SQLException {
        StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"" + NS + "\">\n");
        String base = site.links().site();
        if (withHome) {
            out.append("  <url><loc>").append(escape(base + "/")).append("</loc></url>\n");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement("SELECT slug, updated_at, published_at, categories::text FROM"
                + " rendered_post WHERE " + PUBLISHED + " ORDER BY published_at, id OFFSET ? LIMIT ?")) {
            st.setLong(1, offset);
            st.setInt(2, limit);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String loc = site.links().post(rs.getString(1), rs.getObject(3, OffsetDateTime.class),
                            categories(rs.getString(4)));
                    if (loc.length() > MAX_URL) {
                        continue;
                    }
                    out.append("  <url><loc>").append(escape(loc)).append("</loc>");
                    OffsetDateTime updated = rs.getObject(2, OffsetDateTime.class);
                    if (updated != null) {
                        out.append("<lastmod>").append(Feeds.rfc3339(updated)).append("</lastmod>");
                    }
                    out.append("</url>\n");
                }
            }
        }
        return out.append("</urlset>\n").toString();
    }

    private java.util.List<String> categories(String column) throws SQLException {
        try {
            return java.util.List.of(json.readValue(column, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("categories do not parse", e);
        }
    }

    private long count() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement st = c.prepareStatement("SELECT count(*) FROM rendered_post WHERE " + PUBLISHED);
                ResultSet rs = st.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
