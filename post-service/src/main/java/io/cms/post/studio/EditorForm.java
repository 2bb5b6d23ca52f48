package io.cms.post.studio;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import io.cms.post.PostStatus;
import io.cms.post.importing.FrontMatter;
import io.cms.post.service.PostInput;
import io.quarkus.qute.TemplateData;
import org.jboss.resteasy.reactive.RestForm;

/**
 * The editor's fields as text, as the form sends them and the page shows them: the post's own
 * fields, and the rest of its front matter as YAML. A field the form does not send is kept as the
 * post has it; one sent empty is cleared.
 */
@TemplateData
public class EditorForm {

    @RestForm
    public String title;
    @RestForm
    public String slug;
    @RestForm
    public String tags;
    @RestForm
    public String excerpt;
    @RestForm
    public String markdown;
    @RestForm
    public String publishAt;
    @RestForm
    public String author;
    @RestForm
    public String categories;
    @RestForm
    public String lang;
    @RestForm
    public String layout;
    @RestForm
    public String frontMatter;

    static EditorForm empty() {
        EditorForm f = new EditorForm();
        f.title = f.slug = f.tags = f.excerpt = f.markdown = f.publishAt = "";
        f.author = f.categories = f.lang = f.layout = f.frontMatter = "";
        return f;
    }

    static EditorForm of(Post p, ZoneId zone) {
        EditorForm f = empty();
        f.title = p.title;
        f.slug = p.slug;
        f.tags = String.join(", ", p.tags);
        f.excerpt = orEmpty(p.excerpt);
        f.markdown = orEmpty(p.markdown);
        f.publishAt = p.status == PostStatus.SCHEDULED && p.publishedAt != null
                ? p.publishedAt.atZoneSameInstant(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString() : "";
        f.author = orEmpty(p.author);
        f.categories = String.join(", ", p.categories);
        f.lang = orEmpty(p.lang);
        f.layout = orEmpty(p.layout);
        f.frontMatter = FrontMatter.yaml(p.frontMatter);
        return f;
    }

    /**
     * What the form asks for, as the API's input. {@code action}: save (the status stays), publish,
     * unpublish, or schedule at "publish at", read in the writer's zone.
     */
    PostInput input(Post current, String action, ZoneId zone) {
        OffsetDateTime publishedAt = current == null ? null : current.publishedAt;
        String status = switch (action == null ? "" : action) {
            case "publish" -> "published";
            case "unpublish" -> "draft";
            case "schedule" -> "scheduled";
            default -> current == null ? "draft" : null;
        };
        if ("scheduled".equals(status)) {
            publishedAt = StudioZone.read("publishAt", publishAt, zone);
        }
        // A field the form did not send keeps the post's value; one sent empty clears it.
        boolean keep = current != null;
        return new PostInput(blankToNull(slug), title, markdown, blankToNull(excerpt),
                author == null && keep ? current.author : blankToNull(author), list(tags),
                categories == null && keep ? current.categories : list(categories),
                lang == null && keep ? current.lang : blankToNull(lang), layout == null && keep ? current.layout : blankToNull(layout),
                status, publishedAt, frontMatter == null && keep ? current.frontMatter : frontMatter());
    }

    private Map<String, Object> frontMatter() {
        try {
            return FrontMatter.read(frontMatter);
        } catch (FrontMatter.InvalidFrontMatter e) {
            throw ProblemException.invalid("frontMatter", e.getMessage());
        }
    }

    /** Comma-separated, Japanese and full-width commas too. */
    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,、，]")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
