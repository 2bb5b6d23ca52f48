package io.cms.common.rest;

import java.time.Duration;
import java.time.Period;
import java.time.format.DateTimeParseException;

/**
 * How long something a client makes should live ({@code expiresIn} of preview links and
 * invitations), as ISO-8601: a duration ({@code PT12H}, {@code P3DT12H}) or a period of days and
 * weeks ({@code P2W}). Months and years are refused: they have no fixed length.
 */
public final class Lifetimes {

    private Lifetimes() {
    }

    /** @throws ProblemException 400 naming {@code field} when unreadable or outside [min, max] */
    public static Duration parse(String field, String text, Duration fallback, Duration min, Duration max) {
        Duration lifetime = text == null || text.isBlank() ? fallback : read(field, text.strip());
        if (lifetime.compareTo(min) < 0 || lifetime.compareTo(max) > 0) {
            throw ProblemException.invalid(field, "must be between " + min + " and " + max);
        }
        return lifetime;
    }

    private static Duration read(String field, String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException notADuration) {
            try {
                Period period = Period.parse(text);
                if (period.getYears() == 0 && period.getMonths() == 0) {
                    return Duration.ofDays(period.getDays());
                }
            } catch (DateTimeParseException notAPeriod) {
                // refused below
            }
        }
        throw ProblemException.invalid(field, "must be an ISO-8601 duration such as P7D, P2W or PT12H");
    }
}
