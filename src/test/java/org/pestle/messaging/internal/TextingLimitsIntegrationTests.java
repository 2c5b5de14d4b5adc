package org.pestle.messaging.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.Test;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.patients.Patients;
import org.pestle.platform.DataScope;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox with the shipped limits (one healthcare text a day, three a week per patient; the shared test
 * application raises them): a text over the limit stays queued with the reason and its next allowed time, which
 * also respects quiet hours; texts of other purposes are not counted or held.
 */
@IntegrationTest
class TextingLimitsIntegrationTests {

    static final UUID NORTHSIDE_ORGANIZATION = TextMessagingIntegrationTests.NORTHSIDE_ORGANIZATION;

    @Autowired
    TextMessages texts;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactionTemplate;

    @Autowired
    DataScope dataScope;

    @Autowired
    Patients patients;

    @Autowired
    NumberHash numberHash;

    @Autowired
    TwilioRestClient twilioClient;

    @Autowired
    MessagingSettings settings;

    @Test
    void aSecondHealthcareTextTheSameDayIsHeldUntilTheNextMorningAndAnotherPurposeIsNot() {
        // 10 June 2020 in New York: the first text went at 09:00 (13:00 UTC), the next are due at 11:00.
        Instant nine = Instant.parse("2020-06-10T13:00:00Z");
        Instant eleven = Instant.parse("2020-06-10T15:00:00Z");
        OutboxSender shipped = new OutboxSender(jdbc, transactionTemplate, dataScope, patients, numberHash,
                twilioClient, withShippedLimits(settings));

        var outcome = transactions.asSystem(() -> {
            jdbc.sql("delete from sms_consent").update();
            jdbc.sql("delete from sms_number_opt_out").update();
            UUID first = queue("REFILL_REMINDER", nine);
            assertThat(shipped.claim(nine)).extracting(OutboxSender.Claimed::id).containsExactly(first);
            jdbc.sql("update text_message set status = 'SENT', sent_at = ? where id = ?")
                    .params(Timestamp.from(nine), first).update();
            UUID ready = queue("READY_FOR_PICKUP", eleven);
            UUID other = queue("TEST", eleven);
            var claimed = shipped.claim(eleven);
            // Not handed to Twilio here: settled as sent that day, so no later test sees a text still sending.
            jdbc.sql("update text_message set status = 'SENT', sent_at = ? where id = ?")
                    .params(Timestamp.from(eleven), other).update();
            return new Object[] {ready, other, claimed};
        });
        UUID ready = (UUID) outcome[0];
        UUID other = (UUID) outcome[1];

        assertThat((java.util.List<?>) outcome[2]).extracting(c -> ((OutboxSender.Claimed) c).id())
                .containsExactly(other);
        var held = transactions.asSystem(() -> jdbc.sql("""
                select status, status_reason, next_attempt_at from text_message where id = ?""").param(ready)
                .query().singleRow());
        assertThat(held.get("status")).as("held, never dropped").isEqualTo("QUEUED");
        assertThat(held.get("status_reason")).isEqualTo("HELD_DAILY_LIMIT");
        // The next day begins at midnight, in quiet hours: 08:00 in New York.
        assertThat(((Timestamp) held.get("next_attempt_at")).toInstant())
                .isEqualTo(Instant.parse("2020-06-11T12:00:00Z"));
    }

    private UUID queue(String purpose, Instant due) {
        UUID id = texts.queue(new OutboundText(NORTHSIDE_ORGANIZATION, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                purpose, "Mortar & Pestle Compounding Pharmacy: limits", "TEST-LIMITS:" + UUID.randomUUID()));
        jdbc.sql("update text_message set next_attempt_at = ? where id = ?").params(Timestamp.from(due), id).update();
        return id;
    }

    /** The shipped limits and quiet hours (the shared test application raises the one and turns off the other). */
    private static MessagingSettings withShippedLimits(MessagingSettings s) {
        return new MessagingSettings(s.senderName(), s.publicBaseUrl(), s.timeZone(), java.time.LocalTime.of(21, 0),
                java.time.LocalTime.of(8, 0), s.numberHashKey(), s.sendInterval(), s.maxAttempts(), s.twilio(), s.supportNumber(),
                new MessagingSettings.Limits(1, 3, s.limits().purposes()));
    }
}
