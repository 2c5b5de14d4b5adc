package org.pestle.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** At most one healthcare text a day and three a week per patient, in the pharmacy's time zone (New York). */
class TextingLimitsTests {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    final TextingLimits limits = new TextingLimits(1, 3, NEW_YORK);

    @Test
    void aSecondTextTheSameDayWaitsForTheNextLocalDay() {
        List<Instant> sent = List.of(local("2026-06-10T09:00"));

        assertThat(limits.heldBecause(local("2026-06-10T15:00"), sent)).isEqualTo("HELD_DAILY_LIMIT");
        assertThat(limits.nextAllowed(local("2026-06-10T15:00"), sent)).isEqualTo(local("2026-06-11T00:00"));
        assertThat(limits.heldBecause(local("2026-06-11T00:00"), sent)).isNull();
    }

    @Test
    void theDayIsTheLocalCalendarDayOnTheDayTheClocksGoBack() {
        // 1 November 2026: 02:00 EDT becomes 01:00 EST, a day of 25 hours.
        List<Instant> sent = List.of(local("2026-11-01T00:30"));

        assertThat(limits.nextAllowed(local("2026-11-01T22:00"), sent))
                .isEqualTo(Instant.parse("2026-11-02T05:00:00Z")).isEqualTo(local("2026-11-02T00:00"));
    }

    @Test
    void aFourthTextInSevenDaysWaitsUntilTheFirstIsAWeekOldAcrossTheTimeChange() {
        List<Instant> sent = List.of(local("2026-10-27T10:00"), local("2026-10-28T10:00"), local("2026-10-29T10:00"));

        assertThat(limits.heldBecause(local("2026-10-30T10:00"), sent)).isEqualTo("HELD_WEEKLY_LIMIT");
        // Seven local days after 27 October 10:00 EDT is 3 November 10:00 EST: 7 days and an hour later.
        assertThat(limits.nextAllowed(local("2026-10-30T10:00"), sent)).isEqualTo(local("2026-11-03T10:00"))
                .isEqualTo(Instant.parse("2026-11-03T15:00:00Z"));
    }

    @Test
    void textsOlderThanAWeekAndFromOtherDaysDoNotCount() {
        List<Instant> sent = List.of(local("2026-03-01T10:00"), local("2026-03-02T10:00"), local("2026-03-09T09:00"));

        // 8 March 2026 the clocks went forward; 2 March 10:00 is seven local days before 9 March 10:00.
        assertThat(limits.heldBecause(local("2026-03-10T10:00"), sent)).isNull();
        assertThat(limits.nextAllowed(local("2026-03-10T10:00"), sent)).isEqualTo(local("2026-03-10T10:00"));
    }

    @Test
    void theDailyAndWeeklyLimitsTogetherGiveTheLaterTime() {
        List<Instant> sent = List.of(local("2026-05-04T10:00"), local("2026-05-05T10:00"), local("2026-05-06T08:00"));

        assertThat(limits.nextAllowed(local("2026-05-06T12:00"), sent)).isEqualTo(local("2026-05-11T10:00"));
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(NEW_YORK).toInstant();
    }
}
