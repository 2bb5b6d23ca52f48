package io.cms.post.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.cms.common.text.Slugs;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The editable fields of a post, as a client sends them (JSON body of create and update) and as the
 * importer produces them from front matter. Read-only fields a client may echo back from a GET are
 * ignored; any other unknown field is an error.
 */
@JsonIgnoreProperties(value = {"id", "version", "createdAt", "updatedAt", "links", "featureImage"}, ignoreUnknown = false)
public record PostInput(
        @Size(max = 200) @Pattern(regexp = Slugs.PATTERN, message = Slugs.RULE) String slug,
        @NotBlank @Size(max = 500) String title,
        @Size(max = MAX_MARKDOWN_CHARS) String markdown,
        @Size(max = 5000) String excerpt,
        @Size(max = 300) String author,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> tags,
        @Size(max = 100) List<@NotBlank @Size(max = 100) String> categories,
        @Pattern(regexp = "[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", message = "must be a BCP 47 language tag such as ja or en-US")
        String lang,
        @Size(max = 100) String layout,
        @Pattern(regexp = "draft|published|scheduled", message = "must be one of draft, published, scheduled")
        String status,
        OffsetDateTime publishedAt,
        @Size(max = 200) Map<String, Object> frontMatter) {

    /** About 2 MB of UTF-8 Japanese; far beyond any real post, small enough to render and index. */
    public static final int MAX_MARKDOWN_CHARS = 1_000_000;
}
