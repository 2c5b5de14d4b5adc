package org.pestle.messaging.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.messaging.TextConsentChanged;
import org.pestle.messaging.TextReply;
import org.pestle.messaging.TextReplyHandler;
import org.pestle.platform.DataScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consent per patient and delivery status. A STOP from a number opts out that number and every
 * patient Pestle texted at it; START opts them back in. Each inbound message counts once (by its
 * Twilio sid), so a retried webhook changes nothing twice.
 */
@Service
class TextConsent {

    private final JdbcClient jdbc;
    private final DataScope dataScope;
    private final NumberHash numberHash;
    private final MessagingSettings settings;
    private final ApplicationEventPublisher events;
    private final List<TextReplyHandler> replyHandlers;

    TextConsent(JdbcClient jdbc, DataScope dataScope, NumberHash numberHash, MessagingSettings settings,
            ApplicationEventPublisher events, List<TextReplyHandler> replyHandlers) {
        this.jdbc = jdbc;
        this.dataScope = dataScope;
        this.numberHash = numberHash;
        this.settings = settings;
        this.events = events;
        this.replyHandlers = List.copyOf(replyHandlers);
    }

    /**
     * What became of an inbound message.
     *
     * @param first false if this sid was seen before (nothing was done again)
     * @param answer the answer of the module whose text was replied to, if it gave one
     */
    record Received(boolean first, Optional<String> answer) {
    }

    /**
     * Records an inbound message once. STOP and START change consent; any other word answers the last text sent
     * to that number, through the handler of that text's purpose (refills: YES), in this transaction.
     */
    @Transactional
    Received recordInbound(String messageSid, String from, String body) {
        dataScope.enterSystem("system:twilio-inbound");
        Keyword keyword = Keyword.of(body);
        String hash = numberHash.of(from);
        int inserted = jdbc.sql("""
                insert into inbound_text (message_sid, number_hash, keyword) values (?, ?, ?)
                on conflict (message_sid) do nothing""").params(messageSid, hash, keyword.name()).update();
        if (inserted == 0) {
            return new Received(false, Optional.empty());
        }
        String word = Keyword.word(body);
        if (keyword == Keyword.STOP || keyword == Keyword.HELP || (keyword == Keyword.START && !"YES".equals(word))) {
            changeConsent(hash, keyword);
            return new Received(true, Optional.empty());
        }
        Optional<String> answer = answered(hash, messageSid, word);
        if (answer.isEmpty()) {
            // A YES that answers no question is the opt-in carriers know it as.
            changeConsent(hash, keyword);
        }
        return new Received(true, answer);
    }

    /** The last text sent to the number, in the last 30 days, handed to the handler of its purpose. */
    private Optional<String> answered(String hash, String messageSid, String word) {
        if (replyHandlers.isEmpty()) {
            return Optional.empty();
        }
        Optional<TextReply> reply = jdbc.sql("""
                select id, purpose, dedupe_key, patient_id, organization_id, clinic_id from text_message
                where recipient_hash = ? and status in ('SENDING', 'SENT', 'DELIVERED', 'UNCONFIRMED')
                  and updated_at > now() - interval '30 days'
                order by coalesce(sent_at, updated_at) desc limit 1""").param(hash)
                .query((rs, row) -> new TextReply(rs.getObject("id", UUID.class), rs.getString("purpose"),
                        rs.getString("dedupe_key"), rs.getObject("patient_id", UUID.class),
                        rs.getObject("organization_id", UUID.class), rs.getObject("clinic_id", UUID.class), word,
                        messageSid))
                .optional();
        if (reply.isEmpty()) {
            return Optional.empty();
        }
        for (TextReplyHandler handler : replyHandlers) {
            if (handler.purposes().contains(reply.get().purpose())) {
                return handler.handle(reply.get());
            }
        }
        return Optional.empty();
    }

    private void changeConsent(String hash, Keyword keyword) {
        if (keyword == Keyword.STOP || keyword == Keyword.START) {
            boolean optedOut = keyword == Keyword.STOP;
            jdbc.sql("""
                    insert into sms_number_opt_out (number_hash, opted_out) values (?, ?)
                    on conflict (number_hash) do update set opted_out = excluded.opted_out, changed_at = now()""")
                    .params(hash, optedOut).update();
            List<Recipient> recipients = jdbc.sql("""
                    select distinct patient_id, organization_id, clinic_id from text_message where recipient_hash = ?""")
                    .param(hash)
                    .query((rs, row) -> new Recipient(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                            rs.getObject(3, UUID.class)))
                    .list();
            for (Recipient recipient : recipients) {
                jdbc.sql("""
                        insert into sms_consent (patient_id, organization_id, clinic_id, opted_out, source)
                        values (?, ?, ?, ?, ?)
                        on conflict (patient_id) do update set opted_out = excluded.opted_out,
                            source = excluded.source, changed_at = now()""")
                        .params(recipient.patientId(), recipient.organizationId(), recipient.clinicId(), optedOut,
                                "SMS_" + keyword.name())
                        .update();
                events.publishEvent(new TextConsentChanged(recipient.patientId(), recipient.organizationId(),
                        recipient.clinicId(), optedOut, "SMS_" + keyword.name()));
            }
            if (optedOut) {
                jdbc.sql("""
                        update text_message set status = 'SUPPRESSED', status_reason = 'OPTED_OUT', updated_at = now()
                        where recipient_hash = ? and status = 'QUEUED'""").param(hash).update();
            }
        }
    }

    /** The reply carriers expect: one confirmation for STOP and START, the program's description for HELP. */
    Optional<String> replyTo(Keyword keyword) {
        String name = settings.senderName();
        return switch (keyword) {
            case STOP -> Optional.of(name + ": you are unsubscribed and will receive no more texts. Reply START to "
                    + "resubscribe.");
            case START -> Optional.of(name + ": you are subscribed again to texts about your prescriptions. Msg & "
                    + "data rates may apply. Reply HELP for help, STOP to opt out.");
            case HELP, OTHER -> Optional.of(name + ": texts about your prescriptions and payments, up to 1 msg/day "
                    + "and 3/week. Msg & data rates may apply. Reply STOP to opt out. Help: " + settings.supportNumber());
        };
    }

    /** A delivery status callback: the message's status follows Twilio's (delivered, undelivered, failed...). */
    @Transactional
    void recordDeliveryStatus(UUID messageId, String messageSid, String twilioStatus, String errorCode) {
        dataScope.enterSystem("system:twilio-status");
        String status = switch (twilioStatus) {
            case "delivered" -> "DELIVERED";
            case "undelivered" -> "UNDELIVERED";
            case "failed" -> "FAILED";
            default -> "SENT";
        };
        jdbc.sql("""
                update text_message set status = ?, status_reason = ?, twilio_sid = ?, updated_at = now()
                where (twilio_sid = ? or (id = ? and twilio_sid is null))
                  and status in ('SENDING', 'SENT', 'UNCONFIRMED', 'DELIVERED', 'UNDELIVERED')
                  and not (status = 'DELIVERED' and ? = 'SENT')""")
                .params(status, errorCode == null ? null : "TWILIO_ERROR_" + errorCode, messageSid, messageSid,
                        messageId, status)
                .update();
    }

    private record Recipient(UUID patientId, UUID organizationId, UUID clinicId) {
    }
}
