package org.pestle.audit.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.audit.ChainVerification;
import org.pestle.identity.Action;
import org.pestle.identity.Actor;
import org.pestle.identity.CurrentActor;
import org.pestle.identity.Permissions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail's admin API: search (keyset pages), CSV export, chain verification. Requires {@link Action#VIEW_AUDIT}. */
@RestController
@RequestMapping("/api/admin/audit")
class AuditAdminController {

    static final int EXPORT_LIMIT = 100_000;

    /** The CSV columns in the order of the record's components. */
    private static final String[] COLUMNS = java.util.Arrays.stream(AuditSearch.Found.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toArray(String[]::new);

    private static final CsvMapper CSV = CsvMapper.builder().findAndAddModules()
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final AuditRecords audit;
    private final AuditSearch search;
    private final Permissions permissions;

    AuditAdminController(AuditRecords audit, AuditSearch search, Permissions permissions) {
        this.audit = audit;
        this.search = search;
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

    /** The same filters as a CSV file (up to {@value #EXPORT_LIMIT} records); the export is itself audited. */
    @GetMapping("/export")
    @Transactional
    ResponseEntity<String> export(Query query) throws IOException {
        Actor admin = CurrentActor.require();
        permissions.require(admin, Action.VIEW_AUDIT);
        List<AuditSearch.Found> found = new ArrayList<>();
        AuditSearch.Page page = search.search(query.filter(null, AuditSearch.MAX_PAGE));
        found.addAll(page.records());
        while (page.next() != null && found.size() < EXPORT_LIMIT) {
            page = search.search(query.filter(page.next(), AuditSearch.MAX_PAGE));
            found.addAll(page.records());
        }
        CsvSchema schema = CSV.schemaFor(AuditSearch.Found.class).sortedBy(COLUMNS).withHeader();
        String csv = CSV.writer(schema).writeValueAsString(found);
        Map<String, Object> details = new TreeMap<>();
        details.put("records", found.size());
        putFilter(details, "actor", query.actor());
        putFilter(details, "role", query.role());
        putFilter(details, "action", query.action());
        putFilter(details, "entityType", query.entityType());
        putFilter(details, "entityId", query.entityId());
        putFilter(details, "outcome", query.outcome());
        putFilter(details, "from", query.from());
        putFilter(details, "to", query.to());
        audit.record(AuditEntry.of(admin.username(), "audit.exported", "audit-export", null)
                .withClinic(admin.organizationId(), query.clinicId()).withPatient(query.patientId())
                .withDetails(details));
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
                .contentType(MediaType.parseMediaType("text/csv")).body(csv);
    }

    private static void putFilter(Map<String, Object> details, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            details.put(key, value.toString());
        }
    }

    /** The per-patient report: who saw or changed the patient's data, and what was disclosed. Itself audited. */
    @GetMapping("/patients/{patientId}")
    @Transactional
    List<AuditSearch.PatientAccess> patientReport(@PathVariable UUID patientId) {
        Actor admin = CurrentActor.require();
        permissions.require(admin, Action.VIEW_AUDIT);
        List<AuditSearch.PatientAccess> report = search.patientReport(patientId);
        audit.record(AuditEntry.of(admin.username(), "audit.patient-report-viewed", "patient", patientId)
                .withPatient(patientId));
        return report;
    }

    @GetMapping("/verify")
    ChainVerification verify() {
        permissions.require(CurrentActor.require(), Action.VIEW_AUDIT);
        return audit.verify();
    }
}
