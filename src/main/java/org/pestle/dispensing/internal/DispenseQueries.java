package org.pestle.dispensing.internal;

import java.util.List;
import java.util.UUID;

import org.pestle.dispensing.Dispense;
import org.pestle.dispensing.Dispenses;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The dispense records, in the caller's transaction and scope. */
@Service
@Transactional(readOnly = true)
class DispenseQueries implements Dispenses {

    private final CompoundingRecords records;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    DispenseQueries(CompoundingRecords records, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.records = records;
        this.jdbc = jdbc;
    }

    @Override
    public List<Dispense> ofOrder(UUID orderId) {
        return records.dispenses("d.order_id = ?", "d.line_number", orderId);
    }

    @Override
    public List<Dispense> ofLot(UUID lotId) {
        return records.dispenses("exists (select 1 from compounding_ingredient i where i.record_id = r.id and i.lot_id = ?)",
                "d.released_at desc", lotId);
    }

    @Override
    public List<Dispense> ofPatient(UUID patientId) {
        return records.dispenses("d.patient_id = ?", "d.released_at desc", patientId);
    }

    @Override
    public List<Dispense> controlledNotYetReported() {
        return records.dispenses("d.controlled_schedule <> 0 and coalesce(d.picked_up_at, d.delivered_at) is not null"
                + " and d.pdmp_reported_at is null", "coalesce(d.picked_up_at, d.delivered_at)");
    }

    @Override
    @Transactional
    public int markReportedToPdmp(java.util.Collection<UUID> dispenseIds, java.time.Instant at) {
        if (dispenseIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("update dispense_record set pdmp_reported_at = ? where id = any (?) and pdmp_reported_at is null")
                .params(java.sql.Timestamp.from(at), dispenseIds.toArray(UUID[]::new)).update();
    }

    @Override
    public List<Dispense> byIds(java.util.Collection<UUID> dispenseIds) {
        if (dispenseIds.isEmpty()) {
            return List.of();
        }
        return records.dispenses("d.id = any (?)", "d.released_at", (Object) dispenseIds.toArray(UUID[]::new));
    }
}
