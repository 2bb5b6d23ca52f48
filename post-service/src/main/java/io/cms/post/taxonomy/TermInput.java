package io.cms.post.taxonomy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tag or author as a client writes it. On update an absent field stays and an empty string clears
 * it. The slug is not written: it follows the name. Read-only fields echoed from a GET are ignored;
 * any other unknown field is an error. Fields only authors have ({@code coverImage}, {@code website},
 * {@code location}, {@code twitter}, {@code facebook}, {@code userId}) or only tags have
 * ({@code accentColor}) are refused on the other kind.
 */
@JsonIgnoreProperties(value = {"id", "kind", "slug", "version", "createdAt", "updatedAt", "posts", "url"}, ignoreUnknown = false)
public record TermInput(
        @Size(max = 191) String name,
        @Size(max = 2000) String description,
        @Size(max = 2000) @Pattern(regexp = URL, message = URL_RULE) String image,
        @Size(max = 2000) @Pattern(regexp = URL, message = URL_RULE) String coverImage,
        @Size(max = 2000) @Pattern(regexp = URL, message = URL_RULE) String website,
        @Size(max = 150) String location,
        @Size(max = 100) String twitter,
        @Size(max = 100) String facebook,
        @Pattern(regexp = "|#[0-9a-fA-F]{6}", message = "must be a colour such as #15171a") String accentColor,
        @Size(max = 300) String metaTitle,
        @Size(max = 500) String metaDescription,
        @Pattern(regexp = "|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", message = "must be a user's id") String userId) {

    /** Empty (clears), an absolute http(s) address, or a path on the site. */
    static final String URL = "|https?://[^\\s<>\"]+|/[^\\s<>\"]*";
    static final String URL_RULE = "must be an http(s) address or a path starting with /";
}
