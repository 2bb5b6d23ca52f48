package io.cms.common.text;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/**
 * Slugs that keep the letters of every script, so a Japanese title gives a readable Japanese slug:
 * posts' (post-service) and tags' and authors' (render-service's Ghost Content API) alike.
 */
public final class Slugs {

    private static final String CHAR = "\\p{L}\\p{M}\\p{Nd}_";
    public static final String PATTERN = "[" + CHAR + "&&[^\\p{Lu}\\p{Lt}]]+(-[" + CHAR + "&&[^\\p{Lu}\\p{Lt}]]+)*";
    public static final String RULE = "must be lower-case letters, digits or _ in groups joined by single hyphens";
    private static final int MAX_CODE_POINTS = 80;

    private Slugs() {
    }

    /**
     * Lower-cases (full-width Latin folded to ASCII first) and joins the runs of letters and digits
     * with single hyphens; anything else (spaces, punctuation, 、。？) is a separator.
     */
    public static String slugify(String text) {
        return slugify(text, "post");
    }

    /** As {@link #slugify(String)}, with {@code fallback} for a text that has no letter or digit at all. */
    public static String slugify(String text, String fallback) {
        String s = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        int count = 0;
        boolean pendingHyphen = false;
        for (int i = 0; i < s.length() && count < MAX_CODE_POINTS; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (isSlugChar(cp)) {
                if (pendingHyphen && out.length() > 0) {
                    out.append('-');
                    count++;
                }
                out.appendCodePoint(cp);
                count++;
                pendingHyphen = false;
            } else {
                pendingHyphen = true;
            }
        }
        return out.length() == 0 ? fallback : out.toString();
    }

    /**
     * The id of a tag or author ({@code kind} "tag" or "author") first seen under {@code slug}: the
     * same in post-service, which stores it, and render-service, which answers for terms it has no
     * entity of yet. It stays the term's id through renames.
     */
    public static UUID termId(String kind, String slug) {
        return UUID.nameUUIDFromBytes((kind + ":" + slug).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean isSlugChar(int cp) {
        if (cp == '_') {
            return true;
        }
        int type = Character.getType(cp);
        return (Character.isLetter(cp) && type != Character.UPPERCASE_LETTER && type != Character.TITLECASE_LETTER)
                || Character.isDigit(cp)
                || type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }
}
