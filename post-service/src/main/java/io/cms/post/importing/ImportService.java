package io.cms.post.importing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.post.Post;
import io.cms.post.service.PostInput;
import io.cms.post.service.PostService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Imports one Markdown file: creates the post, or updates the one with the same slug. Each file is
 * its own transaction, so a file that fails changes nothing and never stops the others.
 */
@ApplicationScoped
public class ImportService {

    static final String ACTOR = "import";

    private final PostService posts;
    private final ZoneId zone;

    ImportService(PostService posts, @ConfigProperty(name = "cms.import.time-zone", defaultValue = "UTC") String zone) {
        this.posts = posts;
        this.zone = ZoneId.of(zone);
    }

    public ImportResult importFile(String fileName, byte[] bytes) {
        return importFile(fileName, bytes, new HashSet<>());
    }

    /**
     * @param claimed slugs already taken by earlier files of the same import: a later file with the
     *     same slug (a blog may reuse one on another date) gets a numeric suffix instead of
     *     overwriting the earlier file's post
     */
    public ImportResult importFile(String fileName, byte[] bytes, Set<String> claimed) {
        String name = fileName == null ? "(body)" : fileName;
        try {
            String text = utf8(bytes);
            PostInput input = withUnclaimedSlug(
                    JekyllPost.toInput(fileName, text, zone, OffsetDateTime.now(ZoneOffset.UTC)), claimed);
            Optional<Post> existing = Post.find("slug", input.slug()).firstResultOptional();
            if (existing.isEmpty()) {
                Post created = posts.create(input, ACTOR);
                return result(name, "created", created);
            }
            long before = existing.get().version;
            Post updated = posts.update(existing.get().id, input, null, ACTOR);
            return result(name, updated.version == before ? "unchanged" : "updated", updated);
        } catch (ProblemException e) {
            Problem.FieldError first = e.errors().isEmpty() ? null : e.errors().get(0);
            return ImportResult.failed(name, first == null ? null : first.field(),
                    first == null ? e.getMessage() : first.message());
        } catch (ConstraintViolationException e) {
            var v = e.getConstraintViolations().iterator().next();
            return ImportResult.failed(name, v.getPropertyPath().toString().replace(".<list element>", ""),
                    v.getMessage());
        }
    }

    private static PostInput withUnclaimedSlug(PostInput in, Set<String> claimed) {
        String slug = in.slug();
        for (int n = 2; claimed.contains(slug); n++) {
            slug = in.slug() + "-" + n;
        }
        claimed.add(slug);
        return slug.equals(in.slug()) ? in : new PostInput(slug, in.title(), in.markdown(), in.excerpt(), in.author(),
                in.tags(), in.categories(), in.lang(), in.layout(), in.status(), in.publishedAt(), in.frontMatter());
    }

    private static ImportResult result(String file, String outcome, Post post) {
        return new ImportResult(file, outcome, post.id, post.slug, post.version, null, null);
    }

    /** Strict UTF-8: binary data or another encoding is reported, not stored as mojibake. */
    private static String utf8(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            if (text.indexOf('\0') >= 0) {
                throw ProblemException.invalid("file", "contains binary data (NUL bytes), not Markdown text");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("file", "is not UTF-8 text");
        }
    }
}
