package io.cms.post.site;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Site settings as a client writes them: an absent field stays as it is, an empty string goes back
 * to the configured value. Read-only fields echoed from a GET are ignored; others are errors.
 */
@JsonIgnoreProperties(value = {"set", "version", "updatedAt"}, ignoreUnknown = false)
public record SiteInput(String url, String title, String description, String lang, String timezone, String permalink) {
}
