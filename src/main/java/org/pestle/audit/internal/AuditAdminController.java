package org.pestle.audit.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail's admin API: search (keyset pages), CSV export, the per-patient report, chain verification.
 * Requires {@link Action#VIEW_AUDIT}; the export also {@link Action#EXPORT}.
 */
@RestController
@RequestMapping("/api/admin/audit")
class AuditAdminController {

    private final AuditRecords audit;
    private final AuditSearch search;
    private final AuditExport export;
    private final PatientAccessReport report;
    private final Permissions permissions;

    AuditAdminController(AuditRecords audit, AuditSearch search, AuditExport export, PatientAccessReport report,
            Permissions permissions) {
        this.audit = audit;
        this.search = search;
        this.export = export;
        this.report = report;
        this.permissions = permissions;
    }

    /** The filters of the query string; any may be absent. */
    record Query(String actor, String role, String action, String entityType, String entityId, UUID patientId,
            UUID clinicId, String outcome, Instant from, Instant to, Long before, Integer limit) {

        AuditSearch.Filter filter(Long from, int defaultLimit) {
            return new AuditSearch.Filter(actor, role, action, entityType, entityId, patientId, clinicId, outcome,
                    this.from, to, from, limit == null ? defaultLimit : limit);
        }
    }

    @GetMapping
    AuditSearch.Page search(Query query) {
        permissions.require(CurrentActor.require(), Action.VIEW_AUDIT);
        return search.search(query.filter(query.before(), 50));
    }

    /** The same filters as a CSV file (up to {@value AuditExport#LIMIT} records); the export is itself audited. */
    @GetMapping("/export")
    ResponseEntity<String> export(Query query) throws IOException {
        Actor admin = CurrentActor.require();
        permissions.require(admin, Action.VIEW_AUDIT);
        permissions.require(admin, Action.EXPORT);
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
                .contentType(MediaType.parseMediaType("text/csv"))
                .body(export.csv(admin, query.filter(null, AuditSearch.MAX_PAGE)));
    }

    /** The per-patient report: who saw or changed the patient's data, and what was disclosed. Itself audited. */
    @GetMapping("/patients/{patientId}")
    List<AuditSearch.PatientAccess> patientReport(@PathVariable UUID patientId) {
        Actor admin = CurrentActor.require();
        permissions.require(admin, Action.VIEW_AUDIT);
        return report.of(admin, patientId);
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        permissions.require(CurrentActor.require(), Action.VIEW_AUDIT);
        return audit.verify();
    }
}
