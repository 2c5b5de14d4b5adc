package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The audit trail in the console: search, pages, CSV export, the patient report and chain verification. */
@IntegrationTest
class AuditPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdminSearchesByActorAndPagesToOlderRecords() {
        String actor = someRecords(3);
        WebSession admin = signedIn(Demo.ADMIN);

        String first = admin.get("/console/audit?actor=" + actor + "&before=" + Long.MAX_VALUE).body();
        assertThat(first).contains("test.page-0", "test.page-1", "test.page-2");

        var page = admin.get("/console/audit?actor=" + actor + "&action=test.page-1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("test.page-1").doesNotContain("test.page-0", "test.page-2");
    }

    @Test
    void theOlderRecordsLinkKeepsTheFilters() {
        String actor = someRecords(60);
        WebSession admin = signedIn(Demo.ADMIN);

        String first = admin.get("/console/audit?actor=" + actor).body();
        String older = first.replaceAll("(?s).*href=\"([^\"]+)\"\\s+rel=\"next\".*", "$1").replace("&amp;", "&");

        assertThat(older).startsWith("/console/audit?actor=" + actor + "&before=");
        String second = admin.get(older).body();
        assertThat(second).contains("test.page-0").doesNotContain("test.page-59").doesNotContain("rel=\"next\"");
        assertThat(first).contains("test.page-59").doesNotContain("test.page-0<");
    }

    @Test
    void theExportIsACsvOfTheSearchAndIsItselfRecorded() {
        String actor = someRecords(2);
        WebSession admin = signedIn(Demo.ADMIN);

        var export = admin.get("/console/audit/export?actor=" + actor);

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(export.body().lines()).hasSize(3).first().asString().startsWith("seq,recordedAt,actor");
        assertThat(lastRecordOf("admin")).isEqualTo("audit.exported");
    }

    @Test
    void aNameTypedAtSignInCannotBecomeASpreadsheetFormulaInTheExport() {
        String formula = "=HYPERLINK(\"http://a.example\",\"x\")-" + UUID.randomUUID().toString().substring(0, 8);
        new WebSession(port, clock).password(formula, "wrong");
        WebSession admin = signedIn(Demo.ADMIN);

        String csv = admin.get("/console/audit/export?action=login.failed&actor="
                + URLEncoder.encode(formula, StandardCharsets.UTF_8)).body();

        assertThat(csv.lines()).hasSize(2);
        assertThat(csv).contains("'=HYPERLINK").doesNotContain(",=", ",\"=");
    }

    @Test
    void anEndlessNameTypedAtSignInIsRecordedCut() {
        String name = "x" + UUID.randomUUID().toString().replace("-", "") + "y".repeat(5000);
        new WebSession(port, clock).password(name, "wrong");

        String recorded = transactions.asSystem(() -> jdbc.sql(
                "select actor from audit_record where action = 'login.failed' and actor like ? order by seq desc limit 1")
                .param(name.substring(0, 33) + "%").query(String.class).single());

        assertThat(recorded).hasSize(65).startsWith(name.substring(0, 64)).endsWith("…");
    }

    @Test
    void aMistypedFilterIsExplainedOnThePage() {
        WebSession admin = signedIn(Demo.ADMIN);

        var page = admin.get("/console/audit?patientId=not-an-id&from=yesterday&before=older");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("A patient id looks like", "A time looks like 2026-11-22T14:30",
                "follow the &quot;Older records&quot; link")
                .doesNotContain("<caption>Records</caption>");
    }

    @Test
    void thePatientReportSaysWhoSawThePatientAndIsItselfRecorded() {
        UUID patient = UUID.randomUUID();
        transactions.asSystem(() -> audit.record(new AuditEntry("pharmacist", "PHARMACIST", null, null,
                Demo.NORTHSIDE, "patient.viewed", "patient", patient.toString(), patient, Outcome.SUCCESS, null, null,
                java.util.Map.of("elements", java.util.List.of("PATIENT_NAME", "PATIENT_PHONE")))));
        WebSession privacy = signedIn(Demo.PRIVACY);

        String report = privacy.get("/console/audit/patients?patientId=" + patient).body();

        assertThat(report).contains("pharmacist", "patient.viewed", "patient name, patient phone");
        assertThat(lastRecordOf("privacy")).isEqualTo("audit.patient-report-viewed");
    }

    @Test
    void verifyingTheChainFromThePageSaysItIsIntactAndIsRecorded() {
        WebSession admin = signedIn(Demo.ADMIN);
        String search = admin.get("/console/audit").body();

        var started = admin.postForm("/console/audit/verify",
                "_csrf=" + URLEncoder.encode(WebSession.csrfOf(search), StandardCharsets.UTF_8));

        assertThat(started.statusCode()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElse("")).endsWith("/console/audit/verify");
        String result = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> admin.get("/console/audit/verify").body(), page -> !page.contains("Walking the chain"));
        assertThat(result).contains("Started by <span>admin</span>", "The chain is intact");
        assertThat(lastRecordOf("admin")).isEqualTo("audit.verified");
    }

    @Test
    void aBrokenChainIsShownWithItsFirstBrokenRecord() throws java.sql.SQLException {
        long seq = AuditSealing.recordOne(transactions, jdbc, audit, "test.to-edit", "thing", "t");
        // tampering is found once the record is sealed into the chain (before, it is the window, docs/audit.md)
        AuditSealing.awaitSealed(transactions, jdbc, seq);
        WebSession privacy = signedIn(Demo.PRIVACY);
        try (var db = AuditOwner.connect(); var sql = db.createStatement()) {
            AuditOwner.maintenance(sql, "update audit_record set entity_id = 'edited' where seq = " + seq);
            try {
                String search = privacy.get("/console/audit").body();
                privacy.postForm("/console/audit/verify",
                        "_csrf=" + URLEncoder.encode(WebSession.csrfOf(search), StandardCharsets.UTF_8));
                String result = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                        .until(() -> privacy.get("/console/audit/verify").body(),
                                page -> !page.contains("Walking the chain"));

                assertThat(result).contains("The chain is broken at record", "#" + seq,
                        "it was edited after it was written");
            } finally {
                AuditOwner.maintenance(sql, "update audit_record set entity_id = 't' where seq = " + seq);
            }
        }
        assertThat(audit.verify().intact()).isTrue();
    }

    @Test
    void rolesThatMayNotViewTheAuditTrailAreTurnedAway() {
        assertThat(signedIn(Demo.PHARMACIST).get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(signedIn(Demo.OPERATOR).get("/console/audit/export").statusCode()).isEqualTo(403);
        assertThat(signedIn(Demo.CLINIC_ADMIN).get("/console/audit/patients?patientId=" + Demo.PATIENT_NORTHSIDE)
                .statusCode()).isEqualTo(403);
    }

    private String someRecords(int count) {
        String actor = "system:pages-" + UUID.randomUUID().toString().substring(0, 8);
        transactions.asSystem(() -> {
            for (int i = 0; i < count; i++) {
                audit.record(AuditEntry.of(actor, "test.page-" + i, "thing", "t-" + i));
            }
            return null;
        });
        return actor;
    }

    private String lastRecordOf(String actor) {
        return transactions.asSystem(() -> jdbc.sql("select action from audit_record where actor = ? order by seq desc limit 1")
                .param(actor).query(String.class).single());
    }

    private WebSession signedIn(String user) {
        WebSession session = new WebSession(port, clock);
        session.signIn(user);
        return session;
    }
}
