package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The activity feed on the start page: sentences from the audit trail, each viewer seeing only the
 * kinds of action, names and amounts the permission matrix lets their roles see, and only their own
 * clinics' records when they work for a clinic.
 */
@IntegrationTest
class ActivityFeedIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Autowired
    ApprovedOrders approvedOrders;

    @Autowired
    JdbcClient jdbc;

    long northsideOrder;
    long lakesideOrder;

    @BeforeEach
    void someActivity() {
        northsideOrder = ThreadLocalRandom.current().nextLong(10_000_000, 99_999_999);
        lakesideOrder = northsideOrder + 1;
        transactions.asSystem(() -> {
            audit.record(new AuditEntry("pharmacist", "PHARMACIST", null, null, Demo.NORTHSIDE, "order.approved",
                    "order", UUID.randomUUID().toString(), Demo.PATIENT_NORTHSIDE, Outcome.SUCCESS, null, null,
                    Map.of("orderNumber", northsideOrder)));
            audit.record(new AuditEntry("system:payment", null, null, null, Demo.NORTHSIDE, "payment.captured",
                    "payment", UUID.randomUUID().toString(), Demo.PATIENT_NORTHSIDE, Outcome.SUCCESS, null, null,
                    Map.of("orderNumber", northsideOrder, "amountCents", 5200, "route", "SELF_PAY")));
            audit.record(new AuditEntry("pharmacist2", "PHARMACIST", null, null, Demo.LAKESIDE, "order.approved",
                    "order", UUID.randomUUID().toString(), Demo.PATIENT_LAKESIDE, Outcome.SUCCESS, null, null,
                    Map.of("orderNumber", lakesideOrder)));
            audit.record(new AuditEntry("admin", "PHARMACY_ADMIN", null, null, null, "permissions.changed",
                    "role", "PHARMACY_TECHNICIAN", null, Outcome.SUCCESS, null, null, Map.of()));
        });
    }

    @Test
    void aPharmacistSeesOrdersAndPaymentsWithThePatientsNameButNotPermissionChanges() {
        String feed = feedOf(Demo.PHARMACIST);

        assertThat(feed).contains("Dana (pharmacist) approved order #" + northsideOrder,
                "Patient M. Wilson paid $52.00 for order #" + northsideOrder,
                "Sam (pharmacist) approved order #" + lakesideOrder)
                .doesNotContain("Permissions of pharmacy technicians");
    }

    @Test
    void aPharmacyAdminSeesAmountsAndPermissionChangesButNoPatientNames() {
        String feed = feedOf(Demo.ADMIN);

        assertThat(feed).contains("The patient paid $52.00 for order #" + northsideOrder,
                "Permissions of pharmacy technicians updated by Jane (admin)")
                .doesNotContain("Wilson");
    }

    @Test
    void anOperatorWhoReadsNoOrdersSeesNoneOfThem() {
        String feed = feedOf(Demo.OPERATOR);

        assertThat(feed).contains("Recent activity")
                .doesNotContain("#" + northsideOrder, "#" + lakesideOrder, "Permissions of");
    }

    @Test
    void aClinicAdminSeesOnlyTheirOwnClinicsActivity() {
        String feed = feedOf(Demo.CLINIC_ADMIN);

        assertThat(feed).contains("Patient M. Wilson paid $52.00 for order #" + northsideOrder)
                .doesNotContain("#" + lakesideOrder, "Permissions of");
    }

    @Test
    void aPatientNameTheFeedShowsIsRecordedAsARead() {
        long before = lastSeq();

        feedOf(Demo.PHARMACIST);

        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where seq > ? and actor = 'pharmacist' and action = 'patient.viewed'
                  and patient_id = ? and details -> 'elements' @> '["PATIENT_NAME"]'""")
                .params(before, Demo.PATIENT_NORTHSIDE).query(Long.class).single())).isEqualTo(1);
    }

    @Test
    void aPharmacistsApprovalInTasklistAppearsInTheFeedLinkedToTheOrder() {
        ApprovedOrders.Approved order = approvedOrders.approve(Demo.REYES, Demo.NORTHSIDE, Demo.PATIENT_NORTHSIDE);

        String feed = feedOf(Demo.ADMIN);

        assertThat(feed).contains("href=\"/console/orders/" + order.id() + "\">Dana (pharmacist) approved order #"
                + order.number() + "</a>");
    }

    private String feedOf(String user) {
        WebSession browser = new WebSession(port, clock);
        browser.signIn(user);
        var home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        String body = home.body().replace("&#39;", "'").replace("&amp;", "&");
        return body.substring(body.indexOf("Recent activity"));
    }

    private long lastSeq() {
        return transactions.asSystem(() -> jdbc.sql("select coalesce(max(seq), 0) from audit_record")
                .query(Long.class).single());
    }
}
