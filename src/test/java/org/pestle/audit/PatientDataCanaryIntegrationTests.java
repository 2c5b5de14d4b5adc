package org.pestle.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.pestle.support.Orders.line;
import static org.pestle.support.Orders.order;
import static org.pestle.support.Patients.address;
import static org.pestle.support.Patients.allergies;
import static org.pestle.support.Patients.patient;
import static org.pestle.support.Patients.search;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.Stripe;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pestle.support.Api;
import org.pestle.support.ApprovedOrders;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.MutableClock;
import org.pestle.support.ProviderStandIns;
import org.pestle.support.Transactions;
import org.pestle.support.WebSession;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The canary test (issue 4): one synthetic patient with unmistakable values goes through the main
 * scenarios (patient create, view, change, search, export; an order through eligibility, pharmacist
 * verification with a clarification, self-pay with a text and Stripe's webhook, cancellation with a
 * refund; an ineligible order; the patient portal; the console's order page) and through failing
 * requests that carry those values. None of the values may then appear in what the application
 * logged, in any error body the API returned, in any Camunda table (ACT_*) or in the audit trail.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PatientDataCanaryIntegrationTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String FIRST = "Canaryfirstzq";
    private static final String LAST = "Canarylastxq";
    private static final String BIRTH = "1937-11-29";
    private static final String WRONG_BIRTH = "1938-12-30";
    private static final String PHONE = "+15555550187";
    private static final String ADDRESS = "4471 Canaryaddrzq Lane";
    private static final String CITY = "Canarycityzq";
    private static final String ALLERGY = "Canaryallergyzq";
    private static final String NOTE = "Canarynotezq: post-op day 3, no complications";
    private static final String CHANGED_NOTE = "Canarypatchzq: started on naltrexone";
    private static final String TEXT_REPLY = "Canaryreplyzq is this the right pharmacy?";

    /** What must not appear anywhere looked at (matched case-insensitively). */
    private static final List<String> CANARIES = List.of(FIRST, LAST, BIRTH, "11/29/1937", "29.11.1937",
            WRONG_BIRTH, PHONE, "5555550187", "Canaryaddrzq", CITY, ALLERGY, "Canarynotezq", "Canarypatchzq",
            "Canaryreplyzq");

    @LocalServerPort
    int port;

    @Autowired
    TestRestTemplate http;

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Transactions transactions;

    @Autowired
    ApprovedOrders tasklist;

    @Autowired
    MutableClock clock;

    Api api;
    LogCapture logs;
    Level pestleLevel;
    final List<Failed> errorBodies = new ArrayList<>();

    /** A request that failed, and the body the API answered with. */
    record Failed(String request, int status, String contentType, String body) {
    }

    @BeforeEach
    void captureLogs() {
        api = new Api(http);
        ProviderStandIns.reset();
        Logger pestle = (Logger) LoggerFactory.getLogger("org.pestle");
        pestleLevel = pestle.getLevel();
        pestle.setLevel(Level.DEBUG);
        logs = new LogCapture();
        logs.setContext(pestle.getLoggerContext());
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        logs.stop();
        ((Logger) LoggerFactory.getLogger("org.pestle")).setLevel(pestleLevel);
    }

    @Test
    void syntheticPatientValuesReachNoLogNoErrorBodyNoCamundaTableAndNoAuditRecord(CapturedOutput output)
            throws Exception {
        // ---- the patient, as a clinic creates, reads, changes, finds and exports it
        Map<String, Object> body = patient(Demo.NORTHSIDE, FIRST, LAST, BIRTH, PHONE);
        body.put("address", address(ADDRESS, CITY, "US"));
        body.put("allergies", allergies(ALLERGY));
        body.put("clinicalNotes", NOTE);
        Api.Response created = api.post(Demo.REYES, "/api/patients", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        UUID patientId = UUID.fromString(created.json().get("id").asText());
        failing("POST /api/patients (the same patient again)", api.post(Demo.REYES, "/api/patients", body), 409);

        assertThat(api.get(Demo.PHARMACIST, "/api/patients/" + patientId).body()).contains(LAST, ALLERGY);
        Api.Response changed = api.exchange(Demo.REYES, HttpMethod.PATCH, "/api/patients/" + patientId,
                Map.of("clinicalNotes", CHANGED_NOTE), Map.of());
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(api.post(Demo.REYES, "/api/patients/search", search("firstName", FIRST, "lastName", LAST))
                .body()).contains(patientId.toString());
        assertThat(api.post(Demo.PHARMACIST, "/api/patients/search", search("phone", PHONE)).body())
                .contains(patientId.toString());
        assertThat(api.post(Demo.REYES, "/api/patients/search", search("dateOfBirth", BIRTH)).body())
                .contains(patientId.toString());
        assertThat(api.get(Demo.CLINIC_ADMIN, "/api/patients/export?clinicId=" + Demo.NORTHSIDE).body())
                .contains(LAST);

        // ---- an order: eligibility (a job), verification with a clarification, self-pay, cancellation, refund
        var submitted = api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, patientId,
                line(Demo.NALTREXONE))).json();
        UUID orderId = UUID.fromString(submitted.get("id").asText());
        String orderNumber = submitted.get("orderNumber").asText();
        Task verify = awaitTask(orderNumber, "Task_VerifyPrescription");
        assertThatThrownBy(() -> tasklist.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService()
                .complete(verify.getId(), Map.of("verificationDecision", "reject", "rejectionReason",
                        "Allergic to " + ALLERGY + ", " + FIRST + " " + LAST))))
                .as("free text in place of a reason code is refused")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContainIgnoringCase(ALLERGY)
                        .doesNotContainIgnoringCase(LAST));
        tasklist.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(verify.getId(),
                Map.of("verificationDecision", "clarify", "clarificationQuestion", "CONFIRM_ALLERGIES")));
        Task answer = awaitTask(orderNumber, "Task_AnswerClarification");
        tasklist.as(Demo.REYES, "prescribers", () -> engine.getTaskService().complete(answer.getId(),
                Map.of("clarificationAnswer", "CONFIRMED_AS_WRITTEN")));
        Task again = awaitTask(orderNumber, "Task_VerifyPrescription");
        tasklist.as(Demo.PHARMACIST, "pharmacists", () -> engine.getTaskService().complete(again.getId(),
                Map.of("verificationDecision", "approve")));

        Map<String, Object> payment = awaitCheckout(orderId);
        await().atMost(Duration.ofSeconds(20)).until(() -> !textsTo(PHONE).isEmpty());
        assertThat(ProviderStandIns.postTwilioWebhook(http, "/webhooks/twilio/inbound", Map.of("MessageSid",
                "SM" + UUID.randomUUID().toString().replace("-", ""), "From", PHONE, "To", "+15005550006",
                "Body", TEXT_REPLY), true).getStatusCode().value()).isEqualTo(200);
        assertThat(stripeWebhook(checkoutCompleted(payment, "pi_canary_" + orderNumber))).isEqualTo(200);
        awaitOrderStatus(orderId, "PAID");
        var cancelled = api.post(Demo.REYES, "/api/orders/" + orderId + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> "REFUNDED".equals(paymentStatus(orderId)));

        // ---- an order the rules refuse
        UUID ineligible = UUID.fromString(api.post(Demo.REYES, "/api/orders", order(Demo.NORTHSIDE, patientId,
                List.of(line(Demo.NALTREXONE), line(Demo.TRETINOIN)))).json().get("id").asText());
        awaitOrderStatus(ineligible, "REJECTED");

        // ---- the patient portal: a wrong, then the right date of birth
        Api.Response link = api.post(Demo.REYES, "/api/patients/" + patientId + "/portal-link", null);
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        String path = link.json().get("link").asText().substring(link.json().get("link").asText().indexOf("/p/"));
        WebSession patient = new WebSession(port, clock);
        assertThat(portal(patient, path, WRONG_BIRTH).body()).contains("does not match").doesNotContain(FIRST);
        assertThat(portal(patient, path, BIRTH).body()).contains("Hello " + FIRST + ".", orderNumber);

        // ---- the console's order page, as the pharmacist
        WebSession pharmacist = new WebSession(port, clock);
        pharmacist.signIn(Demo.PHARMACIST);
        assertThat(pharmacist.get("/console/orders/" + orderId).body()).contains(FIRST + " " + LAST, "born " + BIRTH);

        // ---- failing requests that carry the patient's values
        failInvalidPatientRequests(patientId);
        failInvalidOrderRequests(patientId, orderId);

        // ---- nothing of it anywhere
        List<String> leaks = new ArrayList<>();
        assertThat(errorBodies).as("error bodies collected").hasSizeGreaterThanOrEqualTo(20);
        for (Failed failed : errorBodies) {
            assertThat(failed.contentType()).as("content type of the error of " + failed.request())
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            found(failed.body()).forEach(canary -> leaks.add("error body of " + failed.request() + ": " + canary));
        }

        List<String> logged = logs.lines();
        assertThat(logged.stream().filter(event -> event.contains(verify.getProcessInstanceId())).count())
                .as("log events about the refused free-text rejection of this order's process captured").isPositive();
        for (int i = 0; i < logged.size(); i++) {
            String where = "log event " + i + " of " + logged.size() + " (" + logs.loggerOf(i) + ")";
            found(logged.get(i)).forEach(canary -> leaks.add(where + ": " + canary));
        }
        String printed = output.getAll();
        assertThat(printed).as("console output captured").isNotEmpty();
        found(printed).forEach(canary -> leaks.add("standard output or error: " + canary));

        try (Connection owner = AuditOwner.connect()) {
            Scan camunda = scan(owner, "act\\_%", List.of(orderNumber));
            assertThat(camunda.tables).as("Camunda tables scanned").isGreaterThanOrEqualTo(40);
            assertThat(camunda.rows).as("rows of Camunda tables scanned").isGreaterThan(200);
            assertThat(camunda.controls).as("the scan sees this test's process instances")
                    .contains("act_hi_procinst.business_key_");
            leaks.addAll(camunda.leaks);

            Scan audit = scan(owner, "audit\\_record", List.of(patientId.toString()));
            assertThat(audit.controls).as("the audit scan sees this patient's records")
                    .contains("audit_record.patient_id");
            leaks.addAll(audit.leaks);
        }
        assertThat(leaks).as("synthetic patient values found (where: value)").isEmpty();
    }

    private void failInvalidPatientRequests(UUID patientId) {
        Map<String, Object> invalid = patient(Demo.NORTHSIDE, (FIRST + " ").repeat(10), LAST,
                "29/11/1937", "call " + PHONE);
        invalid.put("address", address(ADDRESS, CITY, "Canarycityzq"));
        invalid.put("allergies", List.of(ALLERGY.repeat(20)));
        failing("POST /api/patients (invalid fields)", api.post(Demo.REYES, "/api/patients", invalid), 400);
        failing("POST /api/patients (birth date in the future)", api.post(Demo.REYES, "/api/patients",
                patient(Demo.NORTHSIDE, FIRST, LAST, "2937-11-29", PHONE)), 400);
        failing("POST /api/patients (birth date not a date)", api.post(Demo.REYES, "/api/patients",
                patient(Demo.NORTHSIDE, FIRST, LAST, "1937-02-30 " + LAST, PHONE)), 400);
        failing("POST /api/patients (wrong JSON types)", api.post(Demo.REYES, "/api/patients", """
                {"clinicId": "%s", "firstName": {"name": "%s"}, "lastName": "%s", "dateOfBirth": "%s",
                 "allergies": "%s"}""".formatted(FIRST, FIRST, LAST, BIRTH, ALLERGY)), 400);
        failing("POST /api/patients (not JSON)", api.post(Demo.REYES, "/api/patients",
                "{\"firstName\": \"" + FIRST + "\", \"lastName\": " + LAST), 400);
        failing("POST /api/patients (clinic not the user's)", api.post(Demo.OKAFOR, "/api/patients",
                patient(Demo.NORTHSIDE, FIRST, LAST, BIRTH, PHONE)), 422, 403, 404);
        failing("POST /api/patients/search (invalid terms)", api.post(Demo.REYES, "/api/patients/search",
                search("phone", PHONE + " " + LAST, "dateOfBirth", "29.11.1937", "firstName", FIRST.repeat(10),
                        "lastName", LAST)), 400);
        failing("POST /api/patients/search (first name only)", api.post(Demo.REYES, "/api/patients/search",
                search("firstName", FIRST)), 400);
        failing("PATCH /api/patients/{id} (invalid fields)", api.exchange(Demo.REYES, HttpMethod.PATCH,
                "/api/patients/" + patientId, Map.of("phone", LAST, "dateOfBirth", "11/29/1937",
                        "address", Map.of("line1", ADDRESS, "city", CITY, "country", LAST)), Map.of()), 400);
        failing("PATCH /api/patients/{id} (wrong JSON types)", api.exchange(Demo.REYES, HttpMethod.PATCH,
                "/api/patients/" + patientId, Map.of("firstName", List.of(FIRST), "allergies", ALLERGY,
                        "address", ADDRESS), Map.of()), 400);
        failing("PATCH /api/patients/{id} (a name where a key goes)", api.exchange(Demo.REYES, HttpMethod.PATCH,
                "/api/patients/" + patientId, Map.of(LAST, FIRST), Map.of()), 400);
        failing("PATCH /api/patients/{id} (unknown patient)", api.exchange(Demo.REYES, HttpMethod.PATCH,
                "/api/patients/" + UUID.randomUUID(), Map.of("lastName", LAST, "clinicalNotes", NOTE), Map.of()), 404);
        failing("PATCH /api/patients/{id} (a field the role may not write)", api.exchange(Demo.TECHNICIAN,
                HttpMethod.PATCH, "/api/patients/" + patientId, Map.of("clinicalNotes", NOTE), Map.of()),
                403, 404, 422);
        failing("GET /api/patients/{id} (unknown patient)", api.get(Demo.REYES, "/api/patients/" + UUID.randomUUID()),
                404);
        failing("GET /api/patients/{id} (another organization)", api.get(Demo.HALE, "/api/patients/" + patientId),
                404);
        failing("GET /api/patients/{id} (a name for the id)", api.get(Demo.REYES, "/api/patients/" + LAST), 404);
        failing("PATCH /api/patients/{id} (a name for the id)", api.exchange(Demo.REYES, HttpMethod.PATCH,
                "/api/patients/" + FIRST + "." + LAST, Map.of("clinicalNotes", NOTE), Map.of()), 404);
        failing("GET /api/patients/{id} (a name the firewall refuses)", api.get(Demo.REYES, "/api/patients/"
                + FIRST + ";" + LAST), 400);
        failing("GET /api/patients/{id}/{name} (no such resource)", api.get(Demo.REYES, "/api/patients/"
                + UUID.randomUUID() + "/" + LAST), 404, 405);
        failing("POST /api/patients/{id}/portal-link (a name for the id)", api.post(Demo.REYES, "/api/patients/"
                + LAST + "/portal-link", null), 400, 404);
        failing("GET /api/patients/export (a name for the clinic)", api.get(Demo.CLINIC_ADMIN,
                "/api/patients/export?clinicId=" + LAST), 400, 404);
        failing("GET /api/admin/audit/patients/{id} (a name for the id)", api.get(Demo.PRIVACY,
                "/api/admin/audit/patients/" + LAST), 400, 404);
        failing("POST /api/patients/{id}/portal-link (unknown patient)", api.post(Demo.REYES, "/api/patients/"
                + UUID.randomUUID() + "/portal-link", null), 404);
    }

    private void failInvalidOrderRequests(UUID patientId, UUID orderId) {
        failing("POST /api/orders (patient id is a name)", api.post(Demo.REYES, "/api/orders", """
                {"clinicId": "%s", "patientId": "%s %s", "lines": [{"compoundId": "%s", "quantity": 30,
                 "daysSupply": 30, "sig": "Use as directed", "refillsAuthorized": 0}]}"""
                .formatted(Demo.NORTHSIDE, FIRST, LAST, Demo.NALTREXONE)), 400);
        failing("POST /api/orders (values in number fields)", api.post(Demo.REYES, "/api/orders", """
                {"clinicId": "%s", "patientId": "%s", "lines": [{"compoundId": "%s", "quantity": "%s",
                 "daysSupply": "%s", "sig": "Use as directed", "refillsAuthorized": 0}]}"""
                .formatted(Demo.NORTHSIDE, patientId, Demo.NALTREXONE, PHONE, BIRTH)), 400);
        Map<String, Object> invalidLine = line(Demo.NALTREXONE, -1, 0, 100);
        invalidLine.put("sig", "For " + FIRST + " " + LAST + " born " + BIRTH + " " + "x".repeat(2000));
        failing("POST /api/orders (invalid line with the patient in the directions)", api.post(Demo.REYES,
                "/api/orders", order(Demo.NORTHSIDE, patientId, invalidLine)), 400);
        failing("POST /api/orders (unknown patient)", api.post(Demo.REYES, "/api/orders",
                order(Demo.NORTHSIDE, UUID.randomUUID(), line(Demo.NALTREXONE))), 422, 404);
        failing("POST /api/orders (patient of another clinic's prescriber)", api.post(Demo.OKAFOR, "/api/orders",
                order(Demo.LAKESIDE, patientId, line(Demo.NALTREXONE))), 422, 404);
        failing("POST /api/orders (not JSON)", api.post(Demo.REYES, "/api/orders",
                "{\"patientId\": \"" + FIRST + " " + LAST + "\", \"lines\": ["), 400);
        failing("POST /api/orders/{id}/cancel (reason is free text)", api.post(Demo.REYES, "/api/orders/" + orderId
                + "/cancel", Map.of("reason", "Patient " + LAST + " moved to " + CITY)), 400);
        failing("GET /api/orders/{id} (a name for the id)", api.get(Demo.REYES, "/api/orders/" + LAST), 404);
        failing("POST /api/orders/{id}/cancel (a name for the id)", api.post(Demo.REYES, "/api/orders/" + LAST
                + "/cancel", Map.of("reason", "PATIENT_REQUEST")), 404);
        failing("GET /api/orders/{id}/payment (a name for the id)", api.get(Demo.REYES, "/api/orders/" + LAST
                + "/payment"), 400, 404);
        failing("GET /api/orders/{id} (unknown order)", api.get(Demo.REYES, "/api/orders/" + UUID.randomUUID()), 404);
    }

    /** Records the answer of a request that must fail with one of these statuses. */
    private void failing(String request, Api.Response response, int... statuses) {
        assertThat(response.status()).as(request + ": " + response.body()).isIn(
                java.util.Arrays.stream(statuses).boxed().toList());
        errorBodies.add(new Failed(request, response.status(), String.valueOf(response.contentType()),
                String.valueOf(response.body())));
    }

    // ---- where to look

    /** The canary values in a text (case-insensitive), e.g. [Canarylastxq]; never the text itself. */
    private static List<String> found(String haystack) {
        if (haystack == null) {
            return List.of();
        }
        String lower = haystack.toLowerCase(Locale.ROOT);
        return CANARIES.stream().filter(c -> lower.contains(c.toLowerCase(Locale.ROOT))).toList();
    }

    /** What a scan of tables found: canary values (where) and control values (where). */
    static final class Scan {
        int tables;
        long rows;
        final List<String> leaks = new ArrayList<>();
        final List<String> controls = new ArrayList<>();
    }

    /**
     * Reads every text, character, JSON and bytea column (bytea decoded as UTF-8) of every table whose
     * name matches, as the owner in the system scope, and names where a canary value or a control value
     * was found: table.column and the row's position.
     */
    private static Scan scan(Connection owner, String tablePattern, List<String> controls) throws SQLException {
        Map<String, List<String[]>> columns = new LinkedHashMap<>();
        try (var query = owner.prepareStatement("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.table_name like ?
                order by c.table_name, c.ordinal_position""")) {
            query.setString(1, tablePattern);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(
                            new String[] {rows.getString(2), rows.getString(3)});
                }
            }
        }
        Scan scan = new Scan();
        try (Statement sql = owner.createStatement()) {
            for (var table : columns.entrySet()) {
                scan.tables++;
                List<String[]> cols = table.getValue();
                String select = String.join(", ", cols.stream().map(c -> c[1].equals("bytea")
                        ? "\"" + c[0] + "\"" : "\"" + c[0] + "\"::text").toList());
                try (ResultSet rows = sql.executeQuery("select " + select + " from \"" + table.getKey() + "\"")) {
                    long row = 0;
                    while (rows.next()) {
                        row++;
                        for (int i = 0; i < cols.size(); i++) {
                            String value = cols.get(i)[1].equals("bytea") ? utf8(rows.getBytes(i + 1))
                                    : rows.getString(i + 1);
                            if (value == null) {
                                continue;
                            }
                            String where = table.getKey() + "." + cols.get(i)[0];
                            for (String canary : found(value)) {
                                scan.leaks.add(where + " (row " + row + "): " + canary);
                            }
                            if (controls.stream().anyMatch(value::contains) && !scan.controls.contains(where)) {
                                scan.controls.add(where);
                            }
                        }
                    }
                    scan.rows += row;
                }
            }
        }
        return scan;
    }

    private static String utf8(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    // ---- the scenarios' steps

    private Task awaitTask(String orderNumber, String taskKey) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> engine.getTaskService().createTaskQuery()
                .processInstanceBusinessKey(orderNumber).taskDefinitionKey(taskKey).singleResult(), t -> t != null);
    }

    private void awaitOrderStatus(UUID orderId, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get(Demo.REYES, "/api/orders/" + orderId).json().path("status").asText()).isEqualTo(status));
    }

    private Map<String, Object> awaitCheckout(UUID orderId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> transactions.asSystem(() -> jdbc.sql("""
                select id, order_id, checkout_session_id, process_instance_id from payment where order_id = ?""")
                .param(orderId).query().listOfRows()).stream().findFirst().orElse(null),
                p -> p != null && p.get("checkout_session_id") != null && engine.getRuntimeService()
                        .createEventSubscriptionQuery().processInstanceId((String) p.get("process_instance_id"))
                        .eventName("PaymentSucceeded").count() == 1);
    }

    private String paymentStatus(UUID orderId) {
        return transactions.asSystem(() -> jdbc.sql("select status from payment where order_id = ?").param(orderId)
                .query(String.class).single());
    }

    private List<String> textsTo(String number) {
        return ProviderStandIns.server().findAll(postRequestedFor(urlMatching("/2010-04-01/Accounts/.+/Messages.json")))
                .stream().filter(r -> number.equals(r.formParameter("To").firstValue()))
                .map(r -> r.formParameter("Body").firstValue()).toList();
    }

    /** Stripe's checkout.session.completed, with the name and email the patient typed at checkout. */
    private static String checkoutCompleted(Map<String, Object> payment, String paymentIntent) throws Exception {
        Map<String, Object> session = new LinkedHashMap<>();
        session.put("id", payment.get("checkout_session_id"));
        session.put("object", "checkout.session");
        session.put("payment_status", "paid");
        session.put("payment_intent", paymentIntent);
        session.put("customer_details", Map.of("email", FIRST.toLowerCase(Locale.ROOT) + "@example.test",
                "name", FIRST + " " + LAST, "phone", PHONE, "address", Map.of("line1", ADDRESS, "city", CITY)));
        session.put("metadata", Map.of("payment_id", payment.get("id").toString(), "order_id",
                payment.get("order_id").toString()));
        return JSON.writeValueAsString(Map.of("id", "evt_" + UUID.randomUUID().toString().replace("-", ""),
                "object", "event", "api_version", Stripe.API_VERSION, "created", Instant.now().getEpochSecond(),
                "type", "checkout.session.completed", "livemode", false, "data", Map.of("object", session)));
    }

    private int stripeWebhook(String payload) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.add("Stripe-Signature", ProviderStandIns.stripeSignature(payload,
                ProviderStandIns.STRIPE_WEBHOOK_SECRET, Instant.now().getEpochSecond()));
        return http.postForEntity("/webhooks/stripe", new HttpEntity<>(payload, headers), String.class)
                .getStatusCode().value();
    }

    private static HttpResponse<String> portal(WebSession patient, String path, String dateOfBirth) {
        String page = patient.get(path).body();
        return patient.postForm(path, "dateOfBirth=" + dateOfBirth + "&_csrf=" + WebSession.csrfOf(page));
    }

    /**
     * Every logging event of the application while the test runs, rendered with its exception chain
     * and MDC. WireMock (the Stripe and Twilio stand-ins) is the test's, not the application's.
     */
    static final class LogCapture extends AppenderBase<ILoggingEvent> {

        private final List<String> lines = new ArrayList<>();
        private final List<String> loggers = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            String logger = event.getLoggerName();
            if (logger.startsWith("com.github.tomakehurst") || logger.startsWith("wiremock")
                    || logger.startsWith("org.eclipse.jetty")) {
                return;
            }
            StringBuilder line = new StringBuilder(event.getLevel() + " " + logger + " " + event.getFormattedMessage());
            event.getMDCPropertyMap().forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                for (IThrowableProxy suppressed : t.getSuppressed()) {
                    line.append(" | suppressed ").append(suppressed.getClassName()).append(": ")
                            .append(suppressed.getMessage());
                }
            }
            synchronized (lines) {
                lines.add(line.toString());
                loggers.add(event.getLevel() + " " + logger);
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String loggerOf(int index) {
            synchronized (lines) {
                return loggers.get(index);
            }
        }
    }
}
