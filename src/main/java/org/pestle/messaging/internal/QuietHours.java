package org.pestle.messaging.internal;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** No texts at night in the pharmacy's time zone: a message due then waits for the morning. */
record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    /** The first instant at or after {@code due} outside quiet hours. */
    Instant nextAllowed(Instant due) {
        ZonedDateTime local = due.atZone(zone);
        LocalTime time = local.toLocalTime();
        if (!quiet(time)) {
            return due;
        }
        ZonedDateTime morning = local.with(end);
        if (!morning.isAfter(local)) {
            morning = morning.plusDays(1);
        }
        return morning.toInstant();
    }

    private boolean quiet(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }
}
