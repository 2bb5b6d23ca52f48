package io.cms.post.importing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the dates real posts carry: {@code 2013-05-06 10:12:00 -0500}, {@code 2016-06-05},
 * ISO-8601 with fractions and zones, {@code December 30, 2019}, and near misses such as
 * {@code 2023-01-29 18:30:22 2023 -0800}. A date without a zone is in the configured zone.
 */
final class JekyllDates {

    private static final Pattern NUMERIC = Pattern.compile(
            "^(\\d{4})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[T ]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "(?:.*?(Z|[+-]\\d{2}:?\\d{2}|\\s(?:UTC|GMT)))?\\s*$");
    private static final Pattern FILE_NAME = Pattern.compile("^(\\d{4}-\\d{1,2}-\\d{1,2})-(.+)$");
    private static final DateTimeFormatter[] WRITTEN = {
        DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.ENGLISH),
        DateTimeFormatter.ofPattern("MMM d, uuuu", Locale.ENGLISH),
        DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH),
    };

    private JekyllDates() {
    }

    /** @return the instant, or null if the text is no date we can read */
    static OffsetDateTime parse(String text, ZoneId defaultZone) {
        String s = text.strip();
        Matcher m = NUMERIC.matcher(s);
        if (m.matches()) {
            try {
                LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)));
                LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT
                        : LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos(m.group(7)));
                LocalDateTime local = LocalDateTime.of(date, time);
                String zone = m.group(8);
                if (zone == null) {
                    return local.atZone(defaultZone).toOffsetDateTime();
                }
                zone = zone.strip();
                ZoneOffset offset = zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT") ? ZoneOffset.UTC
                        : ZoneOffset.of(zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
                return local.atOffset(offset);
            } catch (RuntimeException e) {
                return null;
            }
        }
        for (DateTimeFormatter f : WRITTEN) {
            try {
                return LocalDate.parse(s, f).atStartOfDay(defaultZone).toOffsetDateTime();
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return null;
    }

    /** The date and slug of a Jekyll file name {@code YYYY-MM-DD-slug.md}; null parts when absent. */
    static String[] fromFileName(String fileName) {
        String base = fileName == null ? "" : fileName.replaceAll("^.*[/\\\\]", "");
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        Matcher m = FILE_NAME.matcher(base);
        if (m.matches()) {
            return new String[] {m.group(1), m.group(2)};
        }
        return new String[] {null, base.isBlank() ? null : base};
    }

    private static int nanos(String fraction) {
        if (fraction == null) {
            return 0;
        }
        String padded = (fraction + "000000000").substring(0, 9);
        return Integer.parseInt(padded);
    }
}
