package org.pestle.pdmp.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The tables {@code pdmp_submission} and {@code pdmp_record}, in the caller's transaction and scope. */
@Repository
class PdmpRecords {

    /** A record's kind, as DSP01 carries it. */
    enum Kind {
        NEW("00"), REVISE("01"), VOID("02");

        final String dsp01;

        Kind(String dsp01) {
            this.dsp01 = dsp01;
        }
    }

    /** Where a record stands. */
    enum Status {
        /** Waiting for the next file. */
        PENDING,
        /** A value the state requires is missing: a pharmacist's task names it. */
        BLOCKED,
        /** In a file sent, no answer yet. */
        SUBMITTED,
        /** The state took it. */
        ACCEPTED,
        /** The state's error report names it: a pharmacist's task corrects it (a revise) or voids it. */
        FAILED,
        /** Failed and since corrected by a revise or void record. */
        CORRECTED
    }

    record Submission(UUID id, String state, LocalDate reportingDay, String kind, String controlNumber,
            String fileName, String sha256, int recordCount, String status, String answer, Instant createdAt,
            Instant uploadedAt, Instant answeredAt) {

        boolean zeroReport() {
            return "ZERO".equals(kind);
        }
    }

    record PdmpRecord(UUID id, UUID dispenseId, UUID organizationId, UUID clinicId, UUID patientId, Kind kind,
            Status status, UUID submissionId, String rxNumber, String missingField, String errorText,
            Instant handedOverAt, Instant dueAt, Instant createdAt, Instant updatedAt) {
    }

    private final JdbcClient jdbc;

    PdmpRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean hasNewRecord(UUID dispenseId) {
        return jdbc.sql("select count(*) from pdmp_record where dispense_id = ? and kind = 'NEW'").param(dispenseId)
                .query(Long.class).single() > 0;
    }

    void insertRecord(UUID id, UUID dispenseId, UUID organizationId, UUID clinicId, UUID patientId, Kind kind,
            String rxNumber, Instant handedOverAt, Instant dueAt, Instant now) {
        jdbc.sql("""
                insert into pdmp_record (id, dispense_id, organization_id, clinic_id, patient_id, kind, status, rx_number,
                    handed_over_at, due_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'PENDING', ?, ?, ?, ?, ?)
                on conflict do nothing""")
                .params(id, dispenseId, organizationId, clinicId, patientId, kind.name(), rxNumber, ts(handedOverAt),
                        ts(dueAt), ts(now), ts(now))
                .update();
    }

    List<PdmpRecord> withStatus(Status status) {
        return jdbc.sql("select * from pdmp_record where status = ? order by handed_over_at, created_at")
                .param(status.name()).query(PdmpRecords::record).list();
    }

    List<PdmpRecord> open() {
        return jdbc.sql("""
                select * from pdmp_record where status in ('PENDING', 'BLOCKED', 'SUBMITTED', 'FAILED')
                order by due_at, created_at""").query(PdmpRecords::record).list();
    }

    List<PdmpRecord> ofSubmission(UUID submissionId) {
        return jdbc.sql("select * from pdmp_record where submission_id = ? order by created_at")
                .param(submissionId).query(PdmpRecords::record).list();
    }

    List<PdmpRecord> ofDispense(UUID dispenseId) {
        return jdbc.sql("select * from pdmp_record where dispense_id = ? order by created_at")
                .param(dispenseId).query(PdmpRecords::record).list();
    }

    Optional<PdmpRecord> record(UUID id) {
        return jdbc.sql("select * from pdmp_record where id = ?").param(id).query(PdmpRecords::record).optional();
    }

    void block(UUID id, String missingField, Instant now) {
        jdbc.sql("update pdmp_record set status = 'BLOCKED', missing_field = ?, updated_at = ? where id = ?")
                .params(missingField, ts(now), id).update();
    }

    void moveTo(UUID id, Status status, Instant now) {
        jdbc.sql("update pdmp_record set status = ?, missing_field = null, updated_at = ? where id = ?")
                .params(status.name(), ts(now), id).update();
    }

    void submitted(UUID id, UUID submissionId, Instant now) {
        jdbc.sql("update pdmp_record set status = 'SUBMITTED', submission_id = ?, updated_at = ? where id = ?")
                .params(submissionId, ts(now), id).update();
    }

    void failed(UUID id, String errorText, Instant now) {
        jdbc.sql("update pdmp_record set status = 'FAILED', error_text = ?, updated_at = ? where id = ?")
                .params(errorText, ts(now), id).update();
    }

    Optional<Submission> submissionOf(String state, LocalDate day) {
        return jdbc.sql("select * from pdmp_submission where state = ? and reporting_day = ?").params(state, day)
                .query(PdmpRecords::submission).optional();
    }

    Optional<Submission> submission(UUID id) {
        return jdbc.sql("select * from pdmp_submission where id = ?").param(id).query(PdmpRecords::submission).optional();
    }

    List<Submission> submissions(int limit) {
        return jdbc.sql("select * from pdmp_submission order by reporting_day desc, created_at desc limit ?")
                .param(limit).query(PdmpRecords::submission).list();
    }

    byte[] ciphertext(UUID submissionId) {
        return jdbc.sql("select file_ciphertext from pdmp_submission where id = ?").param(submissionId)
                .query(byte[].class).single();
    }

    void insertSubmission(Submission s, byte[] ciphertext) {
        jdbc.sql("""
                insert into pdmp_submission (id, state, reporting_day, kind, control_number, file_name, file_ciphertext,
                    file_sha256, record_count, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'WRITTEN', ?)""")
                .params(s.id(), s.state(), s.reportingDay(), s.kind(), s.controlNumber(), s.fileName(), ciphertext,
                        s.sha256(), s.recordCount(), ts(s.createdAt()))
                .update();
    }

    void uploaded(UUID submissionId, Instant now) {
        jdbc.sql("update pdmp_submission set status = 'UPLOADED', uploaded_at = ? where id = ? and status = 'WRITTEN'")
                .params(ts(now), submissionId).update();
    }

    void answered(UUID submissionId, String status, String answer, Instant now) {
        jdbc.sql("update pdmp_submission set status = ?, answer = ?, answered_at = ? where id = ?")
                .params(status, answer, ts(now), submissionId).update();
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Submission submission(ResultSet rs, int row) throws SQLException {
        return new Submission(rs.getObject("id", UUID.class), rs.getString("state"),
                rs.getObject("reporting_day", LocalDate.class), rs.getString("kind"), rs.getString("control_number"),
                rs.getString("file_name"), rs.getString("file_sha256"), rs.getInt("record_count"), rs.getString("status"),
                rs.getString("answer"), instant(rs, "created_at"), instant(rs, "uploaded_at"), instant(rs, "answered_at"));
    }

    private static PdmpRecord record(ResultSet rs, int row) throws SQLException {
        return new PdmpRecord(rs.getObject("id", UUID.class), rs.getObject("dispense_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getObject("clinic_id", UUID.class),
                rs.getObject("patient_id", UUID.class), Kind.valueOf(rs.getString("kind")),
                Status.valueOf(rs.getString("status")), rs.getObject("submission_id", UUID.class),
                rs.getString("rx_number"), rs.getString("missing_field"), rs.getString("error_text"),
                instant(rs, "handed_over_at"), instant(rs, "due_at"), instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }
}
