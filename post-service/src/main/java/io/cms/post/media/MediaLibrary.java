package io.cms.post.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.cms.common.auth.Caller;
import io.cms.common.auth.Role;
import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.common.rest.ProblemException.Kind;
import io.cms.common.text.Digests;
import io.cms.post.Post;
import io.cms.post.audit.AuditLog;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/**
 * The media library: what may be uploaded (the type told by the bytes, the size and the pixel count
 * checked before anything is decoded), identical uploads kept once, alt text and focal points, and
 * deletions that do not break published posts. Staff upload; editors and above delete.
 */
@ApplicationScoped
public class MediaLibrary {

    /** An upload's outcome: the image, and whether it was new (201) or the same bytes were there (200). */
    public record Uploaded(Media media, boolean created) {
    }

    /** An animation's frames together may hold this many times {@code cms.media.max-pixels}. */
    static final int ANIMATION_PIXELS_FACTOR = 4;

    private final MediaConfig config;
    private final MediaStore store;
    private final AuditLog audit;
    private final Event<ServedFiles.Deleted> deletions;

    MediaLibrary(MediaConfig config, MediaStore store, AuditLog audit, Event<ServedFiles.Deleted> deletions) {
        this.config = config;
        this.store = store;
        this.audit = audit;
        this.deletions = deletions;
    }

    @Transactional
    public Uploaded upload(Caller caller, String fileName, byte[] body) {
        caller.requireStaff("upload media");
        return store(caller.actor(), fileName, body);
    }

    /** The largest upload, in bytes. */
    public long maxBytes() {
        return config.maxBytes().asLongValue();
    }

    /** An upload that arrived as a file (a multipart form): its size is checked before it is read. */
    public Uploaded upload(Caller caller, String fileName, Path file) {
        caller.requireStaff("upload media");
        long max = maxBytes();
        long size;
        byte[] body;
        try {
            size = Files.size(file);
            body = size > max ? null : Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProblemException(Kind.UNAVAILABLE, "The upload could not be read: " + e.getMessage());
        }
        if (body == null) {
            throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "file: the image is larger than the limit",
                    List.of(new Problem.FieldError("file", "is larger than the limit", max, size)));
        }
        return upload(caller, fileName, body);
    }

    /** An image stored for {@code actor} whose right to add it was checked already (an import's caller). */
    @Transactional
    public Uploaded store(String actor, String fileName, byte[] body) {
        if (body == null || body.length == 0) {
            throw ProblemException.invalid("body", "is empty; send the image's bytes");
        }
        long max = maxBytes();
        if (body.length > max) {
            throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "body: the image is larger than the limit",
                    List.of(new Problem.FieldError("body", "is larger than the limit", max, (long) body.length)));
        }
        ImageKind kind = ImageKind.sniff(body).orElseThrow(() -> new ProblemException(Kind.UNSUPPORTED_MEDIA_TYPE,
                "file: " + (ImageKind.looksLikeSvg(body) ? "SVG is not accepted: it can carry script"
                        : "is not a JPEG, PNG, GIF or WebP image (told by its bytes, not its name)"),
                List.of(new Problem.FieldError("file", ImageKind.looksLikeSvg(body) ? "is SVG, which is not accepted"
                        : "is not a JPEG, PNG, GIF or WebP image"))));
        Images.Size size;
        try {
            size = Images.size(body, kind);
        } catch (IOException | RuntimeException e) {
            throw new ProblemException(Kind.UNSUPPORTED_MEDIA_TYPE, "file: looks like " + kind.mime() + " but its header cannot be read",
                    List.of(new Problem.FieldError("file", "has a header that cannot be read")));
        }
        long pixels = (long) size.width() * size.height();
        if (size.width() < 1 || size.height() < 1 || pixels > config.maxPixels()) {
            throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "file: " + size.width() + " × " + size.height()
                    + " pixels is more than the limit of " + config.maxPixels(),
                    List.of(new Problem.FieldError("file", "has too many pixels", config.maxPixels(), pixels)));
        }
        if (size.extension().equals("gif")) {
            requireAnimationWithinLimit(body);
        }
        String sha = Digests.sha256Hex(body);
        Optional<Media> same = Media.find("sha256", sha).firstResultOptional();
        if (same.isPresent()) {
            return new Uploaded(same.get(), false);
        }
        try {
            store.putOriginal(sha, body);
        } catch (IOException e) {
            throw new ProblemException(Kind.UNAVAILABLE, "The media store cannot take the file now: " + e.getMessage());
        }
        Media m = new Media();
        m.id = UUID.randomUUID();
        m.sha256 = sha;
        m.type = kind.mime();
        m.bytes = body.length;
        m.width = size.width();
        m.height = size.height();
        m.orientation = size.orientation();
        m.variantExt = size.extension();
        m.fileName = fileName == null || fileName.isBlank() ? null : fileName.strip();
        m.uploadedBy = actor;
        m.version = 1;
        m.createdAt = now();
        m.updatedAt = m.createdAt;
        m.persist();
        audit.record(actor, "media.uploaded", "media:" + m.id, Map.of("bytes", m.bytes, "type", m.type));
        return new Uploaded(m, true);
    }

    /** An animation's frames together may hold a few times the pixels of one still image: browsers decode them one by one. */
    private void requireAnimationWithinLimit(byte[] body) {
        long limit = ANIMATION_PIXELS_FACTOR * config.maxPixels();
        long pixels;
        try {
            pixels = AnimatedGif.read(body).framePixels();
        } catch (IOException e) {
            throw new ProblemException(Kind.UNSUPPORTED_MEDIA_TYPE, "file: the GIF cannot be read: " + e.getMessage(),
                    List.of(new Problem.FieldError("file", "is a GIF that cannot be read")));
        }
        if (pixels > limit) {
            throw new ProblemException(Kind.PAYLOAD_TOO_LARGE, "file: the animation's frames hold " + pixels
                    + " pixels together, more than the limit of " + limit,
                    List.of(new Problem.FieldError("file", "has too many pixels in its frames", limit, pixels)));
        }
    }

    /** A page of the library, newest first: of one kind, and/or the images one post shows ({@code usedBy}: its id or slug). */
    @Transactional
    public List<Media> list(Caller caller, ImageKind kind, String usedBy, int page, int limit) {
        caller.requireStaff("list media");
        return query(kind, usedBy).page(page - 1, limit).list();
    }

    @Transactional
    public long count(ImageKind kind, String usedBy) {
        return query(kind, usedBy).count();
    }

    private static io.quarkus.hibernate.orm.panache.PanacheQuery<Media> query(ImageKind kind, String usedBy) {
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new java.util.HashMap<>();
        if (kind != null) {
            where.append(" AND type = :type");
            params.put("type", kind.mime());
        }
        if (usedBy != null) {
            where.append(" AND sha256 IN :shas");
            params.put("shas", shownBy(usedBy));
        }
        return Media.find(where.toString(), Sort.descending("createdAt").and("id"), params);
    }

    /** The hashes of the library images a post names (Markdown and front matter); 404 for no such post. */
    private static List<String> shownBy(String idOrSlug) {
        UUID id = io.cms.common.rest.IdOrSlug.id(idOrSlug);
        Post post = id != null ? Post.findById(id) : null;
        if (post == null) {
            post = Post.find("slug", idOrSlug).firstResult();
        }
        if (post == null) {
            throw ProblemException.invalid("usedBy", "names no post");
        }
        java.util.Set<String> shas = new java.util.LinkedHashSet<>();
        java.util.regex.Matcher m = SHOWN.matcher(post.markdown + " " + post.frontMatter);
        while (m.find()) {
            shas.add(m.group(1));
        }
        return shas.isEmpty() ? List.of("-") : List.copyOf(shas);
    }

    private static final java.util.regex.Pattern SHOWN = java.util.regex.Pattern.compile("/media/([0-9a-f]{64})-");

    @Transactional
    public Media get(Caller caller, String id) {
        caller.requireStaff("read media");
        return find(id);
    }

    /** Alt text, caption, focal point (0 to 1 from the left and the top); absent fields stay, empty text clears. */
    @Transactional
    public Media update(Caller caller, String id, MediaInput in, Long expectedVersion) {
        caller.requireStaff("change media");
        if (in == null) {
            throw ProblemException.invalid("body", "a JSON object with alt, caption or focalPoint is required");
        }
        Media m = find(id);
        if (expectedVersion != null && expectedVersion != m.version) {
            throw new ProblemException(Kind.PRECONDITION_FAILED,
                    "The media is at version " + m.version + ", not " + expectedVersion + " as If-Match expects");
        }
        in.check();
        boolean changed = false;
        if (in.alt() != null) {
            changed |= !java.util.Objects.equals(m.alt, blankToNull(in.alt()));
            m.alt = blankToNull(in.alt());
        }
        if (in.caption() != null) {
            changed |= !java.util.Objects.equals(m.caption, blankToNull(in.caption()));
            m.caption = blankToNull(in.caption());
        }
        if (in.focalPoint() != null) {
            changed |= !java.util.Objects.equals(m.focalX, in.focalPoint().x()) || !java.util.Objects.equals(m.focalY, in.focalPoint().y());
            m.focalX = in.focalPoint().x();
            m.focalY = in.focalPoint().y();
        }
        if (changed) {
            m.version++;
            m.updatedAt = now();
        }
        return m;
    }

    /** Refused (409) while a published post shows the image, unless {@code force}. */
    @Transactional
    public void delete(Caller caller, String id, boolean force) {
        caller.requireStaff("delete media");
        if (!caller.role().atLeast(Role.EDITOR)) {
            throw new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not delete media");
        }
        Media m = find(id);
        List<String> users = publishedPostsUsing(m, 5);
        if (!users.isEmpty() && !force) {
            throw new ProblemException(Kind.CONFLICT, "Published posts show this image (" + String.join(", ", users)
                    + "); delete with ?force=true to delete it anyway");
        }
        m.delete();
        deletions.fire(new ServedFiles.Deleted(m.sha256));
        try {
            store.delete(m.sha256);
        } catch (IOException e) {
            // The row is gone, so nothing serves the bytes; the orphaned files are found by the next clean-up.
        }
        audit.record(caller.actor(), "media.deleted", "media:" + m.id, Map.of("forced", force && !users.isEmpty()));
    }

    /**
     * Images no post shows (in any status: a draft's images are not orphans), oldest first, at most
     * {@code limit}. One pass over the posts collects the hashes they name.
     */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Media> orphans(Caller caller, java.time.Duration olderThan, int limit) {
        caller.requireStaff("list orphaned media");
        return Media.getEntityManager().createNativeQuery("""
                WITH used AS (
                    SELECT DISTINCT (regexp_matches(markdown || ' ' || front_matter::text, '/media/([0-9a-f]{64})', 'g'))[1] AS sha
                    FROM post)
                SELECT m.* FROM media m WHERE m.sha256 NOT IN (SELECT sha FROM used WHERE sha IS NOT NULL)
                    AND m.created_at < now() - (:age * interval '1 second')
                ORDER BY m.created_at, m.id LIMIT :limit""", Media.class)
                .setParameter("age", olderThan.toSeconds()).setParameter("limit", limit).getResultList();
    }

    /** Deletes the orphans older than {@code olderThan} (editors and above); returns how many. */
    public int deleteOrphans(Caller caller, java.time.Duration olderThan) {
        caller.requireStaff("delete media");
        if (!caller.role().atLeast(Role.EDITOR)) {
            throw new ProblemException(Kind.FORBIDDEN, caller.describe() + " may not delete media");
        }
        int deleted = 0;
        List<Media> batch;
        do {
            batch = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> orphans(caller, olderThan, 100));
            for (Media m : batch) {
                io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> {
                    Media.deleteById(m.id);
                    deletions.fire(new ServedFiles.Deleted(m.sha256));
                });
                try {
                    store.delete(m.sha256);
                } catch (IOException e) {
                    // The row is gone: nothing serves the files; they are left for the next clean-up of the store.
                }
                deleted++;
            }
        } while (batch.size() == 100);
        if (deleted > 0) {
            audit.record(caller.actor(), "media.orphans-deleted", "media", Map.of("count", deleted));
        }
        return deleted;
    }

    /** Slugs of published posts whose Markdown or front matter names the image (by its hash). */
    @SuppressWarnings("unchecked")
    public List<String> publishedPostsUsing(Media m, int limit) {
        return Post.getEntityManager().createNativeQuery("SELECT slug FROM post WHERE status = 'published' AND"
                + " (strpos(markdown, :sha) > 0 OR strpos(front_matter::text, :sha) > 0) ORDER BY slug LIMIT :limit")
                .setParameter("sha", m.sha256).setParameter("limit", limit).getResultList();
    }

    private static Media find(String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("No media has the id " + id);
        }
        Media m = Media.findById(uuid);
        if (m == null) {
            throw ProblemException.notFound("No media has the id " + id);
        }
        return m;
    }


    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS);
    }
}
