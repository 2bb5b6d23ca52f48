package io.cms.post.studio;

import java.util.List;

import io.cms.common.limits.RateLimited;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateData;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The site's settings as they are (admins): who may read, how people sign in, how long sessions
 * and preview links last, the public addresses, how webhooks retry. Each is set by the service's
 * configuration, so the page names the variable that sets it instead of offering a form whose
 * change the next deployment would undo.
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

    private final Template page;
    private final StudioPages pages;
    private final Config config;

    StudioSiteResource(@Location("studio/settings/site.html") Template page, StudioPages pages, Config config) {
        this.page = page;
        this.pages = pages;
        this.config = config;
    }

    @GET
    @Operation(summary = "The site's settings and the variables that set them")
    public Response show() {
        var caller = StudioPages.admin(pages.caller(), "Site settings are for admins");
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
        return pages.page(Response.ok(), page.instance().data("rows", rows), caller);
    }

    private String value(String key) {
        return config.getOptionalValue(key, String.class).orElse("");
    }
}
