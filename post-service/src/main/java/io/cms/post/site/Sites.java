package io.cms.post.site;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.auth.Caller;
import io.cms.common.messaging.SiteChangedEvent;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.common.site.Permalinks;
import io.cms.common.site.SiteSettings;
import io.cms.post.audit.AuditLog;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.hibernate.Session;

/**
 * The site settings: configuration ({@link SiteConfig}) with what the API set on top. Admins change
 * them; each change is a {@code cms.settings} event through the outbox, so render-service's URLs,
 * feeds and sitemap follow. Read here often (webhook payloads), so kept for up to two seconds.
 */
@ApplicationScoped
public class Sites {

    /** The settings in force, which of them the API set, and the version of those. */
    public record View(SiteSettings settings, List<String> set, long version, OffsetDateTime updatedAt) {
    }

    private static final long FRESH_NANOS = 2_000_000_000L;

    private final SiteConfig config;
    private final ObjectMapper json;
    private final AuditLog audit;
    private volatile Cached cached;

    private record Cached(View view, Permalinks links, long at) {
    }

    Sites(SiteConfig config, ObjectMapper json, AuditLog audit) {
        this.config = config;
        this.json = json;
        this.audit = audit;
    }

    /** Configured settings that could not serve stop the service at start-up, as they do render-service. */
    void check(@Observes StartupEvent started) {
        config.settings().requireServable();
    }

    /** The site's links as they are now (at most two seconds old on another replica's change). */
    public Permalinks links() {
        return fresh().links();
    }

    @Transactional
    public View view(Caller caller) {
        caller.requireStaff("read the site settings; the Content API's settings are public");
        return load();
    }

    /** @param expectedVersion from {@code If-Match}, or null */
    @Transactional
    public View update(Caller caller, SiteInput in, Long expectedVersion) {
        if (!caller.admin()) {
            throw new ProblemException(caller.staff() ? Kind.FORBIDDEN : Kind.UNAUTHORIZED,
                    caller.describe() + " may not change the site settings");
        }
        if (in == null) {
            throw ProblemException.invalid("body", "a JSON object with the settings is required");
        }
        Row row = Row.read(true);
        if (expectedVersion != null && expectedVersion != row.version) {
            throw new ProblemException(Kind.PRECONDITION_FAILED,
                    "The site settings are at version " + row.version + ", not " + expectedVersion + " as If-Match expects");
        }
        SiteSettings overrides = new SiteSettings(set(row.overrides.url(), in.url()), set(row.overrides.title(), in.title()),
                set(row.overrides.description(), in.description()), set(row.overrides.lang(), in.lang()),
                set(row.overrides.timezone(), in.timezone()), set(row.overrides.permalink(), in.permalink()));
        var problems = config.settings().with(overrides).problems();
        if (!problems.isEmpty()) {
            throw new ProblemException(Kind.VALIDATION, problems.get(0).field() + ": " + problems.get(0).message(), problems);
        }
        if (overrides.equals(row.overrides)) {
            return load();
        }
        long version = row.version + 1;
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
        SiteChangedEvent event = new SiteChangedEvent(overrides, version, now);
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Panache.getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO site_settings (id, url, title, description, lang, timezone, permalink, version, updated_at)
                    VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, title = EXCLUDED.title,
                        description = EXCLUDED.description, lang = EXCLUDED.lang, timezone = EXCLUDED.timezone,
                        permalink = EXCLUDED.permalink, version = EXCLUDED.version, updated_at = EXCLUDED.updated_at""")) {
                int i = 0;
                for (String v : new String[] {overrides.url(), overrides.title(), overrides.description(), overrides.lang(),
                        overrides.timezone(), overrides.permalink()}) {
                    st.setString(++i, v);
                }
                st.setLong(++i, version);
                st.setObject(++i, now);
                st.executeUpdate();
            }
            try (PreparedStatement st = c.prepareStatement("INSERT INTO outbox (event_id, aggregate_type, aggregate_id, type,"
                    + " occurred_at, payload) VALUES (?, 'settings', ?, ?, ?, ?)")) {
                st.setObject(1, UUID.randomUUID());
                st.setString(2, SiteChangedEvent.KEY);
                st.setString(3, SiteChangedEvent.TYPE);
                st.setObject(4, now);
                st.setString(5, payload);
                st.executeUpdate();
            }
        });
        audit.record(caller.actor(), "site.updated", "settings:site", Map.of("version", version));
        cached = null;
        return load();
    }

    private Cached fresh() {
        Cached c = cached;
        if (c == null || System.nanoTime() - c.at() > FRESH_NANOS) {
            View v = io.quarkus.narayana.jta.QuarkusTransaction.joiningExisting().call(this::load);
            c = new Cached(v, Permalinks.of(v.settings()), System.nanoTime());
            cached = c;
        }
        return c;
    }

    private View load() {
        Row row = Row.read(false);
        SiteSettings o = row.overrides;
        List<String> set = new ArrayList<>();
        String[][] fields = {{"url", o.url()}, {"title", o.title()}, {"description", o.description()}, {"lang", o.lang()},
            {"timezone", o.timezone()}, {"permalink", o.permalink()}};
        for (String[] f : fields) {
            if (f[1] != null) {
                set.add(f[0]);
            }
        }
        return new View(config.settings().with(o), set, row.version, row.updatedAt);
    }

    /** Absent keeps, empty clears (back to the configured value). */
    private static String set(String current, String value) {
        return value == null ? current : value.isBlank() ? null : value.strip();
    }

    /** The stored overrides (none, version 0, when the API never set any). */
    private record Row(SiteSettings overrides, long version, OffsetDateTime updatedAt) {
        static Row read(boolean lock) {
            Row[] out = {new Row(new SiteSettings(null, null, null, null, null, null), 0, null)};
            Panache.getEntityManager().unwrap(Session.class).doWork(c -> {
                try (PreparedStatement st = c.prepareStatement("SELECT url, title, description, lang, timezone, permalink,"
                        + " version, updated_at FROM site_settings WHERE id = 1" + (lock ? " FOR UPDATE" : ""));
                        ResultSet rs = st.executeQuery()) {
                    if (rs.next()) {
                        out[0] = new Row(new SiteSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6)), rs.getLong(7), rs.getObject(8, OffsetDateTime.class));
                    }
                }
            });
            return out[0];
        }
    }
}
