package io.cms.post.studio;

import java.util.List;
import java.util.Locale;

/**
 * The studio's language: asked for ({@code ?lang=}, then kept in the cookie {@code cms_lang}), else
 * the browser's first language the studio has (English and Japanese), else English.
 */
public final class StudioLanguage {

    public static final String COOKIE = "cms_lang";
    static final List<String> KNOWN = List.of("en", "ja");

    private StudioLanguage() {
    }

    static Locale choose(String asked, String kept, String acceptLanguage) {
        for (String candidate : new String[] {asked, kept}) {
            if (candidate != null && KNOWN.contains(candidate)) {
                return Locale.forLanguageTag(candidate);
            }
        }
        if (acceptLanguage != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    String primary = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    if (KNOWN.contains(primary)) {
                        return Locale.forLanguageTag(primary);
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // a header we cannot read chooses nothing
            }
        }
        return Locale.ENGLISH;
    }
}
