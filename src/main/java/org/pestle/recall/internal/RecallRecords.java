package org.pestle.recall.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.recall.ContactOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The recall tables: one row per recall, per lot and per patient concerned. In the caller's transaction and scope. */
@Repository
class RecallRecords {

    private final JdbcClient jdbc;

    RecallRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record RecallRow(UUID id, String recallNumber, String recallKey, String classification, String fdaStatus,
            String recallingFirm, String productDescription, String codeInfo, String status, String contactDue,
            Boolean callAsWell, Boolean prescriberFirst, String confirmedBy, Instant confirmedAt,
            String processInstanceId, Instant closedAt) {
    }

    record LotRow(UUID lotId, UUID itemId, String lotNumber, boolean included, boolean byHand, String handReason,
            BigDecimal onHandAtQuarantine, String removal, BigDecimal removedQuantity, String removedBy,
            Instant removedAt) {
    }

    record PatientRow(UUID recallId, UUID patientId, UUID organizationId, UUID clinicId, UUID prescriberId,
            List<UUID> dispenseIds, List<UUID> orderIds, UUID textMessageId, String textStatus,
            Instant prescriberNotifiedAt, Instant escalatedAt, ContactOutcome outcome, String resolvedBy,
            Instant resolvedAt) {
    }

    void insert(UUID id, String recallNumber, String recallKey, String classification, String fdaStatus,
            String recallingFirm, String productDescription, String codeInfo, String recordJson, String confirmedBy) {
        jdbc.sql("""
                insert into recall (id, recall_number, recall_key, classification, fda_status, recalling_firm,
                                    product_description, code_info, record, confirmed_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
                .params(id, recallNumber, recallKey, classification, fdaStatus, recallingFirm, productDescription,
                        codeInfo, recordJson, confirmedBy)
                .update();
    }

    void insertLot(UUID recallId, UUID lotId, UUID itemId, String lotNumber, boolean included, boolean byHand,
            String reason) {
        jdbc.sql("""
                insert into recall_lot (recall_id, lot_id, item_id, lot_number, included, by_hand, hand_reason)
                values (?, ?, ?, ?, ?, ?, ?)""").params(recallId, lotId, itemId, lotNumber, included, byHand, reason)
                .update();
    }

    void processStarted(UUID recallId, String processInstanceId) {
        jdbc.sql("update recall set process_instance_id = ? where id = ?").params(processInstanceId, recallId).update();
    }

    void response(UUID recallId, String contactDue, boolean callAsWell, boolean prescriberFirst) {
        jdbc.sql("update recall set contact_due = ?, call_as_well = ?, prescriber_first = ? where id = ?")
                .params(contactDue, callAsWell, prescriberFirst, recallId).update();
    }

    Optional<RecallRow> find(UUID id) {
        return jdbc.sql(RECALL + " where id = ?").param(id).query(RecallRecords::recall).optional();
    }

    Optional<RecallRow> byKey(String recallKey) {
        return jdbc.sql(RECALL + " where recall_key = ?").param(recallKey).query(RecallRecords::recall).optional();
    }

    List<RecallRow> all() {
        return jdbc.sql(RECALL + " order by confirmed_at desc").query(RecallRecords::recall).list();
    }

    List<LotRow> lots(UUID recallId) {
        return jdbc.sql("""
                select lot_id, item_id, lot_number, included, by_hand, hand_reason, on_hand_at_quarantine, removal,
                       removed_quantity, removed_by, removed_at
                from recall_lot where recall_id = ? order by lot_number, lot_id""").param(recallId)
                .query((rs, row) -> new LotRow(rs.getObject("lot_id", UUID.class), rs.getObject("item_id", UUID.class),
                        rs.getString("lot_number"), rs.getBoolean("included"), rs.getBoolean("by_hand"),
                        rs.getString("hand_reason"), rs.getBigDecimal("on_hand_at_quarantine"), rs.getString("removal"),
                        rs.getBigDecimal("removed_quantity"), rs.getString("removed_by"), instant(rs, "removed_at")))
                .list();
    }

    void quarantined(UUID recallId, UUID lotId, BigDecimal onHand) {
        jdbc.sql("update recall_lot set on_hand_at_quarantine = ? where recall_id = ? and lot_id = ?")
                .params(onHand, recallId, lotId).update();
    }

    void removed(UUID recallId, UUID lotId, String removal, BigDecimal quantity, String removedBy) {
        jdbc.sql("""
                update recall_lot set removal = ?, removed_quantity = ?, removed_by = ?, removed_at = now()
                where recall_id = ? and lot_id = ? and removal is null""")
                .params(removal, quantity, removedBy, recallId, lotId).update();
    }

    /** Adds a patient concerned; a second call for the same patient (a retried job) adds nothing. */
    void insertPatient(UUID recallId, UUID patientId, UUID organizationId, UUID clinicId, UUID prescriberId,
            List<UUID> dispenseIds, List<UUID> orderIds) {
        jdbc.sql("""
                insert into recall_patient (recall_id, patient_id, organization_id, clinic_id, prescriber_id,
                                            dispense_ids, order_ids)
                values (?, ?, ?, ?, ?, cast(? as uuid[]), cast(? as uuid[])) on conflict do nothing""")
                .params(recallId, patientId, organizationId, clinicId, prescriberId, pgArray(dispenseIds), pgArray(orderIds))
                .update();
    }

    List<PatientRow> patients(UUID recallId) {
        return jdbc.sql(PATIENT + " where recall_id = ? order by patient_id").param(recallId)
                .query(RecallRecords::patient).list();
    }

    Optional<PatientRow> patient(UUID recallId, UUID patientId) {
        return jdbc.sql(PATIENT + " where recall_id = ? and patient_id = ?").params(recallId, patientId)
                .query(RecallRecords::patient).optional();
    }

    List<PatientRow> ofPatient(UUID patientId) {
        return jdbc.sql(PATIENT + " where patient_id = ?").param(patientId).query(RecallRecords::patient).list();
    }

    void texted(UUID recallId, UUID patientId, String textStatus, UUID messageId) {
        jdbc.sql("update recall_patient set text_status = ?, text_message_id = ? where recall_id = ? and patient_id = ?")
                .params(textStatus, messageId, recallId, patientId).update();
    }

    void prescriberNotified(UUID recallId, UUID patientId) {
        jdbc.sql("""
                update recall_patient set prescriber_notified_at = now()
                where recall_id = ? and patient_id = ? and prescriber_notified_at is null""")
                .params(recallId, patientId).update();
    }

    void escalated(UUID recallId, UUID patientId) {
        jdbc.sql("""
                update recall_patient set escalated_at = now()
                where recall_id = ? and patient_id = ? and escalated_at is null""").params(recallId, patientId).update();
    }

    /** Records the outcome once; answers whether this call recorded it. */
    boolean resolve(UUID recallId, UUID patientId, ContactOutcome outcome, String resolvedBy) {
        return jdbc.sql("""
                update recall_patient set outcome = ?, resolved_by = ?, resolved_at = now()
                where recall_id = ? and patient_id = ? and outcome is null""")
                .params(outcome.name(), resolvedBy, recallId, patientId).update() == 1;
    }

    void close(UUID recallId) {
        jdbc.sql("update recall set status = 'CLOSED', closed_at = now() where id = ? and status = 'OPEN'")
                .param(recallId).update();
    }

    private static final String RECALL = """
            select id, recall_number, recall_key, classification, fda_status, recalling_firm, product_description,
                   code_info, status, contact_due, call_as_well, prescriber_first, confirmed_by, confirmed_at,
                   process_instance_id, closed_at
            from recall""";

    private static final String PATIENT = """
            select recall_id, patient_id, organization_id, clinic_id, prescriber_id, dispense_ids, order_ids,
                   text_message_id, text_status, prescriber_notified_at, escalated_at, outcome, resolved_by, resolved_at
            from recall_patient""";

    private static RecallRow recall(ResultSet rs, int row) throws SQLException {
        return new RecallRow(rs.getObject("id", UUID.class), rs.getString("recall_number"), rs.getString("recall_key"),
                rs.getString("classification"), rs.getString("fda_status"), rs.getString("recalling_firm"),
                rs.getString("product_description"), rs.getString("code_info"), rs.getString("status"),
                rs.getString("contact_due"), (Boolean) rs.getObject("call_as_well"),
                (Boolean) rs.getObject("prescriber_first"), rs.getString("confirmed_by"), instant(rs, "confirmed_at"),
                rs.getString("process_instance_id"), instant(rs, "closed_at"));
    }

    private static PatientRow patient(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new PatientRow(rs.getObject("recall_id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getObject("organization_id", UUID.class), rs.getObject("clinic_id", UUID.class),
                rs.getObject("prescriber_id", UUID.class), uuids(rs.getArray("dispense_ids")),
                uuids(rs.getArray("order_ids")), rs.getObject("text_message_id", UUID.class), rs.getString("text_status"),
                instant(rs, "prescriber_notified_at"), instant(rs, "escalated_at"),
                outcome == null ? null : ContactOutcome.valueOf(outcome), rs.getString("resolved_by"),
                instant(rs, "resolved_at"));
    }

    private static String pgArray(List<UUID> ids) {
        return "{" + String.join(",", ids.stream().map(UUID::toString).toList()) + "}";
    }

    private static List<UUID> uuids(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(o -> (UUID) o).toList();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
