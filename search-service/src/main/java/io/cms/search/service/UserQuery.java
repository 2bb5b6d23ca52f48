package io.cms.search.service;

import java.util.ArrayList;
import java.util.List;

/**
 * The query syntax users know: words (all must match), {@code "exact phrase"}, {@code -excluded}
 * (word or phrase), and {@code OR} between two terms. Anything else is read leniently: an unbalanced
 * quote runs to the end, a lone operator is ignored, control characters are spaces.
 */
public final class UserQuery {

    public static final int MAX_LENGTH = 500;
    public static final int MAX_TERMS = 32;

    /** A word or phrase; terms with the same {@code group} are alternatives (OR). */
    public record Term(String text, boolean phrase, boolean excluded, int group) {
    }

    /** Thrown for a query the service refuses (too long, too many terms); the message says why. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    private UserQuery() {
    }

    public static List<Term> parse(String q) {
        if (q == null) {
            return List.of();
        }
        if (q.length() > MAX_LENGTH) {
            throw new Invalid("is longer than " + MAX_LENGTH + " characters");
        }
        String s = q.replaceAll("\\p{Cc}|\\p{Cf}", " ");
        List<Term> terms = new ArrayList<>();
        int group = 0;
        boolean orPending = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u3000') {
                i++;
                continue;
            }
            boolean excluded = false;
            if (c == '-' && i + 1 < s.length() && !Character.isWhitespace(s.charAt(i + 1))) {
                excluded = true;
                i++;
                c = s.charAt(i);
            }
            String text;
            boolean phrase = c == '"' || c == '“' || c == '「';
            if (phrase) {
                char close = c == '“' ? '”' : c == '「' ? '」' : '"';
                int end = s.indexOf(close, i + 1);
                text = s.substring(i + 1, end < 0 ? s.length() : end);
                i = end < 0 ? s.length() : end + 1;
            } else {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end)) && s.charAt(end) != '\u3000') {
                    end++;
                }
                text = s.substring(i, end);
                i = end;
                if (!excluded && text.equals("OR")) {
                    orPending = !terms.isEmpty();
                    continue;
                }
            }
            if (text.isBlank() || text.chars().noneMatch(Character::isLetterOrDigit)) {
                orPending = false;
                continue;
            }
            boolean joins = orPending && !excluded && !terms.isEmpty() && !terms.get(terms.size() - 1).excluded();
            terms.add(new Term(text.strip(), phrase, excluded, joins ? group : ++group));
            orPending = false;
            if (terms.size() > MAX_TERMS) {
                throw new Invalid("has more than " + MAX_TERMS + " terms");
            }
        }
        return terms;
    }
}
