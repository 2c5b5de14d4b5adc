package org.pestle.audit.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import org.pestle.audit.AuditEntry;
import org.pestle.audit.AuditRecords;
import org.pestle.identity.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Exports the records a search finds as CSV (Jackson's CSV module: quoting and escaping are not ours
 * to get wrong), up to {@value #LIMIT} records, and records the export itself with its filters.
 */
@Service
class AuditExport {

    static final int LIMIT = 100_000;

    /** The CSV columns in the order of the record's components. */
    private static final String[] COLUMNS = Arrays.stream(AuditSearch.Found.class.getRecordComponents())
            .map(java.lang.reflect.RecordComponent::getName).toArray(String[]::new);

    private static final CsvMapper CSV = CsvMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final AuditRecords audit;
    private final AuditSearch search;

    AuditExport(AuditRecords audit, AuditSearch search) {
        this.audit = audit;
        this.search = search;
    }

    /** The CSV of the records the filter finds, newest first; the caller checked the permission. */
    @Transactional
    String csv(Actor admin, AuditSearch.Filter filter) throws IOException {
        List<AuditSearch.Found> found = new ArrayList<>();
        AuditSearch.Page page = search.search(filter.from(null, AuditSearch.MAX_PAGE));
        found.addAll(page.records());
        while (page.next() != null && found.size() < LIMIT) {
            page = search.search(filter.from(page.next(), AuditSearch.MAX_PAGE));
            found.addAll(page.records());
        }
        CsvSchema schema = CSV.schemaFor(AuditSearch.Found.class).sortedBy(COLUMNS).withHeader();
        String csv = CSV.writer(schema).writeValueAsString(found.stream().map(AuditExport::inert).toList());
        Map<String, Object> details = new TreeMap<>();
        details.put("records", found.size());
        put(details, "actor", filter.actor());
        put(details, "role", filter.role());
        put(details, "action", filter.action());
        put(details, "entityType", filter.entityType());
        put(details, "entityId", filter.entityId());
        put(details, "outcome", filter.outcome());
        put(details, "from", filter.from());
        put(details, "to", filter.to());
        audit.record(AuditEntry.of(admin.username(), "audit.exported", "audit-export", null)
                .withClinic(admin.organizationId(), filter.clinicId()).withPatient(filter.patientId())
                .withDetails(details));
        return csv;
    }

    /**
     * The record with every text a spreadsheet would take for a formula made inert (a leading
     * apostrophe, as OWASP advises against CSV injection): a failed sign-in records the name typed,
     * which anyone can make "=HYPERLINK(...)".
     */
    static AuditSearch.Found inert(AuditSearch.Found f) {
        return new AuditSearch.Found(f.seq(), f.recordedAt(), inert(f.actor()), inert(f.actorRole()),
                inert(f.onBehalfOf()), f.organizationId(), f.clinicId(), inert(f.action()), inert(f.entityType()),
                inert(f.entityId()), f.patientId(), inert(f.outcome()), inert(f.sourceAddress()), inert(f.reason()),
                inert(f.details()));
    }

    private static String inert(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }

    private static void put(Map<String, Object> details, String key, Object value) {
        if (value != null && !value.toString().isBlank()) {
            details.put(key, value.toString());
        }
    }
}
