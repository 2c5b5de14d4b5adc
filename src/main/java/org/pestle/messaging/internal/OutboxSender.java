package org.pestle.messaging.internal;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import org.pestle.patients.Patients;
import org.pestle.platform.DataScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox. A message is claimed (status SENDING) and committed before Twilio is called, so
 * a crash never sends it twice: a message left in SENDING is not sent again. A refusal by Twilio
 * (an HTTP error) or a connection that was never made is retried with exponential backoff; any
 * other failure leaves the message UNCONFIRMED, and Twilio's status callback settles it if Twilio
 * did take it. Messages due in quiet hours, or over the patient's daily or weekly limit ({@link TextingLimits}),
 * are held until the next allowed time, never dropped; messages to patients who opted out are suppressed.
 */
@Component
class OutboxSender {

    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);
    private static final int BATCH = 20;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final DataScope dataScope;
    private final Patients patients;
    private final NumberHash numberHash;
    private final TwilioRestClient twilio;
    private final MessagingSettings settings;
    private final QuietHours quietHours;
    private final TextingLimits limits;

    OutboxSender(JdbcClient jdbc, TransactionTemplate transactions, DataScope dataScope, Patients patients,
            NumberHash numberHash, TwilioRestClient twilio, MessagingSettings settings) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.dataScope = dataScope;
        this.patients = patients;
        this.numberHash = numberHash;
        this.twilio = twilio;
        this.settings = settings;
        this.quietHours = new QuietHours(settings.quietHoursStart(), settings.quietHoursEnd(), settings.timeZone());
        this.limits = settings.textingLimits();
    }

    @Scheduled(fixedDelayString = "${pestle.messaging.send-interval:PT2S}", initialDelayString = "PT5S")
    void sendDue() {
        for (Claimed message : claim(Instant.now())) {
            send(message);
        }
    }

    /** Claims due messages in one transaction; holds those in quiet hours, suppresses the opted out. */
    List<Claimed> claim(Instant now) {
        return transactions.execute(status -> {
            dataScope.enterSystem("system:text-outbox");
            List<Due> due = jdbc.sql("""
                    select id, patient_id, purpose, body, attempts from text_message
                    where status = 'QUEUED' and next_attempt_at <= ?
                    order by next_attempt_at limit ? for update skip locked""")
                    .params(java.sql.Timestamp.from(now), BATCH)
                    .query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getObject("patient_id", UUID.class),
                            rs.getString("purpose"), rs.getString("body"), rs.getInt("attempts")))
                    .list();
            List<Claimed> claimed = new ArrayList<>();
            Instant allowed = quietHours.nextAllowed(now);
            for (Due message : due) {
                if (allowed.isAfter(now)) {
                    jdbc.sql("update text_message set next_attempt_at = ?, updated_at = now() where id = ?")
                            .params(java.sql.Timestamp.from(allowed), message.id()).update();
                    continue;
                }
                if (settings.limits().purposes().contains(message.purpose()) && hold(message, now)) {
                    continue;
                }
                Optional<String> number = patients.smsNumber(message.patientId());
                String hash = number.map(numberHash::of).orElse(null);
                Optional<String> suppressed = number.isEmpty() ? Optional.of("NO_MOBILE_NUMBER")
                        : optedOut(message.patientId(), hash) ? Optional.of("OPTED_OUT") : Optional.empty();
                if (suppressed.isPresent()) {
                    jdbc.sql("""
                            update text_message set status = 'SUPPRESSED', status_reason = ?, recipient_hash = ?,
                                   updated_at = now() where id = ?""")
                            .params(suppressed.get(), hash, message.id()).update();
                    continue;
                }
                jdbc.sql("""
                        update text_message set status = 'SENDING', attempts = attempts + 1, recipient_hash = ?,
                               updated_at = now() where id = ?""")
                        .params(hash, message.id()).update();
                claimed.add(new Claimed(message.id(), number.get(), message.body(), message.attempts() + 1));
            }
            return claimed;
        });
    }

    /**
     * Holds a text that would go over the patient's daily or weekly limit: it stays queued, with the reason, until
     * the next time both limits and quiet hours allow it. Texts being sent or sent count, those failed do not.
     */
    private boolean hold(Due message, Instant now) {
        List<Instant> sent = jdbc.sql("""
                select coalesce(sent_at, updated_at) from text_message
                where patient_id = ? and purpose in (:purposes) and id <> ?
                  and status in ('SENDING', 'SENT', 'DELIVERED', 'UNDELIVERED', 'UNCONFIRMED')
                  and coalesce(sent_at, updated_at) > ?""".replace(":purposes",
                        String.join(", ", java.util.Collections.nCopies(settings.limits().purposes().size(), "?"))))
                .params(limitParams(message, now))
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).list();
        String reason = limits.heldBecause(now, sent);
        if (reason == null) {
            return false;
        }
        Instant next = now;
        while (true) {
            Instant allowed = quietHours.nextAllowed(limits.nextAllowed(next, sent));
            if (allowed.equals(next)) {
                break;
            }
            next = allowed;
        }
        jdbc.sql("update text_message set next_attempt_at = ?, status_reason = ?, updated_at = now() where id = ?")
                .params(java.sql.Timestamp.from(next), reason, message.id()).update();
        return true;
    }

    private Object[] limitParams(Due message, Instant now) {
        List<Object> params = new ArrayList<>();
        params.add(message.patientId());
        params.addAll(settings.limits().purposes());
        params.add(message.id());
        params.add(java.sql.Timestamp.from(now.minus(Duration.ofDays(8))));
        return params.toArray();
    }

    private boolean optedOut(UUID patientId, String hash) {
        return jdbc.sql("""
                select exists (select 1 from sms_consent where patient_id = ? and opted_out)
                    or exists (select 1 from sms_number_opt_out where number_hash = ? and opted_out)""")
                .params(patientId, hash).query(Boolean.class).single();
    }

    private void send(Claimed message) {
        try {
            Message sent = Message.creator(new PhoneNumber(message.number()),
                            new PhoneNumber(settings.twilio().fromNumber()), message.body())
                    .setStatusCallback(settings.publicUrl("/webhooks/twilio/status?message=" + message.id()))
                    .create(twilio);
            record(message, "SENT", null, sent.getSid(), null);
        } catch (TwilioException e) {
            Integer httpStatus = e instanceof ApiException api ? api.getStatusCode() : null;
            Integer code = e instanceof ApiException api ? api.getCode() : null;
            boolean refused = httpStatus != null;
            boolean neverConnected = hasCause(e, ConnectException.class);
            String reason = refused ? "TWILIO_" + httpStatus + (code == null ? "" : "_" + code)
                    : neverConnected ? "CONNECTION_REFUSED" : "NO_RESPONSE";
            boolean retryable = neverConnected || (refused && (httpStatus >= 500 || httpStatus == 429));
            if (retryable && message.attempts() < settings.maxAttempts()) {
                Duration backoff = Duration.ofSeconds(30L << Math.min(message.attempts() - 1, 10));
                record(message, "QUEUED", reason, null, Instant.now().plus(backoff));
            } else {
                record(message, refused || neverConnected ? "FAILED" : "UNCONFIRMED", reason, null, null);
            }
            log.warn("Text message {} not sent ({}); attempt {}", message.id(), reason, message.attempts());
        }
    }

    private void record(Claimed message, String status, String reason, String sid, Instant retryAt) {
        transactions.executeWithoutResult(tx -> {
            dataScope.enterSystem("system:text-outbox");
            jdbc.sql("""
                    update text_message set status = ?, status_reason = ?, twilio_sid = coalesce(?, twilio_sid),
                           next_attempt_at = coalesce(?, next_attempt_at),
                           sent_at = case when ? = 'SENT' then now() else sent_at end, updated_at = now()
                    where id = ? and status = 'SENDING'""")
                    .params(status, reason, sid, retryAt == null ? null : java.sql.Timestamp.from(retryAt), status,
                            message.id())
                    .update();
        });
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private record Due(UUID id, UUID patientId, String purpose, String body, int attempts) {
    }

    /** A message claimed for sending; its number lives only in memory, for the call to Twilio. */
    record Claimed(UUID id, String number, String body, int attempts) {

        @Override
        public String toString() {
            return "Claimed[" + id + "]";
        }
    }
}
