package io.cms.render.ghost;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cms.common.rest.Timestamps;
import io.cms.render.ghost.Nql.Compare;
import io.cms.render.ghost.Nql.Node;
import io.cms.render.ghost.Nql.Op;
import io.cms.render.ghost.Nql.Value;

/**
 * A filter as a SQL condition with its parameters (never the filter's text in the SQL), over the
 * fields a resource offers; a field it does not offer, or an operator its kind has no meaning
 * for, is a 400 naming it.
 */
final class NqlSql {

    /** What a field holds, which says the operators it takes and how its values are read. */
    enum Kind {
        /** A text column: =, lists, comparisons, ~ ~^ ~$ (case-insensitive). */
        TEXT,
        /** A jsonb array of {slug, name} objects; the field's key is which of the two. */
        TAGS,
        BOOLEAN,
        /** A timestamp: dates ('2024-01-31'), times (ISO-8601), now, now-7d (s, m, h, d, w, M, y). */
        TIME,
        UUID,
        /** Everything served here is public: visibility:public holds for all, any other value for none. */
        VISIBILITY
    }

    /** A field: its SQL expression (a column name from this class's callers, never from a request) and kind. */
    record Field(String sql, Kind kind, String key) {
        static Field of(String sql, Kind kind) {
            return new Field(sql, kind, null);
        }
    }

    record Where(String sql, List<Object> params) {
    }

    /** Most values in one list: a filter that names more is not a frontend's. */
    static final int MAX_LIST = 100;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RELATIVE = Pattern.compile("now(?:([-+])(\\d{1,5})([smhdwMy]))?");

    private final Map<String, Field> fields;
    private final List<Object> params = new ArrayList<>();

    private NqlSql(Map<String, Field> fields) {
        this.fields = fields;
    }

    static Where compile(Node node, Map<String, Field> fields) {
        NqlSql c = new NqlSql(fields);
        String sql = c.node(node);
        return new Where(sql, List.copyOf(c.params));
    }

    private String node(Node node) {
        if (node instanceof Nql.And and) {
            return join(and.all(), " AND ");
        }
        if (node instanceof Nql.Or or) {
            return join(or.any(), " OR ");
        }
        return compare((Compare) node);
    }

    private String join(List<Node> nodes, String by) {
        List<String> parts = new ArrayList<>();
        for (Node n : nodes) {
            parts.add(node(n));
        }
        return "(" + String.join(by, parts) + ")";
    }

    private String compare(Compare c) {
        Field field = fields.get(c.field());
        if (field == null) {
            throw GhostException.badRequest("filter", "unknown field " + c.field() + " (one of "
                    + String.join(", ", new java.util.TreeSet<>(fields.keySet())) + ")");
        }
        if (c.values().size() > MAX_LIST) {
            throw GhostException.badRequest("filter", "more than " + MAX_LIST + " values for " + c.field());
        }
        String test = switch (field.kind()) {
            case TEXT -> text(c, field.sql());
            case TAGS -> tags(c, field);
            case BOOLEAN -> bool(c, field.sql());
            case TIME -> time(c, field.sql());
            case UUID -> uuid(c, field.sql());
            case VISIBILITY -> visibility(c);
        };
        // Negation holds for rows whose value is missing too, as "not tagged x" does for untagged posts.
        return c.not() ? "(NOT coalesce(" + test + ", false))" : test;
    }

    private String text(Compare c, String sql) {
        return switch (c.op()) {
            case EQ -> c.values().get(0).is("null") ? sql + " IS NULL" : sql + " = " + param(c.values().get(0).text());
            case IN -> sql + " IN (" + String.join(", ", c.values().stream().map(v -> param(v.text())).toList()) + ")";
            case GT -> sql + " > " + param(one(c));
            case GTE -> sql + " >= " + param(one(c));
            case LT -> sql + " < " + param(one(c));
            case LTE -> sql + " <= " + param(one(c));
            case CONTAINS -> like(sql, "%" + escape(one(c)) + "%");
            case STARTS -> like(sql, escape(one(c)) + "%");
            case ENDS -> like(sql, "%" + escape(one(c)));
        };
    }

    private String like(String sql, String pattern) {
        return "lower(" + sql + ") LIKE " + param(pattern.toLowerCase(Locale.ROOT)) + " ESCAPE '\\'";
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private String tags(Compare c, Field field) {
        if (c.op() == Op.EQ && c.values().get(0).is("null")) {
            return "jsonb_array_length(" + field.sql() + ") = 0";
        }
        if (c.op() != Op.EQ && c.op() != Op.IN) {
            throw GhostException.badRequest("filter", c.field() + " takes a value or a list, not " + describe(c.op()));
        }
        List<String> any = new ArrayList<>();
        for (Value v : c.values()) {
            String key = field.key().equals("slug") ? v.text().toLowerCase(Locale.ROOT) : v.text();
            any.add(field.sql() + " @> " + param(json(List.of(Map.of(field.key(), key)))) + "::jsonb");
        }
        return any.size() == 1 ? any.get(0) : "(" + String.join(" OR ", any) + ")";
    }

    private String bool(Compare c, String sql) {
        List<String> any = new ArrayList<>();
        for (Value v : listOrEquals(c)) {
            if (!v.text().equals("true") && !v.text().equals("false")) {
                throw GhostException.badRequest("filter", c.field() + " is true or false, not " + v.text());
            }
            any.add(sql + " = " + param(Boolean.parseBoolean(v.text())));
        }
        return any.size() == 1 ? any.get(0) : "(" + String.join(" OR ", any) + ")";
    }

    private String time(Compare c, String sql) {
        String op = switch (c.op()) {
            case EQ -> "=";
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
            default -> throw GhostException.badRequest("filter", c.field() + " is a time: it takes =, >, >=, <, <=, not "
                    + describe(c.op()));
        };
        Value v = c.values().get(0);
        return v.is("null") && c.op() == Op.EQ ? sql + " IS NULL" : sql + " " + op + " " + param(instant(c.field(), v.text()));
    }

    private String uuid(Compare c, String sql) {
        List<String> any = new ArrayList<>();
        for (Value v : listOrEquals(c)) {
            try {
                any.add(sql + " = " + param(UUID.fromString(v.text())));
            } catch (IllegalArgumentException e) {
                any.add("false"); // no post has that id
            }
        }
        return any.size() == 1 ? any.get(0) : "(" + String.join(" OR ", any) + ")";
    }

    private String visibility(Compare c) {
        boolean publicNamed = listOrEquals(c).stream().anyMatch(v -> v.text().equals("public"));
        return publicNamed ? "true" : "false";
    }

    private static List<Value> listOrEquals(Compare c) {
        if (c.op() != Op.EQ && c.op() != Op.IN) {
            throw GhostException.badRequest("filter", c.field() + " takes a value or a list, not " + describe(c.op()));
        }
        return c.values();
    }

    private static String one(Compare c) {
        return c.values().get(0).text();
    }

    private static String describe(Op op) {
        return switch (op) {
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
            case CONTAINS -> "~";
            case STARTS -> "~^";
            case ENDS -> "~$";
            default -> op.name().toLowerCase(Locale.ROOT);
        };
    }

    static OffsetDateTime instant(String field, String text) {
        Matcher relative = RELATIVE.matcher(text);
        if (relative.matches()) {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            if (relative.group(1) == null) {
                return now;
            }
            long n = Long.parseLong(relative.group(2)) * (relative.group(1).equals("-") ? -1 : 1);
            return switch (relative.group(3)) {
                case "s" -> now.plusSeconds(n);
                case "m" -> now.plusMinutes(n);
                case "h" -> now.plusHours(n);
                case "d" -> now.plusDays(n);
                case "w" -> now.plusWeeks(n);
                case "M" -> now.plusMonths(n);
                default -> now.plusYears(n);
            };
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            String iso = text.replace(' ', 'T');
            OffsetDateTime t = iso.endsWith("Z") || iso.matches(".*[+-]\\d\\d:?\\d\\d$") ? OffsetDateTime.parse(iso)
                    : java.time.LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
            if (!Timestamps.inRange(t)) {
                throw GhostException.badRequest("filter", field + " needs a time in the years 1 to 9999, not " + text);
            }
            return t;
        } catch (DateTimeParseException e) {
            throw GhostException.badRequest("filter", field + " needs a date or time such as '2024-01-31',"
                    + " '2024-01-31 09:00:00' or now-7d, not " + text);
        }
    }

    private String param(Object value) {
        params.add(value);
        return "?";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
