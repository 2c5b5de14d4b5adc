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
        Query query = prepare(filter);
        if (query == null) {
            return new Page(List.of(), null);
        }
        int limit = query.limit();
        List<Found> rows = jdbc.sql(query.sql()).params(query.params()).query((rs, n) -> new Found(rs.getLong("seq"),
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

    /** The statement of a search, its parameters and the page size. */
    record Query(String sql, List<Object> params, int limit) {
    }

    /**
     * The statement that {@link #search} runs for these filters (newest first, one more than a page),
     * or null when no record can match. Every condition is one that row-level security lets PostgreSQL
     * take to an index (only leakproof operators such as {@code =}, {@code <} on plain columns: a
     * policy's quals come first otherwise, and the search would walk the trail).
     */
    Query prepare(Filter filter) {
        // how selective a filter is depends on its value (a rare role or outcome against a common one):
        // plan each search for its values rather than reuse a generic plan of the same statement
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        condition(where, params, " and actor = ?", filter.actor());
        condition(where, params, " and action = ?", filter.action());
        condition(where, params, " and entity_type = ?", filter.entityType());
        condition(where, params, " and entity_id = ?", filter.entityId());
        condition(where, params, " and patient_id = ?", filter.patientId());
        condition(where, params, " and clinic_id = ?", filter.clinicId());
        condition(where, params, " and outcome = ?", filter.outcome());
        java.sql.Timestamp from = filter.from() == null ? null : java.sql.Timestamp.from(filter.from());
        java.sql.Timestamp to = filter.to() == null ? null : java.sql.Timestamp.from(filter.to());
        condition(where, params, " and recorded_at >= ?", from);
        condition(where, params, " and recorded_at < ?", to);
        // recorded_at never decreases along the chain (audit_append, V51): a time range is the range of
        // sequence numbers from the first record at or after 'from' up to the first one at or after 'to',
        // found on (recorded_at, seq), so that the page is read along a seq index however old the range is
        if (from != null) {
            Long first = firstSeqAtOrAfter(from);
            if (first == null) {
                return null;
            }
            condition(where, params, " and seq >= ?", first);
        }
        if (to != null) {
            condition(where, params, " and seq < ?", firstSeqAtOrAfter(to));
        }
        condition(where, params, " and seq < ?", filter.before());
        int limit = Math.max(1, Math.min(filter.limit(), MAX_PAGE));
        String page = " order by seq desc limit " + (limit + 1);
        if (filter.role() == null || filter.role().isBlank()) {
            return new Query(SELECT + " where true" + where + page, params, limit);
        }
        // membership in the comma-separated actor_role: the few distinct values that hold the role, each
        // read newest first from (actor_role, action, seq) in a branch of its own, then merged. One
        // "actor_role = any (...)" would lose the index order and, for a role with an action it never
        // performs, walk every record of that action instead.
        List<String> values = actorRolesHolding(filter.role());
        if (values.isEmpty()) {
            return null;
        }
        StringBuilder union = new StringBuilder("select * from (");
        List<Object> unionParams = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            union.append(i == 0 ? "" : " union all ").append('(').append(SELECT).append(" where actor_role = ?")
                    .append(where).append(page).append(')');
            unionParams.add(values.get(i));
            unionParams.addAll(params);
        }
        union.append(") found").append(page);
        return new Query(union.toString(), unionParams, limit);
    }

    private static final String SELECT = """
            select seq, recorded_at, actor, actor_role, on_behalf_of, organization_id, clinic_id, action,
                   entity_type, entity_id, patient_id, outcome, source_address, reason, details::text as details
            from audit_record""";

    private List<String> actorRolesHolding(String role) {
        // a loose index scan over (actor_role, seq): one probe per distinct value
        return jdbc.sql("""
                with recursive v(actor_role) as (
                    (select actor_role from audit_record where actor_role is not null order by actor_role limit 1)
                    union all
                    select (select a.actor_role from audit_record a where a.actor_role > v.actor_role
                            order by a.actor_role limit 1)
                    from v where v.actor_role is not null)
                select actor_role from v
                where actor_role is not null and ? = any (string_to_array(actor_role, ','))""")
                .param(role).query(String.class).list();
    }

    private Long firstSeqAtOrAfter(java.sql.Timestamp time) {
        return jdbc.sql("select seq from audit_record where recorded_at >= ? order by recorded_at, seq limit 1")
                .param(time).query(Long.class).optional().orElse(null);
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
