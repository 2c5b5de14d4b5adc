package org.pestle.refills.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The process engine's time (what its timers fire by; tests move it with ClockUtil), in the pharmacy's time zone:
 * how far into its supply a fill is, and how old a prescription is.
 */
@Component
class RefillClock {

    private final ZoneId zone;

    RefillClock(@Value("${pestle.time-zone}") ZoneId zone) {
        this.zone = zone;
    }

    Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    ZoneId zone() {
        return zone;
    }

    LocalDate today() {
        return LocalDate.ofInstant(now(), zone);
    }

    /** Local days from one instant to a day. */
    long daysFrom(Instant from, LocalDate to) {
        return ChronoUnit.DAYS.between(LocalDate.ofInstant(from, zone), to);
    }
}
