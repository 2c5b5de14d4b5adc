package org.pestle.audit.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Searches the audit trail, newest first, one page at a time: keyset pagination on the sequence
 * number ({@code before}), so a page costs the same however deep. Row-level security limits the
 * records to the searcher's scope.
 */
@Service
class AuditSearch {

    static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;

    AuditSearch(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The filters; null means any.
     *
     * @param before only records with a smaller sequence number (the previous page's {@code next})
     */
    record Filter(String actor, String role, String action, String entityType, String entityId, UUID patientId,
            UUID clinicId, String outcome, Instant from, Instant to, Long before, int limit) {

        /** The same filters for the page that starts below {@code before}, with this page size. */
        Filter from(Long newBefore, int newLimit) {
            return new Filter(actor, role, action, entityType, entityId, patientId, clinicId, outcome, from, to,
                    newBefore, newLimit);
        }
    }

    /** One record as the search shows it. */
    record Found(long seq, Instant recordedAt, String actor, String actorRole, String onBehalfOf,
            UUID organizationId, UUID clinicId, String action, String entityType, String entityId, UUID patientId,
            String outcome, String sourceAddress, String reason, String details) {
    }

    /** A page and the {@code before} of the next page, or null at the end. */
    record Page(List<Found> records, Long next) {
    }

    @Transactional
    Page search(Filter filter) {
        StringBuilder sql = new StringBuilder("""
                select seq, recorded_at, actor, actor_role, on_behalf_of, organization_id, clinic_id, action,
                       entity_type, entity_id, patient_id, outcome, source_address, reason, details::text as details
                from audit_record where true""");
        List<Object> params = new ArrayList<>();
        condition(sql, params, " and actor = ?", filter.actor());
        condition(sql, params, " and ? = any (string_to_array(actor_role, ','))", filter.role());
        condition(sql, params, " and action = ?", filter.action());
        condition(sql, params, " and entity_type = ?", filter.entityType());
        condition(sql, params, " and entity_id = ?", filter.entityId());
        condition(sql, params, " and patient_id = ?", filter.patientId());
        condition(sql, params, " and clinic_id = ?", filter.clinicId());
        condition(sql, params, " and outcome = ?", filter.outcome());
        condition(sql, params, " and recorded_at >= ?", filter.from() == null ? null
                : java.sql.Timestamp.from(filter.from()));
        condition(sql, params, " and recorded_at < ?", filter.to() == null ? null : java.sql.Timestamp.from(filter.to()));
        condition(sql, params, " and seq < ?", filter.before());
        int limit = Math.max(1, Math.min(filter.limit(), MAX_PAGE));
        sql.append(" order by seq desc limit ").append(limit + 1);
        List<Found> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new Found(rs.getLong("seq"),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("actor"), rs.getString("actor_role"),
                rs.getString("on_behalf_of"), rs.getObject("organization_id", UUID.class),
                rs.getObject("clinic_id", UUID.class), rs.getString("action"), rs.getString("entity_type"),
                rs.getString("entity_id"), rs.getObject("patient_id", UUID.class), rs.getString("outcome"),
                rs.getString("source_address"), rs.getString("reason"), rs.getString("details"))).list();
        if (rows.size() > limit) {
            List<Found> page = rows.subList(0, limit);
            return new Page(List.copyOf(page), page.get(limit - 1).seq());
        }
        return new Page(rows, null);
    }

    /**
     * Who saw, changed or received a patient's data: one line per actor and action, with how often,
     * when first and last, and which data elements were disclosed.
     */
    record PatientAccess(String actor, String actorRole, String action, long times, Instant first, Instant last,
            List<String> elements) {
    }

    @Transactional
    List<PatientAccess> patientReport(UUID patientId) {
        return jdbc.sql("""
                select actor, max(actor_role) as actor_role, action, count(*) as times, min(recorded_at) as first,
                       max(recorded_at) as last,
                       coalesce((select array_agg(distinct e order by e) from audit_record d,
                                        jsonb_array_elements_text(coalesce(d.details -> 'elements', '[]'::jsonb)) e
                                 where d.patient_id = a.patient_id and d.actor = a.actor and d.action = a.action),
                                '{}') as elements
                from audit_record a where patient_id = ?
                group by patient_id, actor, action order by max(recorded_at) desc""")
                .param(patientId)
                .query((rs, n) -> new PatientAccess(rs.getString("actor"), rs.getString("actor_role"),
                        rs.getString("action"), rs.getLong("times"), rs.getTimestamp("first").toInstant(),
                        rs.getTimestamp("last").toInstant(),
                        List.of((String[]) rs.getArray("elements").getArray())))
                .list();
    }

    private static void condition(StringBuilder sql, List<Object> params, String condition, Object value) {
        if (value != null && !(value instanceof String text && text.isBlank())) {
            sql.append(condition);
            params.add(value);
        }
    }
}
