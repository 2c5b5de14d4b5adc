package org.pestle.messaging.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

/**
 * How often a patient may be texted (FCC healthcare exemption: at most {@code perDay} a day and {@code perWeek} a
 * week): a day is a calendar day in the pharmacy's time zone, a week the seven local days before, so a change of
 * clock (daylight saving time) neither shortens nor lengthens either.
 */
record TextingLimits(int perDay, int perWeek, ZoneId zone) {

    TextingLimits {
        if (perDay < 1 || perWeek < perDay) {
            throw new IllegalArgumentException("Texting limits need 1 <= per day <= per week");
        }
    }

    /** Why a text is held back, or null when it may go at {@code at}. */
    String heldBecause(Instant at, Collection<Instant> sent) {
        LocalDate day = at.atZone(zone).toLocalDate();
        if (sent.stream().filter(t -> t.atZone(zone).toLocalDate().equals(day)).count() >= perDay) {
            return "HELD_DAILY_LIMIT";
        }
        return inWeekBefore(at, sent).size() >= perWeek ? "HELD_WEEKLY_LIMIT" : null;
    }

    /** The first instant at or after {@code at} when one more text keeps within both limits, given those sent. */
    Instant nextAllowed(Instant at, Collection<Instant> sent) {
        Instant candidate = at;
        while (true) {
            LocalDate day = candidate.atZone(zone).toLocalDate();
            if (sent.stream().filter(t -> t.atZone(zone).toLocalDate().equals(day)).count() >= perDay) {
                candidate = day.plusDays(1).atStartOfDay(zone).toInstant();
                continue;
            }
            List<Instant> week = inWeekBefore(candidate, sent);
            if (week.size() >= perWeek) {
                // When enough of them have left the week for one more text.
                candidate = week.get(week.size() - perWeek).atZone(zone).plusDays(7).toInstant();
                continue;
            }
            return candidate;
        }
    }

    /** The texts sent in the seven local days up to {@code at}, oldest first. */
    private List<Instant> inWeekBefore(Instant at, Collection<Instant> sent) {
        return sent.stream().filter(t -> !t.isAfter(at) && t.atZone(zone).plusDays(7).toInstant().isAfter(at))
                .sorted().toList();
    }
}
