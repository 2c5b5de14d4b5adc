package org.pestle.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.Transactions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Admins search the audit trail by its filters, page through it by keyset, and export it as CSV (audited). */
@IntegrationTest
class AuditSearchIntegrationTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    AuditRecords audit;

    @Autowired
    Transactions transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachFilterNarrowsTheResultToMatchingRecords() {
        String actor = "system:search-" + UUID.randomUUID().toString().substring(0, 8);
        UUID patient = UUID.randomUUID();
        transactions.asSystem(() -> {
            audit.record(AuditEntry.of(actor, "test.viewed", "patient", patient).withPatient(patient)
                    .withClinic(null, Demo.NORTHSIDE));
            audit.record(AuditEntry.of(actor, "test.denied", "order", "o-1").withOutcome(Outcome.DENIED)
                    .withClinic(null, Demo.LAKESIDE));
            audit.record(AuditEntry.of(actor, "test.viewed", "order", "o-2").withSource("PHARMACIST", null));
        });
        Api api = new Api(http);
        String base = "/api/admin/audit?actor=" + actor;

        assertThat(actions(api.get(Demo.ADMIN, base).json())).hasSize(3);
        assertThat(actions(api.get(Demo.ADMIN, base + "&action=test.viewed").json())).hasSize(2);
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&patientId=" + patient).json()))
                .containsExactly(patient.toString());
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&outcome=denied").json())).containsExactly("o-1");
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&clinicId=" + Demo.LAKESIDE).json())).containsExactly("o-1");
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&entityType=order&entityId=o-2").json()))
                .containsExactly("o-2");
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&role=PHARMACIST").json())).containsExactly("o-2");
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")
                .json())).isEmpty();
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&from=2000-01-01T00:00:00Z").json())).hasSize(3);
    }

    @Test
    void aRoleFindsTheRecordsOfActorsHoldingItAmongOtherRoles() {
        String actor = "system:roles-" + UUID.randomUUID().toString().substring(0, 8);
        transactions.asSystem(() -> {
            audit.record(AuditEntry.of(actor, "test.viewed", "order", "both").withSource("CLINIC_ADMIN,PRESCRIBER", null));
            audit.record(AuditEntry.of(actor, "test.viewed", "order", "prescriber").withSource("PRESCRIBER", null));
            audit.record(AuditEntry.of(actor, "test.viewed", "order", "admin").withSource("PHARMACY_ADMIN", null));
        });
        Api api = new Api(http);
        String base = "/api/admin/audit?actor=" + actor;

        assertThat(entityIds(api.get(Demo.ADMIN, base + "&role=PRESCRIBER").json()))
                .containsExactly("prescriber", "both");
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&role=CLINIC_ADMIN").json())).containsExactly("both");
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&role=ADMIN").json())).isEmpty();
        assertThat(entityIds(api.get(Demo.ADMIN, base + "&role=PRESCRIBER&action=test.viewed&from="
                + java.time.Instant.now().minusSeconds(3600)).json())).containsExactly("prescriber", "both");
    }

    @Test
    void pagesFollowEachOtherNewestFirstWithoutGapsOrRepeats() {
        String actor = "system:paging-" + UUID.randomUUID().toString().substring(0, 8);
        List<Long> written = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            transactions.asSystem(() -> audit.record(AuditEntry.of(actor, "test.paged", null, null)));
        }
        written.addAll(transactions.asSystem(() -> jdbc.sql("select seq from audit_record where actor = ? order by seq")
                .param(actor).query(Long.class).list()));
        Api api = new Api(http);
        List<Long> seen = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            JsonNode page = api.get(Demo.ADMIN, "/api/admin/audit?limit=3&actor=" + actor + next).json();
            page.get("records").forEach(record -> seen.add(record.get("seq").asLong()));
            next = page.path("next").isMissingNode() || page.get("next").isNull() ? null : "&before=" + page.get("next").asLong();
            pages++;
        } while (next != null);

        assertThat(pages).isEqualTo(3);
        java.util.Collections.reverse(written);
        assertThat(seen).containsExactlyElementsOf(written);
    }

    @Test
    void onlyUsersAllowedToViewTheAuditTrailMaySearchIt() {
        assertThat(new Api(http).get(Demo.PHARMACIST, "/api/admin/audit").status()).isEqualTo(403);
        assertThat(new Api(http).get(Demo.REYES, "/api/admin/audit/export").status()).isEqualTo(403);
    }

    @Test
    void theCsvExportHoldsTheMatchingRecordsAndIsItselfAudited() {
        String actor = "system:export-" + UUID.randomUUID().toString().substring(0, 8);
        transactions.asSystem(() -> audit.record(AuditEntry.of(actor, "test.exported", "order", "o-9")));

        Api.Response csv = new Api(http).exchange(Demo.ADMIN, org.springframework.http.HttpMethod.GET,
                "/api/admin/audit/export?actor=" + actor, null, Map.of("Accept", "text/csv"));

        assertThat(csv.status()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("seq,recordedAt,actor,");
        assertThat(lines.get(1)).contains(actor, "test.exported", "order", "o-9");
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select details ->> 'actor' from audit_record
                where action = 'audit.exported' and actor = ? order by seq desc limit 1""")
                .param(Demo.ADMIN).query(String.class).single())).isEqualTo(actor);
    }

    @Test
    void thePatientReportSaysWhoSawOrChangedThePatientAndWhatWasDisclosed() {
        Api api = new Api(http);
        assertThat(api.get(Demo.REYES, "/api/patients/" + Demo.PATIENT_NORTHSIDE_2).status()).isEqualTo(200);
        assertThat(api.get(Demo.REYES, "/api/patients/" + Demo.PATIENT_NORTHSIDE_2).status()).isEqualTo(200);

        JsonNode report = api.get(Demo.ADMIN, "/api/admin/audit/patients/" + Demo.PATIENT_NORTHSIDE_2).json();

        JsonNode reyes = null;
        for (JsonNode line : report) {
            if (line.get("actor").asText().equals(Demo.REYES) && line.get("action").asText().equals("patient.viewed")) {
                reyes = line;
            }
        }
        assertThat(reyes).isNotNull();
        assertThat(reyes.get("times").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(reyes.get("elements").toString()).contains("PATIENT_NAME");
        assertThat(api.get(Demo.PHARMACIST, "/api/admin/audit/patients/" + Demo.PATIENT_NORTHSIDE_2).status())
                .isEqualTo(403);
        assertThat(transactions.asSystem(() -> jdbc.sql("""
                select count(*) from audit_record where action = 'audit.patient-report-viewed' and actor = ?
                  and patient_id = ?""").params(Demo.ADMIN, Demo.PATIENT_NORTHSIDE_2).query(Long.class).single()))
                .isPositive();
    }

    private static List<String> actions(JsonNode page) {
        List<String> actions = new ArrayList<>();
        page.get("records").forEach(record -> actions.add(record.get("action").asText()));
        return actions;
    }

    private static List<String> entityIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("records").forEach(record -> ids.add(record.get("entityId").asText()));
        return ids;
    }
}
