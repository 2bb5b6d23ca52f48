package io.cms.post.studio;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.rest.InternalService;
import io.cms.common.rest.ProblemException;
import io.cms.post.service.PostInput;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The editor's preview: the text as it stands, rendered by render-service (so the writer sees what
 * readers will, sanitizer included), with its content checks. Nothing is stored. The studio and
 * render-service are different origins, so the browser asks the studio and the studio asks
 * render-service.
 */
@ApplicationScoped
public class LivePreview {

    private static final Logger LOG = Logger.getLogger(LivePreview.class);

    /** One content check: its kind, render-service's words, and the lines it points at. */
    @TemplateData
    public record Check(String type, String message, List<Integer> lines) {
    }

    @TemplateData
    public record Preview(String html, List<Check> checks, int readingTimeMinutes, int wordCount, int cjkCharCount) {

        /**
         * The HTML as a page of its own, for a sandboxed frame (no script, no same origin): the
         * sanitizer already removed script, and the frame keeps anything it missed from the studio.
         */
        public String document(String lang) {
            return "<!DOCTYPE html><html lang=\"" + (lang == null ? "en" : lang) + "\"><head><meta charset=\"utf-8\"><style>"
                    + "body{font-family:system-ui,\"Hiragino Sans\",\"Noto Sans JP\",sans-serif;line-height:1.7;margin:.5rem 1rem;color:#1d1d1f}"
                    + "img,video{max-width:100%;height:auto}pre{overflow:auto;background:#f6f6f8;padding:.5rem}"
                    + "table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:.2rem .4rem}</style></head><body>"
                    + html + "</body></html>";
        }
    }

    /** What the editor's preview region shows: a preview, or why there is none. */
    @TemplateData
    public record Shown(Preview preview, String error) {

        static final Shown NOTHING = new Shown(null, null);
    }

    private final InternalService render;

    LivePreview(@ConfigProperty(name = "cms.studio.render-url") Optional<String> url,
            @ConfigProperty(name = "cms.admin-token") String token, ObjectMapper json) {
        this.render = new InternalService("render-service", "cms.studio.render-url", url, token, json);
    }

    /** The preview, or the reason there is none, for a page to show. */
    public Shown shown(String title, String markdown, String excerpt) {
        try {
            return new Shown(of(title, markdown, excerpt), null);
        } catch (ProblemException e) {
            return new Shown(null, e.getMessage());
        }
    }

    public Preview of(String title, String markdown, String excerpt) {
        String text = markdown == null ? "" : markdown;
        if (text.length() > PostInput.MAX_MARKDOWN_CHARS) {
            throw ProblemException.invalid("markdown", "is longer than " + PostInput.MAX_MARKDOWN_CHARS + " characters");
        }
        if (render.url().isEmpty()) {
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "Preview needs render-service's address (CMS_RENDER_INTERNAL_URL)");
        }
        InternalService.Answer answer;
        try {
            answer = render.postForAnswer("/api/render/preview", Map.of("markdown", text, "title", title == null ? "" : title,
                    "excerpt", excerpt == null ? "" : excerpt));
        } catch (InternalService.Unreachable e) {
            LOG.warn(e.getMessage());
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "The preview is not available now (render-service does not answer)");
        }
        JsonNode body = answer.body();
        if (answer.status() == 422) {
            throw new ProblemException(ProblemException.Kind.UNRENDERABLE, body.path("detail").asText("The text cannot be rendered"));
        }
        if (answer.status() != 200) {
            LOG.warnf("render-service answered %d to a preview: %s", answer.status(), body.path("detail").asText());
            throw new ProblemException(ProblemException.Kind.UNAVAILABLE, "The preview is not available now (render-service answered "
                    + answer.status() + ")");
        }
        List<Check> checks = new ArrayList<>();
        for (JsonNode w : body.path("warnings")) {
            List<Integer> lines = new ArrayList<>();
            w.path("positions").forEach(p -> lines.add(p.path("line").asInt()));
            checks.add(new Check(w.path("type").asText(), w.path("message").asText(), lines));
        }
        return new Preview(body.path("html").asText(), checks, body.path("readingTimeMinutes").asInt(),
                body.path("wordCount").asInt(), body.path("cjkCharCount").asInt());
    }
}
