package org.pestle.messaging.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.twilio.http.TwilioRestClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.pestle.patients.Patients;
import org.pestle.platform.DataScope;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The messaging module through its real entry points: texts queued through {@link TextMessages},
 * sent by the outbox to Twilio (stood in by WireMock), Twilio's status callbacks and inbound texts
 * signed as Twilio signs them.
 */
@IntegrationTest
class TextMessagingIntegrationTests {

    static final UUID NORTHSIDE_ORGANIZATION = UUID.fromString("00000000-0000-4000-8000-000000000002");

    @Autowired
    TextMessages texts;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestRestTemplate http;

    WireMockServer twilio;

    @BeforeEach
    void init() {
        twilio = ProviderStandIns.server();
        ProviderStandIns.reset();
        transactions.asSystem(() -> jdbc.sql("delete from sms_consent").update()
                + jdbc.sql("delete from sms_number_opt_out").update());
    }

    @Test
    void aQueuedTextIsSentOnceWithAStatusCallbackAndTheSameDedupeKeyQueuesNothing() {
        String key = "TEST:" + UUID.randomUUID();
        UUID first = queue("Mortar & Pestle Compounding Pharmacy: once " + key.substring(5), key);
        UUID again = queue("Mortar & Pestle Compounding Pharmacy: twice", key);

        assertThat(again).isEqualTo(first);
        await().atMost(Duration.ofSeconds(20)).until(() -> message(first).status().equals("SENT"));
        var sent = twilio.findAll(postRequestedFor(urlMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .withRequestBody(containing(key.substring(5))));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).formParameter("To").firstValue()).isEqualTo(patientNumber());
        assertThat(sent.get(0).formParameter("StatusCallback").firstValue())
                .isEqualTo(ProviderStandIns.PUBLIC_BASE_URL + "/webhooks/twilio/status?message=" + first);
        assertThat(message(first).attempts()).isEqualTo(1);
    }

    @Test
    void twilioStatusCallbacksUpdateTheMessageOnlyWhenSigned() {
        UUID id = queue("Mortar & Pestle Compounding Pharmacy: status", "TEST:" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> message(id).status().equals("SENT"));
        String sid = message(id).twilioSid();
        String path = "/webhooks/twilio/status?message=" + id;

        Map<String, String> undelivered = Map.of("MessageSid", sid, "MessageStatus", "undelivered",
                "ErrorCode", "30003", "AccountSid", ProviderStandIns.TWILIO_ACCOUNT_SID);
        assertThat(twilio(path, undelivered, false).getStatusCode().value()).isEqualTo(403);
        assertThat(message(id).status()).isEqualTo("SENT");

        assertThat(twilio(path, undelivered, true).getStatusCode().value()).isEqualTo(204);
        assertThat(message(id).status()).isEqualTo("UNDELIVERED");
        assertThat(message(id).reason()).isEqualTo("TWILIO_ERROR_30003");

        Map<String, String> delivered = Map.of("MessageSid", sid, "MessageStatus", "delivered",
                "AccountSid", ProviderStandIns.TWILIO_ACCOUNT_SID);
        assertThat(twilio(path, delivered, true).getStatusCode().value()).isEqualTo(204);
        assertThat(message(id).status()).isEqualTo("DELIVERED");

        Map<String, String> lateSent = Map.of("MessageSid", sid, "MessageStatus", "sent",
                "AccountSid", ProviderStandIns.TWILIO_ACCOUNT_SID);
        assertThat(twilio(path, lateSent, true).getStatusCode().value()).isEqualTo(204);
        assertThat(message(id).status()).as("a late 'sent' does not undo 'delivered'").isEqualTo("DELIVERED");
    }

    @Test
    void aRefusalByTwilioIsRetriedWithBackoffAndThenSent() {
        String marker = "backoff" + UUID.randomUUID().toString().replace("-", "");
        StubMapping unavailable = twilio.stubFor(post(urlMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .atPriority(1).withRequestBody(containing(marker)).willReturn(aResponse().withStatus(503)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"code": 20500, "message": "Service unavailable", "status": 503}""")));
        UUID id = queue("Mortar & Pestle Compounding Pharmacy: " + marker, "TEST:" + marker);

        await().atMost(Duration.ofSeconds(20)).until(() -> message(id).attempts() == 1
                && message(id).status().equals("QUEUED"));
        assertThat(message(id).reason()).isEqualTo("TWILIO_503_20500");
        assertThat(Duration.between(message(id).updatedAt(), message(id).nextAttemptAt()))
                .as("first retry after 30 s").isBetween(Duration.ofSeconds(29), Duration.ofSeconds(31));

        // twilio-java itself repeats a 503 a few times within the attempt; then the outbox waits.
        int refused = callsContaining(marker);
        assertThat(refused).isPositive();

        // Thirty seconds later, Twilio takes it.
        twilio.removeStub(unavailable);
        transactions.asSystem(() -> jdbc.sql("update text_message set next_attempt_at = now() where id = ?")
                .param(id).update());

        await().atMost(Duration.ofSeconds(20)).until(() -> message(id).status().equals("SENT"));
        assertThat(message(id).attempts()).isEqualTo(2);
        assertThat(callsContaining(marker)).isEqualTo(refused + 1);
    }

    @Test
    void aTextTwilioRejectsIsNotRetried() {
        String marker = "rejected" + UUID.randomUUID().toString().replace("-", "");
        twilio.stubFor(post(urlMatching("/2010-04-01/Accounts/.+/Messages.json")).atPriority(1)
                .withRequestBody(containing(marker)).willReturn(aResponse().withStatus(400)
                        .withHeader("Content-Type", "application/json").withBody("""
                                {"code": 21211, "message": "The 'To' number is not a valid phone number.",
                                 "status": 400}""")));
        UUID id = queue("Mortar & Pestle Compounding Pharmacy: " + marker, "TEST:" + marker);

        await().atMost(Duration.ofSeconds(20)).until(() -> message(id).status().equals("FAILED"));
        assertThat(message(id).reason()).isEqualTo("TWILIO_400_21211");
        assertThat(message(id).attempts()).isEqualTo(1);
        assertThat(callsContaining(marker)).isEqualTo(1);
    }

    @Test
    void helpIsAnsweredWithTheProgramsDescriptionOncePerInboundMessageAndChangesNoConsent() {
        Map<String, String> help = Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""),
                "From", patientNumber(), "To", "+15005550006", "Body", " help ");

        ResponseEntity<String> reply = twilio("/webhooks/twilio/inbound", help, true);

        assertThat(reply.getStatusCode().value()).isEqualTo(200);
        assertThat(reply.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_XML)).isTrue();
        assertThat(reply.getBody()).contains("<Response><Message><Body>Mortar &amp; Pestle Compounding Pharmacy: "
                + "texts about your prescriptions and payments, up to 1 msg/day and 3/week.").contains("Reply STOP to opt out")
                .contains("Msg &amp; data rates may apply").contains("Help: (555) 010-0100");
        assertThat(reply.getBody()).doesNotContain("Wilson");
        assertThat(transactions.asSystem(() -> jdbc.sql("select count(*) from sms_consent").query(Integer.class)
                .single())).isZero();
        assertThat(twilio("/webhooks/twilio/inbound", help, true).getBody())
                .as("Twilio's retry of the same message gets no second answer").endsWith("<Response/>")
                .doesNotContain("<Message>");
    }

    @Test
    void stopOptsThePatientOutAndStartBackInEachAuditedForThePatient() {
        UUID earlier = queue("Mortar & Pestle Compounding Pharmacy: before STOP", "TEST:" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> message(earlier).status().equals("SENT"));
        long before = transactions.asSystem(() -> jdbc.sql("select coalesce(max(seq), 0) from audit_record")
                .query(Long.class).single());

        ResponseEntity<String> stop = twilio("/webhooks/twilio/inbound", inbound("STOP"), true);
        UUID afterStop = queue("Mortar & Pestle Compounding Pharmacy: after STOP", "TEST:" + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(20)).until(() -> !message(afterStop).status().equals("QUEUED"));
        ResponseEntity<String> start = twilio("/webhooks/twilio/inbound", inbound("start"), true);

        assertThat(stop.getBody()).contains("you are unsubscribed");
        assertThat(start.getBody()).contains("you are subscribed again");
        assertThat(message(afterStop).status()).as("queued while opted out").isEqualTo("SUPPRESSED");
        var recorded = transactions.asSystem(() -> jdbc.sql("""
                select action, actor, patient_id, clinic_id, details ->> 'source' as source from audit_record
                where seq > ? and action like 'texts.%' order by seq""").param(before).query().listOfRows());
        assertThat(recorded).extracting(r -> r.get("action")).containsExactly("texts.opted-out", "texts.opted-in");
        assertThat(recorded).extracting(r -> r.get("source")).containsExactly("SMS_STOP", "SMS_START");
        assertThat(recorded).allSatisfy(r -> {
            assertThat(r.get("patient_id")).isEqualTo(Demo.PATIENT_NORTHSIDE);
            assertThat(r.get("clinic_id")).isEqualTo(Demo.NORTHSIDE);
            assertThat(r.get("actor")).isEqualTo("system:twilio-inbound");
        });
    }

    @Test
    void aTextDueInQuietHoursWaitsForTheMorningAndIsSentThen() {
        // The pharmacy's nights are 21:00 to 08:00 in New York; 04:00 UTC on 1 January 2020 was 23:00 there.
        Instant night = Instant.parse("2020-01-01T04:00:00Z");
        OutboxSender nightShift = new OutboxSender(jdbc, transactionTemplate, dataScope, patients, numberHash,
                twilioClient, withQuietHours(settings, LocalTime.of(21, 0), LocalTime.of(8, 0)));
        String key = "TEST:" + UUID.randomUUID();

        UUID id = transactions.asSystem(() -> {
            UUID queued = texts.queue(new OutboundText(NORTHSIDE_ORGANIZATION, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE,
                    "TEST", "Mortar & Pestle Compounding Pharmacy: at night", key));
            jdbc.sql("update text_message set next_attempt_at = ? where id = ?").params(Timestamp.from(night), queued)
                    .update();
            assertThat(nightShift.claim(night)).as("nothing is sent at night").isEmpty();
            return queued;
        });

        assertThat(message(id).status()).isEqualTo("QUEUED");
        assertThat(message(id).nextAttemptAt()).isEqualTo(Instant.parse("2020-01-01T13:00:00Z"));
        // That morning has come and gone: the outbox sends it now.
        await().atMost(Duration.ofSeconds(20)).until(() -> message(id).status().equals("SENT"));
    }

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

    private static MessagingSettings withQuietHours(MessagingSettings s, LocalTime start, LocalTime end) {
        return new MessagingSettings(s.senderName(), s.publicBaseUrl(), s.timeZone(), start, end, s.numberHashKey(),
                s.sendInterval(), s.maxAttempts(), s.twilio(), s.supportNumber(), s.limits());
    }

    private Map<String, String> inbound(String body) {
        return Map.of("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""), "From", patientNumber(),
                "To", "+15005550006", "Body", body);
    }

    /** The number the patients module has for the patient now (other tests may change it). */
    private String patientNumber() {
        return transactions.asSystem(() -> patients.smsNumber(Demo.PATIENT_NORTHSIDE)).orElseThrow();
    }

    private int callsContaining(String marker) {
        return twilio.findAll(postRequestedFor(urlMatching("/2010-04-01/Accounts/.+/Messages.json"))
                .withRequestBody(containing(marker))).size();
    }

    private UUID queue(String body, String dedupeKey) {
        return transactions.asSystem(() -> texts.queue(new OutboundText(NORTHSIDE_ORGANIZATION, Demo.NORTHSIDE,
                Demo.PATIENT_NORTHSIDE, "TEST", body, dedupeKey)));
    }

    record Message(String status, String reason, int attempts, String twilioSid, Instant nextAttemptAt,
            Instant updatedAt) {
    }

    private Message message(UUID id) {
        return transactions.asSystem(() -> jdbc.sql("""
                select status, status_reason, attempts, twilio_sid, next_attempt_at, updated_at
                from text_message where id = ?""").param(id)
                .query((rs, row) -> new Message(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant()))
                .single());
    }

    private ResponseEntity<String> twilio(String path, Map<String, String> params, boolean signed) {
        return ProviderStandIns.postTwilioWebhook(http, path, params, signed);
    }
}
