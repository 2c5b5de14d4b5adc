package org.pestle.payments;

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
 * Row-level security on the payments and messaging tables, as the application's role sees them
 * (V13): no scope sees nothing, a clinic sees its own rows, keyed number hashes are the system's.
 */
@IntegrationTest
class PaymentRowLevelSecurityIntegrationTests {

    static final List<String> PROTECTED = List.of("clinic_payment_method", "payment", "payment_checkout",
            "invoice_line", "stripe_event", "stripe_event_object", "text_message", "sms_consent",
            "sms_number_opt_out", "inbound_text");

    @Test
    void everyPaymentAndMessagingTableHasForcedRowLevelSecurity() throws SQLException {
        try (Connection db = appRole()) {
            for (String table : PROTECTED) {
                assertThat(count(db, "select count(*) from pg_class where relname = '" + table
                        + "' and relrowsecurity and relforcerowsecurity")).as(table).isEqualTo(1);
            }
        }
    }

    @Test
    void withoutAScopeTheSavedCardsLookEmptyAndAClinicSeesOnlyItsOwn() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            assertThat(count(db, "select count(*) from clinic_payment_method")).isZero();
            scope(db, "system", "");
            assertThat(count(db, "select count(*) from clinic_payment_method")).isEqualTo(2);
            scope(db, "clinics", Demo.NORTHSIDE.toString());
            assertThat(count(db, "select count(*) from clinic_payment_method where clinic_id = '" + Demo.SUMMIT + "'"))
                    .isZero();
            assertThat(count(db, "select count(*) from clinic_payment_method")).isEqualTo(1);
            db.rollback();
        }
    }

    @Test
    void aClinicCannotWriteAnotherClinicsRows() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "clinics", Demo.NORTHSIDE.toString());
            assertThat(update(db, "update clinic_payment_method set card_last4 = '0000' where clinic_id = '"
                    + Demo.SUMMIT + "'")).isZero();
            assertThatThrownBy(() -> update(db, "insert into sms_consent (patient_id, organization_id, clinic_id,"
                    + " opted_out, source) values ('" + Demo.PATIENT_SUMMIT + "', '00000000-0000-4000-8000-000000000003',"
                    + " '" + Demo.SUMMIT + "', true, 'TEST')"))
                    .hasMessageContaining("row-level security");
            db.rollback();
        }
    }

    @Test
    void numberHashesAndInboundTextsAreTheSystemsOnly() throws SQLException {
        try (Connection db = appRole()) {
            db.setAutoCommit(false);
            scope(db, "system", "");
            update(db, "insert into sms_number_opt_out (number_hash, opted_out) values ('rls-test-hash', true)");
            assertThat(count(db, "select count(*) from sms_number_opt_out where number_hash = 'rls-test-hash'"))
                    .isEqualTo(1);
            scope(db, "clinics", Demo.NORTHSIDE.toString());
            assertThat(count(db, "select count(*) from sms_number_opt_out where number_hash = 'rls-test-hash'"))
                    .isZero();
            db.rollback();
        }
    }
}
