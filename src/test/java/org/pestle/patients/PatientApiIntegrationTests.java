package org.pestle.patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pestle.support.Patients.address;
import static org.pestle.support.Patients.allergies;
import static org.pestle.support.Patients.patient;
import static org.pestle.support.Patients.search;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pestle.identity.DataElement;
import org.pestle.support.Api;
import org.pestle.support.Demo;
import org.pestle.support.IntegrationTest;
import org.pestle.support.RecordedEvents;
import org.pestle.support.SignedIn;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.pestle.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpMethod;

@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PatientApiIntegrationTests {

    static final String MARCUS_PHONE = "+15555550101";

    @Autowired
    TestRestTemplate http;

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    Patients patients;

    @Autowired
    UserDetailsService users;

    Api api;
    RecordedEvents events;

    @BeforeEach
    void setUp() {
        api = new Api(http);
        events = RecordedEvents.start(context);
    }

    @AfterEach
    void tearDown() {
        events.stop();
    }

    @Test
    void createdPatientIsStoredWithoutAnyPlaintextOfItsFields() throws SQLException {
        String last = uniqueName("Vantongeren");
        String phone = uniquePhone();
        Map<String, Object> body = patient(Demo.NORTHSIDE, "Aurelia", last, "1977-03-14", phone);
        body.put("address", address("221 Lighthouse Road", "Port Alder", "US"));
        body.put("allergies", allergies("amoxicillin"));
        body.put("clinicalNotes", "Gastric sleeve surgery in 2015.");

        Api.Response created = api.post(Demo.REYES, "/api/patients", body);

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/patients/" + id);
        assertThat(created.json().get("lastName").asText()).isEqualTo(last);
        String row = rawRows("where id = '" + id + "'");
        assertThat(row).contains(id);
        assertNoPlaintext(row, "Aurelia", last, "1977-03-14", phone, "Lighthouse", "Port Alder", "amoxicillin",
                "Gastric sleeve");
        assertThat(events.of(PatientCreated.class)).containsExactly(
                new PatientCreated(Demo.REYES, UUID.fromString(id), Demo.NORTHSIDE));
    }

    @Test
    void theDatabaseHoldsNoPlaintextNameBirthDateOrPhoneOfTheDemoPatients() throws SQLException {
        String rows = rawRows("");

        assertNoPlaintext(rows, "Marcus", "Wilson", "1968-04-12", MARCUS_PHONE, "Priya", "Raman", "Ingrid",
                "Solberg", "1959-11-21", "+15555550104", "Harbor Lane", "penicillin");
        assertThat(columnsOfThePatientTable()).doesNotContain("first_name", "last_name", "date_of_birth", "phone")
                .contains("first_name_ct", "phone_bidx");
    }

    @Test
    void ciphertextCopiedToAnotherPatientOrColumnFailsToDecrypt() throws SQLException {
        String copied = UUID.fromString(api.post(Demo.REYES, "/api/patients",
                patient(Demo.NORTHSIDE, "Beatrix", uniqueName("Nakagawa"), "1990-06-01", uniquePhone()))
                .json().get("id").asText()).toString();
        try (Connection db = superuser()) {
            byte[] ownLastName = bytes(db, "select last_name_ct from patient where id = '" + copied + "'");
            update(db, "update patient set last_name_ct = (select last_name_ct from patient where id = '"
                    + Demo.PATIENT_NORTHSIDE + "') where id = '" + copied + "'");
            Api.Response otherRows = api.get(Demo.PHARMACIST, "/api/patients/" + copied);

            update(db, "update patient set last_name_ct = first_name_ct where id = '" + copied + "'");
            Api.Response otherColumn = api.get(Demo.PHARMACIST, "/api/patients/" + copied);

            try (PreparedStatement restore = db.prepareStatement("update patient set last_name_ct = ? where id = ?")) {
                restore.setBytes(1, ownLastName);
                restore.setObject(2, UUID.fromString(copied));
                restore.executeUpdate();
            }
            assertThat(otherRows.status()).isEqualTo(500);
            assertThat(otherRows.body()).doesNotContain("Wilson", "Beatrix");
            assertThat(otherColumn.status()).isEqualTo(500);
            assertThat(api.get(Demo.PHARMACIST, "/api/patients/" + copied).status()).isEqualTo(200);
        }
    }

    @Test
    void searchByPhoneFindsThePatientThroughTheBlindIndex() {
        JsonNode found = api.post(Demo.REYES, "/api/patients/search", search("phone", MARCUS_PHONE)).json();

        assertThat(ids(found)).containsExactly(Demo.PATIENT_NORTHSIDE.toString());
        assertThat(found.at("/items/0/firstName").asText()).isEqualTo("Marcus");
        assertThat(found.get("truncated").asBoolean()).isFalse();
    }

    @Test
    void searchByDateOfBirthFindsEveryPatientBornThatDayInTheUsersClinics() {
        String day = "1971-02-0" + ThreadLocalRandom.current().nextInt(1, 10);
        String first = create(Demo.REYES, patient(Demo.NORTHSIDE, "Odile", uniqueName("Farrow"), day, null));
        String second = create(Demo.REYES, patient(Demo.NORTHSIDE, "Piet", uniqueName("Farrow"), day, null));
        create(Demo.OKAFOR, patient(Demo.LAKESIDE, "Quinn", uniqueName("Farrow"), day, null));

        JsonNode found = api.post(Demo.REYES, "/api/patients/search", search("dateOfBirth", day)).json();

        assertThat(ids(found)).containsExactlyInAnyOrder(first, second);
    }

    @Test
    void searchByFullNameIgnoresCaseAccentsAndSpacing() {
        JsonNode found = api.post(Demo.PHARMACIST, "/api/patients/search",
                search("firstName", "  TOMAS ", "lastName", "herrera")).json();

        assertThat(ids(found)).containsExactly(Demo.PATIENT_LAKESIDE.toString());
        assertThat(found.at("/items/0/firstName").asText()).isEqualTo("Tomás");
    }

    @Test
    void everyCriterionGivenMustMatch() {
        assertThat(ids(api.post(Demo.REYES, "/api/patients/search",
                search("phone", MARCUS_PHONE, "dateOfBirth", "1968-04-12")).json()))
                .containsExactly(Demo.PATIENT_NORTHSIDE.toString());
        assertThat(ids(api.post(Demo.REYES, "/api/patients/search",
                search("phone", MARCUS_PHONE, "dateOfBirth", "1968-04-13")).json())).isEmpty();
    }

    @Test
    void searchAcrossTenantsFindsNothing() {
        assertThat(ids(api.post(Demo.HALE, "/api/patients/search", search("phone", MARCUS_PHONE)).json()))
                .as("another organization").isEmpty();
        assertThat(ids(api.post(Demo.REYES, "/api/patients/search",
                search("firstName", "Tomás", "lastName", "Herrera")).json()))
                .as("another clinic of the same organization").isEmpty();
        Api.Response otherClinic = api.post(Demo.REYES, "/api/patients/search",
                Map.of("clinicId", Demo.SUMMIT.toString(), "phone", "+15555550104"));
        assertThat(otherClinic.status()).isEqualTo(422);
        assertThat(fields(otherClinic)).containsExactly("clinicId");
        assertThat(otherClinic.body()).doesNotContain("Ingrid");
    }

    @Test
    void pharmacyStaffFindPatientsOfEveryClinic() {
        assertThat(ids(api.post(Demo.TECHNICIAN, "/api/patients/search", search("phone", "+15555550104")).json()))
                .containsExactly(Demo.PATIENT_SUMMIT.toString());
    }

    @Test
    void searchTermsNeedAFullNameOrAnotherCriterion() {
        Api.Response onlyFirstName = api.post(Demo.REYES, "/api/patients/search", search("firstName", "Marcus"));
        Api.Response nothing = api.post(Demo.REYES, "/api/patients/search", Map.of());

        assertThat(onlyFirstName.status()).isEqualTo(400);
        assertThat(fields(onlyFirstName)).containsExactly("lastName");
        assertThat(nothing.status()).isEqualTo(400);
    }

    @Test
    void eachRoleSeesOnlyTheDataElementsTheMatrixGivesIt() {
        JsonNode prescriber = api.get(Demo.REYES, "/api/patients/" + Demo.PATIENT_NORTHSIDE).json();
        JsonNode technician = api.get(Demo.TECHNICIAN, "/api/patients/" + Demo.PATIENT_NORTHSIDE).json();
        JsonNode clinicAdmin = api.get(Demo.CLINIC_ADMIN, "/api/patients/" + Demo.PATIENT_NORTHSIDE).json();

        assertThat(names(prescriber)).contains("firstName", "lastName", "dateOfBirth", "phone", "address",
                "allergies", "clinicalNotes");
        assertThat(names(technician)).contains("firstName", "dateOfBirth", "phone", "allergies")
                .doesNotContain("address", "clinicalNotes");
        assertThat(names(clinicAdmin)).contains("firstName", "dateOfBirth", "phone", "address")
                .doesNotContain("allergies", "clinicalNotes");
        assertThat(technician.get("allergies").get(0).asText()).isEqualTo("penicillin");
        assertThat(api.get(Demo.OPERATOR, "/api/patients/" + Demo.PATIENT_NORTHSIDE).status()).isEqualTo(403);
        assertThat(api.get(Demo.ADMIN, "/api/patients/" + Demo.PATIENT_NORTHSIDE).status()).isEqualTo(403);
    }

    @Test
    void everyReadIsPublishedForTheAuditTrailWithTheElementsDisclosed() {
        api.get(Demo.TECHNICIAN, "/api/patients/" + Demo.PATIENT_NORTHSIDE);
        api.post(Demo.CLINIC_ADMIN, "/api/patients/search", search("phone", MARCUS_PHONE));

        assertThat(events.of(PatientViewed.class)).containsExactly(
                new PatientViewed(Demo.TECHNICIAN, Demo.PATIENT_NORTHSIDE, Demo.NORTHSIDE,
                        Set.of(DataElement.PATIENT_NAME, DataElement.PATIENT_DATE_OF_BIRTH, DataElement.PATIENT_PHONE,
                                DataElement.PATIENT_ALLERGIES)),
                new PatientViewed(Demo.CLINIC_ADMIN, Demo.PATIENT_NORTHSIDE, Demo.NORTHSIDE,
                        Set.of(DataElement.PATIENT_NAME, DataElement.PATIENT_DATE_OF_BIRTH, DataElement.PATIENT_PHONE,
                                DataElement.PATIENT_ADDRESS)));
    }

    @Test
    void patientOfAnotherClinicIsNotFound() {
        assertThat(api.get(Demo.OKAFOR, "/api/patients/" + Demo.PATIENT_NORTHSIDE).status()).isEqualTo(404);
        assertThat(api.get(Demo.HALE, "/api/patients/" + Demo.PATIENT_NORTHSIDE).status()).isEqualTo(404);
        assertThat(api.get(Demo.REYES, "/api/patients/not-an-id").status()).isEqualTo(404);
        assertThat(events.of(PatientViewed.class)).isEmpty();
    }

    @Test
    void invalidDemographicsAreNamedInOneProblemWithoutEchoingTheValues() {
        Map<String, Object> body = patient(Demo.NORTHSIDE, "Cosima", "Invalid", "12/04/1968", "555-0101");
        body.put("address", address("1 Main St", "Springfield", "usa"));

        Api.Response response = api.post(Demo.REYES, "/api/patients", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType().toString()).startsWith("application/problem+json");
        assertThat(fields(response)).containsExactly("address.country", "dateOfBirth", "phone");
        assertThat(response.body()).doesNotContain("555-0101", "12/04/1968", "Cosima");
        assertThat(message(response, "dateOfBirth")).isEqualTo("must be a date in ISO form YYYY-MM-DD");
        assertThat(message(response, "phone")).contains("E.164");
    }

    @Test
    void dateOfBirthInTheFutureOrOnADayThatDoesNotExistIsRefused() {
        Api.Response future = api.post(Demo.REYES, "/api/patients", patient(Demo.NORTHSIDE, "Cosima", "Future",
                LocalDate.now().plusDays(1).toString(), null));
        Api.Response noSuchDay = api.post(Demo.REYES, "/api/patients", patient(Demo.NORTHSIDE, "Cosima", "Leap",
                "2023-02-29", null));

        assertThat(future.status()).isEqualTo(400);
        assertThat(message(future, "dateOfBirth")).isEqualTo("must not be in the future");
        assertThat(noSuchDay.status()).isEqualTo(400);
        assertThat(fields(noSuchDay)).containsExactly("dateOfBirth");
    }

    @Test
    void sameNameAndDateOfBirthInTheSameClinicIsAConflictNamingTheExistingPatient() {
        Api.Response duplicate = api.post(Demo.REYES, "/api/patients",
                patient(Demo.NORTHSIDE, "MARCUS", " wilson ", "1968-04-12", null));
        Api.Response otherClinic = api.post(Demo.OKAFOR, "/api/patients",
                patient(Demo.LAKESIDE, "Marcus", "Wilson", "1968-04-12", null));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("type").asText()).isEqualTo("urn:pestle:problem:duplicate-patient");
        assertThat(duplicate.json().get("detail").asText()).contains(Demo.PATIENT_NORTHSIDE.toString())
                .doesNotContain("Marcus", "Wilson", "1968");
        assertThat(otherClinic.status()).isEqualTo(201);
    }

    @Test
    void patchChangesAndClearsFieldsAndTheBlindIndexFollows() {
        String oldPhone = uniquePhone();
        String newPhone = uniquePhone();
        Map<String, Object> body = patient(Demo.NORTHSIDE, "Dorian", uniqueName("Achterberg"), "1980-08-08", oldPhone);
        body.put("clinicalNotes", "Needs large-print labels.");
        String id = create(Demo.REYES, body);
        events.clear();

        Api.Response changed = api.exchange(Demo.REYES, HttpMethod.PATCH, "/api/patients/" + id,
                "{\"phone\": \"" + newPhone + "\", \"clinicalNotes\": null}", Map.of());

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("phone").asText()).isEqualTo(newPhone);
        assertThat(changed.json().has("clinicalNotes")).isFalse();
        assertThat(changed.json().get("firstName").asText()).isEqualTo("Dorian");
        assertThat(changed.json().get("version").asLong()).isEqualTo(1);
        assertThat(events.of(PatientChanged.class)).containsExactly(new PatientChanged(Demo.REYES,
                UUID.fromString(id), Demo.NORTHSIDE, Set.of(DataElement.PATIENT_PHONE, DataElement.CLINICAL_NOTES)));
        assertThat(ids(api.post(Demo.REYES, "/api/patients/search", search("phone", newPhone)).json()))
                .containsExactly(id);
        assertThat(ids(api.post(Demo.REYES, "/api/patients/search", search("phone", oldPhone)).json())).isEmpty();
    }

    @Test
    void requiredFieldsCannotBeRemovedAndBadValuesAreNamed() {
        String id = create(Demo.REYES, patient(Demo.NORTHSIDE, "Ember", uniqueName("Lindgren"), "1999-09-09", null));

        Api.Response removed = api.exchange(Demo.REYES, HttpMethod.PATCH, "/api/patients/" + id,
                "{\"firstName\": null, \"dateOfBirth\": null}", Map.of());
        Api.Response badPhone = api.exchange(Demo.REYES, HttpMethod.PATCH, "/api/patients/" + id,
                "{\"phone\": \"0044 20 7946 0000\"}", Map.of());

        assertThat(removed.status()).isEqualTo(400);
        assertThat(fields(removed)).containsExactly("dateOfBirth", "firstName");
        assertThat(badPhone.status()).isEqualTo(400);
        assertThat(fields(badPhone)).containsExactly("phone");
        assertThat(api.get(Demo.REYES, "/api/patients/" + id).json().get("version").asLong()).isZero();
    }

    @Test
    void aFieldTheRoleMayNotReadCannotBeWrittenEither() {
        Map<String, Object> body = patient(Demo.NORTHSIDE, "Fenna", uniqueName("Brookside"), "1988-01-01", null);
        body.put("clinicalNotes", "Written by someone who may not read it");

        Api.Response response = api.post(Demo.CLINIC_ADMIN, "/api/patients", body);

        assertThat(response.status()).isEqualTo(403);
        assertThat(fields(response)).containsExactly("clinicalNotes");
        assertThat(events.of(PatientCreated.class)).isEmpty();
        assertThat(api.get(Demo.TECHNICIAN, "/api/patients/" + Demo.PATIENT_NORTHSIDE).status()).isEqualTo(200);
        assertThat(api.post(Demo.TECHNICIAN, "/api/patients",
                patient(Demo.NORTHSIDE, "Fenna", "Tech", "1988-01-01", null)).status())
                .as("technicians may view, not edit").isEqualTo(403);
    }

    @Test
    void exportHasTheColumnsTheRoleMayReadOnlyItsClinicsAndIsPublished() {
        Api.Response export = api.get(Demo.CLINIC_ADMIN, "/api/patients/export");

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType().toString()).startsWith("text/csv");
        assertThat(export.header("Content-Disposition")).startsWith("attachment; filename=\"patients-");
        List<String> lines = export.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("id,clinicId,firstName,lastName,dateOfBirth,phone,address,createdAt,"
                + "updatedAt");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(Demo.PATIENT_NORTHSIDE + ","
                + Demo.NORTHSIDE + ",Marcus,Wilson,1968-04-12," + MARCUS_PHONE + ",\"12 Harbor Lane, Springfield"));
        assertThat(lines.subList(1, lines.size())).allSatisfy(line ->
                assertThat(line).contains("," + Demo.NORTHSIDE + ","));
        List<PatientsExported> exported = events.of(PatientsExported.class);
        assertThat(exported).hasSize(1);
        assertThat(exported.get(0).actor()).isEqualTo(Demo.CLINIC_ADMIN);
        assertThat(exported.get(0).patientIds()).hasSize(lines.size() - 1).contains(Demo.PATIENT_NORTHSIDE);
        assertThat(exported.get(0).elements()).doesNotContain(DataElement.CLINICAL_NOTES);
        assertThat(api.get(Demo.PHARMACIST, "/api/patients/export").status()).as("no export right").isEqualTo(403);
    }

    @Test
    void spreadsheetFormulasInFreeTextAreDefusedInTheExport() {
        String last = uniqueName("Formula");
        create(Demo.REYES, patient(Demo.NORTHSIDE, "=HYPERLINK(\"http://example.invalid\")", last, "1970-01-01",
                null));

        String csv = api.get(Demo.CLINIC_ADMIN, "/api/patients/export?clinicId=" + Demo.NORTHSIDE).body();

        assertThat(csv.lines().filter(line -> line.contains(last)).findFirst().orElseThrow())
                .contains("\"'=HYPERLINK(");
    }

    @Test
    void patientsApiOfOtherModulesReadsTheEncryptedRecords() {
        SignedIn.as(users, Demo.PHARMACIST);
        try {
            assertPatientsApiReadsEncryptedRecords();
        } finally {
            SignedIn.out();
        }
    }

    private void assertPatientsApiReadsEncryptedRecords() {
        assertThat(patients.isPatientOfClinic(Demo.PATIENT_NORTHSIDE, Demo.NORTHSIDE)).isTrue();
        assertThat(patients.isPatientOfClinic(Demo.PATIENT_NORTHSIDE, Demo.LAKESIDE)).isFalse();
        assertThat(patients.summary(Demo.PATIENT_NORTHSIDE).orElseThrow().displayName()).isEqualTo("Marcus Wilson");
        assertThat(patients.summary(Demo.PATIENT_NORTHSIDE).orElseThrow().dateOfBirth())
                .isEqualTo(LocalDate.of(1968, 4, 12));
        assertThat(patients.smsNumber(Demo.PATIENT_SUMMIT)).contains("+15555550104");
        assertThat(patients.summary(UUID.randomUUID())).isEmpty();
        assertThat(events.of(PatientViewed.class)).hasSize(3)
                .allSatisfy(viewed -> assertThat(viewed.actor()).isEqualTo(Demo.PHARMACIST));
    }

    @Test
    void noPatientDataReachesTheLogs(CapturedOutput output) {
        String last = uniqueName("Logsworth");
        String phone = uniquePhone();
        create(Demo.REYES, patient(Demo.NORTHSIDE, "Gwendolyn", last, "1966-06-06", phone));
        api.post(Demo.REYES, "/api/patients", patient(Demo.NORTHSIDE, "Gwendolyn", last, "1966-06-06", null));
        api.post(Demo.REYES, "/api/patients/search", search("phone", phone));
        api.post(Demo.REYES, "/api/patients", patient(Demo.NORTHSIDE, "Gwendolyn", last, "06/06/1966", "x" + phone));
        api.get(Demo.CLINIC_ADMIN, "/api/patients/export");

        assertThat(output.getAll()).doesNotContain(last, phone, "Gwendolyn", "1966-06-06");
    }

    private String create(String user, Map<String, Object> body) {
        Api.Response created = api.post(user, "/api/patients", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asText();
    }

    static String uniqueName(String base) {
        StringBuilder suffix = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            suffix.append((char) ('a' + random.nextInt(26)));
        }
        return base + suffix;
    }

    static String uniquePhone() {
        return "+1555" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }

    private static List<String> ids(JsonNode found) {
        List<String> ids = new ArrayList<>();
        found.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> fields(Api.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().get("errors").forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private static String message(Api.Response response, String field) {
        for (JsonNode error : response.json().get("errors")) {
            if (error.get("field").asText().equals(field)) {
                return error.get("message").asText();
            }
        }
        throw new AssertionError("no error for " + field);
    }

    /** What a database dump shows of the patient table: every row as JSON, bytea in hex. */
    private static String rawRows(String where) throws SQLException {
        try (Connection db = superuser(); var statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select coalesce(string_agg(row_to_json(p)::text, E'\\n'), '') "
                        + "from patient p " + where)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void assertNoPlaintext(String dump, String... values) {
        for (String value : values) {
            assertThat(dump).doesNotContainIgnoringCase(value)
                    .doesNotContain(HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private static List<String> columnsOfThePatientTable() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection db = superuser(); var statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select column_name from information_schema.columns "
                        + "where table_name = 'patient'")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        return columns;
    }

    private static Connection superuser() throws SQLException {
        TestDatabase.Server server = TestDatabase.get();
        return DriverManager.getConnection(server.url(), server.superuser(), server.superuserPassword());
    }

    private static byte[] bytes(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getBytes(1);
        }
    }

    private static void update(Connection db, String sql) throws SQLException {
        try (var statement = db.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
