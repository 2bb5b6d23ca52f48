package io.cms.render.ghost;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cms.common.rest.ResultWindow;

/**
 * A browse request's parameters as Ghost reads them: {@code limit} (15 by default, at most 100,
 * {@code all} the same as 100), {@code page}, {@code order}, {@code include}, {@code fields},
 * {@code formats}; each refused with a {@code ValidationError} naming it when it cannot be read.
 */
record GhostQuery(int limit, int page, Set<String> include, Set<String> fields, Set<String> formats) {

    static final int DEFAULT_LIMIT = 15;
    static final int MAX_LIMIT = 100;
    static final Set<String> FORMATS = Set.of("html", "plaintext");

    static GhostQuery of(String limit, String page, String include, Set<String> includable, String fields, Set<String> known,
            String formats) {
        int l = limit(limit);
        int p = number("page", page, 1);
        if (ResultWindow.reach(p, l) > ResultWindow.MAX_RESULTS) {
            throw GhostException.validation("page", "pages reach " + ResultWindow.MAX_RESULTS + " results at most; filter instead");
        }
        Set<String> f = list("formats", formats, FORMATS);
        return new GhostQuery(l, p, list("include", include, includable), list("fields", fields, known),
                f.isEmpty() ? Set.of("html") : f);
    }

    private static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        if (value.strip().equals("all")) {
            return MAX_LIMIT;
        }
        int n = number("limit", value, DEFAULT_LIMIT);
        if (n > MAX_LIMIT) {
            throw GhostException.validation("limit", "is at most " + MAX_LIMIT + " (or all)");
        }
        return n;
    }

    private static int number(String name, String value, int otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw GhostException.validation(name, "must be a whole number from 1");
    }

    private static Set<String> list(String name, String value, Set<String> allowed) {
        Set<String> out = new LinkedHashSet<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        for (String part : value.split(",")) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (!allowed.contains(item)) {
                throw GhostException.validation(name, item + " is not one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            }
            out.add(item);
        }
        return out;
    }

    /**
     * An {@code order} ("published_at desc, title asc") as SQL over the columns {@code allowed}
     * names, with {@code tiebreak} last so pages never overlap; {@code otherwise} when absent.
     */
    static String order(String value, Map<String, String> allowed, String otherwise, String tiebreak) {
        if (value == null || value.isBlank()) {
            return otherwise + ", " + tiebreak;
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] words = part.strip().split("\\s+");
            String column = allowed.get(words[0]);
            String direction = words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "asc";
            if (column == null || words.length > 2 || (!direction.equals("asc") && !direction.equals("desc"))) {
                throw GhostException.validation("order", "'" + part.strip() + "' is not a field of "
                        + String.join(", ", new java.util.TreeSet<>(allowed.keySet())) + " with asc or desc");
            }
            parts.add(column + " " + direction);
        }
        return String.join(", ", parts) + ", " + tiebreak;
    }
}
