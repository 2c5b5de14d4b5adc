package org.pestle.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;
import static org.pestle.support.AppRole.appRole;
import static org.pestle.support.AppRole.count;
import static org.pestle.support.AppRole.scope;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * Row-level security seen from the runtime role itself, in plain SQL: what a bug in a query, or an
 * attacker with the application's database credentials, would get.
 */
@IntegrationTest
class RowLevelSecurityIntegrationTests {

    static final List<String> PROTECTED = List.of("patient", "orders", "order_line", "order_review",
            "order_submission");

    @Autowired
    TestRestTemplate http;

    UUID northsideOrder;
    UUID lakesideOrder;

    @BeforeEach
    void oneOrderInEachOfTwoClinics() {
        Api api = new Api(http);
        northsideOrder = UUID.fromString(api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE, line(Demo.NALTREXONE)),
                java.util.Map.of("Idempotency-Key", UUID.randomUUID().toString())).json().get("id").asText());
        lakesideOrder = UUID.fromString(api.post(Demo.OKAFOR, "/api/orders",
                order(Demo.LAKESIDE, Demo.PATIENT_LAKESIDE, line(Demo.MOUTHWASH))).json().get("id").asText());
    }

    @Test
    void withoutAScopeEveryProtectedTableLooksEmpty() throws SQLException {
        try (Connection db = appRole()) {
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from " + table)).as(table).isZero();
            }
        }
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "system", "", "");
            for (String table : List.of("patient", "orders", "order_line", "order_submission")) {
                assertThat(count(db, "select count(*) from " + table)).as(table).isPositive();
            }
        }
    }

    @Test
    void clinicScopeSeesOnlyItsClinicEvenWhenTheQueryNamesAnother() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "clinics", Demo.NORTHSIDE.toString(), "");

            assertThat(count(db, "select count(*) from orders where id = '" + northsideOrder + "'")).isEqualTo(1);
            assertThat(count(db, "select count(*) from orders where id = '" + lakesideOrder + "'")).isZero();
            assertThat(count(db, "select count(*) from orders where clinic_id <> '" + Demo.NORTHSIDE + "'")).isZero();
            assertThat(count(db, "select count(*) from order_line where order_id = '" + lakesideOrder + "'")).isZero();
            assertThat(count(db, "select count(*) from patient where id = '" + Demo.PATIENT_SUMMIT + "'")).isZero();
            assertThat(count(db, "select count(*) from patient where id = '" + Demo.PATIENT_NORTHSIDE + "'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void clinicScopeCannotChangeOrCreateAnotherClinicsRows() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "clinics", Demo.NORTHSIDE.toString(), "");

            try (Statement s = db.createStatement()) {
                assertThat(s.executeUpdate("update orders set status_reason = 'x' where id = '" + lakesideOrder + "'"))
                        .isZero();
                assertThat(s.executeUpdate("delete from patient where id = '" + Demo.PATIENT_LAKESIDE + "'")).isZero();
                assertThatThrownBy(() -> s.execute("""
                        insert into patient (id, organization_id, clinic_id)
                        values ('%s', '00000000-0000-4000-8000-000000000002', '%s')"""
                        .formatted(UUID.randomUUID(), Demo.LAKESIDE)))
                        .hasMessageContaining("row-level security");
            }
            db.rollback();
        }
    }

    @Test
    void patientScopeSeesOnlyThatPatientsRows() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "patient", "", Demo.PATIENT_LAKESIDE.toString());

            assertThat(count(db, "select count(*) from patient")).isEqualTo(1);
            assertThat(count(db, "select count(*) from orders where patient_id <> '" + Demo.PATIENT_LAKESIDE + "'"))
                    .isZero();
            assertThat(count(db, "select count(*) from orders where id = '" + lakesideOrder + "'")).isEqualTo(1);
        }
    }

    @Test
    void anUnknownScopeSeesNothing() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "admin", Demo.NORTHSIDE.toString(), "");
            assertThat(count(db, "select count(*) from orders")).isZero();
        }
    }

    @Test
    void theScopeEndsWithItsTransaction() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "system", "", "");
            assertThat(count(db, "select count(*) from orders")).isPositive();
            db.commit();
            assertThat(count(db, "select count(*) from orders")).isZero();
        }
    }

    @Test
    void theRuntimeRoleOwnsNothingAndCannotTurnSecurityOff() throws SQLException {
        try (Connection db = appRole()) {
            assertThat(count(db, "select count(*) from pg_tables where tableowner = current_user")).isZero();
            assertThat(count(db, "select count(*) from pg_roles where rolname = current_user and "
                    + "(rolbypassrls or rolsuper or rolcreaterole or rolcreatedb)")).isZero();
            try (Statement s = db.createStatement()) {
                assertThatThrownBy(() -> s.execute("alter table orders disable row level security"))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> s.execute("drop policy orders_scope on orders"))
                        .hasMessageContaining("must be owner");
                s.execute("set row_security = off");
                assertThatThrownBy(() -> s.executeQuery("select count(*) from orders"))
                        .hasMessageContaining("row-level security");
            }
        }
    }

    @Test
    void everyProtectedTableHasForcedRowLevelSecurity() throws SQLException {
        try (Connection db = appRole()) {
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from pg_class where relname = '" + table
                        + "' and relrowsecurity and relforcerowsecurity")).as(table).isEqualTo(1);
            }
        }
    }
}
