package org.pestle.audit.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.identity.ElevatedAccessGranted;
import org.pestle.identity.PermissionsChanged;
import org.pestle.identity.UserAccessChanged;
import org.pestle.ordering.OrderApproved;
import org.pestle.ordering.OrderRejected;
import org.pestle.patients.PatientChanged;
import org.pestle.patients.PatientCreated;
import org.pestle.patients.PatientKeysRotated;
import org.pestle.patients.PatientViewed;
import org.pestle.patients.PatientsExported;
import org.pestle.platform.DataScope;
import org.pestle.rules.DecisionPublished;
import org.pestle.rules.DecisionRolledBack;
import org.pestle.tenancy.ClinicSettingsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the events other modules publish into audit records. Plain listeners run synchronously inside
 * the publishing transaction, so each record commits, or rolls back, with the change it describes.
 */
@Component
class DomainEventAuditor {

    private final AuditRecords audit;
    private final DataScope dataScope;

    DomainEventAuditor(AuditRecords audit, DataScope dataScope) {
        this.audit = audit;
        this.dataScope = dataScope;
    }

    @EventListener
    void on(PermissionsChanged event) {
        audit.record(AuditEntry.of(event.changedBy(), "permissions.changed", "role", event.role().name())
                .withDetails(Map.of("readBefore", sorted(event.readBefore()), "readAfter", sorted(event.readAfter()),
                        "doBefore", sorted(event.doBefore()), "doAfter", sorted(event.doAfter()))));
    }

    @EventListener
    void on(UserAccessChanged event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("change", event.change());
        if (event.detail() != null) {
            details.put("detail", event.detail());
        }
        audit.record(AuditEntry.of(event.changedBy(), "user.access-changed", "user", event.username())
                .withDetails(details));
    }

    @EventListener
    void on(ElevatedAccessGranted event) {
        audit.record(AuditEntry.of(event.username(), "elevated-access.granted", "elevated-access-grant",
                event.grantId()).withClinic(null, event.clinicId()).withReason(event.reason())
                .withDetails(Map.of("expiresAt", event.expiresAt().toString())));
    }

    @EventListener
    void on(OrderApproved event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.approved", "order", event.orderId())
                .withClinic(null, event.clinicId()).withDetails(Map.of("orderNumber", event.orderNumber())));
    }

    @EventListener
    void on(OrderRejected event) {
        audit.record(AuditEntry.of(dataScope.actor(), "order.rejected", "order", event.orderId())
                .withClinic(null, event.clinicId())
                .withDetails(Map.of("orderNumber", event.orderNumber(), "reason", String.valueOf(event.reason()))));
    }

    @EventListener
    void on(PatientViewed event) {
        audit.record(AuditEntry.of(event.actor(), "patient.viewed", "patient", event.patientId())
                .withClinic(null, event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("elements", sorted(event.elements()))));
    }

    @EventListener
    void on(PatientCreated event) {
        audit.record(AuditEntry.of(event.actor(), "patient.created", "patient", event.patientId())
                .withClinic(null, event.clinicId()).withPatient(event.patientId()));
    }

    @EventListener
    void on(PatientChanged event) {
        audit.record(AuditEntry.of(event.actor(), "patient.changed", "patient", event.patientId())
                .withClinic(null, event.clinicId()).withPatient(event.patientId())
                .withDetails(Map.of("elements", sorted(event.elements()))));
    }

    @EventListener
    void on(PatientsExported event) {
        // one record per patient, so that the patient's own report shows the disclosure
        for (var patientId : event.patientIds()) {
            audit.record(AuditEntry.of(event.actor(), "patient.exported", "patient", patientId)
                    .withPatient(patientId).withDetails(Map.of("elements", sorted(event.elements()))));
        }
        audit.record(AuditEntry.of(event.actor(), "patients.exported", "patient-export", null)
                .withDetails(Map.of("patients", event.patientIds().size(), "clinics", sorted(event.clinicIds()),
                        "elements", sorted(event.elements()))));
    }

    @EventListener
    void on(PatientKeysRotated event) {
        audit.record(AuditEntry.of(event.startedBy(), "patient-keys.rotated", "key-rotation", event.rotationId())
                .withDetails(Map.of("rowsRewritten", event.rowsRewritten(),
                        "retiredFieldKeyIds", sorted(event.retiredFieldKeyIds()),
                        "retiredIndexKeyIds", sorted(event.retiredIndexKeyIds()))));
    }

    @EventListener
    void on(DecisionPublished event) {
        Map<String, Object> details = new TreeMap<>();
        details.put("version", event.version());
        details.put("previousVersion", event.previousVersion());
        if (event.approvedBy() != null) {
            details.put("approvedBy", event.approvedBy());
        }
        audit.record(AuditEntry.of(event.publishedBy(), "decision.published", "decision", event.decisionKey())
                .withDetails(details));
    }

    @EventListener
    void on(DecisionRolledBack event) {
        audit.record(AuditEntry.of(event.rolledBackBy(), "decision.rolled-back", "decision", event.decisionKey())
                .withDetails(Map.of("version", event.version(), "restoredVersion", event.restoredVersion(),
                        "previousVersion", event.previousVersion())));
    }

    @EventListener
    void on(ClinicSettingsChanged event) {
        audit.record(AuditEntry.of(event.changedBy(), "clinic-settings.changed", "clinic", event.clinicId())
                .withClinic(event.organizationId(), event.clinicId())
                .withDetails(Map.of("settings", event.changed().stream().sorted().toList())));
    }

    private static java.util.List<String> sorted(java.util.Collection<?> values) {
        return values.stream().map(String::valueOf).sorted().collect(Collectors.toList());
    }
}
