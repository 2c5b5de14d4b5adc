package org.pestle.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/** No texts at night in the pharmacy's time zone: a text due then waits for the morning. */
class QuietHoursTests {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final QuietHours NIGHTS = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0), NEW_YORK);

    @Test
    void aTextDueInTheEveningWaitsUntilEightTheNextMorning() {
        assertThat(NIGHTS.nextAllowed(at("2026-11-03T23:30"))).isEqualTo(at("2026-11-04T08:00"));
        assertThat(NIGHTS.nextAllowed(at("2026-11-03T21:00"))).isEqualTo(at("2026-11-04T08:00"));
    }

    @Test
    void aTextDueAfterMidnightWaitsUntilEightTheSameMorning() {
        assertThat(NIGHTS.nextAllowed(at("2026-11-04T02:15"))).isEqualTo(at("2026-11-04T08:00"));
        assertThat(NIGHTS.nextAllowed(at("2026-11-04T07:59"))).isEqualTo(at("2026-11-04T08:00"));
    }

    @Test
    void aTextDueInTheDaytimeGoesAtOnce() {
        assertThat(NIGHTS.nextAllowed(at("2026-11-04T08:00"))).isEqualTo(at("2026-11-04T08:00"));
        assertThat(NIGHTS.nextAllowed(at("2026-11-04T13:00"))).isEqualTo(at("2026-11-04T13:00"));
        assertThat(NIGHTS.nextAllowed(at("2026-11-04T20:59"))).isEqualTo(at("2026-11-04T20:59"));
    }

    @Test
    void quietHoursFollowThePharmacysLocalClockAcrossTheSpringTimeChange() {
        // 8 March 2026: clocks in New York go from 02:00 EST to 03:00 EDT; 08:00 EDT is 12:00 UTC, not 13:00.
        assertThat(NIGHTS.nextAllowed(at("2026-03-07T23:00"))).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    }

    @Test
    void quietHoursInsideOneDayAreHonouredToo() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), NEW_YORK);

        assertThat(lunch.nextAllowed(at("2026-11-04T12:30"))).isEqualTo(at("2026-11-04T13:00"));
        assertThat(lunch.nextAllowed(at("2026-11-04T23:30"))).isEqualTo(at("2026-11-04T23:30"));
    }

    @Test
    void equalStartAndEndMeanNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, NEW_YORK);

        assertThat(none.nextAllowed(at("2026-11-04T03:00"))).isEqualTo(at("2026-11-04T03:00"));
    }

    private static Instant at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), NEW_YORK).toInstant();
    }
}
