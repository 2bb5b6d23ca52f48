package io.cms.post.studio;

import io.cms.common.auth.Caller;
import io.cms.common.limits.RateLimited;
import io.cms.common.rest.ProblemException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The editor's live preview, asked for by studio.js as the writer pauses: the Checks and Preview
 * regions for the text sent, as HTML to put in place. Nothing is stored.
 */
@Path("/studio/live")
@Produces(MediaType.TEXT_HTML)
@RateLimited(RateLimited.Policy.EXPENSIVE)
@Tag(name = "Studio")
public class StudioLiveResource {

    private final Template live;
    private final StudioPages pages;
    private final LivePreview preview;

    StudioLiveResource(@Location("studio/live.html") Template live, StudioPages pages, LivePreview preview) {
        this.live = live;
        this.pages = pages;
        this.preview = preview;
    }

    @POST
    @Path("preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "The Checks and Preview regions for the editor's text (form fields csrf, title, markdown, excerpt)")
    public Response preview(@FormParam("csrf") String csrf, @FormParam("title") String title,
            @FormParam("markdown") String markdown, @FormParam("excerpt") String excerpt) {
        // Asked for by a script, which needs a status, not the sign-in page.
        Caller caller = pages.signedIn();
        if (caller == null) {
            throw new ProblemException(ProblemException.Kind.UNAUTHORIZED, "The session has ended: sign in again");
        }
        pages.requireCsrf(caller, csrf);
        LivePreview.Shown shown = preview.shown(title, markdown, excerpt);
        return pages.page(Response.ok(), live.instance().data("live", shown), null);
    }
}
