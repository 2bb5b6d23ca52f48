package io.cms.post.studio;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.cms.common.site.SiteSettings;
import io.cms.post.site.SiteInput;
import io.cms.post.site.Sites;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The site's settings (admins). What frontends, feeds and webhook addresses say of the site (its
 * address, title, description, language, time zone, permalink) is a form, through {@link Sites} as
 * {@code PUT /api/settings/site}: a field left as shown stays as it is, an emptied one goes back to
 * the configured value. The rest (who may read, how people sign in, how long sessions and preview
 * links last, the public addresses, how webhooks retry) is set by the services' configuration, so
 * the page names the variable that sets each instead of offering a form whose change the next
 * deployment would undo.
 */
@Path("/studio/settings/site")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.READ)
@Tag(name = "Studio")
public class StudioSiteResource {

    /** One setting: what it is, its value, the environment variable that sets it. */
    @TemplateData
    public record Row(String label, String value, String variable) {
    }

    /** One field of the site's form: its name, value, and whether it was set here or comes from its variable. */
    @TemplateData
    public record Field(String name, String value, boolean setHere, String variable) {
    }

    private static final List<String> FIELDS = List.of("url", "title", "description", "lang", "timezone", "permalink");

    private final Template page;
    private final StudioPages pages;
    private final Config config;
    private final Sites sites;

    StudioSiteResource(@Location("studio/settings/site.html") Template page, StudioPages pages, Config config, Sites sites) {
        this.page = page;
        this.pages = pages;
        this.config = config;
        this.sites = sites;
    }

    @GET
    @Operation(summary = "The site's settings: its identity as a form, the rest with the variables that set them")
    public Response show(@QueryParam("note") String note) {
        var caller = StudioPages.admin(pages.caller(), "Site settings are for admins");
        Sites.View view = sites.view(caller);
        return show(Response.ok(), caller, fields(view, Map.of()), view.version(), "saved".equals(note) ? pages.messages().saved() : null,
                List.of());
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Change the site's address, title, description, language, time zone or permalink (form fields csrf,"
            + " version and those; a field as shown stays, an emptied one goes back to its configured value)")
    public Response save(@FormParam("csrf") String csrf, @FormParam("version") long version, @FormParam("url") String url,
            @FormParam("title") String title, @FormParam("description") String description, @FormParam("lang") String lang,
            @FormParam("timezone") String timezone, @FormParam("permalink") String permalink) {
        var caller = StudioPages.admin(pages.form(csrf), "Site settings are for admins");
        Map<String, String> typed = values(new SiteSettings(url, title, description, lang, timezone, permalink));
        Sites.View before = sites.view(caller);
        Map<String, String> shown = values(before.settings());
        Map<String, String> changed = new HashMap<>();
        for (String f : FIELDS) {
            String v = typed.get(f) == null ? null : typed.get(f).strip();
            // As shown: unchanged (not set here for the first time); emptied: back to the configuration.
            changed.put(f, v == null || v.equals(shown.get(f)) ? null : v);
        }
        try {
            sites.update(caller, new SiteInput(changed.get("url"), changed.get("title"), changed.get("description"),
                    changed.get("lang"), changed.get("timezone"), changed.get("permalink")), version);
        } catch (ProblemException e) {
            if (e.kind() == ProblemException.Kind.FORBIDDEN) {
                throw e;
            }
            List<String> why = e.kind() == ProblemException.Kind.PRECONDITION_FAILED ? List.of(pages.messages().changedMeanwhile())
                    : StudioPages.describe(e);
            return show(Response.status(e.status()), caller, fields(before, typed), version, null, why);
        }
        return Response.seeOther(URI.create("/studio/settings/site?note=saved")).build();
    }

    private Response show(Response.ResponseBuilder r, Caller caller, List<Field> fields, long version, String note,
            List<String> errors) {
        StudioMessages msg = pages.messages();
        String reads = value("cms.content.reads");
        String issuer = value("cms.oidc.issuer");
        List<Row> rows = List.of(
                new Row(msg.settingReads(), msg.readsValue(reads), "CMS_CONTENT_READS"),
                new Row(msg.settingOidc(), issuer.isEmpty() ? msg.notSet() : issuer, "CMS_OIDC_ISSUER"),
                new Row(msg.settingPasswords(), msg.passwordsValue(!issuer.isEmpty() && Boolean.parseBoolean(value("cms.oidc.only"))),
                        "CMS_OIDC_ONLY"),
                new Row(msg.settingSessionLifetime(), value("cms.sessions.lifetime"), "CMS_SESSION_LIFETIME"),
                new Row(msg.settingPreviewLifetime(), value("cms.preview.max-lifetime"), "CMS_PREVIEW_MAX_LIFETIME"),
                new Row(msg.settingPostUrl(), value("cms.invitations.public-url"), "CMS_PUBLIC_POST_URL"),
                new Row(msg.settingRenderUrl(), value("cms.preview.public-url"), "CMS_PUBLIC_RENDER_URL"),
                new Row(msg.settingRetries(), value("cms.webhooks.retry-schedule"), "CMS_WEBHOOKS_RETRY_SCHEDULE"),
                new Row(msg.settingDisableAfter(), value("cms.webhooks.disable-after"), "CMS_WEBHOOKS_DISABLE_AFTER"),
                new Row(msg.settingSecretGrace(), value("cms.webhooks.secret-grace"), "CMS_WEBHOOKS_SECRET_GRACE"));
        return pages.page(r, page.instance().data("rows", rows).data("fields", fields).data("version", version).data("note", note)
                .data("errors", errors).data("csrf", pages.csrf(caller)), caller);
    }

    /** The form's fields: what was typed where given, else the value in force. */
    private static List<Field> fields(Sites.View view, Map<String, String> typed) {
        Map<String, String> values = values(view.settings());
        return FIELDS.stream().map(f -> new Field(f, typed.get(f) != null ? typed.get(f) : values.get(f), view.set().contains(f),
                "CMS_SITE_" + f.toUpperCase(Locale.ROOT))).toList();
    }

    private static Map<String, String> values(SiteSettings s) {
        Map<String, String> out = new HashMap<>();
        out.put("url", s.url());
        out.put("title", s.title());
        out.put("description", s.description() == null ? "" : s.description());
        out.put("lang", s.lang());
        out.put("timezone", s.timezone());
        out.put("permalink", s.permalink());
        return out;
    }

    private String value(String key) {
        return config.getOptionalValue(key, String.class).orElse("");
    }
}
