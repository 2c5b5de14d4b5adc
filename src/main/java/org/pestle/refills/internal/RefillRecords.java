package org.pestle.refills.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The refill table, in the caller's transaction and data scope. */
@Repository
class RefillRecords {

    private static final String SELECT = """
            select id, organization_id, clinic_id, patient_id, prescription_order_id, prescription_line, prescribed_at,
                   dispensed_order_id, dispensed_order_number, dispensed_line, compound_id, controlled_schedule,
                   maintenance, days_supply, refill_number, refills_left, dispensed_at, runs_out_on, state,
                   reminders_sent, refill_order_id
            from refill""";

    private final JdbcClient jdbc;

    RefillRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Saves a new refill; false when the dispense already has one. */
    boolean insert(RefillRow r) {
        return jdbc.sql("""
                insert into refill (id, organization_id, clinic_id, patient_id, prescription_order_id,
                    prescription_line, prescribed_at, dispensed_order_id, dispensed_order_number, dispensed_line,
                    dispense_id, compound_id, controlled_schedule, maintenance, days_supply, refills_authorized,
                    refill_number, refills_left, dispensed_at, runs_out_on, state)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'SCHEDULED')
                on conflict (dispense_id) do nothing""")
                .params(r.id(), r.organizationId(), r.clinicId(), r.patientId(), r.prescriptionOrderId(),
                        r.prescriptionLine(), Timestamp.from(r.prescribedAt()), r.dispensedOrderId(),
                        r.dispensedOrderNumber(), r.dispensedLine(), r.id(), r.compoundId(), r.controlledSchedule(),
                        r.maintenance(), r.daysSupply(), r.refillsLeft() + r.refillNumber() - 1, r.refillNumber(),
                        r.refillsLeft(), Timestamp.from(r.dispensedAt()), r.runsOutOn())
                .update() == 1;
    }

    Optional<RefillRow> find(UUID id) {
        return jdbc.sql(SELECT + " where id = ?").param(id).query(RefillRecords::row).optional();
    }

    /** The patient's open refills, soonest first. */
    List<RefillRow> openOfPatient(UUID patientId) {
        return jdbc.sql(SELECT + " where patient_id = ? and state in ('SCHEDULED', 'REMINDED', 'REMINDED_AGAIN')"
                + " order by runs_out_on, id").param(patientId).query(RefillRecords::row).list();
    }

    /** When the reminder was planned for, once planned. */
    Optional<Instant> reminderDueAt(UUID id) {
        return jdbc.sql("select reminder_due_at from refill where id = ? and reminder_due_at is not null").param(id)
                .query((rs, row) -> rs.getTimestamp(1).toInstant()).optional();
    }

    void processStarted(UUID id, String processInstanceId) {
        jdbc.sql("update refill set process_instance_id = ?, updated_at = now() where id = ?")
                .params(processInstanceId, id).update();
    }

    void planned(UUID id, Instant reminderDueAt) {
        jdbc.sql("update refill set reminder_due_at = ?, updated_at = now() where id = ?")
                .params(Timestamp.from(reminderDueAt), id).update();
    }

    void reminded(UUID id, int reminder) {
        jdbc.sql("""
                update refill set reminders_sent = greatest(reminders_sent, ?),
                    state = case when ? = 1 then 'REMINDED' else 'REMINDED_AGAIN' end, updated_at = now()
                where id = ?""").params(reminder, reminder, id).update();
    }

    void answered(UUID id, String via) {
        jdbc.sql("update refill set answered_at = coalesce(answered_at, now()), answered_via = coalesce(answered_via, ?),"
                + " updated_at = now() where id = ?").params(via, id).update();
    }

    void state(UUID id, String state, String reason) {
        jdbc.sql("update refill set state = ?, state_reason = ?, updated_at = now() where id = ?")
                .params(state, reason, id).update();
    }

    void ordered(UUID id, UUID orderId) {
        jdbc.sql("update refill set state = 'ORDERED', state_reason = null, refill_order_id = ?, updated_at = now()"
                + " where id = ?").params(orderId, id).update();
    }

    private static RefillRow row(ResultSet rs, int row) throws SQLException {
        return new RefillRow(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("clinic_id", UUID.class), rs.getObject("patient_id", UUID.class),
                rs.getObject("prescription_order_id", UUID.class), rs.getInt("prescription_line"),
                rs.getTimestamp("prescribed_at").toInstant(), rs.getObject("dispensed_order_id", UUID.class),
                rs.getLong("dispensed_order_number"), rs.getInt("dispensed_line"),
                rs.getObject("compound_id", UUID.class), rs.getInt("controlled_schedule"),
                rs.getBoolean("maintenance"), rs.getInt("days_supply"), rs.getInt("refill_number"),
                rs.getInt("refills_left"), rs.getTimestamp("dispensed_at").toInstant(),
                rs.getObject("runs_out_on", java.time.LocalDate.class), rs.getString("state"),
                rs.getInt("reminders_sent"), rs.getObject("refill_order_id", UUID.class));
    }
}
