package org.pestle.audit.internal;

import java.util.List;
import java.util.UUID;

import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.identity.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The per-patient report: who saw, changed or received a patient's data. Reading it is itself
 * recorded, so the patient's next report shows who looked.
 */
@Service
class PatientAccessReport {

    private final AuditRecords audit;
    private final AuditSearch search;

    PatientAccessReport(AuditRecords audit, AuditSearch search) {
        this.audit = audit;
        this.search = search;
    }

    /** The report; the caller checked the permission. */
    @Transactional
    List<AuditSearch.PatientAccess> of(Actor admin, UUID patientId) {
        List<AuditSearch.PatientAccess> report = search.patientReport(patientId);
        audit.record(AuditEntry.of(admin.username(), "audit.patient-report-viewed", "patient", patientId)
                .withPatient(patientId));
        return report;
    }
}
