package org.pestle.rules.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rules tables: each table, its versions, the releases seen, the open draft and the saved test cases. */
@Repository
class RuleStore {

    private static final String VERSION = """
            select decision_key, version, camunda_definition_id, origin, dmn_xml, content_hash, comment, created_by,
                   approved_by, restored_from, created_at
            from rule_version""";

    private static final String DRAFT = """
            select decision_key, dmn_xml, base_version, release_hash, updated_by, updated_at, submitted_by,
                   submitted_comment from rule_draft""";

    private final JdbcClient jdbc;

    RuleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<TableRow> table(String key) {
        return jdbc.sql("select decision_key, resource_name, name from rule_table where decision_key = ?").param(key)
                .query((rs, n) -> new TableRow(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }

    /** The table row locked for this transaction: one change to a table at a time. */
    Optional<TableRow> lock(String key) {
        return jdbc.sql("select decision_key, resource_name, name from rule_table where decision_key = ? for update")
                .param(key).query((rs, n) -> new TableRow(rs.getString(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    List<TableRow> tables() {
        return jdbc.sql("select decision_key, resource_name, name from rule_table order by name, decision_key")
                .query((rs, n) -> new TableRow(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    void insertTable(String key, String resourceName, String name) {
        jdbc.sql("insert into rule_table (decision_key, resource_name, name) values (?, ?, ?)")
                .params(key, resourceName, name).update();
    }

    Optional<VersionRow> inForce(String key) {
        return jdbc.sql(VERSION + " where decision_key = ? order by version desc limit 1").param(key)
                .query(RuleStore::version).optional();
    }

    Optional<VersionRow> version(String key, int version) {
        return jdbc.sql(VERSION + " where decision_key = ? and version = ?").params(key, version)
                .query(RuleStore::version).optional();
    }

    List<VersionRow> versions(String key) {
        return jdbc.sql(VERSION + " where decision_key = ? order by version desc").param(key)
                .query(RuleStore::version).list();
    }

    void insertVersion(VersionRow v, String deploymentId) {
        jdbc.sql("""
                insert into rule_version (decision_key, version, camunda_definition_id, deployment_id, origin, dmn_xml,
                    content_hash, comment, created_by, approved_by, restored_from, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(v.decisionKey(), v.version(), v.camundaDefinitionId(), deploymentId, v.origin(), v.xml(),
                        v.contentHash(), v.comment(), v.createdBy(), v.approvedBy(), v.restoredFrom(),
                        Timestamp.from(v.createdAt()))
                .update();
    }

    Optional<ReleaseRow> release(String key, String hash) {
        return jdbc.sql("select decision_key, content_hash, dmn_xml, tests_json, status, seen_at from rule_release "
                + "where decision_key = ? and content_hash = ?").params(key, hash).query(RuleStore::release).optional();
    }

    Optional<ReleaseRow> pendingRelease(String key) {
        return jdbc.sql("select decision_key, content_hash, dmn_xml, tests_json, status, seen_at from rule_release "
                + "where decision_key = ? and status = 'PENDING'").param(key).query(RuleStore::release).optional();
    }

    /** The last release that was applied, merged or consciously kept out: the base of the next merge. */
    Optional<ReleaseRow> lastResolvedRelease(String key) {
        return jdbc.sql("select decision_key, content_hash, dmn_xml, tests_json, status, seen_at from rule_release "
                + "where decision_key = ? and status <> 'PENDING' order by coalesce(resolved_at, seen_at) desc "
                + "limit 1").param(key).query(RuleStore::release).optional();
    }

    void insertRelease(String key, String hash, String xml, String testsJson, String status) {
        jdbc.sql("insert into rule_release (decision_key, content_hash, dmn_xml, tests_json, status) "
                + "values (?, ?, ?, ?, ?)").params(key, hash, xml, testsJson, status).update();
    }

    void resolveRelease(String key, String hash, String status, String by) {
        jdbc.sql("update rule_release set status = ?, resolved_by = ?, resolved_at = now() "
                + "where decision_key = ? and content_hash = ?").params(status, by, key, hash).update();
    }

    void dropPendingRelease(String key) {
        jdbc.sql("delete from rule_release where decision_key = ? and status = 'PENDING'").param(key).update();
    }

    Optional<DraftRow> draft(String key) {
        return jdbc.sql(DRAFT + " where decision_key = ?").param(key).query(RuleStore::draft).optional();
    }

    List<DraftRow> drafts() {
        return jdbc.sql(DRAFT).query(RuleStore::draft).list();
    }

    /** Saves a draft; saving again clears a submission for approval (the approver must see what they approve). */
    void saveDraft(String key, String xml, int baseVersion, String releaseHash, String by) {
        jdbc.sql("""
                insert into rule_draft (decision_key, dmn_xml, base_version, release_hash, updated_by)
                values (?, ?, ?, ?, ?)
                on conflict (decision_key) do update set dmn_xml = excluded.dmn_xml,
                    base_version = excluded.base_version, release_hash = excluded.release_hash,
                    updated_by = excluded.updated_by, updated_at = now(), submitted_by = null,
                    submitted_comment = null, submitted_at = null""")
                .params(key, xml, baseVersion, releaseHash, by).update();
    }

    void submitDraft(String key, String by, String comment) {
        jdbc.sql("update rule_draft set submitted_by = ?, submitted_comment = ?, submitted_at = now() "
                + "where decision_key = ?").params(by, comment, key).update();
    }

    void deleteDraft(String key) {
        jdbc.sql("delete from rule_draft where decision_key = ?").param(key).update();
    }

    List<TestCaseRow> testCases(String key) {
        return jdbc.sql("select id, name, inputs_json, expected_json, origin from rule_test_case "
                + "where decision_key = ? order by origin desc, name").param(key)
                .query((rs, n) -> new TestCaseRow(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("inputs_json"), rs.getString("expected_json"), rs.getString("origin")))
                .list();
    }

    UUID saveTestCase(String key, String name, String inputsJson, String expectedJson, String origin, String by) {
        return jdbc.sql("""
                insert into rule_test_case (id, decision_key, name, inputs_json, expected_json, origin, updated_by)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (decision_key, name) do update set inputs_json = excluded.inputs_json,
                    expected_json = excluded.expected_json, origin = excluded.origin,
                    updated_by = excluded.updated_by, updated_at = now()
                returning id""")
                .params(UUID.randomUUID(), key, name, inputsJson, expectedJson, origin, by).query(UUID.class)
                .single();
    }

    int deleteTestCase(String key, UUID id) {
        return jdbc.sql("delete from rule_test_case where decision_key = ? and id = ?").params(key, id).update();
    }

    void deleteShippedTestCases(String key) {
        jdbc.sql("delete from rule_test_case where decision_key = ? and origin = 'SHIPPED'").param(key).update();
    }

    boolean hasTestCase(String key, String name) {
        return jdbc.sql("select count(*) from rule_test_case where decision_key = ? and name = ?").params(key, name)
                .query(Long.class).single() > 0;
    }

    private static VersionRow version(ResultSet rs, int row) throws SQLException {
        Integer restored = rs.getObject("restored_from", Integer.class);
        return new VersionRow(rs.getString("decision_key"), rs.getInt("version"),
                rs.getString("camunda_definition_id"), rs.getString("origin"), rs.getString("dmn_xml"),
                rs.getString("content_hash"), rs.getString("comment"), rs.getString("created_by"),
                rs.getString("approved_by"), restored,
                rs.getTimestamp("created_at").toInstant());
    }

    private static ReleaseRow release(ResultSet rs, int row) throws SQLException {
        return new ReleaseRow(rs.getString("decision_key"), rs.getString("content_hash"), rs.getString("dmn_xml"),
                rs.getString("tests_json"), rs.getString("status"), rs.getTimestamp("seen_at").toInstant());
    }

    private static DraftRow draft(ResultSet rs, int row) throws SQLException {
        return new DraftRow(rs.getString("decision_key"), rs.getString("dmn_xml"), rs.getInt("base_version"),
                rs.getString("release_hash"), rs.getString("updated_by"), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("submitted_by"), rs.getString("submitted_comment"));
    }

    record TableRow(String decisionKey, String resourceName, String name) {
    }

    record VersionRow(String decisionKey, int version, String camundaDefinitionId, String origin, String xml,
            String contentHash, String comment, String createdBy, String approvedBy, Integer restoredFrom,
            Instant createdAt) {
    }

    record ReleaseRow(String decisionKey, String contentHash, String xml, String testsJson, String status,
            Instant seenAt) {
    }

    record DraftRow(String decisionKey, String xml, int baseVersion, String releaseHash, String updatedBy,
            Instant updatedAt, String submittedBy, String submittedComment) {
    }

    record TestCaseRow(UUID id, String name, String inputsJson, String expectedJson, String origin) {
    }
}
