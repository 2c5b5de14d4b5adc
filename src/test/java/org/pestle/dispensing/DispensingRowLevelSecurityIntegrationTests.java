package org.pestle.dispensing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pestle.support.AppRole.appRole;
import static org.pestle.support.AppRole.count;
import static org.pestle.support.AppRole.scope;
import static org.pestle.support.AppRole.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;

/**
 * Row-level security on the dispensing tables, as the application's role sees them (V81): no scope sees
 * nothing, a clinic sees only its own orders' compounding, checks and dispenses, and cannot write another's.
 */
@IntegrationTest
class DispensingRowLevelSecurityIntegrationTests {

    static final List<String> PROTECTED = List.of("compounding_record", "compounding_ingredient", "final_check",
            "dispense_record");

    @Test
    void everyDispensingTableHasForcedRowLevelSecurity() throws SQLException {
        try (Connection db = appRole()) {
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from pg_class where relname = '" + table
                        + "' and relrowsecurity and relforcerowsecurity")).as(table).isEqualTo(1);
            }
        }
    }

    @Test
    void aClinicSeesOnlyItsOwnOrdersCompoundingAndDispensesAndWritesNoOtherClinics() throws SQLException {
        UUID order = UUID.randomUUID();
        UUID record = UUID.randomUUID();
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "system", "");
            String organization = "(select organization_id from clinic where id = '" + Demo.NORTHSIDE + "')";
            update(db, "insert into orders (id, order_number, organization_id, clinic_id, patient_id, prescriber_id,"
                    + " status, submitted_by, version) values ('" + order + "', 990000001, " + organization + ", '"
                    + Demo.NORTHSIDE + "', '" + Demo.PATIENT_NORTHSIDE + "', (select id from prescriber limit 1),"
                    + " 'READY', 'rls-test', 0)");
            update(db, "insert into compounding_record (id, organization_id, clinic_id, patient_id, order_id,"
                    + " order_number, line_number, attempt, compound_id, formulation_version, units, status,"
                    + " control_number, compounded_by, compounded_at, bud_date) values ('" + record + "', "
                    + organization + ", '" + Demo.NORTHSIDE + "', '" + Demo.PATIENT_NORTHSIDE + "', '" + order
                    + "', 990000001, 1, 1, '" + Demo.NALTREXONE + "', 1, 10, 'CHECKED', 'CR-RLS-1', 'technician',"
                    + " now(), current_date)");
            update(db, "insert into compounding_ingredient (record_id, position, item_id, lot_id, lot_number,"
                    + " lot_expires_on, quantity) values ('" + record + "', 0, gen_random_uuid(), gen_random_uuid(),"
                    + " 'RLS-LOT', current_date, 1)");
            update(db, "insert into dispense_record (id, organization_id, clinic_id, patient_id, order_id,"
                    + " order_number, line_number, compounding_record_id, compound_id, quantity, controlled_schedule,"
                    + " bud_date, pharmacist) values (gen_random_uuid(), " + organization + ", '" + Demo.NORTHSIDE
                    + "', '" + Demo.PATIENT_NORTHSIDE + "', '" + order + "', 990000001, 1, '" + record + "', '"
                    + Demo.NALTREXONE + "', 10, 0, current_date, 'pharmacist')");

            scope(db, "", "");
            assertThat(count(db, "select count(*) from compounding_record where id = '" + record + "'")).isZero();
            scope(db, "clinics", Demo.NORTHSIDE.toString());
            for (String table : List.of("compounding_record", "compounding_ingredient", "dispense_record")) {
                assertThat(count(db, "select count(*) from " + table + " where " + mine(table, order, record)))
                        .as(table).isEqualTo(1);
            }
            scope(db, "clinics", Demo.LAKESIDE.toString());
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from " + table + " where " + mine(table, order, record)))
                        .as(table).isZero();
            }
            assertThat(update(db, "update dispense_record set picked_up_by = 'PATIENT' where order_id = '" + order
                    + "'")).isZero();
            assertThatThrownBy(() -> update(db, "insert into final_check (organization_id, clinic_id, patient_id,"
                    + " order_id, attempt, checked_by, outcome) values (" + organization + ", '" + Demo.NORTHSIDE
                    + "', '" + Demo.PATIENT_NORTHSIDE + "', '" + order + "', 1, 'someone', 'APPROVED')"))
                    .hasMessageContaining("row-level security");
            db.rollback();
        }
    }

    private static String mine(String table, UUID order, UUID record) {
        return switch (table) {
            case "compounding_ingredient" -> "record_id = '" + record + "'";
            case "compounding_record" -> "id = '" + record + "'";
            default -> "order_id = '" + order + "'";
        };
    }
}
