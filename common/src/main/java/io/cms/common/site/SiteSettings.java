package io.cms.common.site;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.cms.common.rest.Problem;

/**
 * The site as every URL the CMS hands out describes it: the frontend's public address, its title,
 * description, language, time zone and permalink pattern. Each service has defaults from its
 * configuration ({@code CMS_SITE_*}); what is set through post-service's API ({@code PUT
 * /api/settings/site}) replaces them everywhere, through {@code cms.settings}.
 */
public record SiteSettings(String url, String title, String description, String lang, String timezone, String permalink) {

    private static final Pattern URL = Pattern.compile("https?://[^\\s/?#<>\"]+(/[^\\s?#<>\"]*)?");
    private static final Pattern LANG = Pattern.compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /** These settings with each non-null field of {@code overrides} in place of its own. */
    public SiteSettings with(SiteSettings overrides) {
        return new SiteSettings(pick(overrides.url, url), pick(overrides.title, title), pick(overrides.description, description),
                pick(overrides.lang, lang), pick(overrides.timezone, timezone), pick(overrides.permalink, permalink));
    }

    /** What is wrong with these settings (none when they can serve), one error per field. */
    public List<Problem.FieldError> problems() {
        List<Problem.FieldError> out = new ArrayList<>();
        if (url == null || url.length() > 2000 || !URL.matcher(url).matches()) {
            out.add(error("url", "must be an http(s) address without query or fragment"));
        }
        if (title == null || title.isBlank() || title.length() > 150) {
            out.add(error("title", "must be 1 to 150 characters"));
        }
        if (description != null && description.length() > 500) {
            out.add(error("description", "must be at most 500 characters"));
        }
        if (lang == null || !LANG.matcher(lang).matches()) {
            out.add(error("lang", "must be a BCP 47 language tag such as ja or en-US"));
        }
        boolean zone = true;
        try {
            ZoneId.of(timezone == null ? "" : timezone);
        } catch (DateTimeException e) {
            zone = false;
            out.add(error("timezone", "must be an IANA time zone such as Asia/Tokyo or UTC"));
        }
        if (permalink == null || permalink.length() > 200) {
            out.add(error("permalink", "must be a pattern such as /:slug/ (at most 200 characters)"));
        } else if (zone && out.stream().noneMatch(e -> e.field().equals("url"))) {
            try {
                Permalinks.of(this);
            } catch (IllegalArgumentException e) {
                out.add(error("permalink", e.getMessage()));
            }
        }
        return out;
    }

    /**
     * For settings from configuration: a site that could not serve stops the service at start-up,
     * naming the variable at fault.
     */
    public SiteSettings requireServable() {
        var problems = problems();
        if (!problems.isEmpty()) {
            Problem.FieldError e = problems.get(0);
            throw new IllegalStateException("cms.site." + e.field() + " (CMS_SITE_" + e.field().toUpperCase(java.util.Locale.ROOT)
                    + ") " + e.message());
        }
        return this;
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError(field, message, null, null);
    }

    private static String pick(String override, String fallback) {
        return override == null ? fallback : override;
    }
}
