package org.pestle.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pestle.support.AppRole.appRole;
import static org.pestle.support.AppRole.count;
import static org.pestle.support.AppRole.scope;
import static org.pestle.support.AppRole.update;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;

/**
 * Row-level security on the stock tables as the application's role sees them (V70): stock is the
 * pharmacy's, so only the pharmacy and the system scope see or write it; no scope, a clinic or a
 * patient sees nothing and writes nothing.
 */
@IntegrationTest
class StockRowLevelSecurityIntegrationTests {

    static final List<String> PROTECTED = List.of("inventory_item", "inventory_lot", "stock_movement",
            "stock_receipt_submission");
    /** The tables the demo stock fills. */
    static final List<String> STOCK = List.of("inventory_item", "inventory_lot", "stock_movement");

    @Test
    void everyStockTableHasForcedRowLevelSecurity() throws SQLException {
        try (Connection db = appRole()) {
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from pg_class where relname = '" + table
                        + "' and relrowsecurity and relforcerowsecurity")).as(table).isEqualTo(1);
            }
        }
    }

    @Test
    void onlyThePharmacyAndTheSystemSeeStock() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from " + table)).as("no scope: " + table).isZero();
            }
            scope(db, "clinics", Demo.NORTHSIDE + "," + Demo.LAKESIDE, "");
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from " + table)).as("clinics: " + table).isZero();
            }
            scope(db, "patient", "", Demo.PATIENT_NORTHSIDE.toString());
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from " + table)).as("patient: " + table).isZero();
            }
            for (String kind : List.of("pharmacy", "system")) {
                scope(db, kind, "", "");
                for (String table : STOCK) {
                    assertThat(count(db, "select count(*) from " + table)).as(kind + ": " + table).isPositive();
                }
            }
            db.rollback();
        }
    }

    @Test
    void aClinicScopeCannotWriteOrChangeStock() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "clinics", Demo.NORTHSIDE.toString(), "");
            assertThatThrownBy(() -> update(db, "insert into inventory_item (id, ndc, description, unit, created_by)"
                    + " values (gen_random_uuid(), '97000000001', 'Smuggled', 'g', 'dr.reyes')"))
                    .hasMessageContaining("row-level security");
            db.rollback();
            scope(db, "clinics", Demo.NORTHSIDE.toString(), "");
            assertThat(update(db, "update inventory_lot set status = 'AVAILABLE' where status = 'QUARANTINED'"))
                    .isZero();
            db.rollback();
        }
    }
}
