package io.cms.render.rest;

import io.cms.common.limits.RateLimited;
import io.cms.common.rest.AdminAuth;
import io.cms.common.rest.ProblemException;
import io.cms.render.service.Renderer;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Live preview for editors: the same rendering as for stored posts, nothing stored. */
@Path("/api/render/preview")
@Produces(MediaType.APPLICATION_JSON)
@RateLimited(RateLimited.Policy.EXPENSIVE)
@SecurityRequirement(name = "bearer")
public class PreviewResource {

    /** JSON body of a preview request. */
    public record PreviewRequest(String markdown, String title, String excerpt) {
    }

    private final Renderer renderer;
    private final AdminAuth auth;

    PreviewResource(Renderer renderer, AdminAuth auth) {
        this.renderer = renderer;
        this.auth = auth;
    }

    @POST
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN})
    public RenderedResponse markdown(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        return preview(new String(body, charset(contentType)), null, null);
    }

    /** The declared charset, else UTF-8 (not HTTP's old ISO-8859-1 default for text types). */
    static java.nio.charset.Charset charset(String contentType) {
        if (contentType != null) {
            for (String part : contentType.split(";")) {
                String p = part.strip();
                if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                    try {
                        return java.nio.charset.Charset.forName(p.substring(8).replace("\"", "").strip());
                    } catch (IllegalArgumentException e) {
                        throw ProblemException.invalid("Content-Type", "names an unknown charset");
                    }
                }
            }
        }
        return java.nio.charset.StandardCharsets.UTF_8;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public RenderedResponse json(PreviewRequest request, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        auth.requireAdmin(authorization);
        if (request == null || request.markdown() == null) {
            throw ProblemException.invalid("markdown", "is required");
        }
        return preview(request.markdown(), request.title(), request.excerpt());
    }

    private RenderedResponse preview(String markdown, String title, String excerpt) {
        try {
            return RenderedResponse.preview(title, renderer.render(markdown, excerpt));
        } catch (Renderer.RenderFailure e) {
            throw new ProblemException(ProblemException.Kind.UNRENDERABLE, e.getMessage());
        }
    }
}
