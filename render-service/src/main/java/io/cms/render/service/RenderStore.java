package io.cms.render.service;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import io.cms.render.RenderedPost;
import io.cms.render.markdown.RenderResult;
import io.cms.render.messaging.PostEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/** Stores renders, newest version wins: an event not newer than what is stored changes nothing. */
@ApplicationScoped
public class RenderStore {

    /** What applying an event did. */
    public enum Outcome {
        RENDERED, REMOVED, STALE
    }

    /** The outcome, and the row as it is stored after the transaction (the newer one when stale). */
    public record Saved(Outcome outcome, RenderedPost row) {
    }

    /**
     * @param result the render, or null when the post is no longer public
     * @param force apply an event of the version already stored too (a rebuild after a renderer change)
     */
    @Transactional
    public Saved save(PostEvent event, RenderResult result, boolean force) {
        RenderedPost row = RenderedPost.findById(event.id(), LockModeType.PESSIMISTIC_WRITE);
        if (row != null && (row.version > event.version() || (row.version == event.version() && !force))) {
            return new Saved(Outcome.STALE, row);
        }
        boolean isNew = row == null;
        if (isNew) {
            row = new RenderedPost();
            row.id = event.id();
        }
        row.version = event.version();
        row.renderedAt = OffsetDateTime.now(ZoneOffset.UTC);
        row.visible = result != null;
        row.slug = event.slug();
        row.title = event.title();
        row.html = result == null ? null : result.html();
        row.toc = result == null ? null : result.toc();
        row.excerpt = result == null ? null : result.excerpt();
        row.readingTimeMinutes = result == null ? null : result.readingTimeMinutes();
        row.wordCount = result == null ? null : result.wordCount();
        row.cjkCharCount = result == null ? null : result.cjkCharCount();
        row.charCount = result == null ? null : result.charCount();
        row.warnings = result == null ? null : result.warnings();
        if (isNew) {
            row.persist();
        }
        return new Saved(result == null ? Outcome.REMOVED : Outcome.RENDERED, row);
    }

    /** A visible render by id, or by slug (the newest render when a slug moved between posts). */
    @Transactional
    public Optional<RenderedPost> findVisible(String idOrSlug) {
        UUID id = parseUuid(idOrSlug);
        if (id != null) {
            Optional<RenderedPost> byId = RenderedPost.<RenderedPost>findByIdOptional(id).filter(p -> p.visible);
            if (byId.isPresent()) {
                return byId;
            }
        }
        return RenderedPost.<RenderedPost>find("slug = ?1 and visible = true order by renderedAt desc", idOrSlug)
                .firstResultOptional();
    }

    private static UUID parseUuid(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
