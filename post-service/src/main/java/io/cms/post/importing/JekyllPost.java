package io.cms.post.importing;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cms.common.rest.Problem;
import io.cms.common.rest.ProblemException;
import io.cms.post.service.PostInput;
import io.cms.post.service.PostService;
import io.cms.common.text.Slugs;

/**
 * Maps a Jekyll or Hugo post (front matter and body) onto post fields. Keys with a field of their
 * own are read into it; every other key is kept in {@code frontMatter} as written.
 */
public final class JekyllPost {

    private JekyllPost() {
    }

    /**
     * @param fileName the file name, for the Jekyll {@code YYYY-MM-DD-slug} convention (may be null)
     * @param now the time that decides between published and scheduled for a dated post
     * @throws ProblemException naming the front-matter key at fault
     */
    public static PostInput toInput(String fileName, String text, ZoneId zone, OffsetDateTime now) {
        FrontMatter.Parsed parsed;
        try {
            parsed = FrontMatter.parse(text);
        } catch (FrontMatter.InvalidFrontMatter e) {
            throw new ProblemException(ProblemException.Kind.VALIDATION, "frontMatter: " + e.getMessage(),
                    List.of(new Problem.FieldError("frontMatter", e.getMessage(), e.limit(), e.actual())));
        }
        Map<String, Object> fm = parsed.values();
        String[] fromName = JekyllDates.fromFileName(fileName);

        String title = scalar(fm, "title");
        if (title == null || title.isBlank()) {
            title = fromName[1] == null ? null : fromName[1].replace('-', ' ');
        }
        if (title == null || title.isBlank()) {
            throw ProblemException.invalid("frontMatter.title", "a post needs a title (or a file name to take it from)");
        }

        String slug = scalar(fm, "slug");
        if (slug == null || !slug.matches(Slugs.PATTERN)) {
            String source = slug != null ? slug : fromName[1] != null ? fromName[1] : title;
            slug = Slugs.slugify(source);
        }

        OffsetDateTime date = null;
        String dateText = scalar(fm, "date");
        if (dateText != null && !dateText.isBlank()) {
            date = JekyllDates.parse(dateText, zone);
            if (date == null && fromName[0] == null) {
                throw ProblemException.invalid("frontMatter.date", "'" + dateText + "' is not a date this importer reads");
            }
        }
        if (date == null && fromName[0] != null) {
            date = JekyllDates.parse(fromName[0], zone);
        }

        boolean draft = isFalse(fm.get("published")) || isTrue(fm.get("draft"))
                || "draft".equalsIgnoreCase(scalar(fm, "status"));
        String status;
        if (draft) {
            status = "draft";
        } else if (date != null && date.isAfter(now)) {
            status = "scheduled";
        } else {
            status = "published";
        }

        Map<String, Object> rest = new LinkedHashMap<>();
        fm.forEach((key, value) -> {
            if (!PostService.RESERVED_KEYS.contains(key)) {
                rest.put(key, value);
            }
        });

        return new PostInput(slug, title.strip(), parsed.body(), scalar(fm, "excerpt"), author(fm.get("author")),
                list(fm, "tags", "tag", true), list(fm, "categories", "category", false), scalar(fm, "lang"),
                scalar(fm, "layout"), status, date, rest);
    }

    private static String scalar(Map<String, Object> fm, String key) {
        Object v = fm.get(key);
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        return v.toString().strip();
    }

    private static String author(Object value) {
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Map<?, ?> map) {
            Object name = map.get("name");
            return name == null ? null : name.toString();
        }
        return value == null ? null : value.toString().strip();
    }

    /** A YAML list, or a string split on commas (if it has any) or else on white space, as Jekyll does. */
    private static List<String> list(Map<String, Object> fm, String key, String singular, boolean commas) {
        Object v = fm.containsKey(key) ? fm.get(key) : fm.get(singular);
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> items) {
            for (Object item : items) {
                if (item != null && !item.toString().isBlank()) {
                    out.add(item.toString().strip());
                }
            }
        } else if (v != null) {
            String s = v.toString();
            String separator = commas && s.contains(",") ? "," : "\\s+";
            Arrays.stream(s.split(separator)).map(String::strip).filter(t -> !t.isEmpty()).forEach(out::add);
        }
        return out.stream().distinct().toList();
    }

    private static boolean isFalse(Object v) {
        return Boolean.FALSE.equals(v) || "false".equalsIgnoreCase(String.valueOf(v).strip());
    }

    private static boolean isTrue(Object v) {
        return Boolean.TRUE.equals(v) || "true".equalsIgnoreCase(String.valueOf(v).strip());
    }
}
