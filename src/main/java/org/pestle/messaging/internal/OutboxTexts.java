package org.pestle.messaging.internal;

import java.util.UUID;

import org.pestle.messaging.OutboundText;
import org.pestle.messaging.TextMessages;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Writes texts into the outbox (text_message) in the caller's transaction. */
@Service
class OutboxTexts implements TextMessages {

    private final JdbcClient jdbc;

    OutboxTexts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public UUID queue(OutboundText text) {
        jdbc.sql("""
                insert into text_message (id, organization_id, clinic_id, patient_id, purpose, body, dedupe_key, status)
                values (?, ?, ?, ?, ?, ?, ?, 'QUEUED') on conflict (dedupe_key) do nothing""")
                .params(UUID.randomUUID(), text.organizationId(), text.clinicId(), text.patientId(), text.purpose(),
                        text.body(), text.dedupeKey())
                .update();
        return jdbc.sql("select id from text_message where dedupe_key = ?").param(text.dedupeKey())
                .query(UUID.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean mayText(UUID patientId) {
        return !jdbc.sql("select opted_out from sms_consent where patient_id = ?").param(patientId)
                .query(Boolean.class).optional().orElse(false);
    }
}
