package org.pestle.dispensing.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.pestle.catalog.BeyondUseDate;
import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispense.LotTaken;
import org.pestle.dispensing.IdDocument;
import org.pestle.dispensing.LotDisposition;
import org.pestle.dispensing.PickedUpBy;
import org.pestle.dispensing.SendBackReason;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The dispensing tables: compounding records and their lots, final checks, dispense records. */
@Repository
class CompoundingRecords {

    private final JdbcClient jdbc;

    CompoundingRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Where a compounding record stands. */
    enum Status {
        DRAFT, COMPOUNDED, CHECKED, SENT_BACK, DESTROYED
    }

    /** A compounded preparation that was destroyed, never handed over. */
    record Destruction(UUID recordId, int lineNumber, int attempt, String controlNumber, String destroyedBy,
            Instant destroyedAt, String reason) {
    }

    /** One compounding record with its lots. */
    record Record(UUID id, UUID organizationId, UUID clinicId, UUID patientId, UUID orderId, long orderNumber,
            int lineNumber, int attempt, UUID compoundId, Integer formulationVersion, BigDecimal units, Status status,
            String proposalProblem, String controlNumber, String compoundedBy, Instant compoundedAt, LocalDate budDate,
            String budRule, String checkedBy, Instant checkedAt, String sentBackReason, String lotDisposition,
            List<LotTaken> lots) {

        Record withLots(List<LotTaken> taken) {
            return new Record(id, organizationId, clinicId, patientId, orderId, orderNumber, lineNumber, attempt,
                    compoundId, formulationVersion, units, status, proposalProblem, controlNumber, compoundedBy,
                    compoundedAt, budDate, budRule, checkedBy, checkedAt, sentBackReason, lotDisposition, taken);
        }
    }

    /** A final check as recorded. */
    record Check(int attempt, String checkedBy, Instant checkedAt, String outcome, String reason,
            String lotDisposition) {
    }

    /** The attempt the next compounding of the order is (1 for the first). */
    int nextAttempt(UUID orderId) {
        return jdbc.sql("select coalesce(max(attempt), 0) + 1 from compounding_record where order_id = ?")
                .param(orderId).query(Integer.class).single();
    }

    void insertDraft(Record draft) {
        jdbc.sql("""
                insert into compounding_record (id, organization_id, clinic_id, patient_id, order_id, order_number,
                    line_number, attempt, compound_id, formulation_version, units, status, proposal_problem)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?)""")
                .params(draft.id(), draft.organizationId(), draft.clinicId(), draft.patientId(), draft.orderId(),
                        draft.orderNumber(), draft.lineNumber(), draft.attempt(), draft.compoundId(),
                        draft.formulationVersion(), draft.units(), draft.proposalProblem())
                .update();
        replaceLots(draft.id(), draft.lots());
    }

    /** Replaces the lots of a draft (the proposal, or what the compounder set). */
    void replaceLots(UUID recordId, List<LotTaken> lots) {
        jdbc.sql("delete from compounding_ingredient where record_id = ?").param(recordId).update();
        for (int i = 0; i < lots.size(); i++) {
            LotTaken lot = lots.get(i);
            jdbc.sql("""
                    insert into compounding_ingredient (record_id, position, item_id, lot_id, lot_number,
                        lot_expires_on, quantity) values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(recordId, i, lot.itemId(), lot.lotId(), lot.lotNumber(), lot.expiresOn(), lot.quantity())
                    .update();
        }
    }

    void setProposalProblem(UUID recordId, String problem) {
        jdbc.sql("update compounding_record set proposal_problem = ? where id = ? and status = 'DRAFT'")
                .params(problem, recordId).update();
    }

    /** Every record of the order, oldest attempt first, by line. */
    List<Record> ofOrder(UUID orderId) {
        return withLots(jdbc.sql("select * from compounding_record where order_id = ? order by attempt, line_number")
                .param(orderId).query(CompoundingRecords::record).list());
    }

    /** The order's records in this status (of its latest attempt, where a status repeats across attempts). */
    List<Record> inStatus(UUID orderId, Status status) {
        return withLots(jdbc.sql("""
                select * from compounding_record where order_id = ? and status = ?
                  and attempt = (select max(attempt) from compounding_record where order_id = ? and status = ?)
                order by line_number""")
                .params(orderId, status.name(), orderId, status.name()).query(CompoundingRecords::record).list());
    }

    Optional<Record> draft(UUID orderId, int lineNumber) {
        return inStatus(orderId, Status.DRAFT).stream().filter(r -> r.lineNumber() == lineNumber).findFirst();
    }

    void markCompounded(UUID recordId, String controlNumber, String compoundedBy, Instant at, BeyondUseDate bud) {
        jdbc.sql("""
                update compounding_record set status = 'COMPOUNDED', control_number = ?, compounded_by = ?,
                    compounded_at = ?, bud_date = ?, bud_until = ?, bud_rule = ?, proposal_problem = null
                where id = ? and status = 'DRAFT'""")
                .params(controlNumber, compoundedBy, Timestamp.from(at), bud.date(), Timestamp.from(bud.until()),
                        bud.rule(), recordId)
                .update();
    }

    void markChecked(UUID recordId, String checkedBy, Instant at) {
        jdbc.sql("""
                update compounding_record set status = 'CHECKED', checked_by = ?, checked_at = ?
                where id = ? and status = 'COMPOUNDED'""")
                .params(checkedBy, Timestamp.from(at), recordId).update();
    }

    void markSentBack(UUID recordId, String checkedBy, Instant at, SendBackReason reason, LotDisposition disposition) {
        jdbc.sql("""
                update compounding_record set status = 'SENT_BACK', checked_by = ?, checked_at = ?,
                    sent_back_reason = ?, lot_disposition = ?
                where id = ? and status = 'COMPOUNDED'""")
                .params(checkedBy, Timestamp.from(at), reason.name(), disposition.name(), recordId).update();
    }

    void insertCheck(Record any, String checkedBy, Instant at, String outcome, SendBackReason reason,
            LotDisposition disposition) {
        insertCheck(any, 1, checkedBy, at, outcome, reason, disposition);
    }

    /** A final check of step 1 (the first or only pharmacist) or 2 (the second pharmacist). */
    void insertCheck(Record any, int step, String checkedBy, Instant at, String outcome, SendBackReason reason,
            LotDisposition disposition) {
        jdbc.sql("""
                insert into final_check (organization_id, clinic_id, patient_id, order_id, attempt, checked_by,
                    checked_at, outcome, reason, lot_disposition, step)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(any.organizationId(), any.clinicId(), any.patientId(), any.orderId(), any.attempt(), checkedBy,
                        Timestamp.from(at), outcome, reason == null ? null : reason.name(),
                        disposition == null ? null : disposition.name(), step)
                .update();
    }

    List<Check> checks(UUID orderId) {
        return jdbc.sql("""
                select attempt, checked_by, checked_at, outcome, reason, lot_disposition from final_check
                where order_id = ? order by id""").param(orderId)
                .query((rs, row) -> new Check(rs.getInt("attempt"), rs.getString("checked_by"),
                        rs.getTimestamp("checked_at").toInstant(), rs.getString("outcome"), rs.getString("reason"),
                        rs.getString("lot_disposition")))
                .list();
    }

    UUID insertDispense(Record checked, BigDecimal quantity, int controlledSchedule, String pharmacist, Instant at) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into dispense_record (id, organization_id, clinic_id, patient_id, order_id, order_number,
                    line_number, compounding_record_id, compound_id, quantity, controlled_schedule, bud_date,
                    pharmacist, released_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, checked.organizationId(), checked.clinicId(), checked.patientId(), checked.orderId(),
                        checked.orderNumber(), checked.lineNumber(), checked.id(), checked.compoundId(), quantity,
                        controlledSchedule, checked.budDate(), pharmacist, Timestamp.from(at))
                .update();
        return id;
    }

    void recordPickup(UUID dispenseId, PickedUpBy pickedUpBy, IdDocument idDocument, String recordedBy, Instant at) {
        jdbc.sql("""
                update dispense_record set picked_up_by = ?, id_document = ?, pickup_recorded_by = ?, picked_up_at = ?
                where id = ? and picked_up_at is null""")
                .params(pickedUpBy.name(), idDocument == null ? null : idDocument.name(), recordedBy,
                        Timestamp.from(at), dispenseId)
                .update();
    }

    /**
     * The order's preparations that were made and never handed over (COMPOUNDED, or CHECKED and not picked up
     * or shipped), locked for the destroying transaction.
     */
    List<Record> madeAndNotHandedOver(UUID orderId) {
        return withLots(jdbc.sql("""
                select r.* from compounding_record r where r.order_id = ? and r.status in ('COMPOUNDED', 'CHECKED')
                  and not exists (select 1 from dispense_record d where d.compounding_record_id = r.id
                                  and (d.picked_up_at is not null or d.shipped_at is not null))
                order by r.line_number for update of r""").param(orderId).query(CompoundingRecords::record).list());
    }

    void markDestroyed(UUID recordId, String destroyedBy, Instant at, String reason) {
        jdbc.sql("""
                update compounding_record set status = 'DESTROYED', destroyed_by = ?, destroyed_at = ?,
                    destruction_reason = ? where id = ? and status in ('COMPOUNDED', 'CHECKED')""")
                .params(destroyedBy, Timestamp.from(at), reason, recordId).update();
        jdbc.sql("""
                update dispense_record set destroyed_by = ?, destroyed_at = ?, destruction_reason = ?
                where compounding_record_id = ? and destroyed_at is null""")
                .params(destroyedBy, Timestamp.from(at), reason, recordId).update();
    }

    List<Destruction> destructions(UUID orderId) {
        return jdbc.sql("""
                select id, line_number, attempt, control_number, destroyed_by, destroyed_at, destruction_reason
                from compounding_record where order_id = ? and status = 'DESTROYED' order by attempt, line_number""")
                .param(orderId)
                .query((rs, row) -> new Destruction(rs.getObject("id", UUID.class), rs.getInt("line_number"),
                        rs.getInt("attempt"), rs.getString("control_number"), rs.getString("destroyed_by"),
                        rs.getTimestamp("destroyed_at").toInstant(), rs.getString("destruction_reason")))
                .list();
    }

    void recordShipment(UUID dispenseId, String carrier, String trackingNumber, String shippedBy, Instant at) {
        jdbc.sql("""
                update dispense_record set carrier = ?, tracking_number = ?, shipped_by = ?, shipped_at = ?
                where id = ? and shipped_at is null and picked_up_at is null and destroyed_at is null""")
                .params(carrier, trackingNumber, shippedBy, Timestamp.from(at), dispenseId).update();
    }

    void recordDelivery(UUID dispenseId, String recordedBy, Instant at) {
        jdbc.sql("""
                update dispense_record set delivery_recorded_by = ?, delivered_at = ?
                where id = ? and shipped_at is not null and delivered_at is null""")
                .params(recordedBy, Timestamp.from(at), dispenseId).update();
    }

    /** Dispenses selected by a condition on {@code d} (dispense_record), with their lots. */
    List<Dispense> dispenses(String where, String orderBy, Object... params) {
        List<Dispense> found = jdbc.sql("""
                select d.*, r.control_number, r.formulation_version from dispense_record d
                join compounding_record r on r.id = d.compounding_record_id""" + " where " + where + " order by " + orderBy)
                .params(params).query(CompoundingRecords::dispense).list();
        List<Dispense> withLots = new ArrayList<>();
        for (Dispense d : found) {
            withLots.add(d.withLots(lots(d.compoundingRecordId())));
        }
        return withLots;
    }

    private List<Record> withLots(List<Record> records) {
        return records.stream().map(r -> r.withLots(lots(r.id()))).toList();
    }

    private List<LotTaken> lots(UUID recordId) {
        return jdbc.sql("""
                select item_id, lot_id, lot_number, lot_expires_on, quantity from compounding_ingredient
                where record_id = ? order by position""").param(recordId)
                .query((rs, row) -> new LotTaken(rs.getObject("item_id", UUID.class),
                        rs.getObject("lot_id", UUID.class), rs.getString("lot_number"),
                        rs.getObject("lot_expires_on", LocalDate.class), plain(rs.getBigDecimal("quantity"))))
                .list();
    }

    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    private static Record record(ResultSet rs, int row) throws SQLException {
        return new Record(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("clinic_id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getObject("order_id", UUID.class), rs.getLong("order_number"), rs.getInt("line_number"),
                rs.getInt("attempt"), rs.getObject("compound_id", UUID.class),
                (Integer) rs.getObject("formulation_version"), plain(rs.getBigDecimal("units")),
                Status.valueOf(rs.getString("status")), rs.getString("proposal_problem"),
                rs.getString("control_number"), rs.getString("compounded_by"), instant(rs, "compounded_at"),
                rs.getObject("bud_date", LocalDate.class), rs.getString("bud_rule"), rs.getString("checked_by"),
                instant(rs, "checked_at"), rs.getString("sent_back_reason"), rs.getString("lot_disposition"),
                List.of());
    }

    private static Dispense dispense(ResultSet rs, int row) throws SQLException {
        return new Dispense(rs.getObject("id", UUID.class), rs.getObject("order_id", UUID.class),
                rs.getLong("order_number"), rs.getInt("line_number"), rs.getObject("organization_id", UUID.class),
                rs.getObject("clinic_id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getObject("compound_id", UUID.class), rs.getObject("compounding_record_id", UUID.class),
                rs.getInt("formulation_version"), rs.getString("control_number"), plain(rs.getBigDecimal("quantity")), rs.getInt("controlled_schedule"),
                rs.getObject("bud_date", LocalDate.class), rs.getString("pharmacist"), instant(rs, "released_at"),
                rs.getString("picked_up_by"), rs.getString("id_document"), rs.getString("pickup_recorded_by"),
                instant(rs, "picked_up_at"), instant(rs, "pdmp_reported_at"), rs.getString("carrier"),
                rs.getString("tracking_number"), rs.getString("shipped_by"), instant(rs, "shipped_at"),
                rs.getString("delivery_recorded_by"), instant(rs, "delivered_at"), rs.getString("destroyed_by"),
                instant(rs, "destroyed_at"), rs.getString("destruction_reason"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
