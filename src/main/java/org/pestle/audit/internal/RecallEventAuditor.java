package org.pestle.audit.internal;

import java.util.Map;
import java.util.TreeMap;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.platform.DataScope;
import org.pestle.recall.RecallClosed;
import org.pestle.recall.RecallConfirmed;
import org.pestle.recall.RecallContactEscalated;
import org.pestle.recall.RecallContactRecorded;
import org.pestle.recall.RecallPatientNotified;
import org.pestle.recall.RecallPrescriberNotified;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Audit records of the recall steps, in the transaction of each step. A record about a patient names the patient
 * (so the patient's own report lists the recall notices sent) and carries identifiers and codes only.
 */
@Component
class RecallEventAuditor {

    private final AuditRecords audit;
    private final DataScope dataScope;

    RecallEventAuditor(AuditRecords audit, DataScope dataScope) {
        this.audit = audit;
        this.dataScope = dataScope;
    }

    @EventListener
    void on(RecallConfirmed event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("recallNumber", event.recallNumber());
        details.put("classification", event.classification() == null ? "" : event.classification());
        details.put("lots", event.lots());
        details.put("lotsByHand", event.lotsByHand());
        audit.record(AuditEntry.of(event.confirmedBy(), "recall.confirmed", "recall", event.recallId())
                .withDetails(details));
    }

    @EventListener
    void on(RecallPrescriberNotified event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("recallNumber", event.recallNumber());
        if (event.prescriberId() != null) {
            details.put("prescriberId", event.prescriberId().toString());
        }
        audit.record(AuditEntry.of(dataScope.actor(), "recall.prescriber-notified", "recall", event.recallId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(details));
    }

    @EventListener
    void on(RecallPatientNotified event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("recallNumber", event.recallNumber());
        details.put("textQueued", event.textQueued());
        if (event.textMessageId() != null) {
            details.put("textMessageId", event.textMessageId().toString());
        }
        audit.record(AuditEntry.of(dataScope.actor(), "recall.patient-notified", "recall", event.recallId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(details));
    }

    @EventListener
    void on(RecallContactEscalated event) {
        audit.record(AuditEntry.of(dataScope.actor(), "recall.contact-escalated", "recall", event.recallId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("recallNumber", event.recallNumber())));
    }

    @EventListener
    void on(RecallContactRecorded event) {
        audit.record(AuditEntry.of(event.recordedBy(), "recall.contact-recorded", "recall", event.recallId())
                .withClinic(event.organizationId(), event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("recallNumber", event.recallNumber(), "outcome", event.outcome().name(),
                        "reached", event.outcome().reached(), "escalated", event.escalated())));
    }

    @EventListener
    void on(RecallClosed event) {
        audit.record(AuditEntry.of(dataScope.actor(), "recall.closed", "recall", event.recallId())
                .withDetails(Map.of("recallNumber", event.recallNumber(), "patients", event.patients(),
                        "reached", event.reached(), "notReached", event.notReached())));
    }
}
